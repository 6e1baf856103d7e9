"""Small builders for roster tests: one-skill problems on an hourly grid."""

from datetime import datetime

import numpy as np

from handoff.engines.rostering import Agent, CoverageRequirement, Horizon, RosterProblem, ShiftPattern, SolverOptions

MONDAY = datetime(2026, 1, 5)
FAST = SolverOptions(time_limit_seconds=10, workers=1)


def hourly(days: int = 1, cyclic: bool = False) -> Horizon:
    return Horizon(MONDAY, days=days, interval_minutes=60, cyclic=cyclic)


def demand(horizon: Horizon, *spans: tuple[int, int, int]) -> np.ndarray:
    """Requirement array with ``count`` agents on [first, last) horizon intervals for each (first, last, count)."""
    required = np.zeros(horizon.intervals, dtype=np.int64)
    for first, last, count in spans:
        required[first:last] += count
    return required


def agent(name: str, skill: str = "voice", **kwargs) -> Agent:
    return Agent(name, frozenset({skill}), **kwargs)


def problem(horizon, patterns, agents, required, **kwargs) -> RosterProblem:
    return RosterProblem(horizon, tuple(patterns), tuple(agents), (CoverageRequirement("voice", required),), **kwargs)


DAY = ShiftPattern("day", 8 * 60, 8 * 60)
EARLY = ShiftPattern("early", 6 * 60, 8 * 60)
LATE = ShiftPattern("late", 14 * 60, 8 * 60)
NIGHT = ShiftPattern("night", 22 * 60, 8 * 60)
