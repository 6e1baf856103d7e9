"""Recruiter capacity for RPO: how many recruiters, week by week, to make N hires by a date.

Inputs are measured, not guessed: each funnel stage's conversion rate (share of
the previous stage's candidates that reach it), the days a candidate spends
before reaching the next stage, and a recruiter's throughput at that stage
(candidates handled per recruiter-week: screens per week, interviews
coordinated per week …).

Formulas (stages k = 0 … K, stage 0 = sourced, stage K = accepted):

1. Volumes, backwards: n_K = N hires; n_{k−1} = ⌈n_k / c_k⌉ (c_k = conversion
   into stage k). Rounding up at every stage keeps the expected hires ≥ N.
2. Workload: W = Σ_k n_k / t_k recruiter-weeks (t_k = throughput at stage k).
3. Lead time: a candidate reaches stage k on day e_k = Σ_{j<k} d_j after
   sourcing (d_j = days spent in stage j); the pipeline lead time is L = e_K.
   The deadline D (days after the start) must allow L ≥ … : D ≥ L, else no hire
   sourced today can accept in time.
4. Weekly plan: s_w candidates are sourced at the start of week w, for every
   week with 7w + L ≤ D. Their stage-k work falls in week w + ⌊e_k / 7⌋ and
   costs s_w · (n_k / n_0) / t_k recruiter-weeks. An integer team h_t per week
   must cover that work, change by at most the ramp limit per week (up and
   down), start from the current team and return to zero once the work is
   done. Two mixed-integer programs (HiGHS) minimise first the peak team, then,
   at that peak, the recruiter-weeks paid Σ h_t: "recruiters needed" is the
   smallest peak that works and the ramp is the cheapest one for it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp  # type: ignore[import-untyped]

DEFAULT_STAGE_NAMES = ("sourced", "screened", "submitted", "interviewed", "offered", "accepted")


class CapacityError(ValueError):
    """The inputs are invalid or the target cannot be met; the message names the constraint."""


@dataclass(frozen=True)
class FunnelStage:
    """One stage: conversion from the previous stage, days spent here, recruiter throughput here.

    The first stage's ``conversion`` is ignored (nothing comes before sourcing).
    """

    name: str
    conversion: float
    days_in_stage: float
    per_recruiter_week: float


@dataclass(frozen=True)
class CapacityRequest:
    hires: int
    start: date
    deadline: date
    stages: tuple[FunnelStage, ...]
    max_ramp_per_week: int = 2
    current_recruiters: int = 0


@dataclass(frozen=True)
class CapacityPlan:
    stage_volumes: dict[str, int]
    workload_recruiter_weeks: float
    lead_time_days: float
    week_starts: tuple[date, ...]
    sourcing_per_week: tuple[float, ...]
    workload_per_week: tuple[float, ...]
    recruiters_per_week: tuple[int, ...]

    @property
    def peak_recruiters(self) -> int:
        return max(self.recruiters_per_week, default=0)

    @property
    def recruiter_weeks(self) -> int:
        return sum(self.recruiters_per_week)


def _validate(stages: tuple[FunnelStage, ...]) -> None:
    if len(stages) < 2:
        raise CapacityError("the funnel needs at least two stages (sourced … accepted)")
    for stage in stages[1:]:
        if not 0 < stage.conversion <= 1:
            raise CapacityError(f"stage {stage.name!r}: conversion must be above 0 and at most 1")
    for stage in stages:
        if stage.per_recruiter_week <= 0:
            raise CapacityError(f"stage {stage.name!r}: recruiter throughput must be positive")
        if stage.days_in_stage < 0:
            raise CapacityError(f"stage {stage.name!r}: days in stage must not be negative")


def stage_volumes(stages: tuple[FunnelStage, ...], hires: int) -> dict[str, int]:
    """Candidates needed at each stage for ``hires`` acceptances (formula 1)."""
    _validate(stages)
    if hires < 0:
        raise CapacityError("hires must not be negative")
    volumes = [hires]
    for stage in reversed(stages[1:]):
        volumes.append(math.ceil(volumes[-1] / stage.conversion - 1e-9))
    return {stage.name: n for stage, n in zip(stages, reversed(volumes), strict=True)}


def workload(stages: tuple[FunnelStage, ...], hires: int) -> float:
    """Recruiter-weeks of work for ``hires`` (formula 2)."""
    volumes = stage_volumes(stages, hires)
    return sum(volumes[s.name] / s.per_recruiter_week for s in stages)


def entry_days(stages: tuple[FunnelStage, ...]) -> list[float]:
    """Day after sourcing on which a candidate reaches each stage; the last is the lead time (formula 3)."""
    days = [0.0]
    for stage in stages[:-1]:
        days.append(days[-1] + stage.days_in_stage)
    return days


def plan_capacity(request: CapacityRequest) -> CapacityPlan:
    """The weekly recruiter team (formula 4)."""
    stages = request.stages
    volumes = stage_volumes(stages, request.hires)
    if request.max_ramp_per_week < 1:
        raise CapacityError("max_ramp_per_week must be at least 1")
    if request.current_recruiters < 0:
        raise CapacityError("current_recruiters must not be negative")
    lead = entry_days(stages)[-1]
    horizon_days = (request.deadline - request.start).days
    if horizon_days < lead:
        earliest = request.start + timedelta(days=math.ceil(lead))
        raise CapacityError(
            f"deadline {request.deadline.isoformat()} is earlier than the pipeline lead time: sourcing to acceptance "
            f"takes {lead:g} days, so the earliest possible date is {earliest.isoformat()}"
        )
    cohorts = int((horizon_days - lead) // 7) + 1
    offsets = [int(day // 7) for day in entry_days(stages)]
    if request.hires == 0:
        return _plan(request, volumes, lead, [0.0] * cohorts, [0.0] * cohorts, [0] * cohorts)
    ramp = request.max_ramp_per_week
    work_weeks = cohorts + max(offsets)
    weeks = work_weeks + math.ceil(max(request.current_recruiters, 1) / ramp) + _peak_guess(stages, volumes, ramp)
    per_cohort = _work_matrix(stages, volumes, offsets, cohorts, weeks)
    result = _solve(request, volumes, per_cohort, cohorts, weeks)
    sourcing = result[:cohorts]
    team = np.round(result[cohorts : cohorts + weeks]).astype(int)
    last = int(np.max(np.nonzero(team)[0])) + 1 if team.any() else 0
    work = per_cohort @ sourcing
    return _plan(request, volumes, lead, list(sourcing), list(work[:last]), list(team[:last]))


def _peak_guess(stages: tuple[FunnelStage, ...], volumes: dict[str, int], ramp: int) -> int:
    """Weeks a ramp down could take: the whole workload in one week, divided by the ramp."""
    return math.ceil(sum(volumes[s.name] / s.per_recruiter_week for s in stages) / ramp) + 1


def _work_matrix(
    stages: tuple[FunnelStage, ...], volumes: dict[str, int], offsets: list[int], cohorts: int, weeks: int
) -> np.ndarray:
    """Recruiter-weeks in week t per candidate sourced in cohort w."""
    matrix = np.zeros((weeks, cohorts))
    sourced = volumes[stages[0].name]
    for stage, offset in zip(stages, offsets, strict=True):
        share = volumes[stage.name] / sourced / stage.per_recruiter_week
        for w in range(cohorts):
            matrix[w + offset, w] += share
    return matrix


def _solve(
    request: CapacityRequest, volumes: dict[str, int], per_cohort: np.ndarray, cohorts: int, weeks: int
) -> np.ndarray:
    """Variables: sourcing s_w (continuous), team h_t (integer), peak p (integer)."""
    n = cohorts + weeks + 1
    peak = n - 1
    rows: list[np.ndarray] = []
    lower: list[float] = []
    upper: list[float] = []

    def constrain(row: np.ndarray, lo: float, hi: float) -> None:
        rows.append(row)
        lower.append(lo)
        upper.append(hi)

    total = np.zeros(n)
    total[:cohorts] = 1
    constrain(total, volumes[request.stages[0].name], np.inf)
    ramp = request.max_ramp_per_week
    for t in range(weeks):
        cover = np.zeros(n)
        cover[:cohorts] = per_cohort[t]
        cover[cohorts + t] = -1
        constrain(cover, -np.inf, 0)
        below_peak = np.zeros(n)
        below_peak[cohorts + t] = 1
        below_peak[peak] = -1
        constrain(below_peak, -np.inf, 0)
        step = np.zeros(n)
        step[cohorts + t] = 1
        previous = request.current_recruiters
        if t > 0:
            step[cohorts + t - 1] = -1
            previous = 0
        constrain(step, previous - ramp, previous + ramp)
    last = np.zeros(n)
    last[cohorts + weeks - 1] = 1
    constrain(last, 0, 0)
    integrality = np.ones(n)
    integrality[:cohorts] = 0
    constraints = LinearConstraint(np.array(rows), lower, upper)
    smallest_peak = np.zeros(n)
    smallest_peak[peak] = 1
    first = _milp(smallest_peak, constraints, integrality, Bounds(0, np.inf))
    if first is None:
        raise CapacityError(
            f"no team plan meets the deadline with a ramp of at most {ramp} recruiters per week "
            f"starting from {request.current_recruiters}; allow a faster ramp or a later deadline"
        )
    fewest_weeks = np.zeros(n)
    fewest_weeks[cohorts : cohorts + weeks] = 1
    at_peak = np.full(n, np.inf)
    at_peak[peak] = round(first[peak])
    second = _milp(fewest_weeks, constraints, integrality, Bounds(0, at_peak))
    return first if second is None else second


def _milp(
    cost: np.ndarray, constraints: LinearConstraint, integrality: np.ndarray, bounds: Bounds
) -> np.ndarray | None:
    """HiGHS branch and bound to optimality (no relative gap), 30 s at most."""
    result = milp(
        cost,
        constraints=constraints,
        integrality=integrality,
        bounds=bounds,
        options={"time_limit": 30, "mip_rel_gap": 0},
    )
    return None if result.x is None else np.asarray(result.x)


def _plan(
    request: CapacityRequest,
    volumes: dict[str, int],
    lead: float,
    sourcing: list[float],
    work: list[float],
    team: list[int],
) -> CapacityPlan:
    weeks = max(len(sourcing), len(team))
    return CapacityPlan(
        stage_volumes=volumes,
        workload_recruiter_weeks=workload(request.stages, request.hires),
        lead_time_days=lead,
        week_starts=tuple(request.start + timedelta(weeks=w) for w in range(weeks)),
        sourcing_per_week=tuple(float(s) for s in sourcing) + (0.0,) * (weeks - len(sourcing)),
        workload_per_week=tuple(float(w) for w in work) + (0.0,) * (weeks - len(work)),
        recruiters_per_week=tuple(int(h) for h in team) + (0,) * (weeks - len(team)),
    )
