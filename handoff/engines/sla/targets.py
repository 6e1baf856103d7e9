"""SLA targets per priority, and the state of each target for one work item.

Rules:

- A policy lists, per priority, targets of four kinds: first response, next
  response, resolution, and turnaround (back-office work). Each is counted in
  business time of the calendar or in calendar (wall-clock) time, and may be
  paused by the policy's pausing categories. Every clock also stops while the
  item is resolved or closed.
- First response runs from creation to the first public reply. Next response
  runs from the customer's unanswered message (``awaiting_reply_since``) to
  the reply to it; with no such message it is not reported. Resolution and
  turnaround run from creation until the item enters a done category and
  stays there; reopening resumes the clock.
- States: **met** — done by the deadline; **breached** — the deadline has
  passed (or the target was met late), with ``failed_by`` the business time
  (or calendar time) past the target; **warning** — ``warn_fraction`` of the
  target is consumed (80 % by default); **ok** otherwise.
- Everything is a pure function of (policy, calendar, item, now): when a policy
  or calendar changes, calling ``evaluate`` again with the new inputs *is* the
  recomputation. Deadlines are aware UTC datetimes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from handoff.engines.sla.calendar import BusinessCalendar
from handoff.engines.sla.pauses import (
    DEFAULT_PAUSING,
    DONE_CATEGORIES,
    StatusChange,
    clock_deadline,
    running_segments,
)
from handoff.engines.sla.schedule import to_micros

WALL_CLOCK = BusinessCalendar.always_open("UTC")


class TargetKind(StrEnum):
    FIRST_RESPONSE = "first_response"
    NEXT_RESPONSE = "next_response"
    RESOLUTION = "resolution"
    TURNAROUND = "turnaround"


class ClockKind(StrEnum):
    BUSINESS = "business"
    CALENDAR = "calendar"


class SlaState(StrEnum):
    OK = "ok"
    WARNING = "warning"
    BREACHED = "breached"
    MET = "met"


@dataclass(frozen=True)
class Target:
    kind: TargetKind
    duration: timedelta
    clock: ClockKind = ClockKind.BUSINESS
    pausable: bool = True

    def __post_init__(self) -> None:
        if self.duration <= timedelta(0):
            raise ValueError("a target's duration must be positive")


@dataclass(frozen=True)
class PriorityTargets:
    priority: str
    targets: tuple[Target, ...]

    def __post_init__(self) -> None:
        kinds = [target.kind for target in self.targets]
        if len(set(kinds)) != len(kinds):
            raise ValueError(f"priority {self.priority!r} has a target kind twice")


@dataclass(frozen=True)
class SlaPolicy:
    name: str
    priorities: tuple[PriorityTargets, ...]
    warn_fraction: float = 0.8
    pausing: frozenset[str] = DEFAULT_PAUSING

    def __post_init__(self) -> None:
        if not 0 < self.warn_fraction <= 1:
            raise ValueError("warn_fraction must be in (0, 1]")
        names = [entry.priority for entry in self.priorities]
        if len(set(names)) != len(names):
            raise ValueError("a priority is listed twice")

    def targets_for(self, priority: str) -> tuple[Target, ...]:
        """The targets of a priority; an unknown priority is an error, not a silent 'no SLA'."""
        for entry in self.priorities:
            if entry.priority == priority:
                return entry.targets
        raise ValueError(f"policy {self.name!r} has no targets for priority {priority!r}")


@dataclass(frozen=True)
class ItemTimes:
    """What the engine needs to know about a work item."""

    created_at: datetime
    priority: str
    history: tuple[StatusChange, ...] = ()
    first_response_at: datetime | None = None
    awaiting_reply_since: datetime | None = None
    replied_at: datetime | None = None


@dataclass(frozen=True)
class TargetStatus:
    kind: TargetKind
    state: SlaState
    clock: ClockKind
    target: timedelta
    started_at: datetime
    deadline: datetime | None  # None while paused short of the target
    warn_at: datetime | None
    elapsed: timedelta
    remaining: timedelta
    failed_by: timedelta
    paused: bool
    met_at: datetime | None


@dataclass(frozen=True)
class SlaStatus:
    policy: str
    priority: str
    evaluated_at: datetime
    targets: tuple[TargetStatus, ...]

    def get(self, kind: TargetKind) -> TargetStatus | None:
        return next((status for status in self.targets if status.kind is kind), None)

    @property
    def worst(self) -> SlaState | None:
        """The most urgent state: breached, then warning, then ok, then met."""
        order = (SlaState.BREACHED, SlaState.WARNING, SlaState.OK, SlaState.MET)
        states = {status.state for status in self.targets}
        return next((state for state in order if state in states), None)


def evaluate(policy: SlaPolicy, calendar: BusinessCalendar, item: ItemTimes, now: datetime) -> SlaStatus:
    """Every target of the item's priority, evaluated at ``now``."""
    history = tuple(change for change in item.history if change.at <= now)
    statuses = []
    for target in policy.targets_for(item.priority):
        window = _target_window(target.kind, item, history, now)
        if window is not None:
            statuses.append(_evaluate_target(policy, calendar, target, window, history, now))
    return SlaStatus(policy.name, item.priority, now, tuple(statuses))


@dataclass(frozen=True)
class _Window:
    started_at: datetime
    met_at: datetime | None


def _target_window(kind: TargetKind, item: ItemTimes, history: Sequence[StatusChange], now: datetime) -> _Window | None:
    """When a target's clock started and when (if yet) it was met; None when it does not apply."""
    if kind is TargetKind.FIRST_RESPONSE:
        return _Window(item.created_at, _not_after(item.first_response_at, now))
    if kind is TargetKind.NEXT_RESPONSE:
        if item.awaiting_reply_since is None or item.awaiting_reply_since > now:
            return None
        replied = item.replied_at if item.replied_at and item.replied_at >= item.awaiting_reply_since else None
        return _Window(item.awaiting_reply_since, _not_after(replied, now))
    return _Window(item.created_at, done_since(history))


def _not_after(moment: datetime | None, now: datetime) -> datetime | None:
    return moment if moment is not None and moment <= now else None


def done_since(history: Sequence[StatusChange]) -> datetime | None:
    """When the item entered the done categories it is still in, or None if it is not done."""
    since: datetime | None = None
    for change in sorted(history, key=lambda change: change.at):
        if change.category not in DONE_CATEGORIES:
            since = None
        elif since is None:
            since = change.at
    return since


def _evaluate_target(
    policy: SlaPolicy,
    calendar: BusinessCalendar,
    target: Target,
    window: _Window,
    history: Sequence[StatusChange],
    now: datetime,
) -> TargetStatus:
    clock_calendar = calendar if target.clock is ClockKind.BUSINESS else WALL_CLOCK
    stopping = (policy.pausing if target.pausable else frozenset()) | DONE_CATEGORIES
    stop = window.met_at or now
    segments = running_segments(window.started_at, [c for c in history if c.at <= stop], stopping)
    clock = clock_deadline(clock_calendar, segments, target.duration, stop)
    warning = clock_deadline(clock_calendar, segments, target.duration * policy.warn_fraction, stop)
    state = _state(clock.deadline, warning.deadline, window.met_at, stop)
    return TargetStatus(
        kind=target.kind,
        state=state,
        clock=target.clock,
        target=target.duration,
        started_at=window.started_at,
        deadline=clock.deadline,
        warn_at=warning.deadline,
        elapsed=clock.elapsed,
        remaining=max(target.duration - clock.elapsed, timedelta(0)),
        failed_by=max(clock.elapsed - target.duration, timedelta(0)),
        paused=clock.stopped and window.met_at is None,
        met_at=window.met_at,
    )


def _state(deadline: datetime | None, warn_at: datetime | None, met_at: datetime | None, stop: datetime) -> SlaState:
    """Breached after the deadline; met when done in time; warning once the warn instant is reached."""
    if deadline is not None and to_micros(stop) > to_micros(deadline):
        return SlaState.BREACHED
    if met_at is not None:
        return SlaState.MET
    if warn_at is not None and to_micros(stop) >= to_micros(warn_at):
        return SlaState.WARNING
    return SlaState.OK
