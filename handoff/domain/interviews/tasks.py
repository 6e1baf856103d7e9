"""Background work of interviews: invitations (calendar attached), slot links, reminders, scorecard requests.

Actions enqueue the first two with ``transaction.on_commit``; :func:`send_reminders` is meant to run every few
minutes (``handoff interview_reminders`` queues it). Each invitation is built from the interview as it stands
when the task runs (its current SEQUENCE), one message per recipient, times in the recipient's own zone.
:func:`request_scorecards` (every 15 minutes) chases the scorecards of ended interviews.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.tasks import task
from django.urls import reverse
from django.utils import timezone

from handoff.domain.accounts.models import User
from handoff.domain.interviews import selectors
from handoff.domain.interviews.actions import claim_reminder, claim_scorecard_notice
from handoff.domain.interviews.invites import invitation_email, invite_for, summary_of
from handoff.domain.interviews.models import Interview, ScorecardNoticeKind
from handoff.engines.interviews import ScheduledInterview, reminders_due
from handoff.engines.interviews.reminders import DEFAULT_OFFSETS

REMINDER_LOOKBACK = dt.timedelta(hours=1)  # a reminder missed by a late tick is still sent within this


def _interviewers(interview: Interview) -> list[User]:
    return list(User.objects.filter(pk__in=selectors.seat_ids_for_task(interview.pk), is_active=True).order_by("pk"))


def _zones(people: list[User]) -> dict[int, str]:
    """Each person's own zone: the one their availability is kept in, else their profile's."""
    stored = selectors.availabilities(user.pk for user in people)
    return {user.pk: stored[user.pk].time_zone if user.pk in stored else user.time_zone for user in people}


@task
def send_invitation(interview_id: int, cancel: bool) -> int:
    """E-mail the interview's invite (METHOD:REQUEST) or cancellation (METHOD:CANCEL) to everyone on it."""
    interview = selectors.interview_for_task(interview_id)
    if interview is None:
        return 0
    people = _interviewers(interview)
    zones = _zones(people)
    messages = [invitation_email(invite_for(interview, people, zones[u.pk]), u.email, cancel=cancel) for u in people]
    candidate = interview.application.candidate
    if candidate.email:
        invite = invite_for(interview, people, interview.candidate_time_zone)
        messages.append(invitation_email(invite, candidate.email, cancel=cancel))
    return mailers.default.send_messages(messages) or 0


@task
def send_slot_offer(offer_id: int, token: str) -> int:
    """E-mail the candidate the link to pick one of the offered slots."""
    offer = selectors.offer_for_task(offer_id)
    if offer is None or not offer.application.candidate.email:
        return 0
    link = settings.SITE_URL.rstrip("/") + reverse("web:interview_pick", kwargs={"slot_token": token})
    body = (
        f"Hello {offer.application.candidate.full_name},\n\n"
        f"Please choose a time for your interview with {offer.client.name}:\n{link}\n\n"
        f"The link works once and until {offer.expires_at:%d %B %Y}.\n"
    )
    message = EmailMessage("Choose your interview time", body, None, [offer.application.candidate.email])
    return mailers.default.send_messages([message]) or 0


def _reminder_email(interview: Interview, recipient: str, tz: str, offset: dt.timedelta) -> EmailMessage:
    from zoneinfo import ZoneInfo

    local = interview.start.astimezone(ZoneInfo(tz))
    hours = offset / dt.timedelta(hours=1)
    body = (
        f"Reminder: {summary_of(interview)}\n"
        f"Starts {local:%A %d %B %Y, %H:%M} ({tz}), in about {hours:g} hour(s).\n"
        + (f"Join: {interview.meeting_url}\n" if interview.meeting_url else "")
    )
    return EmailMessage(f"Reminder: {summary_of(interview)}", body, None, [recipient])


@task
def send_reminders(until_iso: str = "") -> int:
    """Send the reminders due in the last hour (engine ``reminders_due``), each once (``ReminderSent``)."""
    until = dt.datetime.fromisoformat(until_iso) if until_iso else timezone.now()
    since = until - REMINDER_LOOKBACK
    longest = max(DEFAULT_OFFSETS)
    rows = {row.pk: row for row in selectors.booked_between(since, until + longest + REMINDER_LOOKBACK)}
    scheduled = [ScheduledInterview(str(pk), row.start) for pk, row in rows.items()]
    sent = 0
    for reminder in reminders_due(scheduled, since, until):
        interview = rows[int(reminder.interview_id)]
        if not claim_reminder(interview, reminder.offset, until):
            continue
        people = _interviewers(interview)
        zones = _zones(people)
        messages = [_reminder_email(interview, u.email, zones[u.pk], reminder.offset) for u in people]
        candidate = interview.application.candidate
        if candidate.email:
            messages.append(_reminder_email(interview, candidate.email, interview.candidate_time_zone, reminder.offset))
        sent += mailers.default.send_messages(messages) or 0
    return sent


# --- scorecards -----------------------------------------------------------------------------------------------

SCORECARD_LOOKBACK = dt.timedelta(days=14)  # interviews ended this long ago are still chased and reported


def _site_link(name: str, interview: Interview) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, kwargs={"interview_id": interview.pk})


def _scorecard_request(interview: Interview, person: User) -> EmailMessage:
    body = (
        f"Hello {person.full_name or person.email},\n\n"
        f"{summary_of(interview)} has ended. Please submit your scorecard while it is fresh:\n"
        f"{_site_link('web:scorecard', interview)}\n\n"
        "The other interviewers' scorecards stay hidden until you have submitted yours.\n"
    )
    return EmailMessage(f"Your scorecard: {summary_of(interview)}", body, None, [person.email])


def _scorecards_in(interview: Interview, scheduler: User, count: int) -> EmailMessage:
    body = (
        f"Hello {scheduler.full_name or scheduler.email},\n\n"
        f"All {count} scorecard(s) of {summary_of(interview)} are in. Compare them here:\n"
        f"{_site_link('web:scorecard_summary', interview)}\n"
    )
    return EmailMessage(f"Scorecards complete: {summary_of(interview)}", body, None, [scheduler.email])


def _chase(interview: Interview, people: list[User], submitted: set[int], now: dt.datetime) -> list[EmailMessage]:
    return [
        _scorecard_request(interview, person)
        for person in people
        if person.pk not in submitted
        and person.email
        and claim_scorecard_notice(interview, person.pk, ScorecardNoticeKind.REQUEST, now)
    ]


def _report(interview: Interview, people: list[User], submitted: set[int], now: dt.datetime) -> list[EmailMessage]:
    scheduler = interview.booked_by
    complete = bool(people) and all(person.pk in submitted for person in people)
    if not complete or scheduler is None or not scheduler.is_active or not scheduler.email:
        return []
    if not claim_scorecard_notice(interview, scheduler.pk, ScorecardNoticeKind.ALL_IN, now):
        return []
    return [_scorecards_in(interview, scheduler, len(people))]


@task
def request_scorecards(until_iso: str = "") -> int:
    """Once an interview has ended: ask each interviewer without a submitted scorecard for it (once each), and
    tell whoever booked it when every scorecard is in (once). Run every 15 minutes; idempotent."""
    until = dt.datetime.fromisoformat(until_iso) if until_iso else timezone.now()
    sent = 0
    for interview in selectors.ended_between(until - SCORECARD_LOOKBACK, until):
        people = _interviewers(interview)
        submitted = selectors.submitted_ids_for_task(interview.pk)
        messages = _chase(interview, people, submitted, until) + _report(interview, people, submitted, until)
        if messages:
            sent += mailers.default.send_messages(messages) or 0
    return sent
