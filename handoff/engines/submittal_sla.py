"""Submittal SLA clocks: elapsed time against a target, overdue or not, and medians of finished clocks.

Two clocks per client (targets per client or engagement, defaults below): the time from a requisition's
opening to its first submittal, and the client's feedback time on a submittal (submitted → first decision).
A clock runs until it stops; a running clock is measured against ``now``. Calendar time, in hours.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

DEFAULT_FIRST_SUBMITTAL_HOURS = 5 * 24  # a first candidate in front of the client within five days
DEFAULT_FEEDBACK_HOURS = 48  # the client answers a submittal within two days
HOUR = dt.timedelta(hours=1)


@dataclass(frozen=True)
class Clock:
    """One SLA clock: started, stopped (None while running), its target in hours, measured at ``now``."""

    started: dt.datetime
    stopped: dt.datetime | None
    target_hours: float
    now: dt.datetime

    @property
    def running(self) -> bool:
        return self.stopped is None

    @property
    def elapsed(self) -> dt.timedelta:
        end = self.stopped if self.stopped is not None else self.now
        return max(end - self.started, dt.timedelta(0))

    @property
    def elapsed_hours(self) -> float:
        return self.elapsed / HOUR

    @property
    def remaining_hours(self) -> float:
        """Hours left before the target (negative once past it)."""
        return self.target_hours - self.elapsed_hours

    @property
    def overdue(self) -> bool:
        return self.elapsed_hours > self.target_hours

    @property
    def used(self) -> float:
        """Share of the target used (1.0 at the target; above 1 when overdue)."""
        return self.elapsed_hours / self.target_hours if self.target_hours > 0 else 0.0


def clock(started: dt.datetime, stopped: dt.datetime | None, target_hours: float, now: dt.datetime) -> Clock:
    if target_hours <= 0:
        raise ValueError("An SLA target is a positive number of hours.")
    return Clock(started, stopped, float(target_hours), now)


def median_hours(durations: Iterable[dt.timedelta]) -> float | None:
    """The median of finished clocks' durations in hours (None when there is none)."""
    hours = [duration / HOUR for duration in durations]
    return statistics.median(hours) if hours else None


def share_overdue(clocks: Iterable[Clock]) -> float | None:
    """Share of clocks past their target (None when there is none)."""
    rows = list(clocks)
    return sum(1 for row in rows if row.overdue) / len(rows) if rows else None


def format_hours(hours: float) -> str:
    """ "3 d 4 h", "5 h", "25 min" (hours may be negative: the sign is kept)."""
    sign = "-" if hours < 0 else ""
    minutes = round(abs(hours) * 60)
    days, rest = divmod(minutes, 24 * 60)
    whole_hours, mins = divmod(rest, 60)
    if days:
        return f"{sign}{days} d {whole_hours} h"
    if whole_hours:
        return f"{sign}{whole_hours} h"
    return f"{sign}{mins} min"
