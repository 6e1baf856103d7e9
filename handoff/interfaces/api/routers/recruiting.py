"""Recruiting: requisitions (with status changes), the talent pool, applications and their stage moves.

Requisitions and applications are scoped to the caller's clients; the talent pool answers only provider
recruiting staff (everyone else gets an empty list, or 404 for one candidate).
"""

from typing import Any

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate
from ninja.responses import Status

from handoff.domain.engagements.selectors import rpo_engagement
from handoff.domain.recruiting import actions, selectors
from handoff.domain.recruiting.models import (
    Application,
    ApplicationNote,
    Candidate,
    Requisition,
    RequisitionEvent,
    RequisitionStatus,
    StageTransition,
)
from handoff.domain.tenancy.access import access_client
from handoff.interfaces.api.auth import actor
from handoff.interfaces.api.errors import FieldRenames
from handoff.interfaces.api.pagination import PageNumberPagination
from handoff.interfaces.api.schemas.base import ObjectId, model_data
from handoff.interfaces.api.schemas.errors import error_responses
from handoff.interfaces.api.schemas.recruiting import (
    ApplicationIn,
    ApplicationOut,
    CandidateIn,
    CandidateOut,
    CandidatePatch,
    MergeIn,
    MoveIn,
    NoteIn,
    NoteOut,
    RequisitionEventOut,
    RequisitionIn,
    RequisitionOut,
    RequisitionPatch,
    StageOut,
    StatusChangeIn,
    TransitionOut,
)

requisitions_router = Router(tags=["Requisitions"])
candidates_router = Router(tags=["Candidates"])
applications_router = Router(tags=["Applications"])

# The models report errors on their field names; the API's fields are ids.
RENAMES = {
    "engagement": "engagement_id",
    "hiring_manager": "hiring_manager_id",
    "origin_client": "origin_client_id",
    "candidate": "candidate_id",
    "requisition": "requisition_id",
}
# Choice fields the API takes as null but the models store as "" (no choice).
BLANK_CHOICES = ("salary_currency", "consent_channel")
WRITE_ERRORS = error_responses(400, 403, 404, 409, 422)


def _without_null_for_required(model: type[Model], data: dict[str, Any]) -> dict[str, Any]:
    """A null sent for a column that cannot be null means "leave it as it is" (PATCH schemas allow null)."""
    nullable = {field.name for field in model._meta.concrete_fields if field.null}
    nullable |= {getattr(field, "attname", field.name) for field in model._meta.concrete_fields if field.null}
    return {key: value for key, value in data.items() if value is not None or key in nullable or key.endswith("_id")}


def _candidate_data(payload: CandidateIn | CandidatePatch) -> dict[str, Any]:
    data = model_data(payload)
    for field in BLANK_CHOICES:
        if field in data and data[field] is None:
            data[field] = ""
    return _without_null_for_required(Candidate, data)


# --- requisitions ---------------------------------------------------------------------------------------------


@requisitions_router.get("", response={200: list[RequisitionOut], **error_responses(404, 422)})
@paginate(PageNumberPagination)
def list_requisitions(
    request: HttpRequest, client_id: ObjectId | None = None, status: RequisitionStatus | None = None
) -> QuerySet[Requisition]:
    user = actor(request)
    client = access_client(user, client_id) if client_id is not None else None
    rows = selectors.requisitions(user, client)
    return rows.filter(status=status) if status is not None else rows


@requisitions_router.post("", response={201: RequisitionOut, **WRITE_ERRORS})
def post_requisition(request: HttpRequest, payload: RequisitionIn) -> Status[Requisition]:
    """A draft requisition of the client whose RPO engagement is named (a foreign engagement is a 404)."""
    user = actor(request)
    client_id = rpo_engagement(user, payload.engagement_id).client_id
    with FieldRenames(RENAMES):
        requisition = actions.create_requisition(user, client_id, model_data(payload))
    return Status(201, requisition)


@requisitions_router.get("/{requisition_id}", response={200: RequisitionOut, **error_responses(404, 422)})
def get_requisition(request: HttpRequest, requisition_id: ObjectId) -> Requisition:
    return selectors.requisition(actor(request), requisition_id)


@requisitions_router.patch("/{requisition_id}", response={200: RequisitionOut, **WRITE_ERRORS})
def patch_requisition(request: HttpRequest, requisition_id: ObjectId, payload: RequisitionPatch) -> Requisition:
    user = actor(request)
    requisition = selectors.requisition(user, requisition_id)
    with FieldRenames(RENAMES):
        return actions.update_requisition(
            user, requisition, _without_null_for_required(Requisition, model_data(payload))
        )


@requisitions_router.post("/{requisition_id}/status", response={200: RequisitionOut, **WRITE_ERRORS})
def post_requisition_status(request: HttpRequest, requisition_id: ObjectId, payload: StatusChangeIn) -> Requisition:
    user = actor(request)
    requisition = selectors.requisition(user, requisition_id)
    return actions.change_requisition_status(user, requisition, payload.status.value, payload.note)


@requisitions_router.get(
    "/{requisition_id}/events", response={200: list[RequisitionEventOut], **error_responses(404, 422)}
)
@paginate(PageNumberPagination)
def list_requisition_events(request: HttpRequest, requisition_id: ObjectId) -> QuerySet[RequisitionEvent]:
    user = actor(request)
    return selectors.requisition_events(user, selectors.requisition(user, requisition_id))


@requisitions_router.get("/{requisition_id}/stages", response={200: list[StageOut], **error_responses(404, 422)})
def list_requisition_stages(request: HttpRequest, requisition_id: ObjectId) -> list[Any]:
    user = actor(request)
    return list(selectors.pipeline(user, selectors.requisition(user, requisition_id)))


# --- candidates -----------------------------------------------------------------------------------------------


@candidates_router.get("", response={200: list[CandidateOut], **error_responses(422)})
@paginate(PageNumberPagination)
def list_candidates(request: HttpRequest, q: str = "") -> QuerySet[Candidate]:
    return selectors.search_candidates(actor(request), q.strip()[:100])


@candidates_router.post("", response={201: CandidateOut, **WRITE_ERRORS})
def post_candidate(request: HttpRequest, payload: CandidateIn) -> Status[Candidate]:
    with FieldRenames(RENAMES):
        candidate = actions.create_candidate(actor(request), _candidate_data(payload))
    return Status(201, candidate)


@candidates_router.get("/{candidate_id}", response={200: CandidateOut, **error_responses(404, 422)})
def get_candidate(request: HttpRequest, candidate_id: ObjectId) -> Candidate:
    return selectors.candidate(actor(request), candidate_id)


@candidates_router.patch("/{candidate_id}", response={200: CandidateOut, **WRITE_ERRORS})
def patch_candidate(request: HttpRequest, candidate_id: ObjectId, payload: CandidatePatch) -> Candidate:
    user = actor(request)
    candidate = selectors.candidate(user, candidate_id)
    with FieldRenames(RENAMES):
        return actions.update_candidate(user, candidate, _candidate_data(payload))


@candidates_router.post("/{candidate_id}/merge", response={200: CandidateOut, **WRITE_ERRORS})
def post_candidate_merge(request: HttpRequest, candidate_id: ObjectId, payload: MergeIn) -> Candidate:
    user = actor(request)
    keep = selectors.candidate(user, candidate_id)
    return actions.merge_candidates(user, keep, selectors.candidate(user, payload.duplicate_id))


@candidates_router.get("/{candidate_id}/duplicates", response={200: list[CandidateOut], **error_responses(404, 422)})
def list_candidate_duplicates(request: HttpRequest, candidate_id: ObjectId) -> list[Candidate]:
    user = actor(request)
    candidate = selectors.candidate(user, candidate_id)
    details = selectors.ContactDetails(
        full_name=candidate.full_name,
        email=candidate.email,
        phone=candidate.phone,
        profile_url=candidate.profile_url,
        city=candidate.city,
        country=str(candidate.country or ""),
    )
    return [match.candidate for match in selectors.find_duplicates(user, details, exclude_pk=candidate.pk)]


# --- applications ---------------------------------------------------------------------------------------------


@applications_router.get("", response={200: list[ApplicationOut], **error_responses(404, 422)})
@paginate(PageNumberPagination)
def list_applications(
    request: HttpRequest, requisition_id: ObjectId | None = None, stage: str = "", q: str = ""
) -> QuerySet[Application]:
    user = actor(request)
    rows = selectors.applications(user)
    if requisition_id is not None:
        rows = selectors.requisition_applications(user, selectors.requisition(user, requisition_id))
    filters = selectors.ApplicationFilters(stage=stage[:40], search=q.strip()[:100])
    return selectors.filter_applications(rows, filters)


@applications_router.post("", response={201: ApplicationOut, **WRITE_ERRORS})
def post_application(request: HttpRequest, payload: ApplicationIn) -> Status[Application]:
    user = actor(request)
    requisition = selectors.requisition(user, payload.requisition_id)
    candidate = selectors.candidate(user, payload.candidate_id)
    with FieldRenames(RENAMES):
        application = actions.add_application(user, requisition, candidate, payload.stage)
    return Status(201, application)


@applications_router.get("/{application_id}", response={200: ApplicationOut, **error_responses(404, 422)})
def get_application(request: HttpRequest, application_id: ObjectId) -> Application:
    return selectors.application(actor(request), application_id)


@applications_router.post("/{application_id}/move", response={200: ApplicationOut, **WRITE_ERRORS})
def post_application_move(request: HttpRequest, application_id: ObjectId, payload: MoveIn) -> Application:
    user = actor(request)
    application = selectors.application(user, application_id)
    moved = actions.move_application(user, application, payload.stage, payload.reason)
    return selectors.application(user, moved.pk)


@applications_router.get(
    "/{application_id}/transitions", response={200: list[TransitionOut], **error_responses(404, 422)}
)
@paginate(PageNumberPagination)
def list_application_transitions(request: HttpRequest, application_id: ObjectId) -> QuerySet[StageTransition]:
    user = actor(request)
    return selectors.application_transitions(user, selectors.application(user, application_id))


@applications_router.get("/{application_id}/notes", response={200: list[NoteOut], **error_responses(404, 422)})
@paginate(PageNumberPagination)
def list_application_notes(request: HttpRequest, application_id: ObjectId) -> QuerySet[ApplicationNote]:
    user = actor(request)
    return selectors.application_notes(user, selectors.application(user, application_id))


@applications_router.post("/{application_id}/notes", response={201: NoteOut, **WRITE_ERRORS})
def post_application_note(request: HttpRequest, application_id: ObjectId, payload: NoteIn) -> Status[ApplicationNote]:
    user = actor(request)
    note = actions.add_application_note(user, selectors.application(user, application_id), payload.body)
    return Status(201, note)
