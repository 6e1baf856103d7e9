"""The LP relaxation lower bound and the optimality gap it proves.

The same linear model CP-SAT solves (:mod:`.formulation`), with every integer
variable allowed to take fractional values, solved by HiGHS through
``scipy.optimize.linprog``. No integer roster can beat it, so
gap = (objective − bound) / |objective| bounds how far a roster is from the
optimum. CP-SAT's own ``best_bound`` is usually tighter (it adds cuts and
search); both are reported.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog  # type: ignore[import-untyped]
from scipy.sparse import coo_array  # type: ignore[import-untyped]

from handoff.engines.rostering.formulation import LinearModel, build_roster_model
from handoff.engines.rostering.model import Roster, RosterProblem


@dataclass(frozen=True)
class LowerBound:
    value: float
    status: str
    seconds: float


def lp_bound(lm: LinearModel) -> LowerBound:
    """The LP relaxation optimum of ``lm`` (``-inf`` with status 'infeasible' when even the LP has no solution)."""
    began = time.perf_counter()
    upper_rows: list[tuple[list[int], list[int], int]] = []
    equal_rows: list[tuple[list[int], list[int], int]] = []
    for row in lm.rows:
        if row.lower is not None and row.lower == row.upper:
            equal_rows.append((row.indices, row.coefs, row.lower))
            continue
        if row.upper is not None:
            upper_rows.append((row.indices, row.coefs, row.upper))
        if row.lower is not None:
            upper_rows.append((row.indices, [-c for c in row.coefs], -row.lower))
    a_ub, b_ub = _matrix(upper_rows, len(lm.lower))
    a_eq, b_eq = _matrix(equal_rows, len(lm.lower))
    result = linprog(
        np.asarray(lm.objective, dtype=float),
        A_ub=a_ub,
        b_ub=b_ub,
        A_eq=a_eq,
        b_eq=b_eq,
        bounds=np.column_stack([lm.lower, lm.upper]).astype(float),
        method="highs",
    )
    elapsed = time.perf_counter() - began
    if result.status == 2:
        return LowerBound(float("-inf"), "infeasible", elapsed)
    if result.status != 0:
        return LowerBound(float("-inf"), str(result.message), elapsed)
    return LowerBound(float(result.fun), "optimal", elapsed)


def _matrix(rows: list[tuple[list[int], list[int], int]], columns: int) -> tuple[coo_array | None, np.ndarray | None]:
    if not rows:
        return None, None
    row_ids = [r for r, (indices, _, _) in enumerate(rows) for _ in indices]
    col_ids = [i for indices, _, _ in rows for i in indices]
    data = [float(c) for _, coefs, _ in rows for c in coefs]
    matrix = coo_array((data, (row_ids, col_ids)), shape=(len(rows), columns))
    return matrix, np.asarray([rhs for _, _, rhs in rows], dtype=float)


def roster_lp_bound(problem: RosterProblem) -> LowerBound:
    """The LP lower bound of a roster problem's objective."""
    return lp_bound(build_roster_model(problem))


def gap(objective: float, bound: float) -> float:
    """(objective − bound) / |objective|; 0 when both are 0."""
    if objective == bound:
        return 0.0
    return (objective - bound) / abs(objective) if objective else float("inf")


@dataclass(frozen=True)
class GapReport:
    """How far a roster can be from the optimum, by the LP bound and by CP-SAT's own bound."""

    objective: float
    lp_bound: float
    cp_sat_bound: float

    @property
    def lp_gap(self) -> float:
        return gap(self.objective, self.lp_bound)

    @property
    def cp_sat_gap(self) -> float:
        return gap(self.objective, self.cp_sat_bound)


def gap_report(problem: RosterProblem, roster: Roster) -> GapReport:
    """The gaps of ``roster`` (solved from ``problem``) to both lower bounds."""
    return GapReport(roster.objective, roster_lp_bound(problem).value, roster.best_bound)
