"""Breach risk: closed forms against hand-worked values and a Monte Carlo simulation of the same model."""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handoff.engines.sla.risk import QueueLoad, RiskLevel, breach_risk, erlang_survival


def simulate(agents: int, mean: float, ahead: int, remaining: float, runs: int = 40_000) -> float:
    """P(finish > remaining) by simulation: the item waits for ahead - c + 1 departures, then is handled."""
    rng = random.Random(7)
    stages = max(ahead - agents + 1, 0)
    late = 0
    for _ in range(runs):
        wait = sum(rng.expovariate(agents / mean) for _ in range(stages))
        if wait + rng.expovariate(1 / mean) > remaining:
            late += 1
    return late / runs


def test_a_free_agent_leaves_only_the_items_own_handling_time() -> None:
    risk = breach_risk(QueueLoad(agents=3, mean_handling_minutes=30), ahead=2, remaining_minutes=60)
    assert risk.probability == pytest.approx(math.exp(-2))  # P(Exp(1/30) > 60)
    assert risk.expected_finish_minutes == 30


def test_one_agent_makes_the_finish_time_an_erlang() -> None:
    # 2 items ahead, 1 agent: 3 handlings of mean 20 must fit in 60 minutes: P(Poisson(3) < 3)
    risk = breach_risk(QueueLoad(agents=1, mean_handling_minutes=20), ahead=2, remaining_minutes=60)
    expected = math.exp(-3) * (1 + 3 + 9 / 2)
    assert risk.probability == pytest.approx(expected)
    assert risk.expected_finish_minutes == 60


@pytest.mark.parametrize(("agents", "ahead", "remaining"), [(2, 5, 60), (3, 10, 120), (4, 3, 15), (5, 40, 300)])
def test_the_closed_form_matches_a_simulation(agents: int, ahead: int, remaining: float) -> None:
    risk = breach_risk(QueueLoad(agents=agents, mean_handling_minutes=30), ahead, remaining)
    assert risk.probability == pytest.approx(simulate(agents, 30, ahead, remaining), abs=0.012)


def test_a_passed_deadline_is_certain_and_no_agent_is_certain_too() -> None:
    assert breach_risk(QueueLoad(2, 30), ahead=0, remaining_minutes=0).probability == 1.0
    no_one = breach_risk(QueueLoad(0, 30), ahead=0, remaining_minutes=600)
    assert (no_one.probability, no_one.level) == (1.0, RiskLevel.HIGH)


def test_an_item_in_hand_only_waits_for_its_own_handling() -> None:
    risk = breach_risk(QueueLoad(agents=0, mean_handling_minutes=10), ahead=50, remaining_minutes=10, in_hand=True)
    assert risk.probability == pytest.approx(math.exp(-1))


def test_long_queues_do_not_overflow() -> None:
    risk = breach_risk(QueueLoad(agents=20, mean_handling_minutes=15), ahead=5000, remaining_minutes=480)
    assert risk.probability == pytest.approx(1.0)
    short = breach_risk(QueueLoad(agents=20, mean_handling_minutes=15), ahead=5000, remaining_minutes=10**6)
    assert short.probability == pytest.approx(0.0, abs=1e-9)


def test_levels() -> None:
    assert breach_risk(QueueLoad(1, 1), 0, 1000).level is RiskLevel.LOW
    assert breach_risk(QueueLoad(1, 60), 0, 60).level is RiskLevel.MEDIUM  # e^-1 = 0.37
    assert breach_risk(QueueLoad(1, 60), 3, 60).level is RiskLevel.HIGH


def test_bad_inputs_are_refused() -> None:
    with pytest.raises(ValueError, match="agents"):
        QueueLoad(agents=-1, mean_handling_minutes=10)
    with pytest.raises(ValueError, match="handling"):
        QueueLoad(agents=1, mean_handling_minutes=0)
    with pytest.raises(ValueError, match="ahead"):
        breach_risk(QueueLoad(1, 10), ahead=-1, remaining_minutes=10)


@settings(max_examples=150, deadline=None)
@given(
    agents=st.integers(1, 12),
    mean=st.floats(1, 240),
    ahead=st.integers(0, 300),
    remaining=st.floats(0.5, 5000),
    more=st.floats(1, 500),
)
def test_risk_is_a_probability_falling_with_time_and_rising_with_the_queue(
    agents: int, mean: float, ahead: int, remaining: float, more: float
) -> None:
    load = QueueLoad(agents, mean)
    base = breach_risk(load, ahead, remaining).probability
    assert 0.0 <= base <= 1.0
    assert breach_risk(load, ahead, remaining + more).probability <= base + 1e-9
    assert breach_risk(load, ahead + 1, remaining).probability >= base - 1e-9
    assert breach_risk(QueueLoad(agents + 1, mean), ahead, remaining).probability <= base + 1e-9


def test_erlang_survival_edges() -> None:
    assert erlang_survival(0, 1.0, 5.0) == 0.0
    assert erlang_survival(3, 1.0, 0.0) == 1.0
    assert erlang_survival(1, 0.5, 2.0) == pytest.approx(math.exp(-1))
