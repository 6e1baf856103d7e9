"""Staffing plans: forecast volumes per interval → agents per interval.

Three kinds of work:

- **One queue, one skill** (:func:`queue_plan`, :func:`staffing_plan`): the
  forecast calls of every interval go through :func:`agents_needed` in one
  vectorised call (Erlang A when the queue has a mean patience, else Erlang C),
  then shrinkage, exactly. :func:`demand_from_forecast` turns a forecast of the
  forecasting engine into a queue's demand, at its mean or, to hedge against
  forecast error, at the upper bound of one of its prediction intervals.

- **Agents serving several queues** (:func:`skill_group_plan`). Exact
  multi-skill staffing needs simulation; the plan uses the standard bracket
  and a pooling efficiency between its ends:

  * *separate* — each queue staffed on its own, summed: the most agents
    the group could need (no sharing at all);
  * *pooled* — one Erlang queue with the combined calls, the calls-weighted
    AHT (and patience), and the strictest of the queues' targets: the fewest
    (every agent takes every call, perfect sharing);
  * *plan* = ceil(pooled + (1 − e)·(separate − pooled)) with the pooling
    efficiency e in [0, 1] (1 = fully pooled, 0 = separate). The default 0.8
    leans towards pooling: Wallace and Whitt ("A staffing algorithm for call
    centers with skill-based routing", M&SOM 7(4), 2005) found that agents
    with just two skills each perform nearly as well as fully cross-trained
    ones; lower it for groups whose agents cover their queues unevenly.

- **Back-office work with a turnaround target** (:func:`back_office_plan`):
  items (emails, claims, applications) arriving per interval, each taking
  ``handle_minutes``, due ``turnaround_hours`` business hours after arrival.
  Each interval's workload is spread evenly over the L = ⌊turnaround /
  interval⌋ open intervals starting with its own (work arriving while closed
  joins the next open interval). That schedule finishes every item on time,
  so first-in-first-out processing with at least that capacity does too
  (earliest deadline first is optimal, and with one turnaround target FIFO
  is earliest deadline first). FTE in an interval = the workload scheduled in
  it / (interval hours × productivity), productivity being the share of time
  on duty spent on items; agents = ⌈FTE⌉, then shrinkage. Work due after
  the horizon is reported as carried over, not staffed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Protocol

import numpy as np
from numpy.typing import ArrayLike

from handoff.engines.staffing.erlang import BoolArray, FloatArray, IntArray, as_floats
from handoff.engines.staffing.requirements import DEFAULT_INTERVAL_SECONDS, Requirement, Targets, agents_needed
from handoff.engines.staffing.shrinkage import ShrinkageValue, scheduled_agents_array

DEFAULT_POOLING_EFFICIENCY = 0.8
ROUNDING_SLACK = 1e-9  # 3.0000000001 FTE from float sums is 3 agents, not 4


@dataclass(frozen=True, eq=False)
class QueueDemand:
    """One queue's forecast calls per interval, its handling and its targets.

    ``aht_seconds`` (and ``patience_seconds``) may be one value or one per
    interval; ``patience_seconds`` set means Erlang A.
    """

    name: str
    calls: ArrayLike
    aht_seconds: ArrayLike
    targets: Targets
    interval_seconds: float = DEFAULT_INTERVAL_SECONDS
    patience_seconds: ArrayLike | None = None
    shrinkage: ShrinkageValue = 0


class _Bounds(Protocol):
    @property
    def upper(self) -> FloatArray: ...


class ForecastLike(Protocol):
    """What a plan needs of a forecast (:class:`handoff.engines.forecasting.Forecast` fits)."""

    @property
    def step(self) -> timedelta: ...

    @property
    def mean(self) -> FloatArray: ...

    def interval(self, coverage: float) -> _Bounds: ...


def demand_from_forecast(
    name: str,
    forecast: ForecastLike,
    aht_seconds: ArrayLike,
    targets: Targets,
    *,
    coverage: float | None = None,
    patience_seconds: ArrayLike | None = None,
    shrinkage: ShrinkageValue = 0,
) -> QueueDemand:
    """A queue's demand from a forecast: its mean, or the upper bound of its ``coverage`` interval.

    Planning to the upper bound of the 80 % interval staffs for a busier
    interval than expected one time in ten; the mean staffs for the expected one.
    """
    calls = forecast.mean if coverage is None else forecast.interval(coverage).upper
    return QueueDemand(
        name=name,
        calls=calls,
        aht_seconds=aht_seconds,
        targets=targets,
        interval_seconds=forecast.step.total_seconds(),
        patience_seconds=patience_seconds,
        shrinkage=shrinkage,
    )


def queue_plan(demand: QueueDemand) -> Requirement:
    """Agents needed in every interval of one queue (raw and with shrinkage)."""
    calls = np.atleast_1d(np.asarray(demand.calls, dtype=np.float64))
    if calls.ndim != 1 or calls.size == 0:
        raise ValueError(f"queue {demand.name!r}: calls must be a non-empty list of counts per interval")
    try:
        return agents_needed(
            calls,
            demand.aht_seconds,
            demand.targets,
            interval_seconds=demand.interval_seconds,
            patience_seconds=demand.patience_seconds,
            shrinkage=demand.shrinkage,
        )
    except ValueError as error:
        raise ValueError(f"queue {demand.name!r}: {error}") from error


def staffing_plan(queues: Iterable[QueueDemand]) -> dict[str, Requirement]:
    """:func:`queue_plan` for every queue, by name."""
    plans: dict[str, Requirement] = {}
    for demand in queues:
        if demand.name in plans:
            raise ValueError(f"queue {demand.name!r} appears twice")
        plans[demand.name] = queue_plan(demand)
    return plans


@dataclass(frozen=True, eq=False)
class SkillGroupPlan:
    """A group of agents serving several queues: the bracket and the planned agents per interval."""

    name: str
    queues: tuple[str, ...]
    separate_agents: IntArray
    pooled_agents: IntArray
    raw_agents: IntArray
    scheduled_agents: IntArray
    pooling_efficiency: float


def skill_group_plan(
    name: str,
    queues: Sequence[QueueDemand],
    *,
    pooling_efficiency: float = DEFAULT_POOLING_EFFICIENCY,
    shrinkage: ShrinkageValue = 0,
) -> SkillGroupPlan:
    """Agents for a group serving all of ``queues``: between pooled and separate staffing (see module doc)."""
    if not queues:
        raise ValueError(f"skill group {name!r} serves no queue")
    if not 0 <= pooling_efficiency <= 1:
        raise ValueError(f"the pooling efficiency must be between 0 and 1, got {pooling_efficiency}")
    if len({q.interval_seconds for q in queues}) > 1:
        raise ValueError(f"skill group {name!r}: its queues must use the same interval length")
    pooled = queue_plan(pooled_demand(name, queues)).raw_agents
    separate = np.sum([queue_plan(replace(q, shrinkage=0)).raw_agents for q in queues], axis=0)
    pooled = np.minimum(pooled, separate)  # stricter pooled targets must not out-staff separate queues
    between = pooled + (1 - pooling_efficiency) * (separate - pooled)
    raw = np.ceil(between - ROUNDING_SLACK).astype(np.int64)
    return SkillGroupPlan(
        name=name,
        queues=tuple(q.name for q in queues),
        separate_agents=separate,
        pooled_agents=pooled,
        raw_agents=raw,
        scheduled_agents=scheduled_agents_array(raw, shrinkage),
        pooling_efficiency=pooling_efficiency,
    )


def pooled_demand(name: str, queues: Sequence[QueueDemand]) -> QueueDemand:
    """All the queues as one: summed calls, calls-weighted AHT and patience, strictest targets.

    Patience is pooled only when every queue has one (else Erlang C, the
    cautious choice); an interval without calls takes the plain mean AHT.
    """
    calls = [np.atleast_1d(np.asarray(q.calls, dtype=np.float64)) for q in queues]
    if len({c.size for c in calls}) > 1:
        raise ValueError(f"skill group {name!r}: its queues must cover the same number of intervals")
    total = np.sum(calls, axis=0)
    aht = _weighted([as_floats(q.aht_seconds, c)[0] for q, c in zip(queues, calls, strict=True)], calls, total)
    patience = None
    if all(q.patience_seconds is not None for q in queues):
        patience = _weighted(
            [as_floats(q.patience_seconds, c)[0] for q, c in zip(queues, calls, strict=True)],  # type: ignore[arg-type]
            calls,
            total,
        )
    return QueueDemand(
        name=name,
        calls=total,
        aht_seconds=aht,
        targets=strictest([q.targets for q in queues], with_abandonment=patience is not None),
        interval_seconds=queues[0].interval_seconds,
        patience_seconds=patience,
    )


def _weighted(values: list[FloatArray], weights: list[FloatArray], total: FloatArray) -> FloatArray:
    """Per interval, the weights' average of the values (the plain mean where the weights are all 0)."""
    stacked, weight = np.array(values), np.array(weights)
    with np.errstate(invalid="ignore", divide="ignore"):
        average = (stacked * weight).sum(axis=0) / total
    return np.asarray(np.where(total > 0, average, stacked.mean(axis=0)), dtype=np.float64)


def strictest(targets: Sequence[Targets], *, with_abandonment: bool) -> Targets:
    """The targets every queue's callers would accept: highest service level, shortest limits."""

    def lowest(values: Iterable[float | None]) -> float | None:
        given = [v for v in values if v is not None]
        return min(given) if given else None

    service_levels = [t.service_level for t in targets if t.service_level is not None]
    return Targets(
        service_level=max(service_levels) if service_levels else None,
        answer_within_seconds=min(t.answer_within_seconds for t in targets if t.service_level is not None)
        if service_levels
        else targets[0].answer_within_seconds,
        max_asa_seconds=lowest(t.max_asa_seconds for t in targets),
        max_occupancy=lowest(t.max_occupancy for t in targets),
        max_abandonment=lowest(t.max_abandonment for t in targets) if with_abandonment else None,
    )


@dataclass(frozen=True, eq=False)
class BackOfficePlan:
    """FTE per interval for deferrable work; closed intervals need none.

    ``workload_hours`` is the work arriving per interval (after moving closed-hours
    arrivals to the next opening), ``scheduled_hours`` the work planned in it.
    """

    workload_hours: FloatArray
    scheduled_hours: FloatArray
    fte: FloatArray
    raw_agents: IntArray
    scheduled_agents: IntArray
    window_intervals: int
    carried_over_hours: float


def back_office_plan(
    items: ArrayLike,
    handle_minutes: ArrayLike,
    turnaround_hours: float,
    *,
    interval_minutes: float = 30,
    open_intervals: ArrayLike | None = None,
    productivity: float = 1.0,
    shrinkage: ShrinkageValue = 0,
) -> BackOfficePlan:
    """Agents per interval so every item is done within ``turnaround_hours`` business hours (module doc)."""
    counts, handle = as_floats(items, handle_minutes)
    is_open = _open_mask(open_intervals, counts.size)
    _check_back_office(counts, handle, turnaround_hours, interval_minutes, productivity)
    window = math.floor(turnaround_hours * 60 / interval_minutes + ROUNDING_SLACK)
    if window < 1:
        raise ValueError(f"the turnaround ({turnaround_hours} h) is shorter than one interval ({interval_minutes} min)")
    arriving = counts * handle / 60.0
    open_index = np.flatnonzero(is_open)
    if open_index.size == 0:
        raise ValueError("no open interval to do the work in")
    # work arriving while closed joins the next open interval; after the last one it is carried over
    joins = np.searchsorted(open_index, np.arange(counts.size))
    inside = joins < open_index.size
    workload = np.bincount(joins[inside], weights=arriving[inside], minlength=open_index.size)
    spread = np.convolve(workload / window, np.ones(window))
    scheduled_open = spread[: open_index.size]
    scheduled = np.zeros(counts.size)
    scheduled[open_index] = scheduled_open
    arrived = np.zeros(counts.size)
    arrived[open_index] = workload
    fte = scheduled / (interval_minutes / 60.0 * productivity)
    raw = np.ceil(fte - ROUNDING_SLACK).astype(np.int64)
    return BackOfficePlan(
        workload_hours=arrived,
        scheduled_hours=scheduled,
        fte=fte,
        raw_agents=raw,
        scheduled_agents=scheduled_agents_array(raw, shrinkage),
        window_intervals=window,
        carried_over_hours=float(spread[open_index.size :].sum() + arriving[~inside].sum()),
    )


def _open_mask(open_intervals: ArrayLike | None, size: int) -> BoolArray:
    if open_intervals is None:
        return np.ones(size, dtype=np.bool_)
    mask = np.atleast_1d(np.asarray(open_intervals, dtype=np.bool_))
    if mask.shape != (size,):
        raise ValueError(f"got {mask.size} open/closed flags for {size} intervals")
    return mask


def _check_back_office(
    counts: FloatArray, handle: FloatArray, turnaround_hours: float, interval_minutes: float, productivity: float
) -> None:
    """Refuse inputs no plan can honour, naming the constraint."""
    if not (np.all(np.isfinite(counts)) and np.all(np.isfinite(handle))):
        raise ValueError("items and handle times must be finite numbers")
    if np.any(counts < 0):
        raise ValueError("items per interval cannot be negative")
    if np.any(handle <= 0):
        raise ValueError("the handle time must be more than 0 minutes")
    if not (math.isfinite(turnaround_hours) and turnaround_hours > 0):
        raise ValueError("the turnaround target must be more than 0 hours")
    if not (math.isfinite(interval_minutes) and interval_minutes > 0):
        raise ValueError("the interval must be more than 0 minutes")
    if not 0 < productivity <= 1:
        raise ValueError(f"productivity must be above 0 and at most 1, got {productivity}")
