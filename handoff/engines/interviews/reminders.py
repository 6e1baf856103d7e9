"""When interview reminders are due.

A reminder ``offset`` before an interview is due at ``start - offset``. Reminders whose due
time has passed when they are computed are skipped rather than sent late (an interview booked
30 minutes ahead gets no 24-hour or 1-hour reminder); cancelled interviews get none.
:func:`reminders_due` serves a periodic job: it returns the reminders due in ``(since, until]``
so that consecutive ticks neither miss nor repeat one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

DEFAULT_OFFSETS = (timedelta(hours=24), timedelta(hours=1))


@dataclass(frozen=True)
class ScheduledInterview:
    interview_id: str
    start: datetime
    cancelled: bool = False


@dataclass(frozen=True, order=True)
class Reminder:
    due_at: datetime
    interview_id: str
    offset: timedelta


def _all_reminders(interviews: Iterable[ScheduledInterview], offsets: Iterable[timedelta]) -> list[Reminder]:
    chosen = tuple(offsets)
    if any(o <= timedelta(0) for o in chosen):
        raise ValueError("reminder offsets are positive durations before the start")
    return sorted(
        Reminder(interview.start - offset, interview.interview_id, offset)
        for interview in interviews
        if not interview.cancelled
        for offset in chosen
    )


def upcoming_reminders(
    interviews: Iterable[ScheduledInterview], now: datetime, offsets: Iterable[timedelta] = DEFAULT_OFFSETS
) -> list[Reminder]:
    """Reminders still to send after ``now`` (due strictly later), earliest first."""
    return [r for r in _all_reminders(interviews, offsets) if r.due_at > now]


def reminders_due(
    interviews: Iterable[ScheduledInterview],
    since: datetime,
    until: datetime,
    offsets: Iterable[timedelta] = DEFAULT_OFFSETS,
) -> list[Reminder]:
    """Reminders due in ``(since, until]``, earliest first: what a job ticking at ``until`` sends."""
    return [r for r in _all_reminders(interviews, offsets) if since < r.due_at <= until]
