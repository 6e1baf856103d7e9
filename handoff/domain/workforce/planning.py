"""A queue's outlook: its forecast from its own work items, the agents each interval needs, a roster.

- :func:`queue_outlook` counts the queue's work items per 30 minutes over the last five weeks (in its
  delivery center's time zone), lets the forecasting engine pick a model by backtest and forecasts the
  next days with prediction intervals. Forecasts are cached for ten minutes by the history's digest:
  the backtest takes seconds, and a what-if change must not pay for it again.
- :func:`requirements` turns the forecast mean into agents per interval (staffing engine, Erlang C or A,
  shrinkage exactly) under the what-if inputs.
- :func:`roster` puts the center's agents on 8-hour shifts (one every two hours, overnight ones
  included) covering those agents with CP-SAT under a short time limit, with the gap to the LP bound.

The history is counted in absolute time from local midnight, so on a daylight-saving day the local
clock is one hour off for the rest of that day; the forecast's weekday pattern absorbs it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np
from django.core.cache import cache
from django.utils import timezone
from numpy.typing import NDArray

from handoff.domain.operations.models import AgentProfile, Queue
from handoff.domain.tenancy.access import Actor
from handoff.domain.workforce.inputs import StaffingInputs
from handoff.domain.workforce.selectors import center_agents, first_item_at, queue_center, queue_history, queue_zone
from handoff.engines.forecasting import IntervalSeries, QueueForecast, forecast
from handoff.engines.rostering import (
    LABOUR_RULES,
    Agent,
    BreakRule,
    CoverageRequirement,
    GapReport,
    Horizon,
    InfeasibleRosterError,
    Roster,
    RosterInputError,
    RosterProblem,
    RosterTimeoutError,
    ShiftPattern,
    SolverOptions,
    gap_report,
    solve_roster,
    unrestricted_rules,
)
from handoff.engines.staffing import Requirement, agents_needed

STEP_MINUTES = 30
HISTORY_DAYS = 35
MIN_HISTORY_DAYS = 21  # two weeks to fit on and a week of backtest origins
BACKTEST_ORIGINS = 7  # 20 (the engine's default) takes ~6 s per queue; 7 keeps a page load near 2 s
MAX_FORECAST_DAYS = 7
FORECAST_CACHE_SECONDS = 600
ROSTER_SECONDS = 5.0
MAX_ROSTER_AGENTS = 12
SHIFT_MINUTES = 8 * 60 + 30  # 8 paid hours and a 30-minute unpaid break
SHIFT_EVERY_MINUTES = 120
ROSTER_SKILL = "queue"
FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


class NotEnoughHistory(ValueError):
    """The queue has too little history to forecast; the message says how much it has and needs."""


@dataclass(frozen=True, eq=False)
class QueueOutlook:
    """The queue's recent arrivals (``history``) and the forecast that follows them, in local time."""

    queue: Queue
    zone: ZoneInfo
    history: IntervalSeries
    result: QueueForecast

    @property
    def start(self) -> datetime:
        return self.result.forecast.start

    @property
    def days(self) -> int:
        return len(self.result.forecast.mean) // self.slots_per_day

    @property
    def slots_per_day(self) -> int:
        return self.history.slots_per_day

    def day_dates(self) -> list[date]:
        return [self.start.date() + timedelta(days=d) for d in range(self.days)]


def local_midnight(moment: datetime, zone: ZoneInfo) -> datetime:
    return datetime.combine(moment.astimezone(zone).date(), time.min, zone)


def queue_outlook(actor: Actor, queue: Queue, *, days: int = 2, now: datetime | None = None) -> QueueOutlook:
    """The forecast of the next ``days`` (from today's local midnight) from the queue's own work items."""
    if not 1 <= days <= MAX_FORECAST_DAYS:
        raise ValueError(f"the horizon must be 1 to {MAX_FORECAST_DAYS} days, got {days}")
    zone = queue_zone(queue)
    today = local_midnight(now or timezone.now(), zone)
    first = first_item_at(actor, queue)
    if first is None:
        raise NotEnoughHistory(f"{queue.name} has no work items yet; a forecast needs {MIN_HISTORY_DAYS} days")
    start = max(today - timedelta(days=HISTORY_DAYS), local_midnight(first, zone))
    have = (today.date() - start.date()).days
    if have < MIN_HISTORY_DAYS:
        raise NotEnoughHistory(
            f"{queue.name} has {have} full day{'s' if have != 1 else ''} of work items; "
            f"the forecast needs at least {MIN_HISTORY_DAYS}"
        )
    history = queue_history(actor, queue, start, today, STEP_MINUTES)
    return QueueOutlook(queue, zone, history, _cached_forecast(queue, history, days))


def _cached_forecast(queue: Queue, history: IntervalSeries, days: int) -> QueueForecast:
    digest = hashlib.sha256(history.values.tobytes() + history.start.isoformat().encode()).hexdigest()[:24]
    key = f"workforce:forecast:{queue.pk}:{days}:{digest}"
    cached = cache.get(key)
    if isinstance(cached, QueueForecast):
        return cached
    result = forecast(history, days, origins=BACKTEST_ORIGINS)
    cache.set(key, result, FORECAST_CACHE_SECONDS)
    return result


def requirements(calls: Sequence[float] | FloatArray, inputs: StaffingInputs, interval_minutes: float) -> Requirement:
    """Agents per interval for these calls under the what-if inputs (Erlang A when a patience is given)."""
    return agents_needed(
        np.asarray(calls, dtype=np.float64),
        inputs.aht_seconds,
        inputs.targets,
        interval_seconds=interval_minutes * 60.0,
        patience_seconds=inputs.patience_seconds,
        shrinkage=inputs.shrinkage,
    )


@dataclass(frozen=True)
class RosterOutcome:
    """A roster of the center's agents, or why there is none (``message``)."""

    agents: tuple[AgentProfile, ...]
    roster: Roster | None = None
    gaps: GapReport | None = None
    message: str = ""


def roster(queue: Queue, outlook: QueueOutlook, needed: IntArray, *, seconds: float = ROSTER_SECONDS) -> RosterOutcome:
    """The center's agents (at most ``MAX_ROSTER_AGENTS``) rostered against ``needed`` agents per interval."""
    agents = tuple(center_agents(queue, MAX_ROSTER_AGENTS))
    if not agents:
        return RosterOutcome(agents, message=f"{queue_center(queue).name} has no agent profiles to roster yet.")
    problem = roster_problem(queue, outlook, agents, needed)
    try:
        solved = solve_roster(problem, SolverOptions(time_limit_seconds=seconds, workers=1))
    except (InfeasibleRosterError, RosterTimeoutError, RosterInputError) as error:
        return RosterOutcome(agents, message=str(error))
    return RosterOutcome(agents, solved, gap_report(problem, solved))


def roster_problem(
    queue: Queue, outlook: QueueOutlook, agents: Sequence[AgentProfile], needed: IntArray
) -> RosterProblem:
    """8 h 30 shifts (a 30-minute unpaid break 3–5 h in) every two hours, under the center's labour rules."""
    country = queue_center(queue).country.code
    patterns = tuple(
        ShiftPattern(
            name=f"{start // 60:02d}:00",
            start_minute=start,
            length_minutes=SHIFT_MINUTES,
            breaks=(BreakRule(30, 180, 300),),
        )
        for start in range(0, 24 * 60, SHIFT_EVERY_MINUTES)
    )
    return RosterProblem(
        horizon=Horizon(start=outlook.start, days=outlook.days, interval_minutes=STEP_MINUTES),
        patterns=patterns,
        agents=tuple(Agent(id=str(a.pk), skills=frozenset({ROSTER_SKILL}), country=country) for a in agents),
        requirements=(CoverageRequirement(ROSTER_SKILL, np.asarray(needed, dtype=np.int64)),),
        labour_rules={country: LABOUR_RULES.get(country) or unrestricted_rules(country)},
    )
