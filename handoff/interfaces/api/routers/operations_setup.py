"""Delivery set-up: services per BPO engagement, queues per service, a center's hours and local holidays."""

from django.http import Http404, HttpRequest
from ninja import Router
from ninja.responses import Status

from handoff.domain.engagements.models import DeliveryCenter
from handoff.domain.engagements.selectors import delivery_centers
from handoff.domain.operations import selectors
from handoff.domain.operations.actions import setup
from handoff.domain.operations.models import CenterHoliday, Queue, Service
from handoff.interfaces.api.auth import actor
from handoff.interfaces.api.schemas.base import ObjectId, model_data
from handoff.interfaces.api.schemas.errors import error_responses
from handoff.interfaces.api.schemas.operations_setup import (
    CenterHoursIn,
    CenterHoursOut,
    HolidayIn,
    HolidayOut,
    QueueIn,
    QueueOut,
    QueuePatch,
    ServiceIn,
    ServiceOut,
    ServicePatch,
)

router = Router(tags=["Delivery set-up"])


def _center(center_id: int) -> DeliveryCenter:
    center = delivery_centers().filter(pk=center_id).first()
    if center is None:
        raise Http404("Not found")
    return center


@router.post("/bpo/{bpo_id}/services", response={201: ServiceOut, **error_responses(400, 403, 404, 422)})
def post_setup_service(request: HttpRequest, bpo_id: ObjectId, payload: ServiceIn) -> Status[Service]:
    """A new service under a BPO engagement (provider admins, account managers of the client)."""
    return Status(201, setup.create_service(actor(request), bpo_id, model_data(payload)))


@router.patch("/services/{service_id}", response={200: ServiceOut, **error_responses(400, 403, 404, 422)})
def patch_setup_service(request: HttpRequest, service_id: ObjectId, payload: ServicePatch) -> Service:
    user = actor(request)
    return setup.update_service(user, selectors.service(user, service_id), model_data(payload))


@router.post("/services/{service_id}/queues", response={201: QueueOut, **error_responses(400, 403, 404, 422)})
def post_setup_queue(request: HttpRequest, service_id: ObjectId, payload: QueueIn) -> Status[Queue]:
    user = actor(request)
    return Status(201, setup.create_queue(user, selectors.service(user, service_id), model_data(payload)))


@router.patch("/queues/{queue_id}", response={200: QueueOut, **error_responses(400, 403, 404, 422)})
def patch_setup_queue(request: HttpRequest, queue_id: ObjectId, payload: QueuePatch) -> Queue:
    user = actor(request)
    return setup.update_queue(user, selectors.queue(user, queue_id), model_data(payload))


@router.put("/centers/{center_id}/hours", response={200: CenterHoursOut, **error_responses(400, 403, 404, 422)})
def put_center_hours(request: HttpRequest, center_id: ObjectId, payload: CenterHoursIn) -> DeliveryCenter:
    """Replace the center's weekly windows (provider admins, team leads)."""
    return setup.set_center_hours(actor(request), _center(center_id), payload.working_hours)


@router.post("/centers/{center_id}/holidays", response={201: HolidayOut, **error_responses(400, 403, 404, 422)})
def post_center_holiday(request: HttpRequest, center_id: ObjectId, payload: HolidayIn) -> Status[CenterHoliday]:
    """Add (or rename) a local holiday at the center."""
    holiday = setup.add_center_holiday(
        actor(request), _center(center_id), payload.date, payload.name, closed=payload.closed
    )
    return Status(201, holiday)
