"""Tiny rosters whose optimum is known by hand."""

from datetime import datetime

import numpy as np
import pytest

from handoff.engines.rostering import (
    LABOUR_RULES,
    Agent,
    BreakRule,
    CoverageRequirement,
    RosterInputError,
    RosterProblem,
    ShiftPattern,
    Weights,
    gap,
    gap_report,
    roster_lp_bound,
    solve_roster,
)
from tests.engines.rostering.helpers import DAY, EARLY, FAST, LATE, NIGHT, agent, demand, hourly, problem


def test_coverage_exactly_met_by_one_day_shift():
    h = hourly()
    roster = solve_roster(problem(h, [EARLY, DAY, LATE], [agent("a", hourly_rate=20)], demand(h, (8, 16, 1))), FAST)
    assert roster.status == "OPTIMAL"
    assert roster.under_coverage == 0
    assert roster.over_coverage == 0
    [shift] = roster.shifts
    assert (shift.pattern, shift.start, shift.end) == ("day", datetime(2026, 1, 5, 8), datetime(2026, 1, 5, 16))
    assert roster.wage_cost == pytest.approx(160)
    assert roster.objective == 16_000  # 8 h × 20 € in cents, no penalty


def test_overnight_shift_covers_next_days_early_intervals():
    h = hourly(days=2)
    roster = solve_roster(problem(h, [DAY, NIGHT], [agent("a")], demand(h, (22, 30, 1))), FAST)
    [shift] = roster.shifts
    assert shift.start == datetime(2026, 1, 5, 22)
    assert shift.end == datetime(2026, 1, 6, 6)
    scheduled = roster.coverage[0].scheduled
    assert scheduled[24:30].tolist() == [1] * 6  # 00:00–06:00 of day 2
    assert roster.under_coverage == 0


def test_cyclic_horizon_wraps_last_night_onto_day_one():
    h = hourly(days=2, cyclic=True)
    required = demand(h, (0, 6, 1), (46, 48, 1))  # 22:00 day 2 → 06:00 day 1 of the next cycle
    roster = solve_roster(problem(h, [DAY, NIGHT], [agent("a")], required), FAST)
    [shift] = roster.shifts
    assert shift.day == 1
    assert shift.pattern == "night"
    assert roster.under_coverage == 0


def test_eleven_hour_rest_forbids_late_then_early():
    h = hourly(days=2)
    required = demand(h, (14, 22, 1), (24 + 6, 24 + 14, 1))  # late on day 1, early on day 2: 8 h apart
    german = solve_roster(problem(h, [EARLY, LATE], [agent("a", country="DE")], required), FAST)
    assert len(german.shifts) == 1
    assert german.under_coverage == 8
    american = solve_roster(problem(h, [EARLY, LATE], [agent("a", country="US")], required), FAST)
    assert len(american.shifts) == 2  # US defaults: 8 h rest is enough
    assert american.under_coverage == 0


def test_maximum_weekly_hours_leave_demand_uncovered():
    h = hourly(days=2)
    required = demand(h, (8, 16, 1), (32, 40, 1))
    roster = solve_roster(problem(h, [DAY], [agent("a", max_hours_per_week=8)], required), FAST)
    assert len(roster.shifts) == 1
    assert roster.under_coverage == 8


def test_minimum_weekly_hours_force_extra_shifts():
    h = hourly(days=7)
    required = demand(h, (8, 16, 1))  # only Monday has demand
    roster = solve_roster(problem(h, [DAY], [agent("a", min_hours_per_week=24)], required), FAST)
    assert sum(s.paid_hours for s in roster.shifts) == 24
    assert roster.over_coverage == 16
    assert roster.shifts[0].day == 0


def test_availability_is_respected():
    h = hourly(days=2)
    availability = np.ones(h.intervals, dtype=bool)
    availability[10] = False  # busy 10:00–11:00 on Monday
    required = demand(h, (8, 16, 1), (32, 40, 1))
    roster = solve_roster(problem(h, [DAY], [agent("a", availability=availability)], required), FAST)
    assert [s.day for s in roster.shifts] == [1]


def test_skills_decide_who_works():
    h = hourly()
    required = demand(h, (8, 16, 1))
    agents = [agent("voice-1", hourly_rate=10), agent("chat-1", skill="chat", hourly_rate=5)]
    roster = solve_roster(problem(h, [DAY], agents, required), FAST)
    assert [s.agent_id for s in roster.shifts] == ["voice-1"]


def test_multi_skilled_agent_is_counted_once_on_the_skill_chosen():
    h = hourly()
    requirements = (
        CoverageRequirement("voice", demand(h, (8, 16, 1))),
        CoverageRequirement("chat", demand(h, (8, 16, 1))),
    )
    both = Agent("both", frozenset({"voice", "chat"}))
    roster = solve_roster(RosterProblem(h, (DAY,), (both,), requirements), FAST)
    assert roster.under_coverage == 8
    assert len(roster.shifts) == 1


def test_break_goes_where_demand_dips_and_reduces_coverage():
    h = hourly()
    pattern = ShiftPattern("day", 8 * 60, 8 * 60, breaks=(BreakRule(60, 2 * 60, 5 * 60),))
    required = demand(h, (8, 12, 1), (13, 16, 1))  # nobody needed 12:00–13:00
    roster = solve_roster(problem(h, [pattern], [agent("a")], required), FAST)
    [shift] = roster.shifts
    [lunch] = shift.breaks
    assert lunch.start == datetime(2026, 1, 5, 12)
    assert roster.coverage[0].scheduled[12] == 0
    assert roster.under_coverage == roster.over_coverage == 0
    assert shift.paid_hours == 7


def test_break_window_is_honoured_even_when_demand_prefers_otherwise():
    h = hourly()
    pattern = ShiftPattern("day", 8 * 60, 8 * 60, breaks=(BreakRule(60, 3 * 60, 4 * 60),))
    required = demand(h, (8, 9, 1), (10, 16, 1))  # the dip at 09:00 is outside the 11:00–12:00 window
    roster = solve_roster(problem(h, [pattern], [agent("a")], required), FAST)
    [lunch] = roster.shifts[0].breaks
    assert datetime(2026, 1, 5, 11) <= lunch.start <= datetime(2026, 1, 5, 12)
    assert roster.under_coverage == 1
    assert roster.over_coverage == 1


def test_night_work_limit_per_country_removes_long_night_shifts():
    h = hourly(days=2)
    long_night = ShiftPattern("long-night", 20 * 60, 10 * 60)
    required = demand(h, (20, 30, 1))
    french = solve_roster(problem(h, [long_night], [agent("a", country="FR")], required), FAST)
    assert french.shifts == ()  # FR: night work at most 8 h
    german = solve_roster(problem(h, [long_night], [agent("a", country="DE")], required), FAST)
    assert len(german.shifts) == 1  # DE allows 10 h
    assert LABOUR_RULES["FR"].max_night_shift_hours == 8


def test_under_coverage_outweighs_cost_by_default():
    h = hourly()
    roster = solve_roster(problem(h, [DAY], [agent("a", hourly_rate=500)], demand(h, (8, 16, 1))), FAST)
    assert len(roster.shifts) == 1
    cheap = Weights(under=1, over=1, cost=1)
    skipped = solve_roster(problem(h, [DAY], [agent("a", hourly_rate=500)], demand(h, (8, 16, 1)), weights=cheap), FAST)
    assert skipped.shifts == ()


def test_lp_bound_never_exceeds_objective():
    h = hourly(days=3)
    required = demand(h, (6, 22, 2), (30, 46, 3), (54, 70, 1))
    agents = [agent(f"a{i}", hourly_rate=15 + i, min_hours_per_week=8) for i in range(4)]
    roster_problem = problem(h, [EARLY, DAY, LATE], agents, required)
    roster = solve_roster(roster_problem, FAST)
    bound = roster_lp_bound(roster_problem)
    assert bound.status == "optimal"
    assert bound.value <= roster.objective + 1e-6
    assert roster.best_bound <= roster.objective
    report = gap_report(roster_problem, roster)
    assert report.lp_bound == bound.value
    assert 0 <= report.lp_gap < 1
    assert report.cp_sat_gap == 0  # solved to optimality


def test_gap_formula():
    assert gap(100, 90) == pytest.approx(0.1)
    assert gap(0, 0) == 0
    assert gap(-50, -60) == pytest.approx(0.2)


@pytest.mark.parametrize(
    ("pattern", "fragment"),
    [
        (ShiftPattern("x", 8 * 60 + 15, 8 * 60), "not a multiple"),
        (ShiftPattern("x", 8 * 60, 8 * 60, breaks=(BreakRule(60, 7 * 60, 8 * 60),)), "past the end"),
        (
            ShiftPattern("x", 8 * 60, 8 * 60, breaks=(BreakRule(60, 2 * 60, 3 * 60), BreakRule(60, 3 * 60, 4 * 60))),
            "overlaps",
        ),
    ],
)
def test_malformed_patterns_are_rejected_by_name(pattern, fragment):
    h = hourly()
    with pytest.raises(RosterInputError, match=fragment):
        solve_roster(problem(h, [pattern], [agent("a")], demand(h)), FAST)


def test_wrong_requirement_length_is_rejected():
    h = hourly()
    with pytest.raises(RosterInputError, match="24 intervals"):
        solve_roster(problem(h, [DAY], [agent("a")], np.zeros(12, dtype=np.int64)), FAST)


def test_unknown_country_is_rejected():
    h = hourly()
    with pytest.raises(RosterInputError, match="country 'ZZ'"):
        solve_roster(problem(h, [DAY], [agent("a", country="ZZ")], demand(h)), FAST)


def test_labour_rules_cover_the_delivery_countries_within_eu_limits():
    assert {"DE", "FR", "ES", "US", "PH", "IN", "MX"} <= set(LABOUR_RULES)
    for country in ("DE", "FR", "ES"):  # Working Time Directive 2003/88/EC: 11 h rest, 48 h a week
        assert LABOUR_RULES[country].min_rest_hours >= 11
        assert LABOUR_RULES[country].max_hours_per_week <= 48
        assert LABOUR_RULES[country].source
