"""Webhook endpoints of the caller's clients (client HR admins, account managers, provider admins) and their
delivery log. A foreign or missing endpoint is the same 404; other roles see an empty list."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate
from ninja.responses import Status

from handoff.domain.webhooks import actions, selectors
from handoff.domain.webhooks.models import WebhookDelivery, WebhookEndpoint
from handoff.interfaces.api.auth import actor
from handoff.interfaces.api.errors import FieldRenames
from handoff.interfaces.api.pagination import PageNumberPagination
from handoff.interfaces.api.schemas.base import ObjectId, model_data
from handoff.interfaces.api.schemas.errors import error_responses
from handoff.interfaces.api.schemas.webhooks import DeliveryOut, EndpointIn, EndpointOut, EndpointPatch

router = Router(tags=["Webhooks"])
WRITE_ERRORS = error_responses(400, 403, 404, 422)
RENAMES = {"client": "client_id"}


def _data(payload: EndpointIn | EndpointPatch) -> dict[str, Any]:
    data = model_data(payload, exclude={"client_id", "rotate_secret"})
    if data.get("url") is not None:
        data["url"] = str(data["url"])
    return data


@router.get("", response={200: list[EndpointOut], **error_responses(422)})
@paginate(PageNumberPagination)
def list_webhooks(request: HttpRequest) -> QuerySet[WebhookEndpoint]:
    return selectors.endpoints(actor(request))


@router.post("", response={201: EndpointOut, **WRITE_ERRORS})
def post_webhook(request: HttpRequest, payload: EndpointIn) -> Status[WebhookEndpoint]:
    with FieldRenames(RENAMES):
        endpoint = actions.create_endpoint(actor(request), payload.client_id, _data(payload))
    return Status(201, endpoint)


@router.get("/{endpoint_id}", response={200: EndpointOut, **error_responses(404, 422)})
def get_webhook(request: HttpRequest, endpoint_id: ObjectId) -> WebhookEndpoint:
    return selectors.endpoint(actor(request), endpoint_id)


@router.patch("/{endpoint_id}", response={200: EndpointOut, **WRITE_ERRORS})
def patch_webhook(request: HttpRequest, endpoint_id: ObjectId, payload: EndpointPatch) -> WebhookEndpoint:
    user = actor(request)
    endpoint = selectors.endpoint(user, endpoint_id)
    endpoint = actions.update_endpoint(user, endpoint, _data(payload))
    return actions.rotate_secret(user, endpoint) if payload.rotate_secret else endpoint


@router.delete("/{endpoint_id}", response={204: None, **error_responses(403, 404, 422)})
def delete_webhook(request: HttpRequest, endpoint_id: ObjectId) -> Status[None]:
    user = actor(request)
    actions.delete_endpoint(user, selectors.endpoint(user, endpoint_id))
    return Status(204, None)


@router.get("/{endpoint_id}/deliveries", response={200: list[DeliveryOut], **error_responses(404, 422)})
@paginate(PageNumberPagination)
def list_webhook_deliveries(request: HttpRequest, endpoint_id: ObjectId) -> QuerySet[WebhookDelivery]:
    """The delivery log, newest first: each delivery's body, status and every attempt (code, duration, error)."""
    user = actor(request)
    return selectors.deliveries(user, selectors.endpoint(user, endpoint_id))
