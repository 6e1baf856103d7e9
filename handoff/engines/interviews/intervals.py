"""Half-open intervals of whole minutes since the Unix epoch (UTC), and their set arithmetic.

Scheduling works on minutes because every window, duration and grid step is a whole number of
minutes: integers make intersection exact and cheap, and a list of sorted, disjoint intervals
stands for a set of instants. Busy times with seconds are widened to whole minutes (start rounded
down, end rounded up) so that a booked second is never offered.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

type Span = tuple[int, int]


def to_minute_floor(moment: datetime) -> int:
    """Minutes since the epoch, rounded down; ``moment`` must be aware."""
    if moment.tzinfo is None:
        raise ValueError(f"naive datetime {moment.isoformat()}: give a time zone")
    return (moment - EPOCH) // timedelta(minutes=1)


def to_minute_ceil(moment: datetime) -> int:
    """Minutes since the epoch, rounded up."""
    floor = to_minute_floor(moment)
    return floor if EPOCH + timedelta(minutes=floor) == moment else floor + 1


def from_minute(minute: int) -> datetime:
    """The aware UTC instant ``minute`` minutes after the epoch."""
    return EPOCH + timedelta(minutes=minute)


def normalise(spans: Iterable[Span]) -> list[Span]:
    """Sort, drop empty spans and merge overlapping or touching ones."""
    merged: list[Span] = []
    for start, end in sorted(s for s in spans if s[0] < s[1]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def intersect(left: Sequence[Span], right: Sequence[Span]) -> list[Span]:
    """Intersection of two normalised span lists (a linear merge)."""
    result: list[Span] = []
    i = j = 0
    while i < len(left) and j < len(right):
        start = max(left[i][0], right[j][0])
        end = min(left[i][1], right[j][1])
        if start < end:
            result.append((start, end))
        if left[i][1] < right[j][1]:
            i += 1
        else:
            j += 1
    return result


def intersect_all(span_lists: Sequence[Sequence[Span]]) -> list[Span]:
    """Intersection of several normalised span lists; empty input means nothing is common."""
    if not span_lists:
        return []
    result = list(span_lists[0])
    for spans in span_lists[1:]:
        result = intersect(result, spans)
    return result


def subtract(spans: Sequence[Span], removed: Sequence[Span]) -> list[Span]:
    """``spans`` minus ``removed`` (both normalised)."""
    result: list[Span] = []
    j = 0
    for start, end in spans:
        cursor = start
        while j < len(removed) and removed[j][1] <= cursor:
            j += 1
        k = j
        while k < len(removed) and removed[k][0] < end:
            if removed[k][0] > cursor:
                result.append((cursor, removed[k][0]))
            cursor = max(cursor, removed[k][1])
            k += 1
        if cursor < end:
            result.append((cursor, end))
    return result


def start_times(spans: Sequence[Span], duration: int) -> list[Span]:
    """The starts ``t`` for which ``[t, t + duration)`` fits inside one span, as half-open spans."""
    return [(start, end - duration + 1) for start, end in spans if end - start >= duration]


def shift(spans: Sequence[Span], offset: int) -> list[Span]:
    """Every span moved by ``offset`` minutes."""
    return [(start + offset, end + offset) for start, end in spans]
