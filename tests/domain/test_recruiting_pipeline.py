"""Applications and the pipeline: adding candidates, stage moves and who may make them, the transition rows,
rejections with reasons, bulk actions, stale warnings, auto-fill on headcount, and tenancy of the reads."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from handoff.domain.engagements.models import HiringStage, RpoModel
from handoff.domain.recruiting import actions, selectors
from handoff.domain.recruiting.models import (
    Application,
    ApplicationNote,
    Candidate,
    Requisition,
    RequisitionStatus,
    StageTransition,
)
from tests import factories
from tests.personas import World
from tests.recruiting import candidate_data, open_requisition, refreshed


@pytest.fixture
def opened(world: World) -> Requisition:
    return open_requisition(world.users["recruiter_a"], world.users["hr_admin_a"], world.rpo_a, headcount=1)


def _candidate(world: World, **overrides: object) -> Candidate:
    defaults = {
        "full_name": "Ben Okafor",
        "email": "ben.okafor@mail.test",
        "phone": "",
        "profile_url": "",
    }
    return actions.create_candidate(world.users["recruiter_a"], candidate_data(**{**defaults, **overrides}))


def test_adding_a_candidate_puts_it_in_the_first_stage_and_records_the_move(world: World, opened: Requisition) -> None:
    application = actions.add_application(world.users["recruiter_a"], opened, _candidate(world))
    assert application.stage.key == "sourced"
    assert application.client_id == world.client_a.pk
    move = StageTransition.objects.get(application=application)
    assert move.from_stage is None
    assert move.to_stage.key == "sourced"
    assert move.actor == world.users["recruiter_a"]


def test_a_duplicate_application_is_refused_with_a_clear_message(world: World) -> None:
    requisition = world.recruiting.requisition_a
    with pytest.raises(ValidationError) as caught:
        actions.add_application(world.users["recruiter_a"], requisition, world.recruiting.candidate)
    message = caught.value.message_dict["candidate"][0]
    assert "already has an application for this requisition" in message
    assert "Sourced" in message
    assert Application.objects.filter(requisition=requisition).count() == 1


def test_client_users_do_not_add_candidates(world: World, opened: Requisition) -> None:
    with pytest.raises(PermissionDenied):
        actions.add_application(world.users["hr_admin_a"], opened, _candidate(world))


def test_a_candidate_without_consent_stays_with_the_client_it_was_sourced_for(world: World) -> None:
    admin = world.users["provider_admin"]
    private = actions.create_candidate(
        admin,
        candidate_data(
            full_name="Chi Tran",
            email="chi.tran@mail.test",
            phone="",
            profile_url="",
            share_across_clients=False,
            origin_client=world.client_b.pk,
            consent_policy_version="",
            consent_date=None,
            consent_channel="",
        ),
    )
    with pytest.raises(ValidationError) as caught:
        actions.add_application(admin, world.recruiting.requisition_a, private)
    assert "consented" in caught.value.message_dict["candidate"][0]
    assert actions.add_application(admin, world.recruiting.requisition_b, private).client_id == world.client_b.pk


def test_candidates_move_only_while_the_requisition_is_open_or_on_hold(world: World) -> None:
    requisition = actions.create_requisition(
        world.users["recruiter_a"], world.client_a.pk, {"engagement": world.rpo_a, "title": "Draft", "location": "X"}
    )
    with pytest.raises(ValidationError):
        actions.add_application(world.users["recruiter_a"], requisition, _candidate(world))


def test_every_move_is_a_transition_row_with_actor_and_time(world: World) -> None:
    application = world.recruiting.application_a
    recruiter = world.users["recruiter_a"]
    before = timezone.now()
    for key in ("screened", "client_review"):
        actions.move_application(recruiter, application, key)
    actions.move_application(world.users["hiring_manager_a"], application, "interview")
    rows = list(StageTransition.objects.filter(application=application).select_related("from_stage", "to_stage"))
    assert [(r.from_stage.key if r.from_stage else None, r.to_stage.key) for r in rows] == [
        (None, "sourced"),
        ("sourced", "screened"),
        ("screened", "client_review"),
        ("client_review", "interview"),
    ]
    assert [r.actor for r in rows[1:]] == [recruiter, recruiter, world.users["hiring_manager_a"]]
    assert all(r.at >= before for r in rows[1:])
    assert refreshed(application).stage.key == "interview"


def test_the_client_moves_out_of_client_review_and_the_recruiter_cannot_skip_it(world: World) -> None:
    application = world.recruiting.application_a
    recruiter = world.users["recruiter_a"]
    with pytest.raises(PermissionDenied):  # the client cannot pull a candidate the provider still screens
        actions.move_application(world.users["hr_admin_a"], application, "client_review")
    actions.move_application(recruiter, application, "client_review")  # provider hands over
    with pytest.raises(PermissionDenied):
        actions.move_application(recruiter, application, "interview")  # client review is the client's decision
    with pytest.raises(PermissionDenied):  # process owners do not work pipelines
        actions.move_application(world.users["process_owner_a"], application, "interview")
    assert actions.move_application(world.users["hr_admin_a"], application, "interview").stage.key == "interview"


def test_a_hybrid_pipeline_keeps_client_stages_for_the_client(world: World) -> None:
    engagement = factories.RpoEngagementFactory(
        client=world.client_a, model=RpoModel.HYBRID, provider_stages=[HiringStage.SOURCING, HiringStage.SCREENING]
    )
    requisition = open_requisition(world.users["recruiter_a"], world.users["hr_admin_a"], engagement)
    application = actions.add_application(world.users["recruiter_a"], requisition, _candidate(world))
    actions.move_application(world.users["recruiter_a"], application, "client_review")
    with pytest.raises(PermissionDenied):
        actions.move_application(world.users["recruiter_a"], application, "offer")
    actions.move_application(world.users["hiring_manager_a"], application, "offer")
    with pytest.raises(PermissionDenied):  # offer → hired is the client's in this engagement
        actions.move_application(world.users["recruiter_a"], application, "hired")
    assert actions.move_application(world.users["provider_admin"], application, "hired").stage.key == "hired"


def test_a_rejection_needs_a_reason_and_keeps_it(world: World) -> None:
    application = world.recruiting.application_a
    with pytest.raises(ValidationError) as caught:
        actions.move_application(world.users["recruiter_a"], application, "rejected", "  ")
    assert "reason" in caught.value.message_dict
    assert refreshed(application).stage.key == "sourced"
    rejected = actions.reject_application(world.users["hiring_manager_a"], application, "Salary mismatch")
    assert rejected.rejection_reason == "Salary mismatch"
    assert StageTransition.objects.filter(application=application).last().reason == "Salary mismatch"  # type: ignore[union-attr]


def test_moving_into_the_same_stage_or_a_foreign_stage_is_refused(world: World) -> None:
    application = world.recruiting.application_a
    with pytest.raises(ValidationError):
        actions.move_application(world.users["recruiter_a"], application, "sourced")
    foreign_stage = world.recruiting.application_b.stage
    with pytest.raises(ValidationError) as caught:
        actions.move_application(world.users["provider_admin"], application, foreign_stage.pk)
    assert "stage" in caught.value.message_dict


def test_a_foreign_application_cannot_be_moved(world: World) -> None:
    with pytest.raises(Http404):
        actions.move_application(world.users["recruiter_a"], world.recruiting.application_b, "screened")
    with pytest.raises(Http404):
        actions.move_application(world.users["hr_admin_a"], world.recruiting.application_b, "screened")


def test_hiring_the_headcount_fills_the_requisition(world: World, opened: Requisition) -> None:
    admin = world.users["provider_admin"]
    application = actions.add_application(admin, opened, _candidate(world))
    actions.move_application(admin, application, "hired")
    opened.refresh_from_db()
    assert opened.status == RequisitionStatus.FILLED
    last = selectors.requisition_events(admin, opened).last()
    assert last is not None
    assert last.to_status == RequisitionStatus.FILLED
    assert "Headcount" in last.note


def test_bulk_actions_are_all_or_nothing(world: World, opened: Requisition) -> None:
    recruiter = world.users["recruiter_a"]
    rows = [
        actions.add_application(recruiter, opened, _candidate(world, full_name=f"P{i}", email=f"p{i}@mail.test"))
        for i in range(3)
    ]
    assert actions.bulk_apply(recruiter, rows, "move", "screened") == 3
    assert {refreshed(row).stage.key for row in rows} == {"screened"}
    assert actions.bulk_apply(recruiter, rows, "tag", "night shift") == 3
    assert all(refreshed(row).tags == ["night shift"] for row in rows)
    with pytest.raises(ValidationError):
        actions.bulk_apply(recruiter, rows, "reject", "")
    assert {refreshed(row).stage.key for row in rows} == {"screened"}
    actions.bulk_apply(recruiter, rows, "reject", "Position filled internally")
    assert {refreshed(row).rejection_reason for row in rows} == {"Position filled internally"}


@pytest.mark.parametrize("tag", ["", 'say "hi"', "x" * 41])
def test_bad_tags_are_refused(world: World, tag: str) -> None:
    with pytest.raises(ValidationError):
        actions.tag_application(world.users["recruiter_a"], world.recruiting.application_a, tag)


def test_stale_after_the_stage_limit(world: World) -> None:
    application = refreshed(world.recruiting.application_a)
    days = application.stage.stale_after_days
    assert days == 7
    now = application.stage_entered_at + dt.timedelta(days=days, minutes=1)
    assert selectors.is_stale(application, now)
    assert not selectors.is_stale(application, application.stage_entered_at + dt.timedelta(days=days - 1))


def test_filters_search_and_sort(world: World, opened: Requisition) -> None:
    recruiter = world.users["recruiter_a"]
    for name, key in (("Zoe Adams", "screened"), ("Adam Young", "sourced")):
        row = actions.add_application(recruiter, opened, _candidate(world, full_name=name, email=f"{name[:3]}@x.test"))
        if key != "sourced":
            actions.move_application(recruiter, row, key)
    rows = selectors.requisition_applications(recruiter, opened)
    by_name = selectors.filter_applications(rows, selectors.ApplicationFilters(order="name"))
    assert [row.candidate.full_name for row in by_name] == ["Adam Young", "Zoe Adams"]
    screened = selectors.filter_applications(rows, selectors.ApplicationFilters(stage="screened"))
    assert [row.candidate.full_name for row in screened] == ["Zoe Adams"]
    searched = selectors.filter_applications(rows, selectors.ApplicationFilters(search="young"))
    assert [row.candidate.full_name for row in searched] == ["Adam Young"]
    actions.tag_application(recruiter, screened[0], "bilingual")
    tagged = selectors.filter_applications(rows, selectors.ApplicationFilters(tag="bilingual"))
    assert [row.candidate.full_name for row in tagged] == ["Zoe Adams"]


def test_each_client_sees_only_its_own_applications_and_notes_of_a_shared_candidate(world: World) -> None:
    candidate = world.recruiting.candidate
    for persona in ("hr_admin_a", "hiring_manager_a", "recruiter_a"):
        user = world.users[persona]
        assert list(selectors.applications(user)) == [world.recruiting.application_a]
        notes = list(selectors.application_notes(user, world.recruiting.application_b))
        assert notes == []
        assert [row.pk for row in selectors.candidate_applications(user, candidate)] == [
            world.recruiting.application_a.pk
        ]
    assert ApplicationNote.objects.filter(application=world.recruiting.application_b).count() == 1
    admin = world.users["provider_admin"]
    assert set(selectors.candidate_applications(admin, candidate)) == {
        world.recruiting.application_a,
        world.recruiting.application_b,
    }


def test_the_board_has_every_stage_with_its_cards(world: World) -> None:
    columns = selectors.board(world.users["hr_admin_a"], world.recruiting.requisition_a)
    assert [column.stage.key for column in columns][:2] == ["sourced", "applied"]
    assert [card.pk for card in columns[0].cards] == [world.recruiting.application_a.pk]
    assert sum(len(column.cards) for column in columns) == 1
