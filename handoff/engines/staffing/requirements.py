"""Agents needed per interval: the smallest staffing meeting every target.

A queue's interval is described by its calls, AHT and (for Erlang A) mean
patience; the targets are a service level (X % answered within T seconds), a
maximum ASA, a maximum occupancy and (Erlang A) a maximum abandonment rate.
The answer is the smallest whole number of agents meeting all the targets
given, then the agents to schedule once shrinkage is applied exactly.

Erlang C searches upward from the recursion start, one Erlang B step per agent
for all intervals at once. Erlang A brackets the answer by doubling the spare
agents and then bisects; its metrics are monotone in the agents (service level
up, P(wait), P(abandon), ASA and occupancy down; checked by property tests).
Erlang B sizes lines (trunks, channels) for a maximum blocking probability.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from handoff.engines.staffing.erlang import (
    BoolArray,
    ErlangAMetrics,
    ErlangCMetrics,
    FloatArray,
    IntArray,
    advance_erlang_b,
    as_floats,
    erlang_a_metrics,
    erlang_b_step,
    erlang_c_from_b,
    erlang_c_from_p_wait,
    recursion_start,
    start_value,
)
from handoff.engines.staffing.shrinkage import ShrinkageValue, scheduled_agents_array

DEFAULT_INTERVAL_SECONDS = 1800.0
# A target met to 12 significant digits counts as met: 306 calls × 205 s / 900 s is 69.7 Erlangs,
# which 82 agents serve at exactly 85 % occupancy, but in floats 69.7 / 82 is 0.8500000000000001.
TIE_TOLERANCE = 1e-12
MAX_STEP = 2**24  # Erlang A search: give up when the step away from the guess passes 16 million agents


@dataclass(frozen=True)
class Targets:
    """What an interval's staffing must achieve; ``None`` means no such target.

    ``service_level`` is the share answered within ``answer_within_seconds``
    (0.8 with 20 s for "80/20"); it must be below 1 because no finite staffing
    guarantees every contact is answered in time.
    """

    service_level: float | None = None
    answer_within_seconds: float = 20.0
    max_asa_seconds: float | None = None
    max_occupancy: float | None = None
    max_abandonment: float | None = None

    def __post_init__(self) -> None:
        if all(v is None for v in (self.service_level, self.max_asa_seconds, self.max_occupancy, self.max_abandonment)):
            raise ValueError("give at least one target: service level, ASA, occupancy or abandonment")
        _check_open_unit("service level", self.service_level, upper_inclusive=False)
        _check_open_unit("maximum occupancy", self.max_occupancy, upper_inclusive=True)
        _check_open_unit("maximum abandonment", self.max_abandonment, upper_inclusive=True)
        if not (math.isfinite(self.answer_within_seconds) and self.answer_within_seconds >= 0):
            raise ValueError("the answer-within threshold must be zero or more seconds")
        if self.max_asa_seconds is not None and not (self.max_asa_seconds > 0 and math.isfinite(self.max_asa_seconds)):
            raise ValueError("the ASA target must be more than 0 seconds")


def _check_open_unit(name: str, value: float | None, *, upper_inclusive: bool) -> None:
    """A share strictly above 0 and below (or up to) 1."""
    if value is None:
        return
    below_top = value <= 1 if upper_inclusive else value < 1
    if not (value > 0 and below_top):
        top = "at most 100 %" if upper_inclusive else "below 100 %"
        raise ValueError(f"the {name} target must be above 0 and {top}, got {value}")


@dataclass(frozen=True, eq=False)
class Requirement:
    """Agents needed per interval and what that staffing achieves.

    ``p_abandon`` is 0 for Erlang C; ``asa_seconds`` is the mean wait of
    answered contacts.
    """

    model: str
    traffic: FloatArray
    raw_agents: IntArray
    scheduled_agents: IntArray
    service_level: FloatArray
    asa_seconds: FloatArray
    occupancy: FloatArray
    p_wait: FloatArray
    p_abandon: FloatArray

    def interval(self, index: int) -> IntervalStaffing:
        """One interval's figures as plain numbers."""
        return IntervalStaffing(
            model=self.model,
            traffic=float(self.traffic[index]),
            raw_agents=int(self.raw_agents[index]),
            scheduled_agents=int(self.scheduled_agents[index]),
            service_level=float(self.service_level[index]),
            asa_seconds=float(self.asa_seconds[index]),
            occupancy=float(self.occupancy[index]),
            p_wait=float(self.p_wait[index]),
            p_abandon=float(self.p_abandon[index]),
        )


@dataclass(frozen=True)
class IntervalStaffing:
    """One interval's requirement."""

    model: str
    traffic: float
    raw_agents: int
    scheduled_agents: int
    service_level: float
    asa_seconds: float
    occupancy: float
    p_wait: float
    p_abandon: float


@dataclass(frozen=True)
class QueueInterval:
    """One queue's demand in one interval; ``patience_seconds`` set means Erlang A."""

    calls: float
    aht_seconds: float
    interval_seconds: float = DEFAULT_INTERVAL_SECONDS
    patience_seconds: float | None = None


def staff_interval(demand: QueueInterval, targets: Targets, shrinkage: ShrinkageValue = 0) -> IntervalStaffing:
    """Agents needed for one queue interval (Erlang A when patience is given, else Erlang C)."""
    return agents_needed(
        demand.calls,
        demand.aht_seconds,
        targets,
        interval_seconds=demand.interval_seconds,
        patience_seconds=demand.patience_seconds,
        shrinkage=shrinkage,
    ).interval(0)


def agents_needed(
    calls: ArrayLike,
    aht_seconds: ArrayLike,
    targets: Targets,
    *,
    interval_seconds: ArrayLike = DEFAULT_INTERVAL_SECONDS,
    patience_seconds: ArrayLike | None = None,
    shrinkage: ShrinkageValue | Iterable[ShrinkageValue] = 0,
) -> Requirement:
    """Agents needed per interval: arrays of calls and AHT in, arrays of agents out.

    Erlang A when ``patience_seconds`` is given, Erlang C otherwise. Intervals
    without calls need no agents.
    """
    if patience_seconds is None:
        calls_a, aht_a, interval_a = _checked_demand(calls, aht_seconds, interval_seconds)
        return _erlang_c_requirement(calls_a * aht_a / interval_a, aht_a, targets, shrinkage)
    calls_a, aht_a, interval_a, patience_a = _checked_demand(calls, aht_seconds, interval_seconds, patience_seconds)
    return _erlang_a_requirement(calls_a * aht_a / interval_a, aht_a, patience_a, targets, shrinkage)


def _checked_demand(calls: ArrayLike, aht: ArrayLike, interval: ArrayLike, *more: ArrayLike) -> list[FloatArray]:
    """Broadcast the demand arrays and refuse values no queue can have."""
    arrays = as_floats(calls, aht, interval, *more)
    if not all(np.all(np.isfinite(a)) for a in arrays):
        raise ValueError("calls, AHT, interval and patience must be finite numbers")
    if np.any(arrays[0] < 0):
        raise ValueError("calls per interval cannot be negative")
    if np.any(arrays[1] <= 0):
        raise ValueError("AHT must be more than 0 seconds")
    if np.any(arrays[2] <= 0):
        raise ValueError("the interval must be more than 0 seconds")
    if more and np.any(arrays[3] <= 0):
        raise ValueError("mean patience must be more than 0 seconds")
    return arrays


def _erlang_c_requirement(
    traffic: FloatArray, aht: FloatArray, targets: Targets, shrinkage: ShrinkageValue | Iterable[ShrinkageValue]
) -> Requirement:
    """Smallest agents meeting the targets in M/M/n, then their figures."""
    if targets.max_abandonment is not None:
        raise ValueError("an abandonment target needs Erlang A: give the mean patience")
    raw, metrics = erlang_c_search(traffic, aht, targets)
    return _requirement("erlang_c", traffic, raw, metrics, np.zeros_like(traffic), shrinkage)


def _erlang_a_requirement(
    traffic: FloatArray,
    aht: FloatArray,
    patience: FloatArray,
    targets: Targets,
    shrinkage: ShrinkageValue | Iterable[ShrinkageValue],
) -> Requirement:
    """Smallest agents meeting the targets in M/M/n+M, then their figures."""
    raw = erlang_a_agents(traffic, aht, patience, targets)
    metrics = erlang_a_metrics(traffic, raw, aht, patience, targets.answer_within_seconds)
    return _requirement("erlang_a", traffic, raw, metrics, metrics.p_abandon, shrinkage)


def _requirement(
    model: str,
    traffic: FloatArray,
    raw: IntArray,
    metrics: ErlangCMetrics | ErlangAMetrics,
    p_abandon: FloatArray,
    shrinkage: ShrinkageValue | Iterable[ShrinkageValue],
) -> Requirement:
    return Requirement(
        model=model,
        traffic=traffic,
        raw_agents=raw,
        scheduled_agents=scheduled_agents_array(raw, shrinkage),
        service_level=metrics.service_level,
        asa_seconds=metrics.asa_seconds,
        occupancy=metrics.occupancy,
        p_wait=metrics.p_wait,
        p_abandon=p_abandon,
    )


def erlang_c_agents(traffic: FloatArray, aht: FloatArray, targets: Targets) -> IntArray:
    """Smallest n > a meeting the targets in M/M/n, for every interval at once."""
    return erlang_c_search(traffic, aht, targets)[0]


def erlang_c_search(traffic: FloatArray, aht: FloatArray, targets: Targets) -> tuple[IntArray, ErlangCMetrics]:
    """Smallest n > a meeting the targets in M/M/n, and the figures at that n.

    Every row runs the Erlang B recursion up to just below its lowest possible
    answer (above the traffic and, with an occupancy target, at least
    a / max occupancy); from there each step adds an agent to all unfinished
    rows and checks the targets. Service level and ASA improve with every
    agent and occupancy falls, so the first n that meets them is the smallest.
    """
    answer = np.zeros(traffic.size, dtype=np.int64)
    found = _no_traffic_figures(traffic.size)
    rows = np.flatnonzero(traffic > 0)
    a = traffic[rows]
    agents = _lowest_candidate(a, targets) - 1
    start = recursion_start(a, agents)
    blocking = advance_erlang_b(a, start_value(a, start), start, agents)
    while rows.size:
        agents = agents + 1
        blocking = erlang_b_step(traffic[rows], blocking, agents)
        figures = _erlang_c_figures(traffic[rows], agents, aht[rows], blocking, targets)
        met = (agents > traffic[rows]) & _meets(figures, targets)
        _record(answer, found, rows[met], agents[met], figures, met)
        rows, blocking, agents = rows[~met], blocking[~met], agents[~met]
    return answer, found


def _lowest_candidate(traffic: FloatArray, targets: Targets) -> IntArray:
    """No answer lies below this: more agents than traffic and, with an occupancy target, a / max."""
    above_traffic = np.floor(traffic) + 1
    if targets.max_occupancy is not None:
        above_traffic = np.maximum(above_traffic, np.floor(traffic / targets.max_occupancy * (1 - TIE_TOLERANCE)))
    return above_traffic.astype(np.int64)


def _no_traffic_figures(size: int) -> ErlangCMetrics:
    """Figures of intervals without calls: no waiting, everything answered, idle agents."""
    return ErlangCMetrics(
        p_wait=np.zeros(size), service_level=np.ones(size), asa_seconds=np.zeros(size), occupancy=np.zeros(size)
    )


def _record(
    answer: IntArray, found: ErlangCMetrics, rows: IntArray, agents: IntArray, figures: ErlangCMetrics, met: BoolArray
) -> None:
    """Keep the answer and its figures for the rows that just met their targets."""
    answer[rows] = agents
    found.p_wait[rows] = figures.p_wait[met]
    found.service_level[rows] = figures.service_level[met]
    found.asa_seconds[rows] = figures.asa_seconds[met]
    found.occupancy[rows] = figures.occupancy[met]


def _erlang_c_figures(
    traffic: FloatArray, agents: IntArray, aht: FloatArray, blocking: FloatArray, targets: Targets
) -> ErlangCMetrics:
    """Erlang C figures at n agents from B(n)."""
    p_wait = erlang_c_from_b(traffic, agents, blocking)
    within = np.full_like(traffic, targets.answer_within_seconds)
    return erlang_c_from_p_wait(traffic, agents, aht, within, p_wait)


def _meets(metrics: ErlangCMetrics | ErlangAMetrics, targets: Targets) -> BoolArray:
    """Whether each interval's figures meet every target given."""
    ok = np.ones(metrics.p_wait.shape, dtype=np.bool_)
    if targets.service_level is not None:
        ok &= metrics.service_level >= targets.service_level * (1 - TIE_TOLERANCE)
    if targets.max_asa_seconds is not None:
        ok &= metrics.asa_seconds <= targets.max_asa_seconds * (1 + TIE_TOLERANCE)
    if targets.max_occupancy is not None:
        ok &= metrics.occupancy <= targets.max_occupancy * (1 + TIE_TOLERANCE)
    if targets.max_abandonment is not None and isinstance(metrics, ErlangAMetrics):
        ok &= metrics.p_abandon <= targets.max_abandonment * (1 + TIE_TOLERANCE)
    return ok


def erlang_a_agents(traffic: FloatArray, aht: FloatArray, patience: FloatArray, targets: Targets) -> IntArray:
    """Smallest n ≥ 1 meeting the targets in M/M/n+M, for every interval at once.

    The Erlang C answer (or a + 1) is the first guess; from it the search steps
    down (if the guess is feasible) or up (if not) by 1, 2, 4, ... agents until
    the answer is bracketed, then bisects. Zero agents never count as feasible.
    Every round evaluates all unfinished intervals in one vectorised call, so a
    day of intervals takes a handful of calls (two when Erlang C was right).
    """
    answer = np.zeros(traffic.size, dtype=np.int64)
    rows = np.flatnonzero(traffic > 0)
    guess = np.maximum(_erlang_c_guess(traffic[rows], aht[rows], targets), 1)
    met = _erlang_a_meets(rows, guess, traffic, aht, patience, targets)
    low = np.where(met, -1, guess)  # -1: not known yet
    high = np.where(met, guess, -1)
    _gallop(low, high, rows, (traffic, aht, patience), targets)
    _bisect(low, high, rows, (traffic, aht, patience), targets)
    answer[rows] = high
    return answer


Demand = tuple[FloatArray, FloatArray, FloatArray]  # traffic, AHT, patience (all rows)


def _erlang_c_guess(traffic: FloatArray, aht: FloatArray, targets: Targets) -> IntArray:
    """The Erlang C answer for the same targets, or just above the traffic if only abandonment is targeted."""
    if targets.service_level is None and targets.max_asa_seconds is None and targets.max_occupancy is None:
        return np.floor(traffic).astype(np.int64) + 1
    delay_targets = Targets(
        service_level=targets.service_level,
        answer_within_seconds=targets.answer_within_seconds,
        max_asa_seconds=targets.max_asa_seconds,
        max_occupancy=targets.max_occupancy,
    )
    return erlang_c_agents(traffic, aht, delay_targets)


def _gallop(low: IntArray, high: IntArray, rows: IntArray, demand: Demand, targets: Targets) -> None:
    """Step away from the guess by 1, 2, 4, ... agents until each row has an infeasible low and a feasible high."""
    step = 1
    while np.any(low < 0) or np.any(high < 0):
        if step > MAX_STEP:
            raise ValueError("no staffing meets these targets")
        pending = np.flatnonzero((low < 0) | (high < 0))
        going_down = low[pending] < 0
        candidate = np.where(going_down, np.maximum(high[pending] - step, 0), low[pending] + step)
        met = _meets_above_zero(rows[pending], candidate, demand, targets)
        high[pending] = np.where(met, candidate, high[pending])
        low[pending] = np.where(met, low[pending], candidate)
        step *= 2


def _meets_above_zero(rows: IntArray, agents: IntArray, demand: Demand, targets: Targets) -> BoolArray:
    """Like :func:`_erlang_a_meets`, with zero agents never feasible."""
    met = np.zeros(agents.size, dtype=np.bool_)
    some = agents > 0
    if np.any(some):
        traffic, aht, patience = demand
        met[some] = _erlang_a_meets(rows[some], agents[some], traffic, aht, patience, targets)
    return met


def _bisect(low: IntArray, high: IntArray, rows: IntArray, demand: Demand, targets: Targets) -> None:
    """Narrow each (infeasible low, feasible high] bracket to one agent."""
    traffic, aht, patience = demand
    while np.any(high - low > 1):
        open_ = np.flatnonzero(high - low > 1)
        middle = (low[open_] + high[open_]) // 2
        met = _erlang_a_meets(rows[open_], middle, traffic, aht, patience, targets)
        high[open_] = np.where(met, middle, high[open_])
        low[open_] = np.where(met, low[open_], middle)


def _erlang_a_meets(
    rows: IntArray,
    agents: IntArray,
    traffic: FloatArray,
    aht: FloatArray,
    patience: FloatArray,
    targets: Targets,
) -> BoolArray:
    """Whether ``agents`` meet every target for the given rows (only the series the targets need)."""
    metrics = erlang_a_metrics(
        traffic[rows],
        agents,
        aht[rows],
        patience[rows],
        targets.answer_within_seconds,
        with_service_level=targets.service_level is not None,
        with_asa=targets.max_asa_seconds is not None,
    )
    return _meets(metrics, targets)


def erlang_b_lines(traffic: ArrayLike, max_blocking: float) -> IntArray:
    """Smallest number of lines with Erlang B blocking at most ``max_blocking``, per interval.

    Blocking is at least 1 − n/a (carried traffic a·(1 − B) cannot exceed n), so
    the search starts 10·√a below a·(1 − max_blocking), where the recursion's
    start error has long died out.
    """
    if not 0 < max_blocking < 1:
        raise ValueError(f"the maximum blocking must be above 0 and below 1, got {max_blocking}")
    traffic_a = as_floats(traffic)[0]
    if np.any(traffic_a < 0) or not np.all(np.isfinite(traffic_a)):
        raise ValueError("traffic must be zero or more Erlangs")
    answer = np.zeros(traffic_a.size, dtype=np.int64)
    rows = np.flatnonzero(traffic_a > 0)
    lowest_possible = np.floor(traffic_a[rows] * (1.0 - max_blocking)).astype(np.int64)
    lines = recursion_start(traffic_a[rows], lowest_possible)
    blocking = start_value(traffic_a[rows], lines)
    while rows.size:
        lines += 1
        blocking = erlang_b_step(traffic_a[rows], blocking, lines)
        met = blocking <= max_blocking
        answer[rows[met]] = lines[met]
        rows, blocking, lines = rows[~met], blocking[~met], lines[~met]
    return answer
