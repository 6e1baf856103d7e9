"""Results and their explanations: why a candidate ranks where they do.

Every result says which required and preferred skills were held (or only a
related skill, and which), which are missing, the title match, the query words
that counted most, and each factor's value, weight and contribution (the
contributions add up to the score).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from handoff.engines.matching.scoring import Credit, Evaluation

TOP_TERMS = 10

# The result classes below are plain (not frozen) slotted dataclasses: a ranking builds
# hundreds of them per query, and a frozen dataclass's ``__init__`` costs about half again.


@dataclass(slots=True)
class Factor:
    value: float
    weight: float
    contribution: float


@dataclass(slots=True)
class SkillMatch:
    """A wanted skill credited through a related one: ``via`` with ``credit`` in (0, 1)."""

    skill: str
    via: str
    credit: float


@dataclass(slots=True)
class Explanation:
    matched_required: tuple[str, ...]
    related_required: tuple[SkillMatch, ...]
    missing_required: tuple[str, ...]
    matched_preferred: tuple[str, ...]
    related_preferred: tuple[SkillMatch, ...]
    missing_preferred: tuple[str, ...]
    title: SkillMatch | None
    matched_terms: tuple[str, ...]
    factors: dict[str, Factor]


@dataclass(slots=True)
class Result:
    """One ranked candidate (or requisition, in the reverse direction)."""

    id: str
    score: float
    explanation: Explanation

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def explain(evaluation: Evaluation, terms: list[str]) -> list[Explanation]:
    """The explanation of every row of a detailed evaluation, in the order of its space."""
    total = sum(evaluation.weights.values()) or 1.0
    values = {name: column.tolist() for name, column in evaluation.factors.items()}
    top_terms = _top_terms(evaluation, terms)
    required, preferred = _listed(evaluation.required), _listed(evaluation.preferred)
    explanations = []
    for position in range(len(evaluation.score)):
        factors = {
            name: Factor(
                value=column[position],
                weight=evaluation.weights[name],
                contribution=column[position] * evaluation.weights[name] / total,
            )
            for name, column in values.items()
        }
        matched_required, related_required, missing_required = _split(required, position)
        matched_preferred, related_preferred, missing_preferred = _split(preferred, position)
        explanations.append(
            Explanation(
                matched_required=matched_required,
                related_required=related_required,
                missing_required=missing_required,
                matched_preferred=matched_preferred,
                related_preferred=related_preferred,
                missing_preferred=missing_preferred,
                title=_title(evaluation.title, position),
                matched_terms=top_terms[position],
                factors=factors,
            )
        )
    return explanations


def _listed(credits: list[Credit]) -> list[tuple[Credit, list[float], list[int] | None]]:
    """Each credit with its per-row values as Python lists (one conversion, not one numpy scalar per row)."""
    return [(item, item.credit.tolist(), None if item.via is None else item.via.tolist()) for item in credits]


def _split(
    credits: list[tuple[Credit, list[float], list[int] | None]], position: int
) -> tuple[tuple[str, ...], tuple[SkillMatch, ...], tuple[str, ...]]:
    matched: list[str] = []
    related: list[SkillMatch] = []
    missing: list[str] = []
    for item, values, via in credits:
        value = values[position]
        if value >= 1.0:
            matched.append(item.wanted)
        elif value > 0 and via is not None:
            related.append(SkillMatch(skill=item.wanted, via=item.keys[via[position]], credit=value))
        else:
            missing.append(item.wanted)
    return tuple(matched), tuple(related), tuple(missing)


def _title(credit: Credit | None, position: int) -> SkillMatch | None:
    if credit is None or credit.via is None or credit.credit[position] <= 0:
        return None
    return SkillMatch(
        skill=credit.wanted, via=credit.keys[int(credit.via[position])], credit=float(credit.credit[position])
    )


def _top_terms(evaluation: Evaluation, terms: list[str]) -> list[tuple[str, ...]]:
    """Per row, the query words that added most to its BM25 score, best first."""
    matrix = evaluation.term_scores
    if matrix is None:
        return [()] * len(evaluation.score)
    order = np.argsort(-matrix, axis=1, kind="stable")[:, :TOP_TERMS]
    best = np.take_along_axis(matrix, order, axis=1) > 0
    return [
        tuple(terms[column] for column, kept in zip(row, flags, strict=True) if kept)
        for row, flags in zip(order.tolist(), best.tolist(), strict=True)
    ]
