"""Scorecard requests: once an interview ends each interviewer without a submitted card is asked once, and
whoever booked it is told once when every card is in (``tasks.request_scorecards``)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from handoff.domain.interviews import actions
from handoff.domain.interviews.models import Interview, InterviewStatus, ScorecardNotice, ScorecardNoticeKind
from handoff.domain.interviews.tasks import request_scorecards
from handoff.interfaces.cli.schedule import SCHEDULE
from tests.personas import World
from tests.scorecards import panel_of_two

pytestmark = pytest.mark.django_db

RATINGS = [
    {"competency_key": "skill:Python", "score": 3, "evidence": "Solid refactoring"},
    {"competency_key": "potential", "score": 3, "evidence": "Learns fast"},
]


@pytest.fixture
def interview(world: World) -> Interview:
    booked = panel_of_two(world)
    mail.outbox.clear()  # the invitations
    return booked


def _run(at: dt.datetime) -> int:
    return int(request_scorecards.call(at.isoformat()))


def _after(interview: Interview, minutes: int = 5) -> dt.datetime:
    return interview.end + dt.timedelta(minutes=minutes)


def test_nothing_is_asked_before_the_interview_ends(interview: Interview) -> None:
    assert _run(interview.end - dt.timedelta(minutes=1)) == 0
    assert mail.outbox == []


def test_each_interviewer_is_asked_once_with_a_link_to_the_form(world: World, interview: Interview) -> None:
    assert _run(_after(interview)) == 2
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([world.users["hiring_manager_a"].email, world.users["recruiter_a"].email])
    assert all(f"/interviews/{interview.pk}/scorecard/" in message.body for message in mail.outbox)
    assert all(message.subject.startswith("Your scorecard:") for message in mail.outbox)
    assert _run(_after(interview, 20)) == 0  # the next tick sends nothing again
    assert len(mail.outbox) == 2
    assert ScorecardNotice.objects.filter(interview=interview, kind=ScorecardNoticeKind.REQUEST).count() == 2


def test_an_interviewer_who_already_submitted_is_not_asked(world: World, interview: Interview) -> None:
    actions.save_scorecard(world.users["hiring_manager_a"], interview, ratings=RATINGS, recommendation=3, submit=True)
    assert _run(_after(interview)) == 1
    assert mail.outbox[0].to == [world.users["recruiter_a"].email]


def test_a_draft_does_not_count_as_submitted(world: World, interview: Interview) -> None:
    actions.save_scorecard(world.users["hiring_manager_a"], interview, ratings=RATINGS, recommendation=3)
    assert _run(_after(interview)) == 2


def test_the_scheduler_is_told_once_when_every_card_is_in(world: World, interview: Interview) -> None:
    manager, recruiter = world.users["hiring_manager_a"], world.users["recruiter_a"]
    _run(_after(interview))
    actions.save_scorecard(manager, interview, ratings=RATINGS, recommendation=3, submit=True)
    mail.outbox.clear()
    assert _run(_after(interview, 20)) == 0  # one card still missing, and its author was already asked
    actions.save_scorecard(recruiter, interview, ratings=RATINGS, recommendation=3, submit=True)
    assert _run(_after(interview, 35)) == 1
    (message,) = mail.outbox
    assert message.to == [recruiter.email]  # the recruiter booked it
    assert message.subject.startswith("Scorecards complete:")
    assert f"/interviews/{interview.pk}/summary/" in message.body
    assert _run(_after(interview, 50)) == 0
    assert len(mail.outbox) == 1


def test_cancelled_and_long_past_interviews_are_left_alone(interview: Interview) -> None:
    assert _run(interview.end + dt.timedelta(days=15)) == 0
    Interview.objects.filter(pk=interview.pk).update(status=InterviewStatus.CANCELLED)
    assert _run(_after(interview)) == 0
    assert mail.outbox == []


def test_a_concurrent_claim_is_refused(world: World, interview: Interview) -> None:
    user_id = world.users["recruiter_a"].pk
    now = _after(interview)
    assert actions.claim_scorecard_notice(interview, user_id, ScorecardNoticeKind.REQUEST, now)
    assert not actions.claim_scorecard_notice(interview, user_id, ScorecardNoticeKind.REQUEST, now)


def test_the_request_runs_every_fifteen_minutes() -> None:
    entry = next(entry for entry in SCHEDULE if entry.enqueue == request_scorecards.enqueue)
    assert entry.every == dt.timedelta(minutes=15)
