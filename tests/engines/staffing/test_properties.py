"""Hypothesis properties of the Erlang formulas and the agents-needed search."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handoff.engines.staffing import Targets, agents_needed, erlang_a_metrics, erlang_b, erlang_c_metrics
from handoff.engines.staffing.erlang import ErlangAMetrics, ErlangCMetrics

traffic_values = st.floats(min_value=0.05, max_value=400, allow_nan=False)
aht_values = st.floats(min_value=30, max_value=900)
patience_values = st.floats(min_value=5, max_value=3600)
within_values = st.floats(min_value=0, max_value=120)
NOISE = 1e-8  # overloaded Erlang A is accurate to about 1e-9 near SL 0 / occupancy 1 (cancellation)


def full_recursion(traffic: float, agents: int) -> float:
    blocking = 1.0
    for n in range(1, agents + 1):
        blocking = traffic * blocking / (n + traffic * blocking)
    return blocking


@given(traffic=st.floats(min_value=0.01, max_value=20000), share=st.floats(min_value=0.0, max_value=1.6))
def test_erlang_b_shortcut_equals_the_full_recursion(traffic: float, share: float) -> None:
    agents = max(1, round(traffic * share))
    assert erlang_b(traffic, agents)[0] == pytest.approx(full_recursion(traffic, agents), rel=1e-12, abs=1e-300)


@given(traffic=traffic_values, aht=aht_values, within=within_values)
def test_erlang_c_improves_with_every_agent(traffic: float, aht: float, within: float) -> None:
    agents = np.arange(math.floor(traffic) + 1, math.floor(traffic) + 40)
    metrics = erlang_c_metrics(traffic, agents, aht, within)
    assert np.all(np.diff(metrics.service_level) >= -1e-15)
    assert np.all(np.diff(metrics.p_wait) <= 1e-15)
    assert np.all(np.diff(metrics.asa_seconds) <= 1e-12)
    assert np.all(np.diff(metrics.occupancy) < 0)


@given(traffic=traffic_values, aht=aht_values, patience=patience_values, within=within_values)
@settings(max_examples=60, deadline=None)
def test_erlang_a_improves_with_every_agent(traffic: float, aht: float, patience: float, within: float) -> None:
    agents = np.arange(1, math.floor(traffic + 6 * math.sqrt(traffic)) + 10)
    metrics = erlang_a_metrics(traffic, agents, aht, patience, within)
    assert np.all(np.diff(metrics.service_level) >= -NOISE)
    assert np.all(np.diff(metrics.p_wait) <= NOISE)
    assert np.all(np.diff(metrics.p_abandon) <= NOISE)
    assert np.all(np.diff(metrics.asa_seconds) <= NOISE * metrics.asa_seconds[:-1] + 1e-12)
    assert np.all(np.diff(metrics.occupancy) <= NOISE)


@given(agents=st.integers(min_value=1, max_value=300), aht=aht_values, patience=patience_values)
@settings(max_examples=60, deadline=None)
def test_more_traffic_makes_things_worse(agents: int, aht: float, patience: float) -> None:
    traffic = np.linspace(0.05, agents * 0.99, 25)
    c = erlang_c_metrics(traffic, agents, aht, 20)
    assert np.all(np.diff(c.p_wait) >= 0)
    assert np.all(np.diff(c.service_level) <= 1e-15)
    assert np.all(np.diff(c.asa_seconds) >= 0)
    a = erlang_a_metrics(traffic, agents, aht, patience, 20)
    assert np.all(np.diff(a.p_wait) >= -NOISE)
    assert np.all(np.diff(a.p_abandon) >= -NOISE)
    assert np.all(np.diff(a.service_level) <= NOISE)


@given(traffic=traffic_values, aht=aht_values, within=within_values, spare=st.integers(min_value=1, max_value=30))
@settings(max_examples=60, deadline=None)
def test_erlang_a_with_very_patient_callers_is_erlang_c(traffic: float, aht: float, within: float, spare: int) -> None:
    agents = math.ceil(traffic * 1.05) + spare
    c = erlang_c_metrics(traffic, agents, aht, within)
    a = erlang_a_metrics(traffic, agents, aht, aht * 1e5, within)
    assert a.p_wait[0] == pytest.approx(c.p_wait[0], rel=1e-3)
    assert a.service_level[0] == pytest.approx(c.service_level[0], rel=1e-3)
    assert a.asa_seconds[0] == pytest.approx(c.asa_seconds[0], rel=1e-3, abs=1e-12)
    assert a.p_abandon[0] < 1e-3


@given(traffic=traffic_values, aht=aht_values, patience=patience_values)
@settings(max_examples=40, deadline=None)
def test_many_agents_leave_nobody_waiting(traffic: float, aht: float, patience: float) -> None:
    agents = math.ceil(traffic + 12 * math.sqrt(traffic) + 25)
    assert erlang_c_metrics(traffic, agents, aht, 20).p_wait[0] < 1e-6
    a = erlang_a_metrics(traffic, agents, aht, patience, 20)
    assert a.p_wait[0] < 1e-6
    assert a.service_level[0] > 1 - 1e-6


def metrics_row(metrics: ErlangAMetrics, index: int) -> list[float]:
    return [
        float(getattr(metrics, f)[index])
        for f in ("p_wait", "p_abandon", "service_level", "asa_seconds", "mean_wait_seconds", "occupancy")
    ]


@given(
    rows=st.lists(
        st.tuples(traffic_values, st.integers(min_value=1, max_value=500), aht_values, patience_values),
        min_size=1,
        max_size=12,
    )
)
@settings(max_examples=40, deadline=None)
def test_vectorised_results_equal_scalar_results(rows: list[tuple[float, int, float, float]]) -> None:
    traffic, agents, aht, patience = (np.array(column) for column in zip(*rows, strict=True))
    together_a = erlang_a_metrics(traffic, agents, aht, patience, 20)
    together_c = erlang_c_metrics(traffic, agents, aht, 20)
    for i, (t, n, h, p) in enumerate(rows):
        assert metrics_row(together_a, i) == pytest.approx(metrics_row(erlang_a_metrics(t, n, h, p, 20), 0), rel=1e-12)
        assert together_c.service_level[i] == pytest.approx(erlang_c_metrics(t, n, h, 20).service_level[0], rel=1e-12)


@given(
    calls=st.lists(st.floats(min_value=0, max_value=600), min_size=1, max_size=10),
    aht=aht_values,
    patience=st.one_of(st.none(), patience_values),
)
@settings(max_examples=40, deadline=None)
def test_agents_needed_is_the_smallest_staffing_meeting_the_targets(
    calls: list[float], aht: float, patience: float | None
) -> None:
    targets = Targets(service_level=0.8, answer_within_seconds=20, max_occupancy=0.9, max_asa_seconds=30)
    together = agents_needed(calls, aht, targets, patience_seconds=patience)
    for i, count in enumerate(calls):
        alone = agents_needed(count, aht, targets, patience_seconds=patience)
        assert alone.raw_agents[0] == together.raw_agents[i]
        agents = int(alone.raw_agents[0])
        traffic = count * aht / 1800
        if traffic == 0:  # no calls, or so few that the traffic underflows to zero
            assert agents == 0
            continue
        assert _meets(traffic, agents, aht, patience, targets)
        assert agents == 1 or not _meets(traffic, agents - 1, aht, patience, targets)


def _meets(traffic: float, agents: int, aht: float, patience: float | None, targets: Targets) -> bool:
    """The targets checked by hand, with the engine's 1e-12 tolerance for ties."""
    figures: ErlangCMetrics | ErlangAMetrics
    if patience is None:
        figures = erlang_c_metrics(traffic, agents, aht, targets.answer_within_seconds)
        stable = agents > traffic
    else:
        figures = erlang_a_metrics(traffic, agents, aht, patience, targets.answer_within_seconds)
        stable = True
    return bool(
        stable
        and figures.service_level[0] >= 0.8 * (1 - 1e-12)
        and figures.occupancy[0] <= 0.9 * (1 + 1e-12)
        and figures.asa_seconds[0] <= 30 * (1 + 1e-12)
    )


@given(
    traffic=st.floats(min_value=1000, max_value=20000),
    share=st.floats(min_value=0.001, max_value=1.5),
    patience=patience_values,
)
@settings(max_examples=25, deadline=None)
def test_huge_traffic_stays_finite(traffic: float, share: float, patience: float) -> None:
    agents = max(1, round(traffic * share))
    for metrics in (erlang_a_metrics(traffic, agents, 180, patience, 20), erlang_c_metrics(traffic, agents, 180, 20)):
        assert 0 <= metrics.p_wait[0] <= 1
        assert 0 <= metrics.service_level[0] <= 1
        assert 0 <= metrics.occupancy[0] <= 1
        assert not np.isnan(metrics.asa_seconds[0])
    a = erlang_a_metrics(traffic, agents, 180, patience, 20)
    assert 0 <= a.p_abandon[0] <= 1
    assert np.isfinite(a.asa_seconds[0])


def test_5000_erlangs_are_fast_and_sensible() -> None:
    targets = Targets(service_level=0.8, answer_within_seconds=20)
    c = agents_needed(50000, 180, targets, interval_seconds=1800)
    a = agents_needed(50000, 180, targets, interval_seconds=1800, patience_seconds=300)
    assert 5000 < c.raw_agents[0] < 5050
    assert a.raw_agents[0] < c.raw_agents[0]
    assert a.service_level[0] >= 0.8
    assert np.isfinite(a.p_abandon[0])


def test_erlang_a_service_level_matches_direct_integration() -> None:
    """SL from the series equals 1 − P(wait) + P(wait)/J·∫0^T e^(φ(x) − θx) dx integrated numerically."""
    traffic, agents, aht, patience, within = 10.0, 12, 180.0, 120.0, 20.0
    mu, theta = 1 / aht, 1 / patience
    lam = traffic * mu

    def log_density(x: np.ndarray) -> np.ndarray:
        return (lam / theta) * -np.expm1(-theta * x) - agents * mu * x

    grid = np.linspace(0, 2_000, 2_000_001)
    whole = np.trapezoid(np.exp(log_density(grid)), grid)
    early = np.linspace(0, within, 200_001)
    answered_early = np.trapezoid(np.exp(log_density(early) - theta * early), early)
    metrics = erlang_a_metrics(traffic, agents, aht, patience, within)
    p_wait = metrics.p_wait[0]
    assert metrics.service_level[0] == pytest.approx(1 - p_wait + p_wait * answered_early / whole, rel=1e-9)
