"""Matching API: a requisition's top matches, a candidate's suggested jobs, a client's matching weights.

Top matches and suggested jobs are for the provider staff who work the talent pool; anyone else
(client users included) gets the same 404 as for a missing id. Requisitions and clients are looked up
through the scoped selectors, so a foreign id answers exactly like a missing one.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from handoff.domain.matching import actions, selectors
from handoff.domain.matching.models import MatchWeights
from handoff.domain.tenancy.access import access_client
from handoff.interfaces.api.auth import actor
from handoff.interfaces.api.schemas.base import ObjectId
from handoff.interfaces.api.schemas.errors import error_responses
from handoff.interfaces.api.schemas.matching import (
    SuggestedJobsOut,
    TopMatchesOut,
    WeightsIn,
    WeightsOut,
    match_out,
    suggestion_out,
)

router = Router(tags=["Matching"])


class TopMatchesParams(Schema):
    blind: bool = False
    top: int = Field(default=selectors.TOP, ge=1, le=selectors.MAX_TOP)


class SuggestedParams(Schema):
    top: int = Field(default=selectors.TOP, ge=1, le=selectors.MAX_TOP)


@router.get("/requisitions/{requisition_id}/top-matches", response={200: TopMatchesOut, **error_responses(404, 422)})
def get_top_matches(request: HttpRequest, requisition_id: ObjectId, params: Query[TopMatchesParams]) -> TopMatchesOut:
    """The best candidates of the talent pool for the requisition, each with its explanation.

    ``blind=true`` (or the client's blind setting) leaves out names and candidate ids."""
    found = selectors.top_matches(actor(request), requisition_id, blind=params.blind, top=params.top)
    return TopMatchesOut(
        requisition_id=found.requisition.pk,
        blind=found.blind,
        pool_size=found.pool_size,
        weights=found.weights,
        matches=[match_out(rank, match, found.blind) for rank, match in enumerate(found.matches, start=1)],
    )


@router.get("/candidates/{candidate_id}/suggested-jobs", response={200: SuggestedJobsOut, **error_responses(404, 422)})
def get_suggested_jobs(
    request: HttpRequest, candidate_id: ObjectId, params: Query[SuggestedParams]
) -> SuggestedJobsOut:
    """Open requisitions of the caller's clients ranked for the candidate (hard filters applied)."""
    found = selectors.suggested_jobs(actor(request), candidate_id, top=params.top)
    return SuggestedJobsOut(
        candidate_id=found.candidate.pk,
        indexed=found.indexed,
        suggestions=[suggestion_out(rank, item) for rank, item in enumerate(found.suggestions, start=1)],
    )


@router.get("/clients/{client_id}/weights", response={200: WeightsOut, **error_responses(404, 422)})
def get_match_weights(request: HttpRequest, client_id: ObjectId) -> WeightsOut:
    client = access_client(actor(request), client_id)
    return _weights_out(selectors.client_weights(actor(request), client))


@router.put("/clients/{client_id}/weights", response={200: WeightsOut, **error_responses(400, 403, 404, 422)})
def put_match_weights(request: HttpRequest, client_id: ObjectId, payload: WeightsIn) -> WeightsOut:
    """Change a client's weights and blind mode (provider admins, its account managers, its HR admins)."""
    values = payload.model_dump(exclude_none=True)
    return _weights_out(actions.save_weights(actor(request), client_id, values))


def _weights_out(row: MatchWeights) -> WeightsOut:
    return WeightsOut(
        client_id=row.client_id,
        lexical=row.lexical,
        required_skills=row.required_skills,
        preferred_skills=row.preferred_skills,
        title=row.title,
        experience=row.experience,
        location=row.location,
        salary=row.salary,
        languages=row.languages,
        blind=row.blind,
    )
