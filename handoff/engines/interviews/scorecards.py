"""Scorecards: ratings per competency on a defined scale, evidence, an overall recommendation.

Rules:

* A :class:`RatingScale` is a range of whole points with a label each (default 1–4:
  "Strong concerns", "Some concerns", "Meets the bar", "Exceeds the bar"; no middle point, so
  an interviewer has to lean one way).
* A submitted card must rate every competency of its round exactly once, no others, within the
  scale, and give a recommendation. Evidence notes are required for the extreme ratings (the
  scale's lowest and highest points) and for a strong recommendation either way, because those
  are the ratings that move a decision and the ones a reviewer challenges.
* Recommendations are strong no < no < yes < strong yes; "yes" and "strong yes" are on the yes side.
* Disagreement (per competency) when the submitted ratings span at least ``spread_threshold``
  points (default 2, i.e. half the 1–4 scale: one interviewer below the bar and another at or
  above it by a clear margin). The recommendation is split when some cards say no and others yes.
  The summary is flagged when any competency disagrees or the recommendation is split.
* Blind until submitted: :func:`visible_scorecards` shows a viewer the others' submitted cards
  only once the viewer's own card is submitted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from statistics import fmean

from handoff.engines.interviews.problems import Problem


class Recommendation(IntEnum):
    STRONG_NO = 1
    NO = 2
    YES = 3
    STRONG_YES = 4

    @property
    def is_yes(self) -> bool:
        return self >= Recommendation.YES


@dataclass(frozen=True)
class RatingScale:
    low: int
    labels: tuple[str, ...]

    def __post_init__(self) -> None:
        if len(self.labels) < 2:
            raise ValueError("a scale needs at least two points")

    @property
    def high(self) -> int:
        return self.low + len(self.labels) - 1

    def label(self, score: int) -> str:
        return self.labels[score - self.low]

    def is_extreme(self, score: int) -> bool:
        return score in (self.low, self.high)


DEFAULT_SCALE = RatingScale(1, ("Strong concerns", "Some concerns", "Meets the bar", "Exceeds the bar"))


@dataclass(frozen=True)
class Rating:
    competency_key: str
    score: int
    evidence: str = ""


@dataclass(frozen=True)
class Scorecard:
    interviewer_id: str
    ratings: tuple[Rating, ...]
    recommendation: Recommendation | None
    submitted: bool = False
    notes: str = ""


def validate_scorecard(
    card: Scorecard, competencies: Sequence[str], scale: RatingScale = DEFAULT_SCALE
) -> list[Problem]:
    """Problems that stop ``card`` being submitted (empty when it can be)."""
    problems: list[Problem] = []
    keys = [r.competency_key for r in card.ratings]
    for key in competencies:
        if key not in keys:
            problems.append(Problem(f"ratings.{key}", "rate this competency"))
    for key in sorted({k for k in keys if keys.count(k) > 1}):
        problems.append(Problem(f"ratings.{key}", "rated more than once"))
    for rating in card.ratings:
        field = f"ratings.{rating.competency_key}"
        if rating.competency_key not in competencies:
            problems.append(Problem(field, "not a competency of this round"))
        elif not scale.low <= rating.score <= scale.high:
            problems.append(Problem(field, f"score must be {scale.low} to {scale.high}"))
        elif scale.is_extreme(rating.score) and not rating.evidence.strip():
            label = scale.label(rating.score)
            problems.append(Problem(field, f"give evidence for a rating of {rating.score} ({label})"))
    if card.recommendation is None:
        problems.append(Problem("recommendation", "give an overall recommendation"))
    elif card.recommendation in (Recommendation.STRONG_NO, Recommendation.STRONG_YES) and not card.notes.strip():
        problems.append(Problem("notes", "explain a strong recommendation"))
    return problems


@dataclass(frozen=True)
class CompetencySummary:
    key: str
    scores: dict[str, int]
    mean: float | None
    spread: int
    disagreement: bool


@dataclass(frozen=True)
class ScorecardSummary:
    competencies: tuple[CompetencySummary, ...]
    recommendations: dict[str, Recommendation]
    recommendation_split: bool
    flagged: bool


def summarise(
    cards: Sequence[Scorecard], competencies: Sequence[str], *, spread_threshold: int = 2
) -> ScorecardSummary:
    """Compare the submitted cards of one round: per competency scores, mean, spread, disagreement."""
    submitted = [c for c in cards if c.submitted]
    rows = []
    for key in competencies:
        scores = {c.interviewer_id: r.score for c in submitted for r in c.ratings if r.competency_key == key}
        values = list(scores.values())
        spread = max(values) - min(values) if values else 0
        rows.append(
            CompetencySummary(key, scores, fmean(values) if values else None, spread, spread >= spread_threshold)
        )
    recommendations = {c.interviewer_id: c.recommendation for c in submitted if c.recommendation is not None}
    sides = {r.is_yes for r in recommendations.values()}
    split = len(sides) == 2
    return ScorecardSummary(tuple(rows), recommendations, split, split or any(r.disagreement for r in rows))


def visible_scorecards(viewer_id: str, cards: Sequence[Scorecard], *, sees_all: bool = False) -> list[Scorecard]:
    """The cards ``viewer_id`` may read: their own always; others' submitted cards once theirs is submitted.

    ``sees_all`` is for people who do not interview in the round (the recruiter, a hiring
    manager reviewing the loop): they see every submitted card. Drafts are never shown to others.
    """
    own = [c for c in cards if c.interviewer_id == viewer_id]
    if not (sees_all or any(c.submitted for c in own)):
        return own
    return own + [c for c in cards if c.interviewer_id != viewer_id and c.submitted]
