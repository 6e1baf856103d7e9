"""Business-time arithmetic over a ``BusinessCalendar``.

Rules:

- Inputs are aware datetimes in any zone; results are aware UTC datetimes.
- ``add_business_time(start, d)`` is the *earliest* instant by which ``d`` of
  working time has passed since ``start``: Friday 16:00 + 4 h with windows
  09:00–12:30 and 13:30–18:00 is Monday 11:00; a deadline may fall exactly on
  the end of a window (12:30), never at the next opening. Adding zero returns
  ``start`` itself, so ``add(add(s, a), b) == add(s, a + b)`` always holds.
- ``business_time_between(a, b)`` counts working time in ``[a, b)``; it is
  negative when ``b`` is before ``a``.
- A window is half-open: open at its start, closed at its end.
- Work is done day by day using each day's cached working total, so adding
  10,000 business hours walks about 1,700 days, not 600,000 minutes.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from handoff.engines.sla.calendar import BusinessCalendar
from handoff.engines.sla.schedule import (
    MAX_CLOSED_DAYS,
    MICROSECOND,
    Schedule,
    from_micros,
    schedule_for,
    to_micros,
)


def add_business_time(calendar: BusinessCalendar, start: datetime, amount: timedelta) -> datetime:
    """The deadline ``amount`` of business time after ``start``, as an aware UTC datetime."""
    if amount < timedelta(0):
        raise ValueError("business time to add must not be negative")
    return from_micros(add_micros(schedule_for(calendar), to_micros(start), amount // MICROSECOND))


def add_business_minutes(calendar: BusinessCalendar, start: datetime, minutes: int) -> datetime:
    """``add_business_time`` for a whole number of minutes."""
    return add_business_time(calendar, start, timedelta(minutes=minutes))


def business_time_between(calendar: BusinessCalendar, start: datetime, end: datetime) -> timedelta:
    """Business time in ``[start, end)``; negative when ``end`` is before ``start``."""
    first, last = to_micros(start), to_micros(end)
    if last < first:
        return -timedelta(microseconds=between_micros(schedule_for(calendar), last, first))
    return timedelta(microseconds=between_micros(schedule_for(calendar), first, last))


def business_minutes_between(calendar: BusinessCalendar, start: datetime, end: datetime) -> float:
    """``business_time_between`` in minutes."""
    return business_time_between(calendar, start, end) / timedelta(minutes=1)


def is_within_hours(calendar: BusinessCalendar, moment: datetime) -> bool:
    """Whether the calendar is open at ``moment`` (a window's start is open, its end closed)."""
    schedule = schedule_for(calendar)
    instant = to_micros(moment)
    return any(start <= instant < end for start, end in schedule.spans(schedule.day_of(instant)))


def next_opening(calendar: BusinessCalendar, moment: datetime) -> datetime:
    """``moment`` in UTC when open, otherwise the start of the next working window."""
    return from_micros(next_open_micros(schedule_for(calendar), to_micros(moment)))


def next_open_micros(schedule: Schedule, instant: int) -> int:
    """The first open instant at or after ``instant``."""
    ordinal = schedule.day_of(instant)
    for offset in range(MAX_CLOSED_DAYS + 1):
        for start, end in schedule.spans(ordinal + offset):
            if end > instant:
                return max(start, instant)
    raise ValueError(f"calendar is closed for more than {MAX_CLOSED_DAYS} days in a row")


def add_micros(schedule: Schedule, instant: int, amount: int) -> int:
    """The earliest instant at which ``amount`` working microseconds have passed since ``instant``."""
    if amount == 0:
        return instant
    ordinal = schedule.day_of(instant)
    remaining = amount
    for start, end in schedule.spans(ordinal):
        if end <= instant:
            continue
        begin = max(start, instant)
        if remaining <= end - begin:
            return begin + remaining
        remaining -= end - begin
    return _add_from_day(schedule, ordinal + 1, remaining)


def _add_from_day(schedule: Schedule, ordinal: int, remaining: int) -> int:
    """Skip whole days by their totals, then place the rest inside the day it ends in."""
    closed_run = 0
    while (total := schedule.total(ordinal)) < remaining:
        remaining -= total
        closed_run = closed_run + 1 if total == 0 else 0
        if closed_run > MAX_CLOSED_DAYS:
            raise ValueError(f"calendar is closed for more than {MAX_CLOSED_DAYS} days in a row")
        ordinal += 1
    for start, end in schedule.spans(ordinal):
        if remaining <= end - start:
            return start + remaining
        remaining -= end - start
    raise AssertionError("a day's spans add up to its total")  # pragma: no cover


def between_micros(schedule: Schedule, first: int, last: int) -> int:
    """Working microseconds in ``[first, last)`` for ``first <= last``."""
    if last <= first:
        return 0
    first_day, last_day = schedule.day_of(first), schedule.day_of(last)
    if first_day == last_day:
        return _overlap(schedule, first_day, first, last)
    head = _overlap(schedule, first_day, first, schedule.midnight(first_day + 1))
    middle = sum(schedule.total(ordinal) for ordinal in range(first_day + 1, last_day))
    tail = _overlap(schedule, last_day, schedule.midnight(last_day), last)
    return head + middle + tail


def _overlap(schedule: Schedule, ordinal: int, first: int, last: int) -> int:
    return sum(max(0, min(end, last) - max(start, first)) for start, end in schedule.spans(ordinal))
