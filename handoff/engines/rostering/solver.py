"""Solve the roster with OR-Tools CP-SAT under a time limit and read the answer back.

The objective (see :class:`~.model.Weights`) puts a missing agent-interval far
above any wage, so the solver first covers demand, then trims surplus, then
cost. An infeasible problem raises :class:`InfeasibleRosterError` naming the
constraint group(s) that fail (:mod:`.diagnose`); a problem for which no roster
is found within the limit raises :class:`RosterTimeoutError`. Neither hangs.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

import numpy as np
from numpy.typing import NDArray
from ortools.sat.python import cp_model

from handoff.engines.rostering.cpsat import (
    RosterTimeoutError,
    SolverOptions,
    configured_solver,
    to_cp_sat,
)
from handoff.engines.rostering.diagnose import explain_infeasibility
from handoff.engines.rostering.formulation import (
    LinearModel,
    build_headcount_model,
    build_roster_model,
    wage_cents,
)
from handoff.engines.rostering.model import (
    CoverageRequirement,
    Horizon,
    Roster,
    RosterBreak,
    RosteredShift,
    RosterInputError,
    RosterProblem,
    ShiftPattern,
    SkillCoverage,
    Weights,
)


def _run(
    lm: LinearModel, options: SolverOptions
) -> tuple[cp_model.CpSolver, list[cp_model.IntVar], cp_model.CpSolverStatus, float]:
    model, variables, _ = to_cp_sat(lm)
    solver = configured_solver(options)
    began = time.perf_counter()
    status = solver.solve(model)
    elapsed = time.perf_counter() - began
    if status == cp_model.MODEL_INVALID:
        raise RosterInputError(f"the roster model is invalid: {model.validate()}")
    return solver, variables, status, elapsed


def solve_roster(problem: RosterProblem, options: SolverOptions | None = None) -> Roster:
    """The best roster found within the time limit (optimal when ``status == 'OPTIMAL'``)."""
    options = options or SolverOptions()
    lm = build_roster_model(problem)
    solver, variables, status, elapsed = _run(lm, options)
    if status == cp_model.INFEASIBLE:
        raise explain_infeasibility(lm, options)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise RosterTimeoutError(
            f"no roster found within {options.time_limit_seconds:g} s; raise the time limit or simplify the problem"
        )
    values = np.array([solver.value(v) for v in variables], dtype=np.int64)
    shifts, wages = _shifts(problem, lm, values)
    return Roster(
        status=solver.status_name(status),
        objective=float(np.dot(lm.objective, values)),
        best_bound=solver.best_objective_bound,
        wall_seconds=elapsed,
        shifts=tuple(shifts),
        coverage=coverage_from_values(problem.horizon, problem.requirements, lm, values),
        wage_cost=wages,
    )


def _shifts(problem: RosterProblem, lm: LinearModel, values: NDArray[np.int64]) -> tuple[list[RosteredShift], float]:
    h = problem.horizon
    chosen_breaks = _hand_out_breaks(lm, values)
    shifts: list[RosteredShift] = []
    wages = 0.0
    for index, unit in enumerate(lm.units):
        if not values[unit.var]:
            continue
        agent = problem.agents[unit.agent]
        pattern = problem.patterns[unit.pattern]
        start = h.at(unit.day, pattern.start_minute)
        breaks = tuple(
            RosterBreak(
                start + timedelta(minutes=offset * h.interval_minutes),
                start + timedelta(minutes=offset * h.interval_minutes + pattern.breaks[rule].length_minutes),
                pattern.breaks[rule].paid,
            )
            for rule, offset in sorted(chosen_breaks[index])
        )
        end = start + timedelta(minutes=pattern.length_minutes)
        shifts.append(
            RosteredShift(agent.id, unit.day, pattern.name, unit.skill, start, end, breaks, unit.paid_minutes / 60)
        )
        wages += wage_cents(agent.hourly_rate * pattern.pay_multiplier, unit.paid_minutes) / 100
    shifts.sort(key=lambda s: (s.agent_id, s.start))
    return shifts, wages


def _hand_out_breaks(lm: LinearModel, values: NDArray[np.int64]) -> defaultdict[int, list[tuple[int, int]]]:
    """Give the break placements counted per (day, pattern, skill) to that shift's agents, one each."""
    workers: defaultdict[tuple[int, int, str], list[int]] = defaultdict(list)
    for index, unit in enumerate(lm.units):
        workers[(unit.day, unit.pattern, unit.skill)].extend([index] * int(values[unit.var]))
    placements: defaultdict[tuple[int, int, str, int], list[int]] = defaultdict(list)
    for option in lm.breaks:
        placements[(option.day, option.pattern, option.skill, option.rule)].extend(
            [option.offset] * int(values[option.var])
        )
    chosen: defaultdict[int, list[tuple[int, int]]] = defaultdict(list)
    for (day, pattern, skill, rule), offsets in placements.items():
        for index, offset in zip(workers[(day, pattern, skill)], offsets, strict=True):
            chosen[index].append((rule, offset))
    return chosen


def coverage_from_values(
    horizon: Horizon, requirements: tuple[CoverageRequirement, ...], lm: LinearModel, values: NDArray[np.int64]
) -> tuple[SkillCoverage, ...]:
    """Agents actually on the phone per skill and interval, recounted from shifts and breaks."""
    scheduled = {r.skill: np.zeros(horizon.intervals, dtype=np.int64) for r in requirements}
    for unit in lm.units:
        if values[unit.var] and unit.skill in scheduled:
            np.add.at(scheduled[unit.skill], list(unit.covered), values[unit.var])
    for option in lm.breaks:
        if values[option.var] and option.skill in scheduled:
            np.subtract.at(scheduled[option.skill], list(option.covered), values[option.var])
    return tuple(
        SkillCoverage(r.skill, np.asarray(r.required, dtype=np.int64), scheduled[r.skill]) for r in requirements
    )


@dataclass(frozen=True)
class HeadcountSchedule:
    """Anonymous shift scheduling: agents starting each pattern each day, per skill."""

    status: str
    objective: float
    best_bound: float
    wall_seconds: float
    counts: dict[tuple[int, str, str], int]
    coverage: tuple[SkillCoverage, ...]


def solve_headcount(
    horizon: Horizon,
    patterns: tuple[ShiftPattern, ...],
    requirements: tuple[CoverageRequirement, ...],
    weights: Weights | None = None,
    pool_size: int = 1000,
    hourly_rate: float = 0.0,
    options: SolverOptions | None = None,
) -> HeadcountSchedule:
    """How many agents to put on each pattern each day: the step before naming agents."""
    options = options or SolverOptions()
    lm = build_headcount_model(horizon, patterns, requirements, weights or Weights(), pool_size, hourly_rate)
    solver, variables, status, elapsed = _run(lm, options)
    if status == cp_model.INFEASIBLE:
        raise explain_infeasibility(lm, options)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise RosterTimeoutError(f"no schedule found within {options.time_limit_seconds:g} s")
    values = np.array([solver.value(v) for v in variables], dtype=np.int64)
    counts = {(u.day, patterns[u.pattern].name, u.skill): int(values[u.var]) for u in lm.units}
    return HeadcountSchedule(
        status=solver.status_name(status),
        objective=float(np.dot(lm.objective, values)),
        best_bound=solver.best_objective_bound,
        wall_seconds=elapsed,
        counts=counts,
        coverage=coverage_from_values(horizon, requirements, lm, values),
    )
