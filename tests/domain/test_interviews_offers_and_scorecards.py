"""Slot offers through a signed link (expired, tampered, reused) and blind scorecards with their summary."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail, signing
from django.core.exceptions import PermissionDenied, ValidationError

from handoff.domain.interviews import actions, links
from handoff.domain.interviews.models import Interview, SlotOffer
from tests.interviews import NOW, SLOT, interview_plan
from tests.personas import World

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _immediate_tasks(settings) -> None:
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def _offer(world: World) -> actions.OfferMade:
    interview_plan(world)
    starts = [SLOT, SLOT + dt.timedelta(days=1)]
    return actions.offer_slots(
        world.users["recruiter_a"],
        world.recruiting.application_a,
        starts,
        candidate_time_zone="America/New_York",
        now=NOW,
    )


def test_offer_mails_the_candidate_a_link_that_books_the_chosen_slot(
    world: World, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        made = _offer(world)
    assert mail.outbox[0].to == ["ana.lima@mail.test"]
    assert made.token in mail.outbox[0].body
    offer = actions.open_offer(made.token, now=NOW)
    booked = actions.pick_slot(offer, 1, now=NOW)
    assert [i.start for i in booked] == [SLOT + dt.timedelta(days=1), SLOT + dt.timedelta(days=1, hours=1)]
    offer.refresh_from_db()
    assert offer.used_at is not None
    assert offer.chosen_start == booked[0].start


def test_a_reused_link_is_refused(world: World) -> None:
    made = _offer(world)
    actions.pick_slot(actions.open_offer(made.token, now=NOW), 0, now=NOW)
    with pytest.raises(links.LinkError) as caught:
        actions.open_offer(made.token, now=NOW)
    assert caught.value.problem == links.LinkProblem.USED
    assert Interview.objects.count() == 2


def test_a_tampered_link_is_refused(world: World) -> None:
    made = _offer(world)
    for bad in (made.token[:-2] + "xx", "garbage", signing.dumps({"o": made.offer.pk, "n": "guess"}, salt=links.SALT)):
        with pytest.raises(links.LinkError) as caught:
            actions.open_offer(bad, now=NOW)
        assert caught.value.problem == links.LinkProblem.TAMPERED


def test_an_expired_link_is_refused(world: World) -> None:
    made = _offer(world)
    with pytest.raises(links.LinkError) as caught:
        actions.open_offer(made.token, now=made.offer.expires_at + dt.timedelta(seconds=1))
    assert caught.value.problem == links.LinkProblem.EXPIRED
    with pytest.raises(links.LinkError) as caught:
        links.read_token(made.token, max_age=dt.timedelta(seconds=-1))
    assert caught.value.problem == links.LinkProblem.EXPIRED


def test_a_slot_taken_meanwhile_is_a_field_error_and_the_link_stays_usable(world: World) -> None:
    made = _offer(world)
    actions.book_panel(world.users["recruiter_a"], world.recruiting.application_a, SLOT, now=NOW)
    with pytest.raises(ValidationError) as caught:
        actions.pick_slot(actions.open_offer(made.token, now=NOW), 0, now=NOW)
    assert "no longer fits" in caught.value.message_dict["start"][0]
    assert SlotOffer.objects.get().used_at is None
    assert actions.pick_slot(actions.open_offer(made.token, now=NOW), 1, now=NOW)


def _ratings(python: int, potential: int, evidence: str = "Wrote clean code") -> list[dict[str, object]]:
    return [
        {"competency_key": "skill:Python", "score": python, "evidence": evidence},
        {"competency_key": "potential", "score": potential, "evidence": evidence},
    ]


def _panel_interview(world: World) -> Interview:
    """The Technical round with two interviewers: the hiring manager and the recruiter."""
    interview_plan(world)
    technical, _ = actions.book_panel(world.users["recruiter_a"], world.recruiting.application_a, SLOT, now=NOW)
    from handoff.domain.interviews.models import InterviewSeat

    InterviewSeat.objects.create(client=technical.client, interview=technical, user=world.users["recruiter_a"])
    return technical


def test_scorecards_are_blind_until_one_submits(world: World) -> None:
    interview = _panel_interview(world)
    manager, recruiter = world.users["hiring_manager_a"], world.users["recruiter_a"]
    actions.save_scorecard(manager, interview, ratings=_ratings(4, 3), recommendation=4, notes="Great", submit=True)
    assert actions.visible_cards(recruiter, interview) == []  # nothing of the manager's before the recruiter submits
    assert actions.summary(recruiter, interview) is None
    actions.save_scorecard(recruiter, interview, ratings=_ratings(2, 3), recommendation=2, submit=False)
    assert [c.interviewer_id for c in actions.visible_cards(recruiter, interview)] == [recruiter.pk]
    actions.save_scorecard(recruiter, interview, ratings=_ratings(1, 3), recommendation=2, submit=True)
    seen = {c.interviewer_id for c in actions.visible_cards(recruiter, interview)}
    assert seen == {manager.pk, recruiter.pk}
    summary = actions.summary(recruiter, interview)
    assert summary is not None
    assert summary.flagged
    assert summary.recommendation_split
    python = next(row for row in summary.competencies if row.key == "skill:Python")
    assert python.disagreement
    assert python.spread == 3


def test_a_scheduler_who_did_not_interview_sees_every_submitted_card(world: World) -> None:
    interview = _panel_interview(world)
    manager = world.users["hiring_manager_a"]
    actions.save_scorecard(manager, interview, ratings=_ratings(3, 3), recommendation=3, submit=True)
    hr = world.users["hr_admin_a"]
    assert [c.interviewer_id for c in actions.visible_cards(hr, interview)] == [manager.pk]
    summary = actions.summary(hr, interview)
    assert summary is not None
    assert not summary.flagged


def test_submitting_checks_the_card_with_field_errors(world: World) -> None:
    interview = _panel_interview(world)
    manager = world.users["hiring_manager_a"]
    with pytest.raises(ValidationError) as caught:
        actions.save_scorecard(
            manager, interview, ratings=_ratings(4, 3, evidence=""), recommendation=None, submit=True
        )
    errors = caught.value.message_dict
    assert "ratings.skill:Python" in errors
    assert "recommendation" in errors
    card = actions.save_scorecard(manager, interview, ratings=_ratings(3, 3), recommendation=3, submit=True)
    with pytest.raises(ValidationError):
        actions.save_scorecard(manager, interview, ratings=_ratings(1, 1), recommendation=1, submit=False)
    card.refresh_from_db()
    assert card.recommendation == 3


def test_only_seated_interviewers_write_scorecards(world: World) -> None:
    interview = _panel_interview(world)
    with pytest.raises(PermissionDenied):
        actions.save_scorecard(world.users["hr_admin_a"], interview, ratings=[], recommendation=None)
