"""Quality assurance arithmetic: the weekly QA sample, weighted scorecards, reviewer calibration, CSAT.

Pure Python, no Django. Plain values in, dataclasses out.

- ``draw_sample``: per agent, ``ceil(share × resolved)`` of the agent's resolved items (at least one when
  the agent resolved any and the share is above zero), chosen by ranking each item on a SHA-256 digest of
  the seed and its id: the same seed and items always give the same sample, whatever their order.
- ``weighted_score``: Σ weight × points / max points, over Σ weight, times 100 (0–100).
- ``calibrate``: two reviewers' points on the same item, per criterion: their difference (on the 0–100
  scale of the criterion), whether they agree exactly, and the agreement measure: the share of criteria
  scored alike and 100 minus the weighted mean absolute difference.
- ``csat_percent``: responses of 4 or 5 on a 1–5 scale over all responses (REFERENCE.md).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

MIN_POINTS = 0
SATISFIED = frozenset({4, 5})
CSAT_SCALE = range(1, 6)


class ScoreError(ValueError):
    """Points out of range, a missing criterion, or a criterion with no weight."""


@dataclass(frozen=True)
class Criterion:
    key: str
    weight: int
    max_points: int


def _rank(seed: str, item_id: int) -> str:
    return hashlib.sha256(f"{seed}:{item_id}".encode()).hexdigest()


def sample_size(resolved: int, share: float) -> int:
    """How many of ``resolved`` items a share (0–1) samples: rounded up, never more than there are."""
    if resolved <= 0 or share <= 0:
        return 0
    return min(resolved, math.ceil(resolved * min(share, 1.0) - 1e-9))


def draw_sample(items_by_agent: Mapping[int, Iterable[int]], share: float, seed: str) -> dict[int, list[int]]:
    """Agent id → the ids of its sampled items (sorted), deterministic for a seed."""
    sample: dict[int, list[int]] = {}
    for agent, items in items_by_agent.items():
        unique = sorted(set(items))
        chosen = sorted(unique, key=lambda item: _rank(seed, item))[: sample_size(len(unique), share)]
        if chosen:
            sample[agent] = sorted(chosen)
    return sample


def check_points(criteria: Sequence[Criterion], points: Mapping[str, int]) -> None:
    """Every criterion scored, from 0 to its maximum, and nothing else."""
    keys = {criterion.key for criterion in criteria}
    unknown = sorted(set(points) - keys)
    if unknown:
        raise ScoreError(f"Unknown criteria: {', '.join(unknown)}.")
    for criterion in criteria:
        value = points.get(criterion.key)
        if value is None:
            raise ScoreError(f"{criterion.key}: give a score.")
        if isinstance(value, bool) or not isinstance(value, int) or not MIN_POINTS <= value <= criterion.max_points:
            raise ScoreError(f"{criterion.key}: a whole number from 0 to {criterion.max_points}.")


def weighted_score(criteria: Sequence[Criterion], points: Mapping[str, int]) -> float:
    """The scorecard's score, 0–100, rounded to two decimals."""
    check_points(criteria, points)
    total_weight = sum(criterion.weight for criterion in criteria)
    if total_weight <= 0 or any(c.weight < 0 or c.max_points <= 0 for c in criteria):
        raise ScoreError("A scorecard needs criteria with positive weights and maximum points.")
    earned = sum(criterion.weight * points[criterion.key] / criterion.max_points for criterion in criteria)
    return round(100 * earned / total_weight, 2)


@dataclass(frozen=True)
class CriterionGap:
    key: str
    first: int
    second: int
    difference: int  # second − first, in points
    gap_percent: float  # |difference| on the criterion's 0–100 scale


@dataclass(frozen=True)
class Calibration:
    criteria: tuple[CriterionGap, ...]
    first_score: float
    second_score: float
    score_difference: float  # second − first, 0–100 scale
    exact_agreement: float  # share of criteria scored alike, 0–1
    agreement: float  # 100 − the weight-averaged absolute gap (0–100): 100 when identical


def calibrate(criteria: Sequence[Criterion], first: Mapping[str, int], second: Mapping[str, int]) -> Calibration:
    """Compare two reviewers' scorecards of the same item."""
    first_score, second_score = weighted_score(criteria, first), weighted_score(criteria, second)
    gaps = tuple(
        CriterionGap(
            c.key,
            first[c.key],
            second[c.key],
            second[c.key] - first[c.key],
            round(100 * abs(second[c.key] - first[c.key]) / c.max_points, 2),
        )
        for c in criteria
    )
    total_weight = sum(c.weight for c in criteria)
    weighted_gap = sum(c.weight * gap.gap_percent for c, gap in zip(criteria, gaps, strict=True)) / total_weight
    exact = sum(1 for gap in gaps if gap.difference == 0) / len(gaps)
    return Calibration(
        criteria=gaps,
        first_score=first_score,
        second_score=second_score,
        score_difference=round(second_score - first_score, 2),
        exact_agreement=round(exact, 4),
        agreement=round(100 - weighted_gap, 2),
    )


def csat_percent(scores: Iterable[int]) -> float | None:
    """Share of 4–5 answers among all answers, in percent; None without answers."""
    answers = [score for score in scores if score in CSAT_SCALE]
    if not answers:
        return None
    return round(100 * sum(1 for score in answers if score in SATISFIED) / len(answers), 2)
