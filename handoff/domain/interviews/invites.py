"""An interview as the engine's calendar invite (RFC 5545), and the e-mails that carry it."""

from __future__ import annotations

import datetime as dt
from email.utils import parseaddr
from urllib.parse import urlparse

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone

from handoff.domain.accounts.models import User
from handoff.domain.interviews.models import Interview
from handoff.engines.interviews import Attendee, AttendeeRole, Invite, build_cancel, build_request, invite_uid


def ics_domain() -> str:
    return urlparse(settings.SITE_URL).hostname or "handoff.localhost"


def uid_for(interview_id: int) -> str:
    return invite_uid(str(interview_id), ics_domain())


def _organizer() -> tuple[str, str]:
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return address or "noreply@handoff.localhost", name or "handoff"


def summary_of(interview: Interview) -> str:
    requisition = interview.application.requisition
    return f"{interview.round.title}: {interview.application.candidate.full_name} for {requisition.title}"


def invite_for(interview: Interview, interviewers: list[User], tz: str, stamp: dt.datetime | None = None) -> Invite:
    """The invite of the interview as it stands (its SEQUENCE), its times written in ``tz``."""
    email, name = _organizer()
    candidate = interview.application.candidate
    attendees = [Attendee(user.email, user.full_name or user.email) for user in interviewers]
    if candidate.email:
        attendees.append(Attendee(candidate.email, candidate.full_name, AttendeeRole.REQUIRED))
    return Invite(
        interview_id=str(interview.pk),
        domain=ics_domain(),
        start=interview.start,
        end=interview.end,
        tz=tz,
        summary=summary_of(interview),
        organizer_email=email,
        organizer_name=name,
        attendees=tuple(attendees),
        stamp=stamp or timezone.now(),
        description=f"{interview.round.get_kind_display()} interview, {interview.round.duration_minutes} minutes.",
        video_url=interview.meeting_url,
        sequence=interview.sequence,
    )


def calendar_bytes(invite: Invite, *, cancel: bool) -> bytes:
    return build_cancel(invite) if cancel else build_request(invite)


def invitation_email(invite: Invite, recipient: str, *, cancel: bool) -> EmailMessage:
    """One message to one recipient with the calendar attached (``text/calendar; method=…``)."""
    method = "CANCEL" if cancel else "REQUEST"
    verb = "Cancelled" if cancel else ("Updated" if invite.sequence else "Invitation")
    local_start = invite.start.astimezone(_zone(invite.tz))
    body = (
        f"{invite.summary}\n\n"
        f"When: {local_start:%A %d %B %Y, %H:%M} ({invite.tz})\n"
        + (f"Join: {invite.video_url}\n" if invite.video_url and not cancel else "")
        + ("\nThis interview has been cancelled.\n" if cancel else "")
    )
    message = EmailMessage(f"{verb}: {invite.summary}", body, None, [recipient])
    message.attach("invite.ics", calendar_bytes(invite, cancel=cancel), f"text/calendar; method={method}")
    return message


def _zone(name: str) -> dt.tzinfo:
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)
