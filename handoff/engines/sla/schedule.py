"""A calendar compiled to UTC working spans per local day (internal to the SLA engine).

Instants are integer microseconds since the Unix epoch, so sums and
differences are exact. Day ``d``'s spans are the calendar's working time that
falls inside ``[local midnight of d, local midnight of d + 1)``, merged and
sorted; days therefore partition the timeline and can be walked in order.
Spans and daily totals are cached per compiled calendar, so a long walk costs
one dictionary lookup per day after the first visit.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from handoff.engines.sla.calendar import MINUTES_PER_DAY, BusinessCalendar

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)
SECOND_US = 1_000_000
DAY_US = 86_400 * SECOND_US
# A calendar closed for this many days in a row is treated as never opening again.
MAX_CLOSED_DAYS = 3 * 366

Span = tuple[int, int]


def to_micros(moment: datetime) -> int:
    """Microseconds since the epoch for an aware datetime; naive ones are refused."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("datetimes must be timezone-aware")
    return (moment - EPOCH) // MICROSECOND


def from_micros(micros: int) -> datetime:
    """An aware UTC datetime."""
    return EPOCH + timedelta(microseconds=micros)


def wall_to_micros(day: date, minute: int, zone: ZoneInfo) -> int:
    """The instant of a local wall time (minute may exceed a day); gaps clamp to the DST change."""
    day = day + timedelta(days=minute // MINUTES_PER_DAY)
    minute %= MINUTES_PER_DAY
    local = datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=zone)
    instant = to_micros(local)  # fold=0: the first occurrence of a repeated wall time
    if from_micros(instant).astimezone(zone).replace(tzinfo=None) == local.replace(tzinfo=None):
        return instant
    return _gap_end(local, zone)


def _gap_end(local: datetime, zone: ZoneInfo) -> int:
    """The instant a spring-forward gap containing ``local`` ends (found by bisection to the second)."""
    later = to_micros(local)  # fold=0 uses the offset before the change: after the gap
    earlier = to_micros(local.replace(fold=1))  # the offset after the change: before the gap
    after_offset = local.replace(fold=1).utcoffset()
    low, high = earlier // SECOND_US, later // SECOND_US
    while high - low > 1:
        middle = (low + high) // 2
        if datetime.fromtimestamp(middle, zone).utcoffset() == after_offset:
            high = middle
        else:
            low = middle
    return high * SECOND_US


class Schedule:
    """A calendar's working spans per local day, computed lazily and cached."""

    def __init__(self, calendar: BusinessCalendar) -> None:
        self.calendar = calendar
        self.zone = calendar.zone
        self._spans: dict[int, tuple[Span, ...]] = {}
        self._totals: dict[int, int] = {}
        self._midnights: dict[int, int] = {}

    def midnight(self, ordinal: int) -> int:
        """The instant local day ``ordinal`` begins."""
        found = self._midnights.get(ordinal)
        if found is None:
            found = wall_to_micros(date.fromordinal(ordinal), 0, self.zone)
            self._midnights[ordinal] = found
        return found

    def day_of(self, instant: int) -> int:
        """The ordinal of the local day whose range contains ``instant``."""
        ordinal = from_micros(instant).astimezone(self.zone).date().toordinal()
        while instant < self.midnight(ordinal):
            ordinal -= 1
        while instant >= self.midnight(ordinal + 1):
            ordinal += 1
        return ordinal

    def spans(self, ordinal: int) -> tuple[Span, ...]:
        """Working spans inside local day ``ordinal``, sorted and merged."""
        found = self._spans.get(ordinal)
        if found is None:
            found = self._build_spans(ordinal)
            self._spans[ordinal] = found
        return found

    def total(self, ordinal: int) -> int:
        """Working microseconds inside local day ``ordinal``."""
        found = self._totals.get(ordinal)
        if found is None:
            found = sum(end - start for start, end in self.spans(ordinal))
            self._totals[ordinal] = found
        return found

    def _build_spans(self, ordinal: int) -> tuple[Span, ...]:
        day = date.fromordinal(ordinal)
        previous = date.fromordinal(ordinal - 1)
        raw = [self._window_span(day, window.start, window.end) for window in self.calendar.windows_starting_on(day)]
        raw += [
            self._window_span(previous, window.start, window.end)
            for window in self.calendar.windows_starting_on(previous)
            if window.crosses_midnight
        ]
        return _merge(_clip(raw, self.midnight(ordinal), self.midnight(ordinal + 1)))

    def _window_span(self, day: date, start: int, end: int) -> Span:
        return wall_to_micros(day, start, self.zone), wall_to_micros(day, end, self.zone)


def _clip(spans: list[Span], low: int, high: int) -> list[Span]:
    clipped = [(max(start, low), min(end, high)) for start, end in spans]
    return sorted(span for span in clipped if span[0] < span[1])


def _merge(spans: list[Span]) -> tuple[Span, ...]:
    merged: list[Span] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


@lru_cache(maxsize=256)
def schedule_for(calendar: BusinessCalendar) -> Schedule:
    """The shared compiled schedule of a calendar (equal calendars share one)."""
    return Schedule(calendar)
