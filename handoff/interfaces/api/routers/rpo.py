"""RPO engagements of the clients the caller may see; provider admins and account managers edit them."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate
from ninja.responses import Status

from handoff.domain.engagements.actions import create_rpo_engagement, update_rpo_engagement
from handoff.domain.engagements.models import RpoEngagement
from handoff.domain.engagements.selectors import rpo_engagement, rpo_engagements
from handoff.domain.tenancy.access import access_client
from handoff.interfaces.api.auth import actor
from handoff.interfaces.api.errors import FieldRenames
from handoff.interfaces.api.pagination import PageNumberPagination
from handoff.interfaces.api.schemas.base import ObjectId, model_data
from handoff.interfaces.api.schemas.engagements import RpoEngagementIn, RpoEngagementOut, RpoEngagementPatch
from handoff.interfaces.api.schemas.errors import error_responses

router = Router(tags=["RPO engagements"])

# The model reports errors on its field names; the API's fields are ids.
RENAMES = {"client": "client_id"}


@router.get("", response={200: list[RpoEngagementOut], **error_responses(404, 422)})
@paginate(PageNumberPagination)
def list_rpo_engagements(request: HttpRequest, client_id: ObjectId | None = None) -> QuerySet[RpoEngagement]:
    user = actor(request)
    client = access_client(user, client_id) if client_id is not None else None
    return rpo_engagements(user, client)


@router.post("", response={201: RpoEngagementOut, **error_responses(400, 403, 404, 409, 422)})
def post_rpo_engagement(request: HttpRequest, payload: RpoEngagementIn) -> Status[RpoEngagement]:
    data = model_data(payload, exclude={"client_id"})
    with FieldRenames(RENAMES):
        engagement = create_rpo_engagement(actor(request), payload.client_id, data)
    return Status(201, engagement)


@router.get("/{rpo_id}", response={200: RpoEngagementOut, **error_responses(404, 422)})
def get_rpo_engagement(request: HttpRequest, rpo_id: ObjectId) -> RpoEngagement:
    return rpo_engagement(actor(request), rpo_id)


@router.patch("/{rpo_id}", response={200: RpoEngagementOut, **error_responses(400, 403, 404, 409, 422)})
def patch_rpo_engagement(request: HttpRequest, rpo_id: ObjectId, payload: RpoEngagementPatch) -> RpoEngagement:
    user = actor(request)
    with FieldRenames(RENAMES):
        return update_rpo_engagement(user, rpo_engagement(user, rpo_id), model_data(payload))
