"""Delivery set-up: services per BPO engagement, queues per service, a center's hours and local holidays."""

from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Router
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import Field

from handoff.domain.accounts.models import User
from handoff.domain.engagements.models import DeliveryCenter
from handoff.domain.engagements.selectors import delivery_centers
from handoff.domain.operations import selectors
from handoff.domain.operations.actions import setup
from handoff.domain.operations.models import SKILL_NAME_LENGTH, AgentProfile, CenterHoliday, Queue, Service
from handoff.domain.operations.permissions import AGENT_MANAGER_ROLES, require_role
from handoff.engines.routing import AgentState
from handoff.interfaces.api.auth import actor
from handoff.interfaces.api.errors import FieldRenames
from handoff.interfaces.api.pagination import PageNumberPagination
from handoff.interfaces.api.schemas.base import ObjectId, model_data
from handoff.interfaces.api.schemas.errors import error_responses
from handoff.interfaces.api.schemas.operations_setup import (
    AgentIn,
    AgentOut,
    AgentPatch,
    AgentStateIn,
    AgentStateOut,
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


# --- agent profiles (provider admins, team leads); an agent's own state ---

AGENT_RENAMES = {"center": "center_id", "user": "user_id"}
AGENT_INPUT_IDS = {"center_id", "user_id", "certified_client_ids"}


def _agent_data(payload: AgentPatch) -> dict[str, Any]:
    data = model_data(payload, exclude=AGENT_INPUT_IDS)
    if "center_id" in payload.model_fields_set:
        center = delivery_centers().filter(pk=payload.center_id).first() if payload.center_id else None
        if center is None:
            raise ValidationError({"center_id": "No such delivery center."})
        data["center"] = center
    return data


def _managed(request: HttpRequest) -> User:
    user = actor(request)
    require_role(user, AGENT_MANAGER_ROLES, "Only provider admins and team leads manage agents.")
    return user


@router.get("/agents", response={200: list[AgentOut], **error_responses(403, 422)})
@paginate(PageNumberPagination)
def list_setup_agents(
    request: HttpRequest,
    center_id: ObjectId | None = None,
    state: AgentState | None = None,
    skill: Annotated[str, Field(max_length=SKILL_NAME_LENGTH)] | None = None,
) -> QuerySet[AgentProfile]:
    """Agent profiles, filtered by center, state and skill; certifications of the caller's clients only."""
    user = _managed(request)
    return selectors.managed_agents(user, center_id=center_id, state=state, skill=skill)


@router.post("/agents", response={201: AgentOut, **error_responses(400, 403, 404, 422)})
def post_setup_agent(request: HttpRequest, payload: AgentIn) -> Status[AgentProfile]:
    """A staff member's agent profile (an unknown skill name is a field error listing the known ones)."""
    user = _managed(request)
    staff = selectors.agent_candidates(user).filter(pk=payload.user_id).first()
    if staff is None:
        raise ValidationError({"user_id": "No such staff member without an agent profile."})
    with FieldRenames(AGENT_RENAMES):
        profile = setup.save_agent_profile(
            user, staff, _agent_data(payload), certified_client_ids=payload.certified_client_ids
        )
    return Status(201, selectors.managed_agent(user, profile.pk))


@router.get("/agents/{agent_id}", response={200: AgentOut, **error_responses(403, 404, 422)})
def get_setup_agent(request: HttpRequest, agent_id: ObjectId) -> AgentProfile:
    return selectors.managed_agent(_managed(request), agent_id)


@router.patch("/agents/{agent_id}", response={200: AgentOut, **error_responses(400, 403, 404, 422)})
def patch_setup_agent(request: HttpRequest, agent_id: ObjectId, payload: AgentPatch) -> AgentProfile:
    """Change some fields of an agent profile; ``certified_client_ids`` replaces those of the caller's clients."""
    user = _managed(request)
    profile = selectors.managed_agent(user, agent_id)
    with FieldRenames(AGENT_RENAMES):
        setup.save_agent_profile(
            user, profile.user, _agent_data(payload), certified_client_ids=payload.certified_client_ids
        )
    return selectors.managed_agent(user, profile.pk)


@router.patch("/my-agent-state", response={200: AgentStateOut, **error_responses(400, 403, 422)})
def patch_my_agent_state(request: HttpRequest, payload: AgentStateIn) -> AgentProfile:
    """The calling agent switches between available, busy, away and offline (their own state only)."""
    return setup.set_my_state(actor(request), payload.state)
