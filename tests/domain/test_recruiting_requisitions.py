"""Requisitions: the life-cycle state machine, who approves per engagement model, and the recorded history."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from handoff.domain.engagements.models import HiringStage, RpoEngagement, RpoModel
from handoff.domain.recruiting import actions, rules, selectors
from handoff.domain.recruiting.models import (
    REQUISITION_TRANSITIONS,
    PipelineStage,
    Requisition,
    RequisitionEvent,
    RequisitionStatus,
    StageOwner,
)
from handoff.domain.tenancy.roles import StaffRole
from tests import factories
from tests.personas import World
from tests.recruiting import open_requisition, requisition_data

S = RequisitionStatus


def _hybrid(world: World, provider_stages: list[str]) -> RpoEngagement:
    return factories.RpoEngagementFactory(client=world.client_a, model=RpoModel.HYBRID, provider_stages=provider_stages)


def test_a_new_requisition_is_a_draft_with_its_creation_recorded(world: World) -> None:
    recruiter = world.users["recruiter_a"]
    requisition = actions.create_requisition(recruiter, world.client_a.pk, requisition_data(world.rpo_a))
    assert requisition.status == S.DRAFT
    assert requisition.client_id == world.client_a.pk
    assert requisition.created_by == recruiter
    event = RequisitionEvent.objects.get(requisition=requisition)
    assert (event.from_status, event.to_status, event.actor) == ("", S.DRAFT, recruiter)


def test_every_status_change_is_recorded_with_actor_and_time(world: World) -> None:
    requisition = open_requisition(world.users["recruiter_a"], world.users["hr_admin_a"], world.rpo_a)
    actions.change_requisition_status(world.users["recruiter_a"], requisition, S.ON_HOLD, "Budget freeze")
    events = list(selectors.requisition_events(world.users["hr_admin_a"], requisition))
    assert [(e.from_status, e.to_status) for e in events] == [
        ("", S.DRAFT),
        (S.DRAFT, S.PENDING_APPROVAL),
        (S.PENDING_APPROVAL, S.OPEN),
        (S.OPEN, S.ON_HOLD),
    ]
    assert events[2].actor == world.users["hr_admin_a"]
    assert events[3].note == "Budget freeze"
    assert all(e.at is not None for e in events)
    assert [e.at for e in events] == sorted(e.at for e in events)


@pytest.mark.parametrize("start", list(S))
@pytest.mark.parametrize("target", list(S))
def test_only_listed_transitions_are_allowed(world: World, start: str, target: str) -> None:
    admin = world.users["provider_admin"]
    requisition = actions.create_requisition(admin, world.client_a.pk, requisition_data(world.rpo_a))
    type(requisition).objects.filter(pk=requisition.pk).update(status=start)
    requisition.refresh_from_db()
    approver = world.users["hr_admin_a"]  # raises requisitions and approves them (enterprise engagement)
    if target in REQUISITION_TRANSITIONS[start]:
        assert actions.change_requisition_status(approver, requisition, target).status == target
    else:
        with pytest.raises(ValidationError) as caught:
            actions.change_requisition_status(approver, requisition, target)
        assert "status" in caught.value.message_dict
        requisition.refresh_from_db()
        assert requisition.status == start


def test_filled_and_cancelled_are_final(world: World) -> None:
    assert REQUISITION_TRANSITIONS[S.FILLED] == frozenset()
    assert REQUISITION_TRANSITIONS[S.CANCELLED] == frozenset()


def _pending(world: World, engagement: RpoEngagement) -> Requisition:
    requisition = actions.create_requisition(
        world.users["provider_admin"], world.client_a.pk, requisition_data(engagement)
    )
    return actions.change_requisition_status(world.users["provider_admin"], requisition, S.PENDING_APPROVAL)


def test_enterprise_requisitions_are_approved_by_client_hr_not_by_the_recruiter(world: World) -> None:
    requisition = _pending(world, world.rpo_a)
    with pytest.raises(PermissionDenied):
        actions.change_requisition_status(world.users["recruiter_a"], requisition, S.OPEN)
    with pytest.raises(PermissionDenied):
        actions.change_requisition_status(world.users["account_manager_a"], requisition, S.OPEN)
    with pytest.raises(PermissionDenied):
        actions.change_requisition_status(world.users["process_owner_a"], requisition, S.OPEN)
    assert actions.change_requisition_status(world.users["hr_admin_a"], requisition, S.OPEN).status == S.OPEN


def test_the_requisitions_own_hiring_manager_may_approve_but_not_another(world: World) -> None:
    other_manager = factories.ClientUserFactory(client=world.client_a, role="hiring_manager")
    requisition = actions.create_requisition(
        world.users["recruiter_a"],
        world.client_a.pk,
        requisition_data(world.rpo_a, hiring_manager=world.users["hiring_manager_a"]),
    )
    actions.change_requisition_status(world.users["recruiter_a"], requisition, S.PENDING_APPROVAL)
    with pytest.raises(PermissionDenied):
        actions.change_requisition_status(other_manager, requisition, S.OPEN)
    opened = actions.change_requisition_status(world.users["hiring_manager_a"], requisition, S.OPEN)
    assert opened.status == S.OPEN


def test_a_hybrid_engagement_that_kept_requisitions_has_client_hr_approve(world: World) -> None:
    engagement = _hybrid(world, [HiringStage.SOURCING, HiringStage.SCREENING])
    assert rules.approving_side(engagement) == StageOwner.CLIENT
    requisition = _pending(world, engagement)
    with pytest.raises(PermissionDenied):
        actions.change_requisition_status(world.users["account_manager_a"], requisition, S.OPEN)
    assert actions.change_requisition_status(world.users["hr_admin_a"], requisition, S.OPEN).status == S.OPEN


def test_a_hybrid_engagement_that_gave_requisitions_away_has_the_provider_approve(world: World) -> None:
    engagement = _hybrid(world, [HiringStage.REQUISITION, HiringStage.SOURCING])
    assert rules.approving_side(engagement) == StageOwner.PROVIDER
    requisition = _pending(world, engagement)
    with pytest.raises(PermissionDenied):
        actions.change_requisition_status(world.users["hr_admin_a"], requisition, S.OPEN)
    with pytest.raises(PermissionDenied):
        actions.change_requisition_status(world.users["recruiter_a"], requisition, S.OPEN)
    opened = actions.change_requisition_status(world.users["account_manager_a"], requisition, S.OPEN)
    assert opened.status == S.OPEN


def test_hybrid_stage_owners_follow_the_engagement(world: World) -> None:
    engagement = _hybrid(world, [HiringStage.SOURCING, HiringStage.SCREENING])
    actions.create_requisition(world.users["hr_admin_a"], world.client_a.pk, requisition_data(engagement))
    owners = dict(PipelineStage.objects.filter(engagement=engagement).values_list("key", "owner"))
    assert owners["sourced"] == owners["screened"] == owners["submitted"] == StageOwner.PROVIDER
    assert owners["client_review"] == owners["interview"] == owners["offer"] == owners["hired"] == StageOwner.CLIENT


def test_enterprise_pipeline_is_the_providers_but_for_client_review(world: World) -> None:
    owners = dict(PipelineStage.objects.filter(engagement=world.rpo_a).values_list("key", "owner"))
    assert owners["client_review"] == StageOwner.CLIENT
    assert {key for key, owner in owners.items() if owner == StageOwner.CLIENT} == {"client_review"}
    assert list(PipelineStage.objects.filter(engagement=world.rpo_a).values_list("key", flat=True)) == [
        "sourced",
        "applied",
        "screened",
        "submitted",
        "client_review",
        "interview",
        "offer",
        "hired",
        "rejected",
        "withdrawn",
    ]


def test_who_raises_requisitions(world: World) -> None:
    data = requisition_data(world.rpo_a)
    for persona in ("hiring_manager_a", "process_owner_a", "bpo_agent_a"):
        with pytest.raises(PermissionDenied):
            actions.create_requisition(world.users[persona], world.client_a.pk, data)
    sourcer = factories.StaffFactory(role=StaffRole.SOURCER)
    factories.AssignmentFactory(client=world.client_a, user=sourcer)
    with pytest.raises(PermissionDenied):
        actions.create_requisition(sourcer, world.client_a.pk, data)
    for persona in ("hr_admin_a", "recruiter_a", "account_manager_a"):
        assert actions.create_requisition(world.users[persona], world.client_a.pk, data).pk


def test_a_requisition_cannot_be_raised_for_a_client_the_actor_does_not_see(world: World) -> None:
    with pytest.raises(Http404):
        actions.create_requisition(world.users["recruiter_a"], world.client_b.pk, requisition_data(world.rpo_b))
    with pytest.raises(Http404):
        actions.create_requisition(world.users["hr_admin_a"], world.client_b.pk, requisition_data(world.rpo_b))


def test_another_clients_engagement_or_hiring_manager_is_a_field_error(world: World) -> None:
    admin = world.users["provider_admin"]
    with pytest.raises(ValidationError) as caught:
        actions.create_requisition(admin, world.client_a.pk, requisition_data(world.rpo_b))
    assert "engagement" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        actions.create_requisition(
            admin, world.client_a.pk, requisition_data(world.rpo_a, hiring_manager=world.users["hiring_manager_b"])
        )
    assert "hiring_manager" in caught.value.message_dict


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"salary_min": 100, "salary_max": 50}, "salary_max"),
        ({"location": "", "remote": False}, "location"),
        ({"allowed_countries": ["US"], "remote": False}, "allowed_countries"),
        ({"headcount": 0}, "headcount"),
        ({"title": ""}, "title"),
        ({"required_skills": [{"label": "x"}]}, "required_skills"),
    ],
)
def test_invalid_requisitions_are_refused_with_field_messages(world: World, overrides: dict, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        actions.create_requisition(
            world.users["hr_admin_a"], world.client_a.pk, requisition_data(world.rpo_a, **overrides)
        )
    assert field in caught.value.message_dict


def test_remote_requisitions_take_allowed_countries_and_time_zones(world: World) -> None:
    requisition = actions.create_requisition(
        world.users["hr_admin_a"],
        world.client_a.pk,
        requisition_data(
            world.rpo_a, location="", remote=True, allowed_countries=["US", "CA"], allowed_time_zones=["America/Denver"]
        ),
    )
    assert requisition.allowed_countries == ["US", "CA"]


def test_skills_are_names_with_a_canonical_id_slot(world: World) -> None:
    requisition = world.recruiting.requisition_a
    assert requisition.required_skills == [
        {"name": "Python", "skill_id": None},
        {"name": "Django", "skill_id": None},
    ]


def test_a_filled_requisition_can_no_longer_be_edited(world: World) -> None:
    requisition = open_requisition(world.users["recruiter_a"], world.users["hr_admin_a"], world.rpo_a)
    actions.change_requisition_status(world.users["recruiter_a"], requisition, S.FILLED)
    with pytest.raises(ValidationError):
        actions.update_requisition(world.users["recruiter_a"], requisition, {"title": "Changed"})
