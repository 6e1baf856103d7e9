"""Rostering engine: named agents on shifts with OR-Tools CP-SAT.

- :mod:`.model`: the problem (horizon, shift patterns with breaks, agents,
  labour rules per country, coverage requirements) and the roster returned.
- :mod:`.formulation`: the integer linear model shared by the solvers.
- :mod:`.solver`: CP-SAT with a time limit; rosters per agent and coverage.
- :mod:`.bound`: the LP relaxation lower bound and the gap.
- :mod:`.diagnose`: which constraint makes a roster infeasible, in words.
"""

from handoff.engines.rostering.bound import GapReport, LowerBound, gap, gap_report, lp_bound, roster_lp_bound
from handoff.engines.rostering.cpsat import InfeasibleRosterError, RosterTimeoutError, SolverOptions
from handoff.engines.rostering.model import (
    LABOUR_RULES,
    Agent,
    BreakRule,
    CoverageRequirement,
    Horizon,
    LabourRules,
    Roster,
    RosterBreak,
    RosteredShift,
    RosterInputError,
    RosterProblem,
    ShiftDemand,
    ShiftPattern,
    SkillCoverage,
    Weights,
    unrestricted_rules,
)
from handoff.engines.rostering.solver import HeadcountSchedule, solve_headcount, solve_roster

__all__ = [
    "LABOUR_RULES",
    "Agent",
    "BreakRule",
    "CoverageRequirement",
    "GapReport",
    "HeadcountSchedule",
    "Horizon",
    "InfeasibleRosterError",
    "LabourRules",
    "LowerBound",
    "Roster",
    "RosterBreak",
    "RosterInputError",
    "RosterProblem",
    "RosterTimeoutError",
    "RosteredShift",
    "ShiftDemand",
    "ShiftPattern",
    "SkillCoverage",
    "SolverOptions",
    "Weights",
    "gap",
    "gap_report",
    "lp_bound",
    "roster_lp_bound",
    "solve_headcount",
    "solve_roster",
    "unrestricted_rules",
]
