"""Matching test data: a small indexed pool in a temporary index folder, and a Python requisition of client A."""

from __future__ import annotations

from typing import Any

from handoff.domain.matching import actions
from handoff.domain.recruiting import actions as recruiting
from handoff.domain.recruiting.models import Candidate, Requisition
from handoff.domain.recruiting.normalise import skill_entries
from tests.personas import World
from tests.recruiting import candidate_data, open_requisition


def add_candidate(world: World, name: str, headline: str, skills: list[str], **overrides: Any) -> Candidate:
    slug = name.lower().replace(" ", ".")
    data = candidate_data(
        full_name=name,
        email=f"{slug}@mail.test",
        phone="",
        profile_url="",
        headline=headline,
        skills=skill_entries(skills),
        **overrides,
    )
    return recruiting.create_candidate(world.users["provider_admin"], data)


def python_requisition(world: World, **overrides: Any) -> Requisition:
    data = {
        "title": "Python developer",
        "description": "Build Django services in Python.",
        "required_skills": skill_entries(["Python", "Django"]),
        "location": "Boston",
        **overrides,
    }
    return open_requisition(world.users["provider_admin"], world.users["hr_admin_a"], world.rpo_a, **data)


def indexed_pool(world: World) -> dict[str, Candidate]:
    made = {
        "pythonista": add_candidate(world, "Paula Python", "Python and Django developer", ["Python", "Django"]),
        "half": add_candidate(world, "Hal Half", "Python scripting", ["Python"]),
        "plumber": add_candidate(world, "Pete Plumber", "Plumber", ["Pipe fitting"]),
    }
    actions.rebuild_index()
    return made
