"""Recruiter capacity: hand-computed funnels and weekly teams, errors, monotonicity."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handoff.engines.recruiting_capacity import (
    CapacityError,
    CapacityRequest,
    FunnelStage,
    entry_days,
    plan_capacity,
    stage_volumes,
    workload,
)

START = date(2026, 1, 5)
FUNNEL = (
    FunnelStage("sourced", 1, 3, 50),
    FunnelStage("screened", 0.5, 5, 20),
    FunnelStage("submitted", 0.5, 7, 40),
    FunnelStage("interviewed", 0.5, 7, 10),
    FunnelStage("offered", 0.5, 5, 20),
    FunnelStage("accepted", 0.8, 0, 40),
)
TWO_STAGES = (FunnelStage("sourced", 1, 7, 10), FunnelStage("accepted", 0.5, 0, 5))


def test_volumes_round_up_stage_by_stage():
    # 10 / 0.8 = 12.5 → 13 offers, then doubling at every 50 % stage
    assert stage_volumes(FUNNEL, 10) == {
        "sourced": 208,
        "screened": 104,
        "submitted": 52,
        "interviewed": 26,
        "offered": 13,
        "accepted": 10,
    }


def test_workload_is_volume_over_throughput():
    # 208/50 + 104/20 + 52/40 + 26/10 + 13/20 + 10/40
    assert workload(FUNNEL, 10) == pytest.approx(4.16 + 5.2 + 1.3 + 2.6 + 0.65 + 0.25)


def test_lead_time_adds_days_before_acceptance():
    assert entry_days(FUNNEL) == [0, 3, 8, 15, 22, 27]


def test_two_stage_plan_by_hand():
    # 10 hires → 20 sourced (2 recruiter-weeks) + 10 acceptances a week later (2 recruiter-weeks).
    # With a ramp of 2 a week: 2 recruiters source everything in week 1, then close in week 2.
    plan = plan_capacity(CapacityRequest(10, START, START + timedelta(days=14), TWO_STAGES, max_ramp_per_week=2))
    assert plan.recruiters_per_week == (2, 2)
    assert plan.peak_recruiters == 2
    assert plan.sourcing_per_week[0] == pytest.approx(20)
    assert plan.week_starts == (START, START + timedelta(weeks=1))


def test_two_stage_plan_with_slow_ramp_spreads_the_work():
    # Ramp 1: week 1 one recruiter sources 10; week 2 two recruiters source 10 and close 5; week 3 one closes 5.
    plan = plan_capacity(CapacityRequest(10, START, START + timedelta(days=14), TWO_STAGES, max_ramp_per_week=1))
    assert plan.recruiters_per_week == (1, 2, 1)
    assert plan.sourcing_per_week[:2] == pytest.approx((10, 10))
    assert plan.workload_per_week == pytest.approx((1, 2, 1))


def test_ramp_limit_applies_from_the_current_team():
    plan = plan_capacity(
        CapacityRequest(10, START, START + timedelta(days=14), TWO_STAGES, max_ramp_per_week=1, current_recruiters=4)
    )
    steps = [b - a for a, b in zip((4, *plan.recruiters_per_week), (*plan.recruiters_per_week, 0), strict=True)]
    assert all(abs(step) <= 1 for step in steps)


def test_deadline_before_lead_time_names_the_constraint():
    with pytest.raises(CapacityError, match=r"pipeline lead time.*27 days.*earliest possible date is 2026-02-01"):
        plan_capacity(CapacityRequest(10, START, START + timedelta(days=20), FUNNEL))


def test_ramp_too_slow_names_the_ramp():
    with pytest.raises(CapacityError, match="ramp of at most 1 recruiters per week"):
        plan_capacity(CapacityRequest(500, START, START + timedelta(days=35), FUNNEL, max_ramp_per_week=1))


@pytest.mark.parametrize(
    ("stages", "fragment"),
    [
        ((FunnelStage("sourced", 1, 1, 10),), "at least two stages"),
        ((FunnelStage("sourced", 1, 1, 10), FunnelStage("hired", 0, 0, 5)), "conversion"),
        ((FunnelStage("sourced", 1, 1, 0), FunnelStage("hired", 0.5, 0, 5)), "throughput"),
    ],
)
def test_invalid_funnels_are_rejected_by_name(stages, fragment):
    with pytest.raises(CapacityError, match=fragment):
        stage_volumes(stages, 5)


def test_zero_hires_need_no_recruiters():
    plan = plan_capacity(CapacityRequest(0, START, START + timedelta(days=60), FUNNEL))
    assert plan.peak_recruiters == 0


def peak(hires: int, days: int) -> float:
    """Smallest peak team, or infinity when no team can make it (which is never 'fewer')."""
    try:
        request = CapacityRequest(hires, START, START + timedelta(days=days), FUNNEL, max_ramp_per_week=10)
        return plan_capacity(request).peak_recruiters
    except CapacityError:
        return float("inf")


@settings(max_examples=25, deadline=None)
@given(hires=st.integers(1, 60), extra=st.integers(1, 20), days=st.integers(28, 90))
def test_more_hires_never_need_fewer_recruiters(hires, extra, days):
    assert peak(hires + extra, days) >= peak(hires, days)
    assert workload(FUNNEL, hires + extra) >= workload(FUNNEL, hires)


@settings(max_examples=25, deadline=None)
@given(hires=st.integers(1, 60), days=st.integers(28, 90), earlier=st.integers(1, 30))
def test_earlier_deadline_never_needs_fewer_recruiters(hires, days, earlier):
    assert peak(hires, days - earlier) >= peak(hires, days)


def test_monotonicity_examples_are_not_all_infeasible():
    assert peak(20, 90) < peak(20, 45) < peak(20, 35) < peak(20, 30) == float("inf")
    assert peak(5, 60) < peak(10, 60) < peak(20, 60)
