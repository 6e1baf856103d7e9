"""Our Erlang C and Erlang A agree with the peer pyworkforce (bench dependency group) where it is right."""

import itertools

import pytest

from handoff.engines.staffing import Targets, agents_needed, erlang_a_metrics, scheduled_agents

queuing = pytest.importorskip("pyworkforce.queuing", reason="pyworkforce (uv group 'bench') is not installed")

GRID = list(
    itertools.product(
        [1, 7, 35, 100, 240, 600],  # calls per 30 minutes
        [60, 180, 420],  # AHT seconds
        [0.7, 0.8, 0.9, 0.95],  # service level within 20 s
        [0.8, 0.85, 1.0],  # max occupancy
    )
)


def pyworkforce_raw(calls: float, aht: float, service_level: float, max_occupancy: float) -> int:
    erlang = queuing.ErlangC(transactions=calls, aht=aht / 60, asa=20 / 60, interval=30)
    return int(erlang.required_positions(service_level=service_level, max_occupancy=max_occupancy)["raw_positions"])


def test_erlang_c_agents_equal_pyworkforce_on_a_grid() -> None:
    ours = {
        (calls, aht, sl, occupancy): int(
            agents_needed(
                calls, aht, Targets(service_level=sl, answer_within_seconds=20, max_occupancy=occupancy)
            ).raw_agents[0]
        )
        for calls, aht, sl, occupancy in GRID
    }
    theirs = {key: pyworkforce_raw(*key) for key in GRID}
    assert ours == theirs


def test_pyworkforce_shrinkage_rounds_21_agents_up_to_31_where_we_give_30() -> None:
    erlang = queuing.ErlangC(transactions=100, aht=3, asa=20 / 60, interval=30, shrinkage=0.3)
    assert erlang.required_positions(service_level=0.8)["positions"] == 20
    # pyworkforce computes ceil(raw / (1 - shrinkage)) in floats
    assert pyworkforce_shrunk(21, 0.3) == 31
    assert scheduled_agents(21, 0.3) == 30


def pyworkforce_shrunk(raw: int, shrinkage: float) -> int:
    import math

    return math.ceil(raw / (1 - shrinkage))


@pytest.mark.parametrize(("agents", "patience_minutes"), [(8, 5), (12, 2), (14, 5), (16, 10)])
def test_erlang_a_equals_pyworkforce_uniformisation(agents: int, patience_minutes: float) -> None:
    """pyworkforce computes Erlang A's service level by uniformising the tagged customer's
    chain, a different method from our closed-form series: both must agree."""
    theirs = queuing.ErlangA(transactions=100, aht=3, asa=20 / 60, interval=30, patience=patience_minutes)
    ours = erlang_a_metrics(10, agents, 180, patience_minutes * 60, 20)
    assert ours.service_level[0] == pytest.approx(theirs.service_level(agents), rel=1e-9)
    assert ours.p_wait[0] == pytest.approx(theirs.waiting_probability(agents), rel=1e-9)
    assert ours.p_abandon[0] == pytest.approx(theirs.abandonment_probability(agents), rel=1e-9)
    assert ours.mean_wait_seconds[0] == pytest.approx(theirs.average_speed_of_answer(agents) * 60, rel=1e-9)
    assert ours.occupancy[0] == pytest.approx(theirs.achieved_occupancy(agents), rel=1e-9)
