"""Staffing plans: per-interval queues, skill groups between pooled and separate, back office."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from handoff.engines.forecasting import forecast
from handoff.engines.staffing import QueueInterval, Targets, staff_interval
from handoff.engines.staffing.plan import (
    QueueDemand,
    back_office_plan,
    demand_from_forecast,
    pooled_demand,
    queue_plan,
    skill_group_plan,
    staffing_plan,
)
from tests.engines.forecasting.synthetic import poisson_series

EIGHTY_TWENTY = Targets(service_level=0.8, answer_within_seconds=20, max_occupancy=0.85)


def test_the_plan_of_a_day_equals_each_interval_staffed_alone() -> None:
    calls = [0, 12, 55, 100, 240, 80]
    plan = queue_plan(QueueDemand("sales", calls, 180, EIGHTY_TWENTY, interval_seconds=1800, shrinkage=0.3))
    one_by_one = [staff_interval(QueueInterval(c, 180, 1800), EIGHTY_TWENTY, 0.3) for c in calls]
    assert plan.raw_agents.tolist() == [r.raw_agents for r in one_by_one]
    assert plan.scheduled_agents.tolist() == [r.scheduled_agents for r in one_by_one]
    assert plan.raw_agents[0] == 0
    assert (plan.raw_agents[3], plan.scheduled_agents[3]) == (14, 20)


def test_a_forecast_becomes_agents_per_interval_and_its_upper_bound_more_of_them() -> None:
    predicted = forecast(poisson_series(42, seed=7, level=2000), 2, origins=5).forecast
    expected = queue_plan(demand_from_forecast("sales", predicted, 240, EIGHTY_TWENTY, shrinkage=0.3))
    hedged = queue_plan(demand_from_forecast("sales", predicted, 240, EIGHTY_TWENTY, coverage=0.8, shrinkage=0.3))
    assert expected.raw_agents.shape == (96,)  # two days of half hours
    assert expected.traffic.tolist() == pytest.approx((predicted.mean * 240 / 1800).tolist())
    open_slots = predicted.mean > 0
    assert np.all(expected.raw_agents[~open_slots] == 0)
    assert np.all(expected.raw_agents[open_slots] > 0)
    assert np.all(hedged.raw_agents >= expected.raw_agents)
    assert hedged.raw_agents.sum() > expected.raw_agents.sum()


def test_a_queue_with_patience_is_planned_with_erlang_a() -> None:
    targets = Targets(service_level=0.8, answer_within_seconds=20, max_abandonment=0.03)
    plan = queue_plan(QueueDemand("care", [100, 200], 180, targets, patience_seconds=300))
    assert plan.model == "erlang_a"
    assert np.all(plan.p_abandon <= 0.03)
    assert np.all(plan.service_level >= 0.8)


def test_bad_queue_input_names_the_queue_and_the_constraint() -> None:
    with pytest.raises(ValueError, match=r"queue 'care': calls per interval cannot be negative"):
        queue_plan(QueueDemand("care", [10, -1], 180, EIGHTY_TWENTY))
    with pytest.raises(ValueError, match=r"queue 'care': AHT must be more than 0"):
        queue_plan(QueueDemand("care", [10], 0, EIGHTY_TWENTY))
    with pytest.raises(ValueError, match="appears twice"):
        staffing_plan([QueueDemand("a", [1], 60, EIGHTY_TWENTY), QueueDemand("a", [2], 60, EIGHTY_TWENTY)])


def two_queues() -> list[QueueDemand]:
    return [
        QueueDemand("english", [40, 100, 160], 240, EIGHTY_TWENTY),
        QueueDemand("german", [10, 30, 60], 300, Targets(service_level=0.9, answer_within_seconds=30)),
    ]


def test_a_skill_group_lies_between_pooled_and_separate_staffing() -> None:
    queues = two_queues()
    separate = np.sum([queue_plan(q).raw_agents for q in queues], axis=0)
    group = skill_group_plan("bilingual", queues, pooling_efficiency=0.5, shrinkage=0.25)
    assert group.separate_agents.tolist() == separate.tolist()
    assert np.all(group.pooled_agents < group.separate_agents)  # sharing agents saves some
    assert np.all(group.pooled_agents <= group.raw_agents)
    assert np.all(group.raw_agents <= group.separate_agents)
    expected = np.ceil(group.pooled_agents + 0.5 * (group.separate_agents - group.pooled_agents) - 1e-9)
    assert group.raw_agents.tolist() == expected.astype(int).tolist()
    assert group.scheduled_agents.tolist() == [-(-4 * r // 3) for r in group.raw_agents.tolist()]


@pytest.mark.parametrize(("efficiency", "end"), [(1.0, "pooled_agents"), (0.0, "separate_agents")])
def test_pooling_efficiency_one_is_fully_pooled_and_zero_is_separate(efficiency: float, end: str) -> None:
    group = skill_group_plan("g", two_queues(), pooling_efficiency=efficiency)
    assert group.raw_agents.tolist() == getattr(group, end).tolist()


def test_pooled_demand_sums_calls_weights_aht_and_keeps_the_strictest_targets() -> None:
    pooled = pooled_demand("g", two_queues())
    assert np.asarray(pooled.calls).tolist() == [50, 130, 220]
    assert np.asarray(pooled.aht_seconds)[0] == pytest.approx((40 * 240 + 10 * 300) / 50)
    assert pooled.targets.service_level == 0.9
    assert pooled.targets.answer_within_seconds == 20
    assert pooled.targets.max_occupancy == 0.85
    assert pooled.patience_seconds is None


def test_skill_group_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        skill_group_plan("g", two_queues(), pooling_efficiency=1.5)
    with pytest.raises(ValueError, match="serves no queue"):
        skill_group_plan("g", [])
    short = [*two_queues(), QueueDemand("french", [1, 2], 200, EIGHTY_TWENTY)]
    with pytest.raises(ValueError, match="same number of intervals"):
        skill_group_plan("g", short)


def test_steady_back_office_work_needs_its_workload_in_fte() -> None:
    # 10 items per half hour × 30 minutes each = 5 hours of work per half hour = 10 FTE, at 80 % productivity 12.5
    plan = back_office_plan([10] * 16, 30, turnaround_hours=2, interval_minutes=30, productivity=0.8, shrinkage=0.2)
    assert plan.window_intervals == 4
    assert plan.fte[3:].tolist() == pytest.approx([12.5] * 13)
    assert plan.fte[:3].tolist() == pytest.approx([12.5 / 4, 12.5 / 2, 12.5 * 3 / 4])
    assert plan.raw_agents[5] == 13
    assert plan.scheduled_agents[5] == 17  # ceil(13 / 0.8)
    assert plan.carried_over_hours == pytest.approx(5 * 3 / 4 + 5 / 2 + 5 / 4)


def test_work_arriving_while_closed_waits_for_the_next_opening() -> None:
    plan = back_office_plan([6, 4, 0, 0], 60, turnaround_hours=1, open_intervals=[False, False, True, True])
    assert plan.workload_hours.tolist() == [0, 0, 10, 0]
    assert plan.raw_agents.tolist() == [0, 0, 10, 10]  # 10 hours of work spread over the next hour


def fifo_finish(items: np.ndarray, handle: float, capacity: np.ndarray, interval_hours: float) -> np.ndarray:
    """Simulate first-in-first-out processing: the interval in which each interval's arrivals are all done."""
    backlog: list[list[float]] = []  # [arrival interval, remaining hours]
    done_by = np.full(len(items), -1)
    for t in range(len(items)):
        if items[t] > 0:
            backlog.append([t, items[t] * handle])
        else:
            done_by[t] = t
        budget = capacity[t] * interval_hours
        while backlog and budget > 1e-12:
            spent = min(budget, backlog[0][1])
            backlog[0][1] -= spent
            budget -= spent
            if backlog[0][1] <= 1e-9:
                done_by[int(backlog.pop(0)[0])] = t
    return done_by


@given(
    items=st.lists(st.integers(0, 40), min_size=8, max_size=40),
    handle_minutes=st.sampled_from([3, 12.5, 45]),
    turnaround_hours=st.sampled_from([0.5, 2, 4, 8]),
)
def test_fifo_with_the_planned_agents_finishes_every_item_within_the_turnaround(
    items: list[int], handle_minutes: float, turnaround_hours: float
) -> None:
    counts = np.array(items, dtype=float)
    plan = back_office_plan(counts, handle_minutes, turnaround_hours, interval_minutes=30)
    done_by = fifo_finish(counts, handle_minutes / 60, plan.raw_agents.astype(float), 0.5)
    due = len(items) - plan.window_intervals  # later arrivals are due after the horizon
    for t in range(max(due, 0)):
        assert 0 <= done_by[t] <= t + plan.window_intervals - 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"items": [1, -1]}, "cannot be negative"),
        ({"handle_minutes": 0}, "more than 0 minutes"),
        ({"turnaround_hours": 0}, "more than 0 hours"),
        ({"turnaround_hours": 0.25}, "shorter than one interval"),
        ({"productivity": 0}, "productivity"),
        ({"open_intervals": [False, False]}, "no open interval"),
        ({"open_intervals": [True]}, "open/closed flags"),
    ],
)
def test_bad_back_office_input_names_the_constraint(kwargs: dict, message: str) -> None:
    arguments = {"items": [3, 4], "handle_minutes": 10, "turnaround_hours": 4} | kwargs
    with pytest.raises(ValueError, match=message):
        back_office_plan(**arguments)
