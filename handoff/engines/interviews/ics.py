"""iCalendar (RFC 5545) invitations for interviews, built with the ``icalendar`` library.

Rules that make calendar clients apply updates instead of piling up copies:

* The UID is stable: ``interview-<id>@<domain>``, derived from the interview id, so every
  update of one interview names the same event.
* SEQUENCE starts at 0 and grows by one on each reschedule or cancellation
  (:func:`rescheduled`, :func:`cancelled`); clients ignore messages whose SEQUENCE is not newer.
* A request is ``METHOD:REQUEST`` with ``STATUS:CONFIRMED``; a cancellation is ``METHOD:CANCEL``
  with ``STATUS:CANCELLED`` and the same UID.
* DTSTART/DTEND carry ``TZID`` of the invite's zone (the organiser's or the interview's), and a
  VTIMEZONE for it is generated from zoneinfo, so the instant survives clients in other zones.
* The video link is the event's URL and, for clients that ignore URL, its LOCATION (unless a
  physical location is given) and the last line of the description.
* Each reminder is a VALARM (ACTION:DISPLAY) triggered that long before the start.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from icalendar import Alarm, Calendar, Event, vCalAddress, vText

from handoff.engines.interviews.availability import zone

PRODID = "-//handoff//RPO interviews//EN"


class AttendeeRole(StrEnum):
    CHAIR = "CHAIR"
    REQUIRED = "REQ-PARTICIPANT"
    OPTIONAL = "OPT-PARTICIPANT"
    NON_PARTICIPANT = "NON-PARTICIPANT"


class PartStat(StrEnum):
    NEEDS_ACTION = "NEEDS-ACTION"
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"
    TENTATIVE = "TENTATIVE"


class Method(StrEnum):
    REQUEST = "REQUEST"
    CANCEL = "CANCEL"


@dataclass(frozen=True)
class Attendee:
    email: str
    name: str
    role: AttendeeRole = AttendeeRole.REQUIRED
    partstat: PartStat = PartStat.NEEDS_ACTION
    rsvp: bool = True


@dataclass(frozen=True)
class Invite:
    """Everything an interview's calendar message says; ``start``/``end`` are aware datetimes."""

    interview_id: str
    domain: str
    start: datetime
    end: datetime
    tz: str
    summary: str
    organizer_email: str
    organizer_name: str
    attendees: tuple[Attendee, ...]
    stamp: datetime
    description: str = ""
    video_url: str = ""
    location: str = ""
    sequence: int = 0
    reminders: tuple[timedelta, ...] = (timedelta(hours=24), timedelta(minutes=15))

    def __post_init__(self) -> None:
        zone(self.tz)
        for name in ("start", "end", "stamp"):
            if getattr(self, name).tzinfo is None:
                raise ValueError(f"invite {name} must be time-zone aware")
        if self.end <= self.start:
            raise ValueError("invite ends before it starts")
        if self.sequence < 0:
            raise ValueError("sequence cannot be negative")
        if not self.domain or "@" in self.domain:
            raise ValueError("domain must be a host name such as 'handoff.example'")
        if any(r <= timedelta(0) for r in self.reminders):
            raise ValueError("reminders are positive durations before the start")

    @property
    def uid(self) -> str:
        return invite_uid(self.interview_id, self.domain)


def invite_uid(interview_id: str, domain: str) -> str:
    """The stable UID of an interview's event."""
    return f"interview-{interview_id}@{domain}"


def rescheduled(invite: Invite, start: datetime, end: datetime, stamp: datetime) -> Invite:
    """The same event moved: new times, SEQUENCE + 1."""
    return replace(invite, start=start, end=end, stamp=stamp, sequence=invite.sequence + 1)


def cancelled(invite: Invite, stamp: datetime) -> Invite:
    """The invite to send with :func:`build_cancel`: SEQUENCE + 1."""
    return replace(invite, stamp=stamp, sequence=invite.sequence + 1)


def build_request(invite: Invite) -> bytes:
    """The ``METHOD:REQUEST`` calendar (CRLF lines folded at 75 octets) to attach to the invitation."""
    ical: bytes = _calendar(invite, Method.REQUEST).to_ical()
    return ical


def build_cancel(invite: Invite) -> bytes:
    """The ``METHOD:CANCEL`` calendar for ``invite`` (pass it through :func:`cancelled` first)."""
    ical: bytes = _calendar(invite, Method.CANCEL).to_ical()
    return ical


def _calendar(invite: Invite, method: Method) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method.value)
    calendar.add_component(_event(invite, method))
    margin = timedelta(days=400)
    calendar.add_missing_timezones(first_date=(invite.start - margin).date(), last_date=(invite.end + margin).date())
    return calendar


def _event(invite: Invite, method: Method) -> Event:
    local_zone = zone(invite.tz)
    event = Event()
    event.add("uid", invite.uid)
    event.add("dtstamp", invite.stamp)
    event.add("dtstart", invite.start.astimezone(local_zone))
    event.add("dtend", invite.end.astimezone(local_zone))
    event.add("sequence", invite.sequence)
    event.add("summary", invite.summary)
    event.add("status", "CANCELLED" if method is Method.CANCEL else "CONFIRMED")
    event.add("transp", "OPAQUE")
    description = invite.description
    if invite.video_url:
        event.add("url", invite.video_url)
        description = f"{description}\n\nJoin: {invite.video_url}".strip()
    if description:
        event.add("description", description)
    if invite.location or invite.video_url:
        event.add("location", invite.location or invite.video_url)
    event.add("organizer", _address(invite.organizer_email, {"CN": invite.organizer_name}))
    for attendee in invite.attendees:
        params = {
            "CN": attendee.name,
            "ROLE": attendee.role.value,
            "PARTSTAT": attendee.partstat.value,
            "RSVP": "TRUE" if attendee.rsvp else "FALSE",
            "CUTYPE": "INDIVIDUAL",
        }
        event.add("attendee", _address(attendee.email, params))
    if method is Method.REQUEST:
        for before in invite.reminders:
            event.add_component(_alarm(invite.summary, before))
    return event


def _address(email: str, params: dict[str, str]) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    for key, value in params.items():
        address.params[key] = vText(value) if key == "CN" else value
    return address


def _alarm(summary: str, before: timedelta) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Reminder: {summary}")
    alarm.add("trigger", -before)
    return alarm
