"""Business calendars: a time zone, working windows per weekday, and holidays.

Rules (the engine's contract, also shown to users who edit calendars):

- Times are wall-clock times in the calendar's IANA time zone, to the minute.
- A weekday may have several windows (a lunch break is the gap between two).
- ``"24:00"`` and ``"23:59"`` as the *end* of a window both mean the end of the
  day (midnight of the next day), so ``09:00–23:59`` runs to midnight (Zammad's
  convention) and a 24/7 calendar has no gap at 23:59.
- A window whose end is not after its start crosses midnight: ``22:00–06:00``
  on Friday runs from Friday 22:00 to Saturday 06:00. Such a shift belongs to
  the day it starts: a holiday on Friday cancels all of it, a holiday on
  Saturday does not cut a shift begun on Friday evening.
- Windows of the same day that overlap or touch are merged.
- Public holidays come from the ``holidays`` library for ``country`` (ISO
  3166-1 alpha-2) and ``subdivision``, including its "observed" days;
  ``added_holidays`` closes more dates, ``removed_holidays`` keeps a library
  holiday as a normal working day, and a ``MakeUpDay`` opens a normally closed
  date with the hours of another weekday (e.g. a Saturday worked as a Monday).
- Daylight-saving time: windows are wall-clock, so their real length follows
  the clock. A wall time skipped by a spring-forward change means the moment
  of the change (a window starting at 02:30 on that day opens at 03:00); a
  wall time repeated by a fall-back change means its first occurrence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays

MINUTES_PER_DAY = 1440
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")
_END_OF_DAY_ALIASES = {"23:59", "24:00"}


def parse_clock(text: str, *, is_end: bool = False) -> int:
    """Minutes after midnight for ``"HH:MM"``; as an end, ``"23:59"``/``"24:00"`` mean 1440."""
    if is_end and text.strip() in _END_OF_DAY_ALIASES:
        return MINUTES_PER_DAY
    match = _CLOCK.match(text.strip())
    if match is None:
        raise ValueError(f"{text!r} is not a time of day in HH:MM form")
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours > 23 or minutes > 59:
        raise ValueError(f"{text!r} is not a time of day (00:00–23:59, or 24:00 as an end)")
    return hours * 60 + minutes


@dataclass(frozen=True)
class Window:
    """A working window in minutes after the local midnight of the day it starts.

    ``end`` is in ``(start, start + 1440]``; an ``end`` above 1440 crosses midnight.
    """

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start < MINUTES_PER_DAY:
            raise ValueError(f"window start {self.start} is outside 0..1439 minutes")
        if not self.start < self.end <= self.start + MINUTES_PER_DAY:
            raise ValueError(f"window end {self.end} must be after its start {self.start} and within a day of it")

    @classmethod
    def parse(cls, start: str, end: str) -> Window:
        """A window from ``"HH:MM"`` texts; an end not after the start crosses midnight."""
        first = parse_clock(start)
        last = parse_clock(end, is_end=True)
        if last == first:
            raise ValueError(f"window {start}–{end} is empty (for a whole day use 00:00–24:00)")
        if last < first:
            last += MINUTES_PER_DAY
        return cls(first, last)

    @property
    def minutes(self) -> int:
        """Nominal length in wall-clock minutes (the real length differs on DST change days)."""
        return self.end - self.start

    @property
    def crosses_midnight(self) -> bool:
        return self.end > MINUTES_PER_DAY


DayWindows = tuple[Window, ...]
Week = tuple[DayWindows, ...]  # seven entries, Monday first


def make_week(windows: Sequence[tuple[str, str]], days: Iterable[int] = range(5)) -> Week:
    """A week with the same windows on the given weekdays (0 = Monday) and none on the others."""
    parsed = tuple(Window.parse(start, end) for start, end in windows)
    chosen = set(days)
    if not chosen <= set(range(7)):
        raise ValueError("weekdays are 0 (Monday) to 6 (Sunday)")
    return tuple(parsed if weekday in chosen else () for weekday in range(7))


ALWAYS_OPEN_WEEK: Week = make_week([("00:00", "24:00")], range(7))


@dataclass(frozen=True)
class MakeUpDay:
    """A normally closed date worked with the windows of ``like_weekday`` (0 = Monday)."""

    day: date
    like_weekday: int

    def __post_init__(self) -> None:
        if not 0 <= self.like_weekday <= 6:
            raise ValueError("like_weekday is 0 (Monday) to 6 (Sunday)")


@dataclass(frozen=True)
class BusinessCalendar:
    """When a delivery center works. Immutable and hashable; see the module docstring for the rules."""

    time_zone: str
    week: Week = ALWAYS_OPEN_WEEK
    country: str | None = None
    subdivision: str | None = None
    added_holidays: frozenset[date] = field(default_factory=frozenset)
    removed_holidays: frozenset[date] = field(default_factory=frozenset)
    make_up_days: tuple[MakeUpDay, ...] = ()

    def __post_init__(self) -> None:
        _check_zone(self.time_zone)
        if len(self.week) != 7:
            raise ValueError("a week has seven days of windows, Monday first")
        if not any(self.week) and not self.make_up_days:
            raise ValueError("a calendar needs at least one working window")
        if self.subdivision and not self.country:
            raise ValueError("a subdivision needs a country")
        if self.country:
            _public_holidays(self.country, self.subdivision, 2000)  # raises for an unknown country

    @classmethod
    def always_open(cls, time_zone: str = "UTC") -> BusinessCalendar:
        """A 24/7 calendar: business time equals elapsed real time."""
        return cls(time_zone=time_zone)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def is_holiday(self, day: date) -> bool:
        """Closed all day by a public or local holiday (not merely a weekend)."""
        if day in self.added_holidays:
            return True
        if day in self.removed_holidays or not self.country:
            return False
        return day in _public_holidays(self.country, self.subdivision, day.year)

    def windows_starting_on(self, day: date) -> DayWindows:
        """The windows that start on a local date, after holidays and make-up days."""
        for make_up in self.make_up_days:
            if make_up.day == day:
                return self.week[make_up.like_weekday]
        if self.is_holiday(day):
            return ()
        return self.week[day.weekday()]


def _check_zone(name: str) -> None:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"unknown time zone {name!r}") from error


@lru_cache(maxsize=512)
def _public_holidays(country: str, subdivision: str | None, year: int) -> frozenset[date]:
    """Public holidays (with observed days) of a country or subdivision in one year."""
    try:
        calendar = holidays.country_holidays(country, subdiv=subdivision, years=year)
    except NotImplementedError as error:
        raise ValueError(f"no public holidays known for {country!r} / {subdivision!r}") from error
    return frozenset(calendar.keys())
