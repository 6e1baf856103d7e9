"""Weekly availability in a person's own IANA time zone, date exceptions and busy times.

Rules:

* A weekly window is a weekday (0 = Monday) and a local wall-clock range ``start``–``end`` on
  that day; ``end`` of ``00:00`` means midnight at the end of the day. Windows do not cross
  midnight: split a night shift into two windows.
* A :class:`DateException` for a local date either removes that day's weekly windows
  (``unavailable=True``: leave, a holiday) or adds extra windows, or both (replace the day).
  :func:`public_holidays` makes the exceptions for a country's public holidays.
* Wall times become UTC instants with ``zoneinfo`` on each date, so a 09:00 window is 09:00 local
  on both sides of a DST change. A wall time the clocks skip (02:30 on a spring-forward night)
  maps to the instant it would have had before the change, i.e. it lands the gap's length later
  in local time; a repeated wall time (fall back) takes its first occurrence (``fold=0``).
* Busy intervals (existing interviews, calendar blocks) are aware datetimes in any zone; they are
  removed from the windows, widened by the caller's buffer on both sides.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays

from handoff.engines.interviews.intervals import Span, normalise, subtract, to_minute_ceil, to_minute_floor

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MIDNIGHT = time(0)


class AvailabilityError(ValueError):
    """Availability that cannot be used (an unknown zone, a window ending before it starts)."""


def zone(name: str) -> ZoneInfo:
    """The IANA zone ``name``, or an :class:`AvailabilityError` naming it."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise AvailabilityError(f"unknown time zone {name!r}") from error


def parse_time(text: str) -> time:
    """``"09:30"`` → ``time(9, 30)``; ``"24:00"`` is midnight at the end of the day."""
    return MIDNIGHT if text == "24:00" else time.fromisoformat(text)


def _minutes_of_day(moment: time, *, is_end: bool) -> int:
    if is_end and moment == MIDNIGHT:
        return 24 * 60
    return moment.hour * 60 + moment.minute


@dataclass(frozen=True)
class LocalWindow:
    """A wall-clock range within one day (``end == 00:00`` is the day's end)."""

    start: time
    end: time

    def __post_init__(self) -> None:
        if self.start.second or self.end.second or self.start.microsecond or self.end.microsecond:
            raise AvailabilityError(f"window {self} must be in whole minutes")
        if self.start_minute >= self.end_minute:
            raise AvailabilityError(f"window {self.start:%H:%M}–{self.end:%H:%M} ends before it starts")

    @property
    def start_minute(self) -> int:
        return _minutes_of_day(self.start, is_end=False)

    @property
    def end_minute(self) -> int:
        return _minutes_of_day(self.end, is_end=True)


@dataclass(frozen=True)
class WeeklyWindow:
    """A window repeated every week on ``weekday`` (0 = Monday)."""

    weekday: int
    window: LocalWindow

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise AvailabilityError(f"weekday {self.weekday} is not 0 (Monday) to 6 (Sunday)")


@dataclass(frozen=True)
class DateException:
    """A local date that differs from the week: unavailable all day and/or extra windows."""

    day: date
    unavailable: bool = False
    extra: tuple[LocalWindow, ...] = ()

    def __post_init__(self) -> None:
        if not self.unavailable and not self.extra:
            raise AvailabilityError(f"exception on {self.day}: mark it unavailable or give extra windows")


def weekly(days: Iterable[int], *ranges: tuple[str, str]) -> tuple[WeeklyWindow, ...]:
    """The same ``("09:00", "17:00")`` ranges on each of ``days``."""
    return tuple(
        WeeklyWindow(day, LocalWindow(parse_time(start), parse_time(end))) for day in days for start, end in ranges
    )


WEEKDAYS = range(5)


@dataclass(frozen=True)
class Availability:
    """When one participant can meet: weekly windows in ``tz``, exceptions, busy intervals.

    ``label`` names the participant in error messages ("interviewer Ana Reyes", "candidate").
    """

    person_id: str
    label: str
    tz: str
    weekly: tuple[WeeklyWindow, ...]
    exceptions: tuple[DateException, ...] = ()
    busy: tuple[tuple[datetime, datetime], ...] = field(default=())

    def __post_init__(self) -> None:
        zone(self.tz)
        for start, end in self.busy:
            if start.tzinfo is None or end.tzinfo is None:
                raise AvailabilityError(f"{self.label}: busy interval {start}–{end} must be time-zone aware")
            if end <= start:
                raise AvailabilityError(f"{self.label}: busy interval {start}–{end} ends before it starts")

    @property
    def zone(self) -> ZoneInfo:
        return zone(self.tz)

    @property
    def weekdays(self) -> frozenset[int]:
        """Weekdays with at least one weekly window."""
        return frozenset(w.weekday for w in self.weekly)

    def windows_on(self, day: date) -> list[LocalWindow]:
        """The local windows of ``day`` after its exceptions."""
        exceptions = [e for e in self.exceptions if e.day == day]
        if any(e.unavailable for e in exceptions):
            windows = []
        else:
            windows = [w.window for w in self.weekly if w.weekday == day.weekday()]
        return windows + [extra for e in exceptions for extra in e.extra]

    def working_spans(self, start: datetime, end: datetime) -> list[Span]:
        """Windows (ignoring busy times) between ``start`` and ``end``, as UTC minute spans."""
        local_zone = self.zone
        low, high = to_minute_ceil(start), to_minute_floor(end)
        first = start.astimezone(local_zone).date() - timedelta(days=1)
        last = end.astimezone(local_zone).date() + timedelta(days=1)
        spans: list[Span] = []
        day = first
        while day <= last:
            midnight = datetime.combine(day, MIDNIGHT)
            for window in self.windows_on(day):
                begin = _utc_minute(midnight + timedelta(minutes=window.start_minute), local_zone)
                finish = _utc_minute(midnight + timedelta(minutes=window.end_minute), local_zone)
                spans.append((max(begin, low), min(finish, high)))
            day += timedelta(days=1)
        return normalise(spans)

    def busy_spans(self, buffer: timedelta = timedelta(0)) -> list[Span]:
        """Busy intervals widened by ``buffer`` on each side, as UTC minute spans."""
        return normalise((to_minute_floor(s - buffer), to_minute_ceil(e + buffer)) for s, e in self.busy)

    def free_spans(self, start: datetime, end: datetime, buffer: timedelta = timedelta(0)) -> list[Span]:
        """Windows minus busy intervals (widened by ``buffer``) between ``start`` and ``end``."""
        return subtract(self.working_spans(start, end), self.busy_spans(buffer))


def _utc_minute(wall: datetime, local_zone: ZoneInfo) -> int:
    return to_minute_floor(wall.replace(tzinfo=local_zone))


def candidate_hours(
    tz: str,
    *,
    start: str = "08:00",
    end: str = "20:00",
    days: Iterable[int] = WEEKDAYS,
    busy: tuple[tuple[datetime, datetime], ...] = (),
    exceptions: tuple[DateException, ...] = (),
    person_id: str = "candidate",
) -> Availability:
    """The candidate's acceptable hours: by default 08:00–20:00 local, Monday to Friday."""
    return Availability(person_id, "candidate", tz, weekly(days, (start, end)), exceptions, busy)


def public_holidays(country: str, start: date, end: date, subdivision: str | None = None) -> tuple[DateException, ...]:
    """Unavailable-all-day exceptions for the public holidays of ``country`` from ``start`` to ``end``.

    An interviewer's availability usually adds these for the country they work in; a holiday
    they do work is simply left out by the caller.
    """
    try:
        calendar = holidays.country_holidays(country, subdiv=subdivision, years=range(start.year, end.year + 1))
    except NotImplementedError as error:
        raise AvailabilityError(f"no public holidays known for {country!r} / {subdivision!r}") from error
    return tuple(DateException(day, unavailable=True) for day in sorted(calendar.keys()) if start <= day <= end)


def describe_days(days: frozenset[int]) -> str:
    """``{0..4}`` → "on weekdays"; otherwise the day names."""
    if days == frozenset(WEEKDAYS):
        return "on weekdays"
    if days == frozenset(range(7)):
        return "on any day"
    return "on " + ", ".join(WEEKDAY_NAMES[d] for d in sorted(days))
