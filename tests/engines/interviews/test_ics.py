"""iCalendar invites parsed back with icalendar: properties, folding, CRLF, updates, DST round trip."""

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from handoff.engines.interviews.ics import (
    PRODID,
    Attendee,
    AttendeeRole,
    Invite,
    PartStat,
    build_cancel,
    build_request,
    cancelled,
    invite_uid,
    rescheduled,
)

from .cases import utc

STAMP = utc(2026, 3, 1, 9)
NEW_YORK = ZoneInfo("America/New_York")


def invite(**changes: object) -> Invite:
    fields: dict[str, object] = {
        "interview_id": "7f3a",
        "domain": "handoff.example",
        "start": datetime(2026, 3, 9, 10, tzinfo=NEW_YORK),
        "end": datetime(2026, 3, 9, 11, tzinfo=NEW_YORK),
        "tz": "America/New_York",
        "summary": "Technical interview: Senior Backend Engineer (Payments platform, Acme Corporation)",
        "organizer_email": "rita@provider.example",
        "organizer_name": "Rita Recruiter",
        "attendees": (
            Attendee("ana@client.example", "Ana Reyes"),
            Attendee("sam@candidate.example", "Sam Candidate", AttendeeRole.REQUIRED, PartStat.ACCEPTED, rsvp=False),
            Attendee("obs@client.example", "Observer", AttendeeRole.OPTIONAL),
        ),
        "stamp": STAMP,
        "description": "Round 2 of 4. Please bring a laptop.",
        "video_url": "https://meet.example.com/abc-defg-hij",
    }
    fields.update(changes)
    return Invite(**fields)  # type: ignore[arg-type]


def parse(data: bytes) -> tuple[Calendar, Any]:
    """The calendar and its one event (typed loosely: icalendar's property values are a wide union)."""
    calendar = Calendar.from_ical(data)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def test_request_carries_every_property() -> None:
    calendar, event = parse(build_request(invite()))
    assert calendar["METHOD"] == "REQUEST"
    assert calendar["PRODID"] == PRODID
    assert calendar["VERSION"] == "2.0"
    assert event["UID"] == "interview-7f3a@handoff.example"
    assert event["SEQUENCE"] == 0
    assert event["STATUS"] == "CONFIRMED"
    assert event["SUMMARY"].startswith("Technical interview")
    assert event["URL"] == "https://meet.example.com/abc-defg-hij"
    assert event["LOCATION"] == "https://meet.example.com/abc-defg-hij"
    assert "Join: https://meet.example.com/abc-defg-hij" in event["DESCRIPTION"]
    assert event["DTSTAMP"].dt == STAMP
    assert event["DTSTART"].params["TZID"] == "America/New_York"
    assert event["DTEND"].params["TZID"] == "America/New_York"
    assert event["DTSTART"].dt == datetime(2026, 3, 9, 14, tzinfo=UTC)
    assert event["ORGANIZER"] == "mailto:rita@provider.example"
    assert event["ORGANIZER"].params["CN"] == "Rita Recruiter"


def test_attendees_have_role_partstat_and_rsvp() -> None:
    _, event = parse(build_request(invite()))
    attendees = {str(a): a.params for a in event["ATTENDEE"]}
    assert attendees["mailto:ana@client.example"]["ROLE"] == "REQ-PARTICIPANT"
    assert attendees["mailto:ana@client.example"]["PARTSTAT"] == "NEEDS-ACTION"
    assert attendees["mailto:ana@client.example"]["RSVP"] == "TRUE"
    assert attendees["mailto:sam@candidate.example"]["PARTSTAT"] == "ACCEPTED"
    assert attendees["mailto:sam@candidate.example"]["RSVP"] == "FALSE"
    assert attendees["mailto:obs@client.example"]["ROLE"] == "OPT-PARTICIPANT"


def test_vtimezone_is_included_and_describes_both_offsets() -> None:
    calendar, _ = parse(build_request(invite()))
    (timezone,) = calendar.walk("VTIMEZONE")
    assert timezone["TZID"] == "America/New_York"
    offsets = {str(c["TZNAME"]) for c in timezone.walk() if c.name in ("STANDARD", "DAYLIGHT")}
    assert offsets == {"EST", "EDT"}
    assert calendar.get_missing_tzids() == set()


def test_reminders_are_alarms_before_the_start() -> None:
    _, event = parse(build_request(invite(reminders=(timedelta(hours=24), timedelta(minutes=15)))))
    triggers = sorted(alarm["TRIGGER"].dt for alarm in event.walk("VALARM"))
    assert triggers == [timedelta(hours=-24), timedelta(minutes=-15)]
    assert all(alarm["ACTION"] == "DISPLAY" for alarm in event.walk("VALARM"))


def test_lines_end_with_crlf_and_fold_at_75_octets() -> None:
    summary = "Entrevista técnica — " + "ingeniería " * 12
    data = build_request(invite(summary=summary))
    lines = data.split(b"\r\n")
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # the long summary was folded
    _, event = parse(data)
    assert event["SUMMARY"] == summary


def test_an_interview_across_the_spring_change_keeps_its_instants_and_local_times() -> None:
    start, end = utc(2026, 3, 8, 6, 30), utc(2026, 3, 8, 7, 30)  # 01:30 EST → 03:30 EDT, one real hour
    data = build_request(invite(start=start, end=end))
    assert b"DTSTART;TZID=America/New_York:20260308T013000" in data
    assert b"DTEND;TZID=America/New_York:20260308T033000" in data
    _, event = parse(data)
    assert (event["DTSTART"].dt, event["DTEND"].dt) == (start, end)
    # (Subtracting two datetimes of the same zone is wall-clock arithmetic in Python: convert first.)
    assert event["DTEND"].dt.astimezone(UTC) - event["DTSTART"].dt.astimezone(UTC) == timedelta(hours=1)


def test_reschedule_keeps_the_uid_and_increments_the_sequence() -> None:
    first = invite()
    moved = rescheduled(first, utc(2026, 3, 10, 15), utc(2026, 3, 10, 16), stamp=utc(2026, 3, 2))
    _, event = parse(build_request(moved))
    assert event["UID"] == first.uid
    assert event["SEQUENCE"] == 1
    assert event["DTSTART"].dt == utc(2026, 3, 10, 15)
    assert rescheduled(moved, moved.start, moved.end, moved.stamp).sequence == 2


def test_cancel_has_method_cancel_status_cancelled_same_uid_next_sequence_and_no_alarms() -> None:
    calendar, event = parse(
        build_cancel(cancelled(rescheduled(invite(), utc(2026, 3, 10, 15), utc(2026, 3, 10, 16), STAMP), STAMP))
    )
    assert calendar["METHOD"] == "CANCEL"
    assert event["STATUS"] == "CANCELLED"
    assert event["UID"] == invite_uid("7f3a", "handoff.example")
    assert event["SEQUENCE"] == 2
    assert event.walk("VALARM") == []


def test_physical_location_wins_over_the_video_link() -> None:
    _, event = parse(build_request(invite(location="Acme HQ, room 4.12")))
    assert event["LOCATION"] == "Acme HQ, room 4.12"
    assert event["URL"] == "https://meet.example.com/abc-defg-hij"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end": datetime(2026, 3, 9, 9, tzinfo=NEW_YORK)}, "ends before it starts"),
        ({"start": datetime(2026, 3, 9, 10)}, "aware"),
        ({"tz": "Nowhere/City"}, "unknown time zone"),
        ({"domain": "a@b"}, "domain"),
        ({"sequence": -1}, "sequence"),
        ({"reminders": (timedelta(0),)}, "reminders"),
    ],
)
def test_bad_invites_are_refused(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        invite(**changes)


@settings(max_examples=60, deadline=None)
@given(
    start=st.datetimes(min_value=datetime(2026, 3, 1), max_value=datetime(2026, 11, 30), timezones=st.just(UTC)),
    minutes=st.integers(15, 600),
    tz=st.sampled_from(["America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata", "UTC"]),
    sequence=st.integers(0, 50),
    interview_id=st.from_regex(r"[a-z0-9-]{1,20}", fullmatch=True),
)
def test_round_trip_preserves_uid_sequence_and_instants(
    start: datetime, minutes: int, tz: str, sequence: int, interview_id: str
) -> None:
    start = start.replace(second=0, microsecond=0)
    end = start + timedelta(minutes=minutes)  # spans DST changes for some starts
    data = build_request(invite(interview_id=interview_id, start=start, end=end, tz=tz, sequence=sequence))
    calendar, event = parse(data)
    assert event["UID"] == f"interview-{interview_id}@handoff.example"
    assert event["SEQUENCE"] == sequence
    assert event["DTSTART"].dt == start
    assert event["DTEND"].dt == end
    assert calendar.get_missing_tzids() == set()
