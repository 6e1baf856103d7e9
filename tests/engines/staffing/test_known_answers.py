"""Published values the staffing engine must reproduce exactly (to the digits published)."""

import numpy as np
import pytest

from handoff.engines.staffing import (
    QueueInterval,
    Targets,
    agents_needed,
    erlang_a_metrics,
    erlang_b,
    erlang_b_lines,
    erlang_c,
    erlang_c_metrics,
    scheduled_agents,
    staff_interval,
    traffic_erlangs,
)

EIGHTY_TWENTY = Targets(service_level=0.8, answer_within_seconds=20, max_occupancy=0.85)


def test_100_calls_per_half_hour_need_14_agents_and_20_with_shrinkage() -> None:
    result = staff_interval(QueueInterval(calls=100, aht_seconds=180, interval_seconds=1800), EIGHTY_TWENTY, 0.3)
    assert result.model == "erlang_c"
    assert result.traffic == 10
    assert result.raw_agents == 14
    assert result.scheduled_agents == 20
    assert round(result.service_level, 3) == 0.888
    assert round(result.occupancy, 3) == 0.714
    assert round(result.p_wait, 3) == 0.174


def test_13_agents_miss_the_80_20_target_that_14_meet() -> None:
    metrics = erlang_c_metrics(10, [13, 14], 180, 20)
    assert metrics.service_level[0] < 0.8 <= metrics.service_level[1]


def test_erlang_c_probability_of_waiting_for_10_erlangs() -> None:
    assert np.round(erlang_c(10, [11, 12, 13, 14]), 4).tolist() == [0.6821, 0.4494, 0.2853, 0.1741]


def test_erlang_c_asa_follows_the_reference_formula() -> None:
    metrics = erlang_c_metrics(10, 14, 180, 20)
    assert metrics.asa_seconds[0] == pytest.approx(erlang_c(10, 14)[0] * 180 / 4, rel=1e-12)
    assert round(float(metrics.asa_seconds[0]), 2) == 7.84


def test_erlang_b_10_erlangs_at_2_percent_blocking_need_17_lines() -> None:
    assert erlang_b_lines(10, 0.02).tolist() == [17]
    assert erlang_b(10, 16)[0] > 0.02 >= erlang_b(10, 17)[0]


def test_erlang_a_10_erlangs_14_agents_5_minute_patience() -> None:
    """The published Erlang A values use AHT 3 minutes (180 s): traffic 10 Erlangs is
    then 200 calls an hour, and the mean patience of 5 minutes is 300 s. With another
    AHT the same 10 Erlangs give other values (AHT 60 s: P(wait) 0.1607)."""
    metrics = erlang_a_metrics(traffic=10, agents=14, aht_seconds=180, patience_seconds=300, answer_within_seconds=20)
    assert round(float(metrics.p_wait[0]), 5) == 0.14526
    assert round(float(metrics.p_abandon[0]), 6) == 0.013984
    assert round(float(erlang_a_metrics(10, 14, 60, 300, 20).p_wait[0]), 4) == 0.1607


def test_erlang_a_needs_fewer_agents_than_erlang_c_when_callers_abandon() -> None:
    demand = QueueInterval(calls=100, aht_seconds=180, interval_seconds=1800, patience_seconds=300)
    result = staff_interval(demand, EIGHTY_TWENTY, 0.3)
    assert result.model == "erlang_a"
    assert (result.raw_agents, result.scheduled_agents) == (13, 19)
    assert result.service_level >= 0.8
    assert erlang_a_metrics(10, 12, 180, 300, 20).service_level[0] < 0.8


def test_shrinkage_rounds_exactly() -> None:
    assert scheduled_agents(21, 0.3) == 30  # pyworkforce says 31: 21 / 0.7 is 30.000000000000004 in floats
    assert scheduled_agents(14, 0.3) == 20
    assert scheduled_agents(9, 0.1) == 10  # 0.1 is slightly above 1/10 in binary
    assert scheduled_agents(10, 0) == 10
    assert scheduled_agents(0, 0.5) == 0
    assert scheduled_agents(22, 0.3) == 32


def test_traffic_from_calls_aht_and_interval() -> None:
    assert traffic_erlangs([100, 50], 180, 1800).tolist() == [10.0, 5.0]


def test_vectorised_day_of_intervals() -> None:
    calls = np.array([0, 50, 100, 200])
    result = agents_needed(calls, 180, EIGHTY_TWENTY, interval_seconds=1800, shrinkage=0.3)
    assert result.raw_agents.tolist()[:3] == [0, 8, 14]
    assert result.scheduled_agents[2] == 20
    assert result.service_level[0] == 1.0
    assert result.p_abandon.tolist() == [0.0] * 4


@pytest.mark.parametrize(
    ("targets", "message"),
    [
        ({"service_level": 1.0, "answer_within_seconds": 0}, "below 100 %"),
        ({"service_level": 0.0}, "above 0"),
        ({"max_occupancy": 1.2}, "at most 100 %"),
        ({"max_asa_seconds": 0}, "ASA target"),
        ({"service_level": 0.8, "answer_within_seconds": -1}, "answer-within"),
        ({}, "at least one target"),
    ],
)
def test_impossible_or_empty_targets_are_refused(targets: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Targets(**targets)


@pytest.mark.parametrize(
    ("calls", "aht", "interval", "message"),
    [
        (-1, 180, 1800, "negative"),
        (100, 0, 1800, "AHT"),
        (100, 180, 0, "interval"),
        (float("nan"), 180, 1800, "finite"),
    ],
)
def test_bad_demand_is_refused(calls: float, aht: float, interval: float, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        agents_needed(calls, aht, EIGHTY_TWENTY, interval_seconds=interval)


def test_bad_patience_shrinkage_and_agents_are_refused() -> None:
    with pytest.raises(ValueError, match="patience"):
        agents_needed(100, 180, EIGHTY_TWENTY, patience_seconds=0)
    with pytest.raises(ValueError, match="shrinkage"):
        scheduled_agents(10, 1.0)
    with pytest.raises(ValueError, match="whole numbers"):
        erlang_c(10, 11.5)
    with pytest.raises(ValueError, match="Erlang A"):
        agents_needed(100, 180, Targets(max_abandonment=0.05))
