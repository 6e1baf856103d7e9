"""pyworkforce's shift-scheduling examples: our headcount solver reaches the same optimum."""

import numpy as np
import pytest

from handoff.engines.rostering import BreakRule, CoverageRequirement, ShiftPattern, Weights, solve_headcount
from tests.engines.rostering.helpers import FAST, hourly

scheduling = pytest.importorskip("pyworkforce.scheduling")

REQUIRED = [
    [9, 11, 17, 9, 7, 12, 5, 11, 8, 9, 18, 17, 8, 12, 16, 8, 7, 12, 11, 10, 13, 19, 16, 7],
    [13, 13, 12, 15, 18, 20, 13, 16, 17, 8, 13, 11, 6, 19, 11, 20, 19, 17, 10, 13, 14, 23, 16, 8],
]
COVERAGE = {
    "Morning": [0] * 5 + [1] * 8 + [0] * 11,
    "Afternoon": [0] * 13 + [1] * 8 + [0] * 3,
    "Night": [1] * 5 + [0] * 16 + [1] * 3,
    "Mixed": [0] * 9 + [1] * 8 + [0] * 7,
}


def patterns(max_agents, multipliers=None):
    multipliers = multipliers or dict.fromkeys(COVERAGE, 1.0)
    # pyworkforce's Night covers 00–05 and 21–24 of the same day: a 24 h shift with a fixed 16 h unpaid gap
    night_gap = (BreakRule(16 * 60, 5 * 60, 5 * 60),)
    return (
        ShiftPattern("Morning", 5 * 60, 8 * 60, max_agents=max_agents, pay_multiplier=multipliers["Morning"]),
        ShiftPattern("Afternoon", 13 * 60, 8 * 60, max_agents=max_agents, pay_multiplier=multipliers["Afternoon"]),
        ShiftPattern("Night", 0, 24 * 60, night_gap, max_agents=max_agents, pay_multiplier=multipliers["Night"]),
        ShiftPattern("Mixed", 9 * 60, 8 * 60, max_agents=max_agents, pay_multiplier=multipliers["Mixed"]),
    )


def requirement():
    return CoverageRequirement("all", np.array(REQUIRED).ravel(), maximum=np.full(48, 25))


def test_night_pattern_reproduces_pyworkforce_coverage():
    schedule = solve_headcount(
        hourly(days=1), patterns(20)[2:3], (CoverageRequirement("all", np.ones(24, dtype=np.int64)),), options=FAST
    )
    assert schedule.coverage[0].scheduled.tolist() == COVERAGE["Night"]


def test_min_abs_difference_example_same_optimum():
    peer = scheduling.MinAbsDifference(2, 24, COVERAGE, REQUIRED, max_period_concurrency=25, max_shift_concurrency=20)
    theirs = peer.solve()
    ours = solve_headcount(
        hourly(days=2), patterns(20), (requirement(),), Weights(under=1, over=1, cost=0), 80, options=FAST
    )
    assert theirs["status"] == ours.status == "OPTIMAL"
    assert ours.objective == theirs["cost"] == 157
    scheduled = ours.coverage[0].scheduled
    assert np.abs(np.array(REQUIRED).ravel() - scheduled).sum() == 157
    assert scheduled.max() <= 25


def test_min_required_resources_cost_example_same_optimum():
    costs = {"Morning": 8, "Afternoon": 8, "Night": 10, "Mixed": 7}
    peer = scheduling.MinRequiredResources(
        2, 24, COVERAGE, REQUIRED, max_period_concurrency=25, max_shift_concurrency=25, cost_dict=costs
    )
    theirs = peer.solve()
    # hourly rate 1 × 8 paid hours × multiplier = the shift's cost; under-coverage priced out of reach
    ours = solve_headcount(
        hourly(days=2),
        patterns(25, {name: cost / 8 for name, cost in costs.items()}),
        (requirement(),),
        Weights(under=10**7, over=0, cost=1),
        100,
        hourly_rate=1.0,
        options=FAST,
    )
    assert int(ours.coverage[0].under.sum()) == 0
    assert ours.objective / 100 == theirs["cost"]
