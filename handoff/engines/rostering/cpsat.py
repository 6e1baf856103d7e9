"""CP-SAT plumbing shared by the solver and the diagnosis: options, errors, model translation."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from ortools.sat.python import cp_model

from handoff.engines.rostering.formulation import LinearModel


@dataclass(frozen=True)
class SolverOptions:
    time_limit_seconds: float = 30.0
    workers: int = 2
    seed: int = 0
    relative_gap: float = 0.0
    probing: bool = False
    """CP-SAT's presolve probing. Off by default: on a week of 50 agents with 2 workers it spent
    13 s of a 60 s budget probing and ended twice as far from the LP bound (bench_rostering.py)."""


class InfeasibleRosterError(ValueError):
    """No roster satisfies the hard constraints; ``groups`` are the ones that cannot hold together."""

    def __init__(self, message: str, groups: tuple[str, ...]) -> None:
        super().__init__(message)
        self.groups = groups


class RosterTimeoutError(RuntimeError):
    """The time limit passed before any roster was found (infeasibility not proven either)."""


def to_cp_sat(
    lm: LinearModel, enforceable: Collection[str] = (), with_objective: bool = True
) -> tuple[cp_model.CpModel, list[cp_model.IntVar], dict[str, cp_model.IntVar]]:
    """The linear model in CP-SAT; rows of a group in ``enforceable`` hold only if that group's literal is true."""
    model = cp_model.CpModel()
    variables = [model.new_int_var(lo, hi, f"v{i}") for i, (lo, hi) in enumerate(zip(lm.lower, lm.upper, strict=True))]
    literals = {key: model.new_bool_var(key) for key in enforceable}
    for row in lm.rows:
        expr = cp_model.LinearExpr.weighted_sum([variables[i] for i in row.indices], row.coefs)
        lower = row.lower if row.lower is not None else cp_model.INT_MIN
        upper = row.upper if row.upper is not None else cp_model.INT_MAX
        constraint = model.add_linear_constraint(expr, lower, upper)
        if row.group is not None and row.group in literals:
            constraint.only_enforce_if(literals[row.group])
    if with_objective:
        nonzero = [(v, c) for v, c in zip(variables, lm.objective, strict=True) if c]
        model.minimize(cp_model.LinearExpr.weighted_sum([v for v, _ in nonzero], [c for _, c in nonzero]))
    return model, variables, literals


def configured_solver(options: SolverOptions) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = options.time_limit_seconds
    solver.parameters.num_workers = options.workers
    solver.parameters.random_seed = options.seed
    solver.parameters.relative_gap_limit = options.relative_gap
    if not options.probing:
        solver.parameters.cp_model_probing_level = 0
    return solver
