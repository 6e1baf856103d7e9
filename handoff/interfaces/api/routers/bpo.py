"""BPO engagements of the clients the caller may see; provider admins and account managers edit them."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate
from ninja.responses import Status

from handoff.domain.engagements.actions import create_bpo_engagement, update_bpo_engagement
from handoff.domain.engagements.models import BpoEngagement
from handoff.domain.engagements.selectors import bpo_engagement, bpo_engagements
from handoff.domain.tenancy.access import access_client
from handoff.interfaces.api.auth import actor
from handoff.interfaces.api.errors import FieldRenames
from handoff.interfaces.api.pagination import PageNumberPagination
from handoff.interfaces.api.schemas.base import ObjectId, model_data
from handoff.interfaces.api.schemas.engagements import BpoEngagementIn, BpoEngagementOut, BpoEngagementPatch
from handoff.interfaces.api.schemas.errors import error_responses

router = Router(tags=["BPO engagements"])

# The model reports errors on its field names; the API's fields are ids.
RENAMES = {"delivery_center": "delivery_center_id", "client": "client_id"}


@router.get("", response={200: list[BpoEngagementOut], **error_responses(404, 422)})
@paginate(PageNumberPagination)
def list_bpo_engagements(request: HttpRequest, client_id: ObjectId | None = None) -> QuerySet[BpoEngagement]:
    user = actor(request)
    client = access_client(user, client_id) if client_id is not None else None
    return bpo_engagements(user, client)


@router.post("", response={201: BpoEngagementOut, **error_responses(400, 403, 404, 409, 422)})
def post_bpo_engagement(request: HttpRequest, payload: BpoEngagementIn) -> Status[BpoEngagement]:
    data = model_data(payload, exclude={"client_id"})
    with FieldRenames(RENAMES):
        engagement = create_bpo_engagement(actor(request), payload.client_id, data)
    return Status(201, engagement)


@router.get("/{bpo_id}", response={200: BpoEngagementOut, **error_responses(404, 422)})
def get_bpo_engagement(request: HttpRequest, bpo_id: ObjectId) -> BpoEngagement:
    return bpo_engagement(actor(request), bpo_id)


@router.patch("/{bpo_id}", response={200: BpoEngagementOut, **error_responses(400, 403, 404, 409, 422)})
def patch_bpo_engagement(request: HttpRequest, bpo_id: ObjectId, payload: BpoEngagementPatch) -> BpoEngagement:
    user = actor(request)
    with FieldRenames(RENAMES):
        return update_bpo_engagement(user, bpo_engagement(user, bpo_id), model_data(payload))
