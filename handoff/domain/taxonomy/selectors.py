"""Reads of the taxonomy: provider-wide reference data, the same for every user and client.

``load_taxonomy`` rebuilds the engine's ``Taxonomy`` from the tables and keeps it in memory,
keyed by the latest successful ``ImportRun``: every call costs one small query, and a new
import (from any process) is picked up on the next call. ``normaliser`` does the same for the
``Normaliser`` built on it (about half a second to build for O*NET), and ``per_import`` for what
other apps build on them (matching's vocabulary).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable
from typing import cast

from django.db.models import QuerySet

from handoff.domain.taxonomy.models import (
    AlternateTitle,
    ImportRun,
    Occupation,
    OccupationLink,
    OccupationSkill,
    RelatedOccupation,
    Skill,
    SkillAlias,
    SkillGroup,
)
from handoff.engines.taxonomy import model as engine
from handoff.engines.taxonomy.normaliser import Normaliser

_lock = threading.Lock()
_cached: dict[str, tuple[int | None, object]] = {}


def latest_import() -> ImportRun | None:
    """The last successful import, or None before the first."""
    return ImportRun.objects.filter(status=ImportRun.Status.SUCCEEDED).first()


def import_runs() -> QuerySet[ImportRun]:
    return ImportRun.objects.all()


def load_taxonomy() -> engine.Taxonomy:
    """The taxonomy in the database as the engine's dataclasses (cached until the next import)."""
    return per_import("taxonomy", build_taxonomy)


def normaliser() -> Normaliser:
    """A normaliser over ``load_taxonomy()`` (cached the same way)."""
    return per_import("normaliser", lambda: Normaliser(load_taxonomy()))


def per_import[T](name: str, build: Callable[[], T]) -> T:
    """``build()``, kept in this process until the next successful import (one small query a call)."""
    key = _latest_run_id()
    with _lock:
        hit = _cached.get(name)
        if hit is not None and hit[0] == key:
            return cast(T, hit[1])
    built = build()
    with _lock:
        _cached[name] = (key, built)
    return built


def clear_cache() -> None:
    with _lock:
        _cached.clear()


def _latest_run_id() -> int | None:
    return ImportRun.objects.filter(status=ImportRun.Status.SUCCEEDED).values_list("pk", flat=True).first()


def build_taxonomy() -> engine.Taxonomy:
    """Read every current row into a ``Taxonomy`` (nine queries, whatever the size)."""
    occupations = {
        code: engine.Occupation(code, title, description)
        for code, title, description in Occupation.objects.filter(is_current=True).values_list(
            "code", "title", "description"
        )
    }
    titles: dict[str, list[str]] = defaultdict(list)
    shorts: dict[str, list[str]] = defaultdict(list)
    for code, title, kind in AlternateTitle.objects.order_by("pk").values_list("occupation_id", "title", "kind"):
        (shorts if kind == AlternateTitle.Kind.SHORT else titles)[code].append(title)
    related: dict[str, list[str]] = defaultdict(list)
    for code, other in RelatedOccupation.objects.order_by("occupation_id", "rank").values_list(
        "occupation_id", "related_id"
    ):
        related[code].append(other)
    skill_rows = Skill.objects.filter(is_current=True).values_list("skill_id", "name", "source", "is_hot")
    skills = {sid: engine.Skill(sid, name, source) for sid, name, source, _ in skill_rows}
    links: dict[str, set[str]] = defaultdict(set)
    for code, skill_id in OccupationSkill.objects.values_list("occupation_id", "skill_id"):
        links[code].add(skill_id)
    groups: dict[str, set[str]] = defaultdict(set)
    for skill_id, group in Skill.groups.through.objects.values_list("skill_id", "skillgroup_id"):
        groups[skill_id].add(group)
    run = latest_import()
    return engine.Taxonomy(
        occupations=occupations,
        alternate_titles=dict(titles),
        short_titles=dict(shorts),
        related_occupations=dict(related),
        skills=skills,
        skill_aliases=dict(SkillAlias.objects.values_list("alias", "skill_id")),
        occupation_skills=dict(links),
        skill_groups=dict(groups),
        group_names=dict(SkillGroup.objects.values_list("code", "name")),
        hot_skills={sid for sid, _, _, hot in skill_rows if hot},
        occupation_links=dict(OccupationLink.objects.values_list("external_id", "occupation_id")),
        sources=dict(run.sources) if run is not None else {},
    )
