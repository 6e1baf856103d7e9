"""SLA clocks rebuilt from a work item's status history.

Rules:

- The history is a list of status changes (instant, status category). It is
  sorted by instant; changes at the same instant keep their given order, and
  the last one wins.
- The clock runs from ``start`` while the item is in a running category and
  stops while it is in a pausing category (by default: waiting on the client
  or customer) — and, for resolution-type targets, in a done category
  (resolved, closed): a reopened item's clock resumes without counting the
  time it spent resolved.
- Nothing is accumulated or stored: elapsed time and deadlines are recomputed
  from the history every time, so they cannot drift, and a pause shifts the
  deadline by exactly the business time it covered.
- Before the first change the item is in ``initial`` (open by default).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from handoff.engines.sla.arithmetic import add_micros, between_micros
from handoff.engines.sla.calendar import BusinessCalendar
from handoff.engines.sla.schedule import MICROSECOND, from_micros, schedule_for, to_micros


class StatusCategory(StrEnum):
    OPEN = "open"
    WAITING = "waiting"  # waiting on the client or customer
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"


DEFAULT_PAUSING: frozenset[str] = frozenset({StatusCategory.WAITING})
DONE_CATEGORIES: frozenset[str] = frozenset({StatusCategory.RESOLVED, StatusCategory.CLOSED})


@dataclass(frozen=True)
class StatusChange:
    """The item entered ``category`` at ``at``."""

    at: datetime
    category: str


@dataclass(frozen=True)
class Segment:
    """A stretch of time ``[start, end)`` in which the clock runs; ``end`` None means still running."""

    start: datetime
    end: datetime | None


@dataclass(frozen=True)
class ClockDeadline:
    """When a target runs out (None while the clock is stopped short of it), and the clock's state at ``now``."""

    deadline: datetime | None
    elapsed: timedelta
    stopped: bool


def running_segments(
    start: datetime,
    history: Sequence[StatusChange],
    stopping: frozenset[str] = DEFAULT_PAUSING,
    initial: str = StatusCategory.OPEN,
) -> tuple[Segment, ...]:
    """The stretches after ``start`` in which the clock runs, in order."""
    segments: list[Segment] = []
    running_since: datetime | None = start if initial not in stopping else None
    for change in sorted(history, key=lambda change: change.at):
        moment = max(change.at, start)
        if change.category in stopping and running_since is not None:
            segments.append(Segment(running_since, moment))
            running_since = None
        elif change.category not in stopping and running_since is None:
            running_since = moment
    if running_since is not None:
        segments.append(Segment(running_since, None))
    return tuple(segment for segment in segments if segment.end is None or segment.end > segment.start)


def clock_elapsed(calendar: BusinessCalendar, segments: Sequence[Segment], until: datetime) -> timedelta:
    """Business time the clock ran in ``segments`` up to ``until``."""
    schedule = schedule_for(calendar)
    limit = to_micros(until)
    total = 0
    for segment in segments:
        first = to_micros(segment.start)
        last = limit if segment.end is None else min(to_micros(segment.end), limit)
        total += between_micros(schedule, first, last)
    return timedelta(microseconds=total)


def clock_deadline(
    calendar: BusinessCalendar, segments: Sequence[Segment], target: timedelta, now: datetime
) -> ClockDeadline:
    """The instant the clock reaches ``target``, walking the running segments; also the elapsed time at ``now``."""
    schedule = schedule_for(calendar)
    remaining = target // MICROSECOND
    deadline: int | None = None
    for segment in segments:
        first = to_micros(segment.start)
        if segment.end is None:
            deadline = add_micros(schedule, first, remaining)
            break
        length = between_micros(schedule, first, to_micros(segment.end))
        if remaining <= length:
            deadline = add_micros(schedule, first, remaining)
            break
        remaining -= length
    stopped = not segments or segments[-1].end is not None
    elapsed = clock_elapsed(calendar, segments, now)
    return ClockDeadline(None if deadline is None else from_micros(deadline), elapsed, stopped)


def deadline_after_pauses(
    calendar: BusinessCalendar,
    start: datetime,
    target: timedelta,
    history: Sequence[StatusChange],
    pausing: frozenset[str] = DEFAULT_PAUSING,
) -> datetime | None:
    """The deadline of ``target`` business time from ``start`` given the history; None while paused short of it."""
    segments = running_segments(start, history, pausing)
    return clock_deadline(calendar, segments, target, start).deadline


def elapsed_after_pauses(
    calendar: BusinessCalendar,
    start: datetime,
    now: datetime,
    history: Sequence[StatusChange],
    pausing: frozenset[str] = DEFAULT_PAUSING,
) -> timedelta:
    """Business time the clock has run from ``start`` to ``now``, pauses excluded."""
    return clock_elapsed(calendar, running_segments(start, history, pausing), now)
