"""Explain an infeasible roster by naming the constraint groups that cannot hold together.

Every hard constraint group (one agent's minimum hours in a week, one agent's
rest rule, one shift demand …) gets a literal that switches it on. CP-SAT is
asked for a roster with all literals assumed true; when it proves there is
none, ``sufficient_assumptions_for_infeasibility`` gives a subset of groups
that is already infeasible. A deletion pass then drops every group whose
removal keeps the subset infeasible, so what remains is minimal: each named
group is needed for the conflict. If the solver returns no subset (presolve
can prove infeasibility before assumptions are looked at), groups are relaxed
one kind at a time instead. The groups found are then set aside and the search
repeated, so up to five independent conflicts (two agents each short of their
minimum hours) are all named. Every solve has the caller's time limit.
"""

from __future__ import annotations

from dataclasses import replace

from ortools.sat.python import cp_model

from handoff.engines.rostering.cpsat import InfeasibleRosterError, SolverOptions, configured_solver, to_cp_sat
from handoff.engines.rostering.formulation import LinearModel

MAX_DELETION_STEPS = 30
MAX_CONFLICTS = 5


class _Checker:
    """One CP-SAT model with a literal per group, re-solved under different assumptions."""

    def __init__(self, lm: LinearModel, options: SolverOptions) -> None:
        self.groups = sorted({row.group for row in lm.rows if row.group is not None})
        self.model, _, self.literals = to_cp_sat(lm, self.groups, with_objective=False)
        self.options = replace(options, workers=1)

    def solve(self, assumed: list[str]) -> tuple[cp_model.CpSolverStatus, list[str]]:
        """Status with only ``assumed`` groups enforced, and a sufficient core if infeasible."""
        self.model.clear_assumptions()
        self.model.add_assumptions([self.literals[key] for key in assumed])
        solver = configured_solver(self.options)
        status = solver.solve(self.model)
        if status != cp_model.INFEASIBLE:
            return status, []
        core = set(solver.sufficient_assumptions_for_infeasibility())
        return status, [key for key in assumed if self.literals[key].index in core]


def _conflicts(lm: LinearModel, options: SolverOptions) -> list[list[str]] | None:
    """Up to MAX_CONFLICTS independent minimal conflicts; [] if no group is involved, None if none found in time."""
    checker = _Checker(lm, options)
    assumed = list(checker.groups)
    conflicts: list[list[str]] = []
    while len(conflicts) < MAX_CONFLICTS:
        status, core = checker.solve(assumed)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            break
        if status != cp_model.INFEASIBLE:
            return conflicts or None
        fixed: list[str] = []
        if not core:
            fixed, core = _by_kind(checker, assumed)
        core = _minimise(checker, core, fixed)
        if not core:
            break
        conflicts.append(core)
        assumed = [key for key in assumed if key not in core]
    return conflicts


def _by_kind(checker: _Checker, assumed: list[str]) -> tuple[list[str], list[str]]:
    """Relax one kind of group at a time (all rest rules, all minimum hours …) to find the culprit kind."""
    kinds = sorted({key.split(":", 1)[0] for key in assumed})
    for kind in kinds:
        others = [key for key in assumed if not key.startswith(kind + ":")]
        status, _ = checker.solve(others)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return others, [key for key in assumed if key.startswith(kind + ":")]
    return [], list(assumed)


def _minimise(checker: _Checker, core: list[str], fixed: list[str]) -> list[str]:
    """Drop each group whose removal leaves the rest (with ``fixed``) still infeasible."""
    kept = list(core)
    for key in list(core)[:MAX_DELETION_STEPS]:
        trial = [k for k in kept if k != key]
        status, _ = checker.solve(fixed + trial)
        if status == cp_model.INFEASIBLE:
            kept = trial
    return kept


def _describe(lm: LinearModel, conflict: list[str]) -> str:
    reasons = [lm.groups[key] for key in conflict]
    if len(reasons) == 1:
        return reasons[0]
    return "these constraints cannot all hold together: " + "; ".join(reasons)


def explain_infeasibility(lm: LinearModel, options: SolverOptions) -> InfeasibleRosterError:
    """An error whose message names the failing constraint group(s) in words, one line per independent conflict."""
    conflicts = _conflicts(lm, options)
    if conflicts is None:
        return InfeasibleRosterError(
            "the roster is infeasible, and no explanation was found within "
            f"{options.time_limit_seconds:g} s; check minimum hours, shift demands and availability",
            (),
        )
    if not conflicts:
        return InfeasibleRosterError("the roster is infeasible, but no single rule or group of rules explains it", ())
    groups = tuple(key for conflict in conflicts for key in conflict)
    if len(conflicts) == 1:
        return InfeasibleRosterError(f"infeasible roster: {_describe(lm, conflicts[0])}", groups)
    lines = "\n".join(f"- {_describe(lm, conflict)}" for conflict in conflicts)
    return InfeasibleRosterError(f"infeasible roster, {len(conflicts)} independent conflicts:\n{lines}", groups)
