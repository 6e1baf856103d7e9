"""Properties on tiny rosters solved to optimality."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from handoff.engines.rostering import BreakRule, ShiftPattern, roster_lp_bound, solve_roster
from tests.engines.rostering.helpers import FAST, agent, hourly, problem

PATTERNS = [
    ShiftPattern("early", 6 * 60, 6 * 60),
    ShiftPattern("mid", 10 * 60, 6 * 60, breaks=(BreakRule(60, 2 * 60, 3 * 60),)),
    ShiftPattern("late", 16 * 60, 6 * 60),
]
requirements = st.lists(st.integers(0, 3), min_size=24, max_size=24).map(lambda r: np.array(r, dtype=np.int64))


@settings(max_examples=15, deadline=None)
@given(required=requirements, team=st.integers(1, 3), rates=st.lists(st.integers(10, 30), min_size=4, max_size=4))
def test_another_agent_never_worsens_the_optimum(required, team, rates):
    h = hourly()
    agents = [agent(f"a{i}", hourly_rate=rates[i]) for i in range(team + 1)]
    smaller = solve_roster(problem(h, PATTERNS, agents[:team], required), FAST)
    larger = solve_roster(problem(h, PATTERNS, agents, required), FAST)
    assert smaller.status == larger.status == "OPTIMAL"
    assert larger.objective <= smaller.objective


@settings(max_examples=15, deadline=None)
@given(required=requirements, team=st.integers(1, 4))
def test_coverage_recount_matches_objective_and_lp_bound_is_below(required, team):
    h = hourly()
    roster_problem = problem(h, PATTERNS, [agent(f"a{i}", hourly_rate=20) for i in range(team)], required)
    roster = solve_roster(roster_problem, FAST)
    weights = roster_problem.weights
    wages = round(roster.wage_cost * 100)
    assert roster.objective == weights.under * roster.under_coverage + weights.over * roster.over_coverage + wages
    assert roster_lp_bound(roster_problem).value <= roster.objective + 1e-6
    for shift in roster.shifts:
        for lunch in shift.breaks:
            assert shift.start <= lunch.start
            assert lunch.end <= shift.end
