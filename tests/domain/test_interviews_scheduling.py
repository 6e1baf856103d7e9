"""Interview scheduling: availability, proposals, panel booking (checked again at booking), reschedule, cancel,
and the calendar invites parsed back with ``icalendar`` field by field."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from icalendar import Calendar

from handoff.domain.interviews import actions, tasks
from handoff.domain.interviews.actions import RoundInput
from handoff.domain.interviews.models import Interview, InterviewStatus, ReminderSent
from handoff.engines.interviews import NoSlotError
from tests.interviews import NOW, SLOT, WEEKDAYS_9_TO_5, interview_plan
from tests.personas import World

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _immediate_tasks(settings) -> None:
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def _calendars() -> dict[str, Calendar]:
    """The calendar attached to each e-mail in the outbox, by recipient (the last one wins)."""
    found = {}
    for message in mail.outbox:
        for attachment in message.attachments:
            content = attachment.content if hasattr(attachment, "content") else attachment[1]
            found[message.to[0]] = Calendar.from_ical(content)
    return found


def _event(calendar: Calendar) -> Any:
    return next(iter(calendar.walk("VEVENT")))


def test_overlapping_windows_are_refused_with_a_field_error(world: World) -> None:
    windows = [{"weekday": 0, "start": "09:00", "end": "12:00"}, {"weekday": 0, "start": "11:30", "end": "15:00"}]
    with pytest.raises(ValidationError) as caught:
        actions.save_availability(world.users["recruiter_a"], "Europe/Lisbon", windows)
    assert "overlap" in caught.value.message_dict["weekly"][0]
    assert "Mon" in caught.value.message_dict["weekly"][0]


def test_bad_zone_and_reversed_window_are_field_errors(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        actions.save_availability(world.users["recruiter_a"], "Mars/Olympus", WEEKDAYS_9_TO_5)
    assert "time_zone" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        actions.save_availability(world.users["recruiter_a"], "UTC", [{"weekday": 1, "start": "17:00", "end": "09:00"}])
    assert "ends before it starts" in caught.value.message_dict["weekly"][0]


def test_plan_competencies_must_be_requisition_skills(world: World) -> None:
    manager = world.users["hiring_manager_a"]
    bad = [RoundInput("technical", "Tech", 60, ((manager.pk, True),), (("skill", "Cobol"),))]
    with pytest.raises(ValidationError) as caught:
        actions.save_plan(world.users["recruiter_a"], world.recruiting.requisition_a, bad)
    assert "not a skill of the requisition" in str(caught.value.message_dict["rounds[0].competencies"])


def test_plan_refuses_an_interviewer_of_another_client(world: World) -> None:
    other = world.users["hr_admin_b"]
    bad = [RoundInput("technical", "Tech", 60, ((other.pk, True),), (("potential", ""),))]
    with pytest.raises(ValidationError) as caught:
        actions.save_plan(world.users["recruiter_a"], world.recruiting.requisition_a, bad)
    assert "rounds[0].interviewers" in caught.value.message_dict


def test_process_owner_may_not_plan(world: World) -> None:
    interview_plan(world)
    with pytest.raises(PermissionDenied):
        actions.save_plan(world.users["process_owner_a"], world.recruiting.requisition_a, [])


def test_proposals_fit_every_interviewer_and_the_candidate(world: World) -> None:
    interview_plan(world)
    slots = actions.propose(
        world.users["recruiter_a"], world.recruiting.application_a, candidate_time_zone="America/New_York", now=NOW
    )
    assert slots
    for slot in slots:
        technical, culture = slot.rounds
        new_york = technical.start.astimezone(ZoneInfo("America/New_York"))
        lisbon_end = culture.end.astimezone(ZoneInfo("Europe/Lisbon"))
        assert new_york.weekday() < 5
        assert new_york.hour >= 9
        assert technical.end <= culture.start
        assert lisbon_end.time() <= dt.time(17, 0)
        assert culture.start == technical.end


def test_no_common_hours_explains_who(world: World) -> None:
    interview_plan(world)
    actions.save_availability(world.users["recruiter_a"], "Asia/Tokyo", WEEKDAYS_9_TO_5)
    with pytest.raises(NoSlotError) as caught:
        actions.propose(world.users["recruiter_a"], world.recruiting.application_a, now=NOW, days=5)
    assert "back to back" in str(caught.value)  # Tokyo and New York share an hour, not 105 minutes in a row


def test_book_panel_makes_consecutive_interviews_and_mails_invites(
    world: World, django_capture_on_commit_callbacks
) -> None:
    interview_plan(world)
    with django_capture_on_commit_callbacks(execute=True):
        booked = actions.book_panel(
            world.users["recruiter_a"],
            world.recruiting.application_a,
            SLOT,
            candidate_time_zone="America/New_York",
            meeting_url="https://meet.example.test/abc",
            now=NOW,
        )
    technical, culture = booked
    assert (technical.start, technical.end, culture.start) == (SLOT, SLOT + dt.timedelta(hours=1), technical.end)
    assert technical.panel == culture.panel
    assert technical.ics_uid == f"interview-{technical.pk}@127.0.0.1"
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients.count("ana.lima@mail.test") == 2  # the candidate gets both rounds
    assert "hiring_manager.a@example.test" in recipients
    assert "recruiter_a@provider.test" in recipients
    calendar = _calendars()["hiring_manager.a@example.test"]
    event = _event(calendar)
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == technical.ics_uid
    assert int(event["SEQUENCE"]) == 0
    assert event["DTSTART"].params["TZID"] == "America/New_York"
    assert event["DTEND"].params["TZID"] == "America/New_York"
    assert event.decoded("DTSTART") == SLOT
    assert event.decoded("DTEND") == SLOT + dt.timedelta(hours=1)
    assert str(event["URL"]) == "https://meet.example.test/abc"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert calendar.walk("VTIMEZONE"), "the zone is described for clients elsewhere"
    lisbon = _event(_calendars()["recruiter_a@provider.test"])
    assert lisbon["DTSTART"].params["TZID"] == "Europe/Lisbon"


def test_booking_checks_again_that_the_slot_is_still_free(world: World) -> None:
    """Two schedulers propose the same slot; the second booking finds the interviewers taken."""
    interview_plan(world)
    recruiter = world.users["recruiter_a"]
    first = actions.propose(recruiter, world.recruiting.application_a, now=NOW)[0]
    from handoff.domain.recruiting import actions as recruiting_actions
    from tests.recruiting import candidate_data

    other = recruiting_actions.create_candidate(
        world.users["provider_admin"],
        candidate_data(full_name="Bo Chen", email="bo@mail.test", phone="", profile_url=""),
    )
    second_application = recruiting_actions.add_application(recruiter, world.recruiting.requisition_a, other)
    actions.book_panel(recruiter, world.recruiting.application_a, first.start, now=NOW)
    with pytest.raises(ValidationError) as caught:
        actions.book_panel(recruiter, second_application, first.start, now=NOW)
    assert "no longer fits" in caught.value.message_dict["start"][0]
    assert Interview.objects.filter(application=second_application).count() == 0


def test_a_slot_in_the_past_is_refused(world: World) -> None:
    interview_plan(world)
    with pytest.raises(ValidationError) as caught:
        actions.book_panel(
            world.users["recruiter_a"], world.recruiting.application_a, NOW - dt.timedelta(hours=1), now=NOW
        )
    assert "already passed" in caught.value.message_dict["start"][0]


def test_a_slot_outside_hours_is_refused(world: World) -> None:
    interview_plan(world)
    night = dt.datetime(2030, 1, 8, 3, 0, tzinfo=dt.UTC)
    with pytest.raises(ValidationError):
        actions.book_panel(world.users["recruiter_a"], world.recruiting.application_a, night, now=NOW)


def test_reschedule_keeps_the_uid_and_increments_sequence(world: World, django_capture_on_commit_callbacks) -> None:
    interview_plan(world)
    recruiter = world.users["recruiter_a"]
    technical, _ = actions.book_panel(recruiter, world.recruiting.application_a, SLOT, now=NOW)
    uid = technical.ics_uid
    later = SLOT + dt.timedelta(days=1)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        moved = actions.reschedule(recruiter, technical, later, now=NOW)
    assert (moved.sequence, moved.start, moved.ics_uid) == (1, later, uid)
    event = _event(_calendars()["hiring_manager.a@example.test"])
    assert str(_calendars()["hiring_manager.a@example.test"]["METHOD"]) == "REQUEST"
    assert (str(event["UID"]), int(event["SEQUENCE"])) == (uid, 1)
    assert event.decoded("DTSTART") == later
    assert mail.outbox[0].subject.startswith("Updated:")


def test_cancel_sends_method_cancel_with_the_same_uid(world: World, django_capture_on_commit_callbacks) -> None:
    interview_plan(world)
    recruiter = world.users["recruiter_a"]
    technical, culture = actions.book_panel(recruiter, world.recruiting.application_a, SLOT, now=NOW)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.cancel(recruiter, technical)
    technical.refresh_from_db()
    assert technical.status == InterviewStatus.CANCELLED
    assert technical.sequence == 1
    calendar = _calendars()["ana.lima@mail.test"]
    event = _event(calendar)
    assert str(calendar["METHOD"]) == "CANCEL"
    assert (str(event["UID"]), int(event["SEQUENCE"]), str(event["STATUS"])) == (technical.ics_uid, 1, "CANCELLED")
    with pytest.raises(ValidationError):
        actions.cancel(recruiter, technical)
    # the freed slot can be booked again
    actions.cancel(recruiter, culture)
    assert actions.book_panel(recruiter, world.recruiting.application_a, SLOT, now=NOW)


def test_reminders_are_sent_once(world: World) -> None:
    interview_plan(world)
    technical, _ = actions.book_panel(world.users["recruiter_a"], world.recruiting.application_a, SLOT, now=NOW)
    tick = (SLOT - dt.timedelta(hours=1) + dt.timedelta(minutes=5)).isoformat()
    mail.outbox.clear()
    sent = tasks.send_reminders.call(tick)
    assert sent == 2  # the hiring manager and the candidate, one hour before the Technical round
    assert tasks.send_reminders.call(tick) == 0
    assert ReminderSent.objects.filter(interview=technical).count() == 1
    assert all(m.subject.startswith("Reminder:") for m in mail.outbox)


def test_interviewers_see_only_their_own_interviews(world: World) -> None:
    from handoff.domain.interviews import selectors

    interview_plan(world)
    actions.book_panel(world.users["recruiter_a"], world.recruiting.application_a, SLOT, now=NOW)
    assert selectors.interviews(world.users["hiring_manager_a"]).count() == 2  # a scheduler sees the loop
    assert selectors.interviews(world.users["process_owner_a"]).count() == 0
    assert selectors.interviews(world.users["hr_admin_b"]).count() == 0
