"""Infeasible rosters fail fast with a message naming the constraint; big ones respect the time limit."""

import time
from dataclasses import replace

import numpy as np
import pytest

from handoff.engines.rostering import (
    LABOUR_RULES,
    InfeasibleRosterError,
    RosterTimeoutError,
    ShiftDemand,
    ShiftPattern,
    SolverOptions,
    solve_headcount,
    solve_roster,
)
from handoff.engines.rostering.model import CoverageRequirement
from tests.engines.rostering.helpers import DAY, EARLY, FAST, LATE, NIGHT, agent, demand, hourly, problem


def test_minimum_hours_against_availability_names_the_agent():
    h = hourly(days=7)
    availability = np.zeros(h.intervals, dtype=bool)
    availability[: 2 * 24] = True  # only Monday and Tuesday
    agents = [agent("ana", min_hours_per_week=30, availability=availability), agent("bo", min_hours_per_week=30)]
    with pytest.raises(InfeasibleRosterError) as failure:
        solve_roster(problem(h, [DAY], agents, demand(h, (8, 16, 1))), FAST)
    message = str(failure.value)
    assert "minimum weekly hours for agent ana" in message
    assert "availability" in message
    assert "at most 16 h" in message
    assert "agent bo" not in message  # only the culprit is named
    assert failure.value.groups == ("min_hours:ana:0",)


def test_independent_conflicts_are_all_named():
    h = hourly(days=7)
    nowhere = np.zeros(h.intervals, dtype=bool)
    agents = [agent("zed", min_hours_per_week=20, availability=nowhere), agent("yan", min_hours_per_week=60)]
    with pytest.raises(InfeasibleRosterError) as failure:
        solve_roster(problem(h, [DAY], agents, demand(h)), FAST)
    message = str(failure.value)
    assert message.startswith("infeasible roster, 2 independent conflicts:")
    assert "minimum weekly hours for agent zed, week 1 (20 h)" in message
    assert "at most 0 h of shifts are open to them" in message
    assert "minimum weekly hours for agent yan, week 1 (60 h)" in message
    assert sorted(failure.value.groups) == ["min_hours:yan:0", "min_hours:zed:0"]


def test_shift_demand_beyond_the_team_names_the_shift():
    h = hourly(days=1)
    demands = (ShiftDemand(0, "day", 3),)
    with pytest.raises(InfeasibleRosterError, match=r"at least 3 agents on shift 'day' on day 1 \(2 agents"):
        solve_roster(problem(h, [DAY], [agent("a"), agent("b")], demand(h), shift_demands=demands), FAST)


def test_rest_and_minimum_days_conflict_names_both():
    h = hourly(days=7)
    # one agent must work all 7 days (min days) but German rules allow at most 6 in a row;
    # 6-hour shifts keep the week at 42 h, under the 48 h limit, so only those two rules clash
    short = ShiftPattern("short", 8 * 60, 6 * 60)
    with pytest.raises(InfeasibleRosterError) as failure:
        solve_roster(problem(h, [short], [agent("a", min_days_per_week=7)], demand(h)), FAST)
    message = str(failure.value)
    assert "minimum working days for agent a, week 1 (7 days)" in message
    assert "at most 6 consecutive working days for agent a" in message
    assert "maximum weekly hours" not in message


def test_seven_long_days_clash_with_the_weekly_maximum():
    h = hourly(days=7)
    rules = {"DE": replace(LABOUR_RULES["DE"], max_consecutive_days=7)}
    with pytest.raises(InfeasibleRosterError) as failure:
        solve_roster(problem(h, [DAY], [agent("a", min_days_per_week=7)], demand(h), labour_rules=rules), FAST)
    message = str(failure.value)
    assert "maximum weekly hours for agent a, week 1 (48 h)" in message
    assert "minimum working days for agent a, week 1 (7 days)" in message


def test_alternating_shifts_against_rest_rule():
    h = hourly(days=2)
    # demands force a late shift on day 1 and an early one on day 2 for the only agent: 8 h rest < 11 h
    demands = (ShiftDemand(0, "late", 1), ShiftDemand(1, "early", 1))
    with pytest.raises(InfeasibleRosterError, match="minimum rest of 11 h between shifts for agent a"):
        solve_roster(problem(h, [EARLY, LATE], [agent("a", country="DE")], demand(h), shift_demands=demands), FAST)


def test_seat_cap_below_shift_demand():
    h = hourly()
    requirement = CoverageRequirement("voice", demand(h), maximum=np.full(h.intervals, 1, dtype=np.int64))
    p = problem(h, [DAY], [agent("a"), agent("b")], demand(h), shift_demands=(ShiftDemand(0, "day", 2),))
    p = p.__class__(p.horizon, p.patterns, p.agents, (requirement,), p.shift_demands)
    with pytest.raises(InfeasibleRosterError) as failure:
        solve_roster(p, FAST)
    assert "per-interval maximum of agents on skill 'voice'" in str(failure.value)
    assert "at least 2 agents on shift 'day'" in str(failure.value)


def test_headcount_pattern_cap_against_hard_coverage():
    h = hourly()
    capped = ShiftPattern("day", 8 * 60, 8 * 60, max_agents=2)
    requirement = CoverageRequirement("voice", demand(h, (8, 16, 3)), maximum=np.full(h.intervals, 5, dtype=np.int64))
    schedule = solve_headcount(h, (capped,), (requirement,), pool_size=10, options=FAST)
    assert schedule.counts[(0, "day", "voice")] == 2
    assert int(schedule.coverage[0].under.sum()) == 8


def attempt(roster_problem, options):
    """(roster, None) or (None, the timeout message)."""
    try:
        return solve_roster(roster_problem, options), None
    except RosterTimeoutError as timeout:
        return None, str(timeout)


def test_large_instance_returns_within_time_limit():
    h = hourly(days=7)
    rng = np.random.default_rng(7)
    required = rng.integers(0, 12, h.intervals)
    agents = [agent(f"a{i}", hourly_rate=float(15 + i % 5), min_hours_per_week=24) for i in range(40)]
    options = SolverOptions(time_limit_seconds=1.0, workers=1)
    began = time.perf_counter()
    roster, timeout = attempt(problem(h, [EARLY, DAY, LATE, NIGHT], agents, required), options)
    elapsed = time.perf_counter() - began
    assert elapsed < 10  # model building included
    if roster is None:  # a loaded machine may find nothing in 1 s: it must say so, not hang
        assert "no roster found within 1 s" in timeout
    else:
        assert roster.status in {"OPTIMAL", "FEASIBLE"}
        assert roster.wall_seconds <= 1.5
        assert roster.best_bound <= roster.objective


def test_relaxing_one_kind_at_a_time_finds_the_same_culprit():
    """The fallback used when CP-SAT returns no core: relax every group of one kind, then minimise."""
    from handoff.engines.rostering.diagnose import _by_kind, _Checker, _minimise
    from handoff.engines.rostering.formulation import build_roster_model

    h = hourly(days=7)
    availability = np.zeros(h.intervals, dtype=bool)
    availability[: 2 * 24] = True
    agents = [agent("ana", min_hours_per_week=30, availability=availability), agent("bo", min_hours_per_week=30)]
    checker = _Checker(build_roster_model(problem(h, [DAY], agents, demand(h))), FAST)
    fixed, suspects = _by_kind(checker, checker.groups)
    assert suspects == ["min_hours:ana:0", "min_hours:bo:0"]
    assert "min_hours:ana:0" not in fixed
    assert _minimise(checker, suspects, fixed) == ["min_hours:ana:0"]
