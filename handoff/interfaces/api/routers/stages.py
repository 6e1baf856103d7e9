"""Pipeline stage templates (a client's client-wide one, an RPO engagement's own) and bulk application actions.

A foreign client, engagement or stage is a 404 like a missing one; in a bulk action, application ids the caller
does not see are named in one 422 like missing ones, and nothing is changed.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Router
from ninja.responses import Status

from handoff.domain.engagements.models import RpoEngagement
from handoff.domain.engagements.selectors import rpo_engagement
from handoff.domain.recruiting import actions, selectors
from handoff.domain.recruiting.models import Application, PipelineStage
from handoff.domain.recruiting.stages import actions as stages
from handoff.domain.tenancy.access import access_client
from handoff.interfaces.api.auth import actor
from handoff.interfaces.api.schemas.base import ObjectId, model_data
from handoff.interfaces.api.schemas.errors import error_responses
from handoff.interfaces.api.schemas.recruiting import ApplicationOut, StageOut
from handoff.interfaces.api.schemas.stages import BulkIn, BulkOut, ReorderIn, StageIn, StagePatch, TagIn

router = Router(tags=["Pipeline stages"])
applications_bulk_router = Router(tags=["Applications"])
WRITE_ERRORS = error_responses(400, 403, 404, 409, 422)
READ_ERRORS = error_responses(403, 404, 422)


def _client_scope(request: HttpRequest, client_id: int) -> tuple[int, None]:
    user = actor(request)
    return access_client(user, client_id).pk, None


def _rpo_scope(request: HttpRequest, rpo_id: int) -> tuple[int, RpoEngagement]:
    engagement = rpo_engagement(actor(request), rpo_id)
    return engagement.client_id, engagement


def _list(request: HttpRequest, client_id: int, engagement: RpoEngagement | None) -> list[PipelineStage]:
    user = actor(request)
    if not stages.edits_stages(user):
        raise PermissionDenied("Stage templates are edited by client HR admins and the client's recruiting team.")
    return list(stages.template_stages(user, client_id, engagement))


def _stage_data(payload: StageIn | StagePatch) -> dict[str, Any]:
    data = model_data(payload)
    return {key: value for key, value in data.items() if value is not None or key == "stale_after_days"}


@router.get("/clients/{client_id}/stages", response={200: list[StageOut], **READ_ERRORS})
def list_client_stages(request: HttpRequest, client_id: ObjectId) -> list[PipelineStage]:
    return _list(request, *_client_scope(request, client_id))


@router.post("/clients/{client_id}/stages", response={201: StageOut, **WRITE_ERRORS})
def post_client_stage(request: HttpRequest, client_id: ObjectId, payload: StageIn) -> Status[PipelineStage]:
    client, engagement = _client_scope(request, client_id)
    return Status(201, stages.add_stage(actor(request), client, engagement, _stage_data(payload)))


@router.post("/clients/{client_id}/stages/reorder", response={200: list[StageOut], **WRITE_ERRORS})
def post_client_stages_reorder(request: HttpRequest, client_id: ObjectId, payload: ReorderIn) -> list[PipelineStage]:
    client, engagement = _client_scope(request, client_id)
    return stages.reorder_stages(actor(request), client, engagement, list(payload.stage_ids))


@router.get("/rpo/{rpo_id}/stages", response={200: list[StageOut], **READ_ERRORS})
def list_rpo_stages(request: HttpRequest, rpo_id: ObjectId) -> list[PipelineStage]:
    return _list(request, *_rpo_scope(request, rpo_id))


@router.post("/rpo/{rpo_id}/stages", response={201: StageOut, **WRITE_ERRORS})
def post_rpo_stage(request: HttpRequest, rpo_id: ObjectId, payload: StageIn) -> Status[PipelineStage]:
    client, engagement = _rpo_scope(request, rpo_id)
    return Status(201, stages.add_stage(actor(request), client, engagement, _stage_data(payload)))


@router.post("/rpo/{rpo_id}/stages/reorder", response={200: list[StageOut], **WRITE_ERRORS})
def post_rpo_stages_reorder(request: HttpRequest, rpo_id: ObjectId, payload: ReorderIn) -> list[PipelineStage]:
    client, engagement = _rpo_scope(request, rpo_id)
    return stages.reorder_stages(actor(request), client, engagement, list(payload.stage_ids))


@router.patch("/stages/{stage_id}", response={200: StageOut, **WRITE_ERRORS})
def patch_stage(request: HttpRequest, stage_id: ObjectId, payload: StagePatch) -> PipelineStage:
    user = actor(request)
    return stages.update_stage(user, stages.stage(user, stage_id), _stage_data(payload))


@router.delete("/stages/{stage_id}", response={204: None, **error_responses(403, 404, 422)})
def delete_stage(request: HttpRequest, stage_id: ObjectId) -> Status[None]:
    user = actor(request)
    stages.delete_stage(user, stages.stage(user, stage_id))
    return Status(204, None)


# --- bulk actions and tags on applications --------------------------------------------------------------------


@applications_bulk_router.post("/bulk", response={200: BulkOut, **WRITE_ERRORS})
def post_applications_bulk(request: HttpRequest, payload: BulkIn) -> dict[str, int]:
    """Move, reject (optionally e-mailing the candidates) or tag several applications: all or none."""
    user = actor(request)
    wanted = list(dict.fromkeys(payload.application_ids))
    found = {row.pk: row for row in selectors.applications(user).filter(pk__in=wanted)}
    missing = [str(pk) for pk in wanted if pk not in found]
    if missing:
        raise ValidationError({"application_ids": f"No such application: {', '.join(missing)}."})
    rows: list[Application] = [found[pk] for pk in wanted]
    return {"updated": actions.bulk_apply(user, rows, payload.operation.value, payload.value)}


@applications_bulk_router.post("/{application_id}/tags", response={200: ApplicationOut, **WRITE_ERRORS})
def post_application_tag(request: HttpRequest, application_id: ObjectId, payload: TagIn) -> Application:
    user = actor(request)
    actions.tag_application(user, selectors.application(user, application_id), payload.tag)
    return selectors.application(user, application_id)
