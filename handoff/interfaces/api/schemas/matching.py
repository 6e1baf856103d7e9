"""Schemas of the matching API: explained top matches, suggested jobs, a client's weights."""

from __future__ import annotations

from ninja import Schema
from pydantic import Field

from handoff.domain.matching.models import MAX_WEIGHT
from handoff.domain.matching.selectors import Explained, Match, Suggestion
from handoff.interfaces.api.schemas.base import InputSchema

Weight = float


class FactorOut(Schema):
    name: str
    label: str
    value: float
    weight: float
    contribution: float


class ExplanationOut(Schema):
    matched_required: list[str]
    related_required: list[str]
    missing_required: list[str]
    matched_preferred: list[str]
    related_preferred: list[str]
    missing_preferred: list[str]
    title: str
    words: list[str]
    factors: list[FactorOut]


class MatchOut(Schema):
    """One candidate; in blind mode ``candidate_id`` and ``name`` are null (``reference`` stays stable)."""

    rank: int
    candidate_id: int | None
    reference: str
    name: str | None
    headline: str
    location: str
    score: float
    explanation: ExplanationOut


class TopMatchesOut(Schema):
    requisition_id: int
    blind: bool
    pool_size: int
    weights: dict[str, float]
    matches: list[MatchOut]


class SuggestionOut(Schema):
    rank: int
    requisition_id: int
    title: str
    client_id: int
    client_name: str
    score: float
    explanation: ExplanationOut


class SuggestedJobsOut(Schema):
    candidate_id: int
    indexed: bool
    suggestions: list[SuggestionOut]


class WeightsOut(Schema):
    client_id: int
    lexical: float
    required_skills: float
    preferred_skills: float
    title: float
    experience: float
    location: float
    salary: float
    languages: float
    blind: bool


class WeightsIn(InputSchema):
    """Only the fields given change; each weight is relative, from 0 to 10 (the others keep their value)."""

    lexical: Weight | None = Field(default=None, ge=0, le=MAX_WEIGHT)
    required_skills: Weight | None = Field(default=None, ge=0, le=MAX_WEIGHT)
    preferred_skills: Weight | None = Field(default=None, ge=0, le=MAX_WEIGHT)
    title: Weight | None = Field(default=None, ge=0, le=MAX_WEIGHT)
    experience: Weight | None = Field(default=None, ge=0, le=MAX_WEIGHT)
    location: Weight | None = Field(default=None, ge=0, le=MAX_WEIGHT)
    salary: Weight | None = Field(default=None, ge=0, le=MAX_WEIGHT)
    languages: Weight | None = Field(default=None, ge=0, le=MAX_WEIGHT)
    blind: bool | None = None


def explanation_out(explained: Explained) -> ExplanationOut:
    return ExplanationOut(
        matched_required=explained.matched_required,
        related_required=explained.related_required,
        missing_required=explained.missing_required,
        matched_preferred=explained.matched_preferred,
        related_preferred=explained.related_preferred,
        missing_preferred=explained.missing_preferred,
        title=explained.title,
        words=explained.words,
        factors=[
            FactorOut(
                name=f.name,
                label=f.label,
                value=round(f.value, 4),
                weight=f.weight,
                contribution=round(f.contribution, 4),
            )
            for f in explained.factors
        ],
    )


def match_out(rank: int, match: Match, blind: bool) -> MatchOut:
    return MatchOut(
        rank=rank,
        candidate_id=None if blind else match.candidate_id,
        reference=match.reference,
        name=None if blind else match.name,
        headline=match.headline,
        location=match.location,
        score=round(match.score, 4),
        explanation=explanation_out(match.explanation),
    )


def suggestion_out(rank: int, suggestion: Suggestion) -> SuggestionOut:
    requisition = suggestion.requisition
    return SuggestionOut(
        rank=rank,
        requisition_id=requisition.pk,
        title=requisition.title,
        client_id=requisition.client_id,
        client_name=requisition.client.name,
        score=round(suggestion.score, 4),
        explanation=explanation_out(suggestion.explanation),
    )
