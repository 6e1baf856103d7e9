"""Reads of operations data, always scoped to the actor's visible clients.

Client users other than process owners and HR admins see no work items; internal
notes are shown to provider staff only.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F, QuerySet

from handoff.domain.operations.models import (
    ACTIVE_CATEGORIES,
    AgentCertification,
    AgentProfile,
    Message,
    MessageKind,
    Queue,
    Service,
    StatusChange,
    WorkItem,
)
from handoff.domain.operations.permissions import follows_items, is_worker
from handoff.domain.tenancy.access import Actor, access_owned, real_user, scoped
from handoff.domain.tenancy.models import Client


def services(actor: Actor, client: Client | None = None) -> QuerySet[Service]:
    rows = scoped(actor, Service).select_related("client", "engagement").filter(is_active=True)
    return rows.filter(client=client) if client is not None else rows


def service(actor: Actor, pk: Any) -> Service:
    return access_owned(actor, services(actor), pk)


def queues(actor: Actor, service: Service | None = None) -> QuerySet[Queue]:
    rows = scoped(actor, Queue).select_related("service").filter(is_active=True, service__is_active=True)
    return rows.filter(service=service) if service is not None else rows


def queue(actor: Actor, pk: Any) -> Queue:
    return access_owned(actor, queues(actor), pk)


def work_items(actor: Actor, client: Client | None = None) -> QuerySet[WorkItem]:
    """Items the actor may follow, in claim order (priority, SLA deadline, age)."""
    rows = scoped(actor, WorkItem) if follows_items(actor) else WorkItem.objects.none()
    rows = rows.select_related("client", "service", "queue", "assignee").order_by(
        "priority_rank", F("resolution_due").asc(nulls_last=True), "created_at", "id"
    )
    return rows.filter(client=client) if client is not None else rows


def work_item(actor: Actor, pk: Any) -> WorkItem:
    return access_owned(actor, work_items(actor), pk)


def my_items(actor: Actor) -> QuerySet[WorkItem]:
    """The items in the actor's hand (assigned, not done)."""
    person = real_user(actor)
    return work_items(actor).filter(assignee_id=person.pk if person else 0, category__in=ACTIVE_CATEGORIES)


def children(actor: Actor, item: WorkItem) -> QuerySet[WorkItem]:
    return work_items(actor).filter(parent=item)


def messages(actor: Actor, item: WorkItem) -> QuerySet[Message]:
    """The conversation of an item; internal notes only for provider staff who work items."""
    rows = scoped(actor, Message).filter(item=item).select_related("author")
    return rows if is_worker(actor) else rows.filter(kind=MessageKind.REPLY)


def status_history(actor: Actor, item: WorkItem) -> QuerySet[StatusChange]:
    return scoped(actor, StatusChange).filter(item=item).select_related("actor")


def agent_profile(actor: Actor) -> AgentProfile | None:
    """The signed-in staff member's own agent profile (provider data), if any."""
    person = real_user(actor)
    if person is None or not person.is_provider:
        return None
    return AgentProfile.objects.select_related("center", "user").filter(user_id=person.pk).first()


def certified_client_ids(actor: Actor, profile: AgentProfile) -> frozenset[int]:
    """The clients (among those the actor sees) the agent is certified for."""
    rows = scoped(actor, AgentCertification).filter(agent=profile).values_list("client_id", flat=True)
    return frozenset(rows)
