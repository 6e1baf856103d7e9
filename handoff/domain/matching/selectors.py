"""Reads of matching: "Top matches" of a requisition and "Suggested jobs" of a candidate, explained.

The talent pool is provider data: both reads are for the staff who work it
(``recruiting.rules.works_talent_pool``) and raise Http404 for anyone else, client users
included. Requisitions come through the recruiting selectors, so a recruiter ranks and is
suggested only requisitions of the clients on their account team; candidates come through
the pool selector (merged-away profiles left out) and must have agreed to be shared, or have
been sourced for the requisition's client (a hard filter of the query).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.http import Http404

from handoff.domain.matching import documents, store
from handoff.domain.matching.models import MatchWeights
from handoff.domain.recruiting import rules
from handoff.domain.recruiting import selectors as recruiting
from handoff.domain.recruiting.models import Candidate, Requisition, RequisitionStatus
from handoff.domain.tenancy.access import Actor, scoped
from handoff.domain.tenancy.models import Client
from handoff.engines.matching import Query, Result, Weights, rank_requisitions
from handoff.engines.matching.vocabulary import AnyVocabulary

TOP = 50
MAX_TOP = 200
MAX_SUGGESTED_REQUISITIONS = 300
FACTOR_LABELS = {
    "lexical": "Text relevance",
    "required_skills": "Required skills",
    "preferred_skills": "Preferred skills",
    "title": "Title / occupation",
    "experience": "Experience",
    "location": "Location",
    "salary": "Salary",
    "languages": "Languages",
}


@dataclass(frozen=True, slots=True)
class FactorShare:
    name: str
    label: str
    value: float
    weight: float
    contribution: float


@dataclass(frozen=True, slots=True)
class Explained:
    """An explanation with names instead of ids, ready for chips."""

    matched_required: list[str]
    related_required: list[str]
    missing_required: list[str]
    matched_preferred: list[str]
    related_preferred: list[str]
    missing_preferred: list[str]
    title: str
    words: list[str]
    factors: list[FactorShare]


@dataclass(frozen=True, slots=True)
class Match:
    """One candidate of a requisition's top matches; in blind mode ``name`` and contacts are empty."""

    candidate_id: int
    reference: str
    name: str
    headline: str
    location: str
    score: float
    explanation: Explained


@dataclass(frozen=True, slots=True)
class TopMatches:
    requisition: Requisition
    matches: list[Match]
    blind: bool
    blind_forced: bool
    weights: dict[str, float]
    pool_size: int


@dataclass(frozen=True, slots=True)
class Suggestion:
    requisition: Requisition
    score: float
    explanation: Explained


@dataclass(frozen=True, slots=True)
class SuggestedJobs:
    candidate: Candidate
    indexed: bool
    suggestions: list[Suggestion] = field(default_factory=list)


def client_weights(actor: Actor, client: Client | int) -> MatchWeights:
    """The client's saved weights (scoped to the actor), or the defaults (unsaved) when it has none."""
    client_id = client if isinstance(client, int) else client.pk
    found = scoped(actor, MatchWeights).filter(client_id=client_id).first()
    return found if found is not None else MatchWeights(client_id=client_id)


def top_matches(actor: Actor, requisition_id: Any, *, blind: bool = False, top: int = TOP) -> TopMatches:
    """The best candidates of the pool for a requisition the actor sees, best first, each explained."""
    _require_pool_worker(actor)
    requisition = recruiting.requisition(actor, requisition_id)
    settings_row = client_weights(actor, requisition.client_id)
    weights = settings_row.weights()
    words = documents.vocabulary()
    index = store.current()
    query = documents.requisition_query(requisition, words, weights, top=max(1, min(top, MAX_TOP)))
    results = index.rank(query) if len(index) else []
    shown_blind = blind or settings_row.blind
    pool = recruiting.candidates(actor).in_bulk([int(result.id) for result in results])
    matches = [_match(pool[int(result.id)], result, words, shown_blind) for result in results if int(result.id) in pool]
    return TopMatches(
        requisition=requisition,
        matches=matches,
        blind=shown_blind,
        blind_forced=settings_row.blind,
        weights=weights.as_dict(),
        pool_size=len(index),
    )


def suggested_jobs(actor: Actor, candidate_id: Any, *, top: int = TOP) -> SuggestedJobs:
    """Open requisitions of the actor's clients ranked for a candidate of the pool (filters applied)."""
    _require_pool_worker(actor)
    candidate = recruiting.candidate(actor, candidate_id)
    index = store.current()
    if candidate.is_merged or str(candidate.pk) not in index:
        return SuggestedJobs(candidate=candidate, indexed=False)
    openings = recruiting.requisitions(actor).filter(status=RequisitionStatus.OPEN).order_by("-created_at", "-pk")
    if not candidate.share_across_clients:
        openings = openings.filter(client_id=candidate.origin_client_id or 0)
    requisitions = {str(row.pk): row for row in openings[:MAX_SUGGESTED_REQUISITIONS]}
    words = documents.vocabulary()
    weights = _weights_by_client(actor, {row.client_id for row in requisitions.values()})
    queries: dict[str, Query] = {
        key: documents.requisition_query(row, words, weights[row.client_id]) for key, row in requisitions.items()
    }
    ranked = rank_requisitions(index, str(candidate.pk), queries, top=max(1, min(top, MAX_TOP)))
    suggestions = [
        Suggestion(requisition=requisitions[result.id], score=result.score, explanation=explained(result, words))
        for result in ranked
    ]
    return SuggestedJobs(candidate=candidate, indexed=True, suggestions=suggestions)


def explained(result: Result, words: AnyVocabulary) -> Explained:
    explanation = result.explanation
    name = words.skill_name
    return Explained(
        matched_required=[name(skill) for skill in explanation.matched_required],
        related_required=[f"{name(item.skill)} ≈ {name(item.via)}" for item in explanation.related_required],
        missing_required=[name(skill) for skill in explanation.missing_required],
        matched_preferred=[name(skill) for skill in explanation.matched_preferred],
        related_preferred=[f"{name(item.skill)} ≈ {name(item.via)}" for item in explanation.related_preferred],
        missing_preferred=[name(skill) for skill in explanation.missing_preferred],
        title="" if explanation.title is None else words.occupation_name(explanation.title.via),
        words=list(explanation.matched_terms),
        factors=[
            FactorShare(
                name=factor_name,
                label=FACTOR_LABELS.get(factor_name, factor_name),
                value=factor.value,
                weight=factor.weight,
                contribution=factor.contribution,
            )
            for factor_name, factor in explanation.factors.items()
        ],
    )


def blind_reference(candidate_id: int) -> str:
    """A stable reference that does not reveal the candidate (nor its id) on blind screens."""
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:matching:{candidate_id}".encode()).hexdigest()
    return "C-" + digest[:8].upper()


def _match(candidate: Candidate, result: Result, words: AnyVocabulary, blind: bool) -> Match:
    place = ", ".join(part for part in (candidate.city, str(candidate.country or "")) if part)
    return Match(
        candidate_id=candidate.pk,
        reference=blind_reference(candidate.pk) if blind else f"#{candidate.pk}",
        name="" if blind else candidate.full_name,
        headline=candidate.headline,
        location=place,
        score=result.score,
        explanation=explained(result, words),
    )


def _weights_by_client(actor: Actor, client_ids: set[int]) -> dict[int, Weights]:
    saved = {row.client_id: row.weights() for row in scoped(actor, MatchWeights).filter(client_id__in=client_ids)}
    return {client_id: saved.get(client_id, Weights()) for client_id in client_ids}


def _require_pool_worker(actor: Actor) -> None:
    if not rules.works_talent_pool(actor):
        raise Http404("Not found")
