"""The assurance engine: deterministic QA samples, weighted scores, calibration numbers, CSAT %."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handoff.engines.assurance import (
    Criterion,
    ScoreError,
    calibrate,
    csat_percent,
    draw_sample,
    sample_size,
    weighted_score,
)

CRITERIA = [Criterion("accuracy", 50, 5), Criterion("process", 30, 5), Criterion("tone", 20, 10)]


@pytest.mark.parametrize(
    ("resolved", "share", "expected"),
    [(0, 0.1, 0), (10, 0.0, 0), (10, 0.1, 1), (11, 0.1, 2), (3, 0.1, 1), (20, 0.25, 5), (7, 1.0, 7), (7, 1.5, 7)],
)
def test_sample_size_is_the_share_rounded_up(resolved: int, share: float, expected: int) -> None:
    assert sample_size(resolved, share) == expected


def test_the_sample_takes_the_share_of_each_agent_separately() -> None:
    items = {1: list(range(100, 140)), 2: list(range(200, 210)), 3: []}
    sample = draw_sample(items, 0.1, "7:2026-W10")
    assert {agent: len(ids) for agent, ids in sample.items()} == {1: 4, 2: 1}
    assert set(sample[1]) <= set(items[1])
    assert set(sample[2]) <= set(items[2])


def test_the_same_seed_gives_the_same_sample_whatever_the_order() -> None:
    forward = draw_sample({1: list(range(1, 51))}, 0.2, "seed")
    backward = draw_sample({1: list(range(50, 0, -1))}, 0.2, "seed")
    assert forward == backward
    assert draw_sample({1: list(range(1, 51))}, 0.2, "other seed") != forward


@given(st.sets(st.integers(1, 10_000), min_size=1, max_size=60), st.floats(0.01, 1.0), st.text(max_size=10))
def test_sample_properties(items: set[int], share: float, seed: str) -> None:
    sample = draw_sample({9: sorted(items)}, share, seed).get(9, [])
    assert len(sample) == sample_size(len(items), share) >= 1
    assert set(sample) <= items
    assert sample == draw_sample({9: sorted(items, reverse=True)}, share, seed)[9]


def test_weighted_score_is_normalised_to_100() -> None:
    # 50·5/5 + 30·3/5 + 20·5/10 = 50 + 18 + 10 = 78 of 100
    assert weighted_score(CRITERIA, {"accuracy": 5, "process": 3, "tone": 5}) == 78.0
    assert weighted_score(CRITERIA, {"accuracy": 5, "process": 5, "tone": 10}) == 100.0
    assert weighted_score(CRITERIA, {"accuracy": 0, "process": 0, "tone": 0}) == 0.0


@pytest.mark.parametrize(
    "points",
    [
        {"accuracy": 5, "process": 3},  # missing
        {"accuracy": 6, "process": 3, "tone": 5},  # over the maximum
        {"accuracy": -1, "process": 3, "tone": 5},
        {"accuracy": 5, "process": 3, "tone": 5, "speed": 1},  # unknown
        {"accuracy": True, "process": 3, "tone": 5},
        {"accuracy": 2.5, "process": 3, "tone": 5},
    ],
)
def test_bad_points_are_refused(points: dict[str, int]) -> None:
    with pytest.raises(ScoreError):
        weighted_score(CRITERIA, points)


def test_calibration_reports_differences_per_criterion_and_agreement() -> None:
    first = {"accuracy": 5, "process": 3, "tone": 6}
    second = {"accuracy": 4, "process": 3, "tone": 8}
    result = calibrate(CRITERIA, first, second)
    gaps = {gap.key: (gap.difference, gap.gap_percent) for gap in result.criteria}
    assert gaps == {"accuracy": (-1, 20.0), "process": (0, 0.0), "tone": (2, 20.0)}
    assert result.first_score == 80.0  # 50 + 18 + 12
    assert result.second_score == 74.0  # 40 + 18 + 16
    assert result.score_difference == -6.0
    assert result.exact_agreement == pytest.approx(1 / 3, abs=1e-4)
    # weighted mean absolute gap: (50·20 + 30·0 + 20·20) / 100 = 14 → agreement 86
    assert result.agreement == 86.0


def test_identical_scorecards_agree_fully() -> None:
    points = {"accuracy": 4, "process": 2, "tone": 7}
    result = calibrate(CRITERIA, points, points)
    assert (result.agreement, result.exact_agreement, result.score_difference) == (100.0, 1.0, 0.0)


def test_csat_is_the_share_of_four_and_five() -> None:
    assert csat_percent([5, 4, 3, 1]) == 50.0
    assert csat_percent([5, 5, 4]) == 100.0
    assert csat_percent([2, 9]) == 0.0  # out-of-scale answers are ignored
    assert csat_percent([]) is None
