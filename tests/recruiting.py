"""Recruiting test data, made through the actions (so pipelines, events and transitions exist as in use)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from handoff.domain.accounts.models import User
from handoff.domain.engagements.models import RpoEngagement
from handoff.domain.recruiting import actions
from handoff.domain.recruiting.models import Application, Requisition, RequisitionStatus
from handoff.domain.recruiting.normalise import skill_entries
from handoff.domain.tenancy.models import Client

if TYPE_CHECKING:
    from tests.personas import RecruitingWorld, World

INTERNAL_NOTE = "ZQXI-PROVIDER-INTERNAL-NOTE"  # a provider-internal note: no client user may ever see it
SALARY_EXPECTATION = Decimal("98765.43")  # hidden from hiring managers


def requisition_data(engagement: RpoEngagement, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "engagement": engagement,
        "title": "Backend engineer",
        "department": "Engineering",
        "location": "Boston",
        "employment_type": "full_time",
        "headcount": 2,
        "salary_min": Decimal("90000"),
        "salary_max": Decimal("120000"),
        "currency": "USD",
        "required_skills": skill_entries(["Python", "Django"]),
        "languages": ["English"],
        "priority": "high",
    }
    return {**data, **overrides}


def open_requisition(actor: User, approver: User, engagement: RpoEngagement, **overrides: Any) -> Requisition:
    """A requisition raised by ``actor``, submitted, and approved by ``approver``."""
    requisition = actions.create_requisition(actor, engagement.client_id, requisition_data(engagement, **overrides))
    actions.change_requisition_status(actor, requisition, RequisitionStatus.PENDING_APPROVAL)
    return actions.change_requisition_status(approver, requisition, RequisitionStatus.OPEN)


def candidate_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "full_name": "Ana Lima",
        "email": "ana.lima@mail.test",
        "phone": "+1 415 555 0100",
        "profile_url": "https://www.linkedin.com/in/ana-lima/",
        "city": "Boston",
        "country": "US",
        "headline": "Senior Python developer",
        "skills": skill_entries(["Python", "PostgreSQL"]),
        "languages": ["English", "Portuguese"],
        "salary_expectation": SALARY_EXPECTATION,
        "salary_currency": "USD",
        "notice_period_days": 30,
        "consent_policy_version": "2026-01",
        "consent_date": dt.date(2026, 2, 1),
        "consent_channel": "web_form",
        "share_across_clients": True,
    }
    return {**data, **overrides}


def build_recruiting(world: World) -> RecruitingWorld:
    from tests.personas import MARKER_A, MARKER_B, RecruitingWorld

    admin = world.users["provider_admin"]
    # A's requisition is not in Boston, where the (provider-owned) candidate lives: the isolation probes treat
    # A's distinctive values as secrets from personas of no client, and the pool is open to all recruiters.
    marks: dict[Client, tuple[str, str, dt.date, str]] = {
        world.client_a: (MARKER_A, "Springfield", dt.date(2032, 1, 11), "hiring_manager_a"),
        world.client_b: (MARKER_B, "Da Nang", dt.date(2033, 2, 22), "hiring_manager_b"),
    }
    candidate = actions.create_candidate(admin, candidate_data(origin_client=world.client_a))
    actions.add_candidate_note(admin, candidate, INTERNAL_NOTE)
    made: dict[Client, tuple[Requisition, Application]] = {}
    for engagement in (world.rpo_a, world.rpo_b):
        marker, city, start, manager = marks[engagement.client]
        requisition = actions.create_requisition(
            admin,
            engagement.client_id,
            requisition_data(
                engagement,
                title=f"Welder {marker}",
                department=f"Fabrication {marker}",
                location=city,
                target_start_date=start,
                hiring_manager=world.users[manager],
            ),
        )
        actions.change_requisition_status(admin, requisition, RequisitionStatus.PENDING_APPROVAL)
        approver = world.users["hr_admin_a" if engagement.client_id == world.client_a.pk else "hr_admin_b"]
        actions.change_requisition_status(approver, requisition, RequisitionStatus.OPEN)
        application = actions.add_application(admin, requisition, candidate)
        actions.add_application_note(approver, application, f"Interview feedback {marker}-NOTE")
        actions.tag_application(admin, application, f"tag-{marker}")
        made[engagement.client] = (requisition, application)
    (requisition_a, application_a), (requisition_b, application_b) = made[world.client_a], made[world.client_b]
    return RecruitingWorld(requisition_a, requisition_b, candidate, application_a, application_b)


def refreshed(row: Application) -> Application:
    return Application.objects.select_related("stage", "requisition").get(pk=row.pk)


def grow_recruiting(world: World, count: int = 8) -> None:
    """More requisitions of client A, and candidates on its first one, each moved once (query-count probes)."""
    admin = world.users["provider_admin"]
    for index in range(3):
        open_requisition(admin, world.users["hr_admin_a"], world.rpo_a, title=f"Growth role {index}")
    for index in range(count):
        data = candidate_data(full_name=f"Growth {index}", email=f"growth{index}@mail.test", phone="", profile_url="")
        candidate = actions.create_candidate(admin, data)
        application = actions.add_application(admin, world.recruiting.requisition_a, candidate)
        actions.move_application(admin, application, "screened")
        actions.add_application_note(admin, application, f"Note {index}")
