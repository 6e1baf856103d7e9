"""Submittals: a recruiter submits a screened application, the client decides (interview, reject, hold) with
feedback, every decision is recorded, and the SLA clocks and medians come from the recorded rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from handoff.domain.recruiting.models import RequisitionEvent, RequisitionStatus, StageTransition
from handoff.domain.recruiting.submittals import actions, selectors
from handoff.domain.recruiting.submittals.models import Submittal, SubmittalDecision, SubmittalStatus
from tests.personas import World
from tests.recruiting import refreshed
from tests.submittals import WRITE_UP, screened, submitted


def test_submitting_moves_the_application_to_client_review_through_submitted(world: World) -> None:
    submittal = submitted(world)
    application = refreshed(world.recruiting.application_a)
    assert application.stage.key == "client_review"
    keys = list(
        StageTransition.objects.filter(application=application)
        .order_by("at", "pk")
        .values_list("to_stage__key", flat=True)
    )
    assert keys[-2:] == ["submitted", "client_review"]
    assert submittal.status == SubmittalStatus.PENDING
    assert submittal.submitted_by == world.users["recruiter_a"]
    assert submittal.write_up == WRITE_UP
    assert submittal.client_id == world.client_a.pk


def test_only_screened_applications_are_submitted(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        actions.submit(world.users["recruiter_a"], world.recruiting.application_a, WRITE_UP)
    assert "Only screened candidates" in caught.value.message_dict["application"][0]
    assert not Submittal.objects.exists()


def test_a_write_up_is_required_and_a_second_open_submittal_refused(world: World) -> None:
    application = screened(world)
    with pytest.raises(ValidationError) as caught:
        actions.submit(world.users["recruiter_a"], application, "   ")
    assert "write_up" in caught.value.message_dict
    actions.submit(world.users["recruiter_a"], application, WRITE_UP)
    with pytest.raises(ValidationError):
        actions.submit(world.users["recruiter_a"], refreshed(application), WRITE_UP)
    assert Submittal.objects.count() == 1


def test_client_users_and_other_clients_staff_cannot_submit(world: World) -> None:
    application = screened(world)
    with pytest.raises(PermissionDenied):
        actions.submit(world.users["hr_admin_a"], application, WRITE_UP)
    with pytest.raises(Http404):
        actions.submit(world.users["hr_admin_b"], application, WRITE_UP)


def test_interview_decision_moves_the_application_and_records_actor_and_time(world: World) -> None:
    submittal = submitted(world)
    manager = world.users["hiring_manager_a"]
    decided = actions.decide(manager, submittal, "interview", feedback="Strong on system design.")
    assert decided.status == SubmittalStatus.INTERVIEW
    assert refreshed(world.recruiting.application_a).stage.key == "interview"
    [row] = SubmittalDecision.objects.filter(submittal=submittal)
    assert (row.decision, row.actor, row.feedback) == ("interview", manager, "Strong on system design.")
    assert decided.first_decided_at == row.at


def test_reject_needs_a_reason_and_moves_to_rejected(world: World) -> None:
    submittal = submitted(world)
    with pytest.raises(ValidationError) as caught:
        actions.decide(world.users["hr_admin_a"], submittal, "rejected")
    assert "reason" in caught.value.message_dict
    actions.decide(world.users["hr_admin_a"], submittal, "rejected", reason="Salary too high")
    application = refreshed(world.recruiting.application_a)
    assert application.stage.key == "rejected"
    assert application.rejection_reason == "Salary too high"


def test_hold_then_interview_keeps_both_decisions_and_the_first_stops_the_clock(world: World) -> None:
    submittal = submitted(world)
    manager = world.users["hiring_manager_a"]
    held = actions.decide(manager, submittal, "on_hold", feedback="Waiting for budget")
    assert refreshed(world.recruiting.application_a).stage.key == "client_review"
    first = held.first_decided_at
    with pytest.raises(ValidationError):
        actions.decide(manager, held, "on_hold")
    later = actions.decide(manager, held, "interview")
    assert later.first_decided_at == first
    assert list(SubmittalDecision.objects.filter(submittal=submittal).values_list("decision", flat=True)) == [
        "on_hold",
        "interview",
    ]
    with pytest.raises(ValidationError):
        actions.decide(manager, later, "rejected", reason="Changed our mind")


def test_who_decides(world: World) -> None:
    submittal = submitted(world)
    for name in ("recruiter_a", "process_owner_a"):
        with pytest.raises(PermissionDenied):
            actions.decide(world.users[name], submittal, "interview")
    with pytest.raises(Http404):
        actions.decide(world.users["hiring_manager_b"], submittal, "interview")
    with pytest.raises(ValidationError):
        actions.decide(world.users["hr_admin_a"], submittal, "maybe")
    assert not SubmittalDecision.objects.exists()


def test_waiting_lists_follow_the_role_and_the_client(world: World) -> None:
    submittal = submitted(world)
    assert list(selectors.awaiting_decision(world.users["hiring_manager_a"])) == [submittal]
    assert list(selectors.awaiting_decision(world.users["hr_admin_a"])) == [submittal]
    assert list(selectors.awaiting_decision(world.users["hr_admin_b"])) == []
    assert list(selectors.awaiting_decision(world.users["process_owner_a"])) == []
    with pytest.raises(Http404):
        selectors.submittal(world.users["hr_admin_b"], submittal.pk)


def _opened_at(world: World) -> dt.datetime:
    return RequisitionEvent.objects.get(requisition=world.recruiting.requisition_a, to_status=RequisitionStatus.OPEN).at


def test_first_submittal_clock_runs_until_the_first_submittal(world: World) -> None:
    user, requisition = world.users["hr_admin_a"], world.recruiting.requisition_a
    opened = _opened_at(world)
    later = opened + dt.timedelta(days=6)
    [running] = selectors.first_submittal_clocks(user, [requisition], now=later).values()
    assert running.running  # five days by default
    assert running.overdue
    submittal = submitted(world)
    Submittal.objects.filter(pk=submittal.pk).update(submitted_at=opened + dt.timedelta(hours=30))
    [stopped] = selectors.first_submittal_clocks(user, [requisition], now=later).values()
    assert not stopped.running
    assert stopped.elapsed_hours == pytest.approx(30)
    assert not stopped.overdue


def test_targets_per_client_and_engagement_override_the_defaults(world: World) -> None:
    admin, requisition = world.users["provider_admin"], world.recruiting.requisition_a
    assert selectors.sla_targets(admin, requisition).feedback_hours == 48
    actions.set_sla(admin, world.client_a.pk, 100, 24)
    assert selectors.sla_targets(admin, requisition).feedback_hours == 24
    actions.set_sla(admin, world.client_a.pk, 100, 12, engagement=world.rpo_a.pk)
    assert selectors.sla_targets(admin, requisition).feedback_hours == 12
    assert selectors.sla_targets(admin, world.recruiting.requisition_b).feedback_hours == 48
    with pytest.raises(PermissionDenied):
        actions.set_sla(world.users["hr_admin_a"], world.client_a.pk, 100, 24)
    with pytest.raises(ValidationError):
        actions.set_sla(admin, world.client_a.pk, 0, 24)
    with pytest.raises(ValidationError):
        actions.set_sla(admin, world.client_a.pk, 10, 24, engagement=world.rpo_b.pk)


def test_feedback_clock_and_medians(world: World) -> None:
    submittal = submitted(world)
    user = world.users["hr_admin_a"]
    now = submittal.submitted_at + dt.timedelta(hours=50)
    [clock] = selectors.feedback_clocks(user, [submittal], now=now).values()
    assert clock.running
    assert clock.overdue
    summary = selectors.sla_summary(user, now=now)
    assert summary.overdue_feedback == 1
    assert summary.median_feedback_hours is None
    actions.decide(world.users["hiring_manager_a"], submittal, "interview")
    Submittal.objects.filter(pk=submittal.pk).update(first_decided_at=submittal.submitted_at + dt.timedelta(hours=6))
    Submittal.objects.filter(pk=submittal.pk).update(submitted_at=_opened_at(world) + dt.timedelta(hours=20))
    submittal.refresh_from_db()
    summary = selectors.sla_summary(user, now=timezone.now())
    assert summary.median_first_submittal_hours == pytest.approx(20, abs=0.01)
    assert summary.submittals_measured == 1
    assert summary.overdue_feedback == 0
    assert selectors.sla_summary(world.users["hr_admin_b"]).submittals_measured == 0
