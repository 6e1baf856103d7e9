"""Propose interview slots: one round, or a panel of consecutive rounds booked as one block.

How a search works (interval arithmetic, never minute by minute):

1. Each participant's free time in the horizon is their windows minus their busy intervals,
   each busy interval widened by ``buffer`` on both sides (so a new interview keeps that distance
   from anything already booked), as sorted UTC minute spans.
2. For a round, the free spans of its required interviewers and of the candidate are intersected;
   the starts at which the round fits are those spans shortened by the round's duration.
3. A panel of rounds ``r0, r1, …`` (each starting ``gap`` after the previous one ends) starts at
   ``t`` when every round ``i`` can start at ``t + offset_i``: the feasible start sets, shifted
   back by their offsets, are intersected.
4. Starts are taken on a grid of ``step`` minutes counted from the epoch in UTC (for 15 minutes
   this is the quarter hour in every zone whose offset is a whole number of quarter hours).

Ranking (``Ranking``):

* ``EARLIEST`` — the first ``count`` starts in time order.
* ``SPREAD`` — spread over the candidate's local days: each day contributes its best start first
  (the one whose block centre is nearest ``preferred_local`` in the candidate's zone, 13:00 by
  default, ties to the earlier start); after one start per day, the second best per day, and so
  on. Starts closer than ``min_separation`` (60 minutes by default) to one already chosen are
  skipped so that the offer is not three quarter-hour shifts of the same slot.

When nothing fits, :class:`NoSlotError` explains why, naming the people and zones involved.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from handoff.engines.interviews.availability import Availability, describe_days, zone
from handoff.engines.interviews.intervals import (
    Span,
    from_minute,
    intersect,
    intersect_all,
    shift,
    start_times,
    to_minute_floor,
)


class Ranking(StrEnum):
    EARLIEST = "earliest"
    SPREAD = "spread"


class NoSlotError(Exception):
    """No slot fits in the horizon; ``str()`` says whose hours or bookings are in the way."""


@dataclass(frozen=True)
class RoundRequest:
    """One round to place: its title, duration and the interviewers who must all attend."""

    title: str
    duration: timedelta
    interviewers: tuple[Availability, ...]

    def __post_init__(self) -> None:
        if self.duration <= timedelta(0) or self.duration % timedelta(minutes=1):
            raise ValueError(f"round {self.title!r}: duration must be a positive whole number of minutes")
        if not self.interviewers:
            raise ValueError(f"round {self.title!r}: at least one required interviewer")

    @property
    def minutes(self) -> int:
        return self.duration // timedelta(minutes=1)


@dataclass(frozen=True)
class SearchOptions:
    """Knobs of a search; the defaults are the product's defaults."""

    step: timedelta = timedelta(minutes=15)
    buffer: timedelta = timedelta(minutes=10)
    gap: timedelta = timedelta(0)
    count: int = 5
    ranking: Ranking = Ranking.SPREAD
    preferred_local: time = time(13, 0)
    min_separation: timedelta = timedelta(minutes=60)

    def __post_init__(self) -> None:
        for name in ("step", "buffer", "gap", "min_separation"):
            value: timedelta = getattr(self, name)
            if value < timedelta(0) or value % timedelta(minutes=1):
                raise ValueError(f"{name} must be a non-negative whole number of minutes")
        if self.step <= timedelta(0):
            raise ValueError("step must be positive")
        if self.count < 1:
            raise ValueError("count must be at least 1")


@dataclass(frozen=True)
class PlacedRound:
    title: str
    start: datetime
    end: datetime
    interviewer_ids: tuple[str, ...]


@dataclass(frozen=True)
class Slot:
    """A proposed block (aware UTC): one round, or a panel's rounds back to back."""

    start: datetime
    end: datetime
    rounds: tuple[PlacedRound, ...]

    def in_zone(self, tz: str) -> tuple[datetime, datetime]:
        """The block's start and end on the wall clock of ``tz``."""
        return self.start.astimezone(zone(tz)), self.end.astimezone(zone(tz))


def propose_slots(
    duration: timedelta,
    interviewers: Sequence[Availability],
    candidate: Availability,
    horizon_start: datetime,
    horizon_end: datetime,
    options: SearchOptions | None = None,
    *,
    title: str = "Interview",
) -> list[Slot]:
    """Up to ``options.count`` slots for one round that every required interviewer and the candidate can attend."""
    request = RoundRequest(title, duration, tuple(interviewers))
    return propose_panel([request], candidate, horizon_start, horizon_end, options)


def propose_panel(
    rounds: Sequence[RoundRequest],
    candidate: Availability,
    horizon_start: datetime,
    horizon_end: datetime,
    options: SearchOptions | None = None,
) -> list[Slot]:
    """Up to ``options.count`` blocks placing ``rounds`` consecutively (``options.gap`` apart).

    Nothing starts before ``horizon_start``: pass "now plus the minimum notice" there.
    """
    opts = options or SearchOptions()
    if not rounds:
        raise ValueError("a panel needs at least one round")
    if horizon_end <= horizon_start:
        raise ValueError("the horizon ends before it starts")
    starts = feasible_starts(rounds, candidate, horizon_start, horizon_end, opts)
    grid = _grid_starts(starts, opts.step // timedelta(minutes=1))
    if not grid:
        raise NoSlotError(explain_no_slot(rounds, candidate, horizon_start, horizon_end, opts))
    chosen = _rank(grid, rounds, candidate, opts)
    return [_slot(start, rounds, opts) for start in chosen]


def feasible_starts(
    rounds: Sequence[RoundRequest],
    candidate: Availability,
    horizon_start: datetime,
    horizon_end: datetime,
    options: SearchOptions,
) -> list[Span]:
    """Block start minutes (as spans) at which every round fits its interviewers and the candidate."""
    gap = options.gap // timedelta(minutes=1)
    cache: dict[Availability, list[Span]] = {}

    def free(person: Availability) -> list[Span]:
        if person not in cache:
            cache[person] = person.free_spans(horizon_start, horizon_end, options.buffer)
        return cache[person]

    offsets = _offsets(rounds, gap)
    total = offsets[-1] + rounds[-1].minutes
    per_round = [
        shift(start_times(intersect_all([free(p) for p in request.interviewers]), request.minutes), -offset)
        for request, offset in zip(rounds, offsets, strict=True)
    ]
    return intersect_all([start_times(free(candidate), total), *per_round])


def still_fits(
    slot: Slot, rounds: Sequence[RoundRequest], candidate: Availability, options: SearchOptions | None = None
) -> bool:
    """Is an offered ``slot`` still free for everyone (checked again when the candidate picks it)?

    The availabilities passed must not include the slot's own booking among their busy times.
    """
    opts = options or SearchOptions()
    starts = feasible_starts(rounds, candidate, slot.start, slot.end, opts)
    minute = to_minute_floor(slot.start)
    return any(low <= minute < high for low, high in starts)


def _offsets(rounds: Sequence[RoundRequest], gap: int) -> list[int]:
    offsets, cursor = [], 0
    for request in rounds:
        offsets.append(cursor)
        cursor += request.minutes + gap
    return offsets


def _grid_starts(spans: Sequence[Span], step: int) -> list[int]:
    starts: list[int] = []
    for low, high in spans:
        first = -(-low // step) * step
        starts.extend(range(first, high, step))
    return starts


def _rank(
    grid: list[int], rounds: Sequence[RoundRequest], candidate: Availability, options: SearchOptions
) -> list[int]:
    separation = options.min_separation // timedelta(minutes=1)
    if options.ranking is Ranking.EARLIEST:
        return _pick(grid, options.count, separation)
    total = _offsets(rounds, options.gap // timedelta(minutes=1))[-1] + rounds[-1].minutes
    local_zone = candidate.zone
    preferred = options.preferred_local.hour * 60 + options.preferred_local.minute
    by_day: dict[date, list[tuple[int, int]]] = defaultdict(list)
    for start in grid:
        centre = from_minute(start).astimezone(local_zone) + timedelta(minutes=total / 2)
        distance = abs(centre.hour * 60 + centre.minute - preferred)
        by_day[from_minute(start).astimezone(local_zone).date()].append((distance, start))
    queues = [sorted(entries) for _, entries in sorted(by_day.items())]
    chosen: list[int] = []
    depth = 0
    while len(chosen) < options.count and any(depth < len(q) for q in queues):
        for queue in queues:
            if depth < len(queue) and all(abs(queue[depth][1] - c) >= separation for c in chosen):
                chosen.append(queue[depth][1])
                if len(chosen) == options.count:
                    break
        depth += 1
    return sorted(chosen)


def _pick(grid: list[int], count: int, separation: int) -> list[int]:
    chosen: list[int] = []
    for start in grid:
        if not chosen or start - chosen[-1] >= separation:
            chosen.append(start)
            if len(chosen) == count:
                break
    return chosen


def _slot(start: int, rounds: Sequence[RoundRequest], options: SearchOptions) -> Slot:
    placed = []
    cursor = start
    for request in rounds:
        placed.append(
            PlacedRound(
                request.title,
                from_minute(cursor),
                from_minute(cursor + request.minutes),
                tuple(p.person_id for p in request.interviewers),
            )
        )
        cursor += request.minutes + options.gap // timedelta(minutes=1)
    return Slot(placed[0].start, placed[-1].end, tuple(placed))


def explain_no_slot(
    rounds: Sequence[RoundRequest],
    candidate: Availability,
    horizon_start: datetime,
    horizon_end: datetime,
    options: SearchOptions,
) -> str:
    """The most specific reason nothing fits, checked from the simplest cause to the subtlest."""
    window = f"between {horizon_start:%Y-%m-%d %H:%M %Z} and {horizon_end:%Y-%m-%d %H:%M %Z}"
    people = [candidate, *dict.fromkeys(p for r in rounds for p in r.interviewers)]
    for person in people:
        if not person.working_spans(horizon_start, horizon_end):
            return f"{_name(person)} has no working hours {window}"
    for request in rounds:
        for person in request.interviewers:
            shared = intersect(
                person.working_spans(horizon_start, horizon_end), candidate.working_spans(horizon_start, horizon_end)
            )
            if not shared:
                days = candidate.weekdays & person.weekdays
                verdict = f"share no working hours {describe_days(days)}" if days else "share no working day"
                return f"no common time: {_name(person)} and {_name(candidate)} {verdict} {window}"
        for index, person in enumerate(request.interviewers):
            for other in request.interviewers[index + 1 :]:
                shared = intersect(
                    person.working_spans(horizon_start, horizon_end), other.working_spans(horizon_start, horizon_end)
                )
                if not shared:
                    return f"no common time: {_name(person)} and {_name(other)} share no working hours {window}"
    for request in rounds:
        common = intersect_all(
            [p.working_spans(horizon_start, horizon_end) for p in (*request.interviewers, candidate)]
        )
        longest = max((end - start for start, end in common), default=0)
        if longest < request.minutes:
            names = ", ".join(_name(p) for p in request.interviewers)
            return (
                f"round {request.title!r}: the longest stretch of working hours shared by {names} and the candidate "
                f"is {longest} min, shorter than the round's {request.minutes} min"
            )
    for request in rounds:
        members = (*request.interviewers, candidate)
        free = intersect_all([p.free_spans(horizon_start, horizon_end, options.buffer) for p in members])
        if not start_times(free, request.minutes):
            names = ", ".join(_name(p) for p in request.interviewers)
            return (
                f"round {request.title!r}: {names} and the candidate share working hours, but every common "
                f"{request.minutes}-minute stretch {window} is already booked (with a {options.buffer} buffer)"
            )
    if len(rounds) > 1:
        return (
            f"each round fits on its own, but no {window} start lets all {len(rounds)} rounds run back to back "
            f"with a {options.gap} gap"
        )
    return f"no start on the {options.step} grid fits {window}"


def _name(person: Availability) -> str:
    if person.label == "candidate":
        return f"candidate ({person.tz})"
    return f"interviewer {person.label} ({person.tz})"
