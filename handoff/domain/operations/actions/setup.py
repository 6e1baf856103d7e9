"""Delivery set-up: services and queues of a BPO engagement, agents, their certifications, local holidays.

Services and queues are edited by provider admins and account managers of the client (as
engagements are); agent profiles, certifications and center holidays by provider admins and
team leads. Owner fields come from the checked engagement or service, never from input.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from handoff.domain.accounts.models import User
from handoff.domain.engagements.models import DeliveryCenter
from handoff.domain.engagements.selectors import bpo_engagement
from handoff.domain.operations import agent_skills
from handoff.domain.operations.models import AgentCertification, AgentProfile, CenterHoliday, Queue, Service
from handoff.domain.operations.permissions import AGENT_MANAGER_ROLES, SETUP_ROLES, require, require_role
from handoff.domain.tenancy.access import Actor, access_client, real_user, scoped
from handoff.engines.routing import AgentState

SERVICE_FIELDS = frozenset({"name", "description", "custom_fields", "sla_targets", "is_active"})
QUEUE_FIELDS = frozenset({"name", "required_skills", "languages", "is_active"})
AGENT_FIELDS = frozenset({"center", "skills", "languages", "shift_start", "shift_end", "concurrency", "state"})


def _assign(row: Any, data: dict[str, Any], allowed: frozenset[str]) -> None:
    for field, value in data.items():
        if field in allowed:
            setattr(row, field, value)


@transaction.atomic
def create_service(actor: Actor, engagement_id: Any, data: dict[str, Any]) -> Service:
    engagement = bpo_engagement(actor, engagement_id)
    require_role(actor, SETUP_ROLES, "Only provider admins and account managers set up services.")
    service = Service(client_id=engagement.client_id, engagement=engagement)
    _assign(service, data, SERVICE_FIELDS)
    service.full_clean()
    service.save()
    return service


@transaction.atomic
def update_service(actor: Actor, service: Service, data: dict[str, Any]) -> Service:
    access_client(actor, service.client_id)
    require_role(actor, SETUP_ROLES, "Only provider admins and account managers set up services.")
    _assign(service, data, SERVICE_FIELDS)
    service.full_clean()
    service.save()
    return service


@transaction.atomic
def create_queue(actor: Actor, service: Service, data: dict[str, Any]) -> Queue:
    access_client(actor, service.client_id)
    require_role(actor, SETUP_ROLES, "Only provider admins and account managers set up queues.")
    queue = Queue(client_id=service.client_id, service=service)
    _assign(queue, data, QUEUE_FIELDS)
    queue.full_clean()
    queue.save()
    return queue


@transaction.atomic
def save_agent_profile(
    actor: Actor, user: User, data: dict[str, Any], *, certified_client_ids: Iterable[Any] | None = None
) -> AgentProfile:
    """Create or update a staff member's agent profile, and (when given) its certifications.

    Skill names are checked against the vocabulary the actor sees (``agent_skills``): a misspelt
    name is rewritten to the queues' spelling or refused, never saved to leave the agent unroutable.
    ``certified_client_ids`` replaces the agent's certifications among the actor's clients only
    (another client's certification is neither shown, granted nor revoked); a foreign id is a 404.
    All or nothing.
    """
    require_role(actor, AGENT_MANAGER_ROLES, "Only provider admins and team leads manage agents.")
    profile = AgentProfile.objects.filter(user=user).first() or AgentProfile(user=user)
    held = dict(profile.skills) if isinstance(profile.skills, dict) else {}
    if "skills" in data:
        data = {**data, "skills": agent_skills.normalise(data["skills"], agent_skills.vocabulary(actor), held)}
    _assign(profile, data, AGENT_FIELDS)
    profile.full_clean()
    profile.save()
    if certified_client_ids is not None:
        _replace_certifications(actor, profile, certified_client_ids)
    return profile


def _replace_certifications(actor: Actor, profile: AgentProfile, client_ids: Iterable[Any]) -> None:
    wanted = {access_client(actor, client_id).pk for client_id in client_ids}
    held = scoped(actor, AgentCertification).filter(agent=profile)
    held.exclude(client_id__in=wanted).delete()
    have = set(held.values_list("client_id", flat=True))
    AgentCertification.objects.bulk_create(
        [AgentCertification(client_id=client_id, agent=profile) for client_id in sorted(wanted - have)]
    )


@transaction.atomic
def certify_agent(actor: Actor, profile: AgentProfile, client_id: Any) -> AgentCertification:
    client = access_client(actor, client_id)
    require_role(actor, AGENT_MANAGER_ROLES, "Only provider admins and team leads certify agents.")
    certification, _ = AgentCertification.objects.get_or_create(client=client, agent=profile)
    return certification


@transaction.atomic
def set_my_state(actor: Actor, state: str) -> AgentProfile:
    """An agent switches between available, busy, away and offline."""
    person = real_user(actor)
    profile = AgentProfile.objects.filter(user_id=person.pk).first() if person else None
    require(profile is not None, "Only agents have a state.")
    assert profile is not None
    profile.state = AgentState(state)
    profile.full_clean()
    profile.save(update_fields=["state"])
    return profile


@transaction.atomic
def add_center_holiday(
    actor: Actor, center: DeliveryCenter, day: dt.date, name: str, *, closed: bool = True
) -> CenterHoliday:
    require_role(actor, AGENT_MANAGER_ROLES, "Only provider admins and team leads edit center calendars.")
    holiday = CenterHoliday.objects.filter(center=center, date=day).first() or CenterHoliday(center=center, date=day)
    holiday.name, holiday.closed = name, closed
    holiday.full_clean()
    holiday.save()
    return holiday


@transaction.atomic
def update_queue(actor: Actor, queue: Queue, data: dict[str, Any]) -> Queue:
    access_client(actor, queue.client_id)
    require_role(actor, SETUP_ROLES, "Only provider admins and account managers set up queues.")
    _assign(queue, data, QUEUE_FIELDS)
    queue.full_clean()
    queue.save()
    return queue


@transaction.atomic
def set_center_hours(actor: Actor, center: DeliveryCenter, working_hours: Any) -> DeliveryCenter:
    """Replace a center's weekly calendar (several windows a day; overlaps are a field error)."""
    require_role(actor, AGENT_MANAGER_ROLES, "Only provider admins and team leads edit center calendars.")
    center.working_hours = working_hours
    center.full_clean()
    center.save(update_fields=["working_hours"])
    return center
