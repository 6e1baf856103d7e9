"""Reads of operations data, always scoped to the actor's visible clients.

Client users other than process owners and HR admins see no work items; internal
notes are shown to provider staff only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import F, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from handoff.domain.accounts.models import User
from handoff.domain.operations.calendars import center_calendar, service_policy
from handoff.domain.operations.models import (
    ACTIVE_CATEGORIES,
    AgentCertification,
    AgentProfile,
    Attachment,
    IntakeAddress,
    ItemEvent,
    ItemEventKind,
    ItemExtra,
    Macro,
    Message,
    MessageKind,
    Queue,
    Service,
    StatusChange,
    WorkItem,
)
from handoff.domain.operations.permissions import AGENT_MANAGER_ROLES, follows_items, is_worker
from handoff.domain.tenancy.access import Actor, access_owned, real_user, scoped
from handoff.domain.tenancy.models import Client
from handoff.domain.tenancy.roles import UserKind
from handoff.engines.routing import AgentState
from handoff.engines.sla import ItemTimes, SlaStatus, business_minutes_between, evaluate
from handoff.engines.sla import StatusChange as SlaChange
from handoff.engines.sla.pauses import StatusCategory
from handoff.engines.sla.risk import BreachRisk, QueueLoad, breach_risk


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


# --- attachments, merges, SLA events and breach risk (intake helper) ---


def attachments(actor: Actor, item: WorkItem) -> QuerySet[Attachment]:
    """The item's files, without their content; files of internal notes for provider staff only."""
    rows = scoped(actor, Attachment).filter(item=item).defer("content").select_related("uploaded_by")
    return rows if is_worker(actor) else rows.exclude(message__kind=MessageKind.NOTE)


def attachment(actor: Actor, item: WorkItem, pk: Any) -> Attachment:
    return access_owned(actor, attachments(actor, item).defer(None), pk)


def item_extra(actor: Actor, item: WorkItem) -> ItemExtra | None:
    return scoped(actor, ItemExtra).select_related("merged_into").filter(item=item).first()


def item_events(actor: Actor, item: WorkItem) -> QuerySet[ItemEvent]:
    rows = scoped(actor, ItemEvent).filter(item=item).select_related("actor")
    return rows if is_worker(actor) else rows.filter(kind__in=[ItemEventKind.MERGED_INTO, ItemEventKind.MERGED_FROM])


def merged_duplicates(actor: Actor, item: WorkItem) -> QuerySet[ItemExtra]:
    return scoped(actor, ItemExtra).filter(merged_into=item).select_related("item")


def intake_address(actor: Actor, service: Service) -> str | None:
    """The service's inbound email address, if it has one yet."""
    found = scoped(actor, IntakeAddress).filter(service=service, is_active=True).first()
    return f"{found.local_part}@{intake_domain()}" if found else None


def intake_domain() -> str:
    return str(getattr(settings, "INTAKE_EMAIL_DOMAIN", "intake.handoff.localhost")).lower()


SERVING_STATES = (AgentState.AVAILABLE, AgentState.BUSY)
HANDLING_SAMPLE = 200
DEFAULT_HANDLING_MINUTES = 60.0


def queue_load(actor: Actor, queue: Queue) -> QueueLoad:
    """Agents serving the queue now (certified for its client, available or busy) and their mean handling time.

    The handling time is the mean, over the queue's last resolved items, of the wall-clock minutes from
    assignment to resolution; with no such item yet, an hour.
    """
    agents = (
        scoped(actor, AgentCertification)
        .filter(client_id=queue.client_id, agent__state__in=SERVING_STATES)
        .values("agent")
        .distinct()
        .count()
    )
    resolved = (
        scoped(actor, StatusChange)
        .filter(item__queue=queue, category=StatusCategory.RESOLVED, item__assigned_at__isnull=False)
        .order_by("-at")
        .values_list("at", "item__assigned_at")[:HANDLING_SAMPLE]
    )
    minutes = [(at - assigned).total_seconds() / 60 for at, assigned in resolved if assigned and at > assigned]
    mean = sum(minutes) / len(minutes) if minutes else DEFAULT_HANDLING_MINUTES
    return QueueLoad(agents=agents, mean_handling_minutes=max(mean, 1.0))


def breach_risks(actor: Actor, items: list[WorkItem], now: datetime | None = None) -> dict[int, BreachRisk]:
    """Per open item with a running resolution clock, the probability of missing it (engines/sla/risk.py)."""
    moment = now or timezone.now()
    running = [item for item in items if item.resolution_due is not None and item.category in RUNNING_CATEGORIES]
    loads: dict[int, QueueLoad] = {}
    positions: dict[int, dict[int, int]] = {}
    calendars: dict[int, Any] = {}
    risks: dict[int, BreachRisk] = {}
    centers = {
        row.pk: row.engagement.delivery_center
        for row in services(actor)
        .filter(pk__in={item.service_id for item in running})
        .select_related("engagement__delivery_center")
    }
    for item in running:
        if item.queue_id not in loads:
            loads[item.queue_id] = queue_load(actor, item.queue)
            positions[item.queue_id] = _waiting_positions(actor, item.queue)
        center = centers.get(item.service_id)
        if center is None:
            continue
        if center.pk not in calendars:
            calendars[center.pk] = center_calendar(center)
        assert item.resolution_due is not None
        remaining = business_minutes_between(calendars[center.pk], moment, item.resolution_due)
        in_hand = item.assignee_id is not None
        ahead = positions[item.queue_id].get(item.pk, 0)
        risks[item.pk] = breach_risk(loads[item.queue_id], ahead, remaining, in_hand=in_hand)
    return risks


RUNNING_CATEGORIES = (StatusCategory.OPEN, StatusCategory.IN_PROGRESS)


def _waiting_positions(actor: Actor, queue: Queue) -> dict[int, int]:
    """Unassigned open items of the queue → how many are ahead of each in claim order."""
    waiting = (
        work_items(actor)
        .filter(queue=queue, assignee__isnull=True, category=StatusCategory.OPEN)
        .values_list("pk", flat=True)
    )
    return {pk: index for index, pk in enumerate(waiting)}


@dataclass(frozen=True)
class QueueBoard:
    queue: Queue
    backlog: int
    in_hand: int
    waiting_on_client: int
    load: QueueLoad
    at_risk: list[tuple[WorkItem, BreachRisk]]
    breached: list[WorkItem]


def team_lead_board(actor: Actor, queue: Queue, now: datetime | None = None) -> QueueBoard:
    """A queue at a glance for its team lead: backlog, items at risk, breached items."""
    items = list(
        work_items(actor)
        .filter(queue=queue, category__in=ACTIVE_CATEGORIES)
        .select_related("service__engagement__delivery_center")[:1000]
    )
    risks = breach_risks(actor, items, now)
    at_risk = sorted(
        ((item, risks[item.pk]) for item in items if item.pk in risks and risks[item.pk].level != "low"),
        key=lambda pair: -pair[1].probability,
    )
    return QueueBoard(
        queue=queue,
        backlog=sum(1 for item in items if item.category == StatusCategory.OPEN and item.assignee_id is None),
        in_hand=sum(1 for item in items if item.assignee_id is not None),
        waiting_on_client=sum(1 for item in items if item.category == StatusCategory.WAITING),
        load=queue_load(actor, queue),
        at_risk=at_risk[:50],
        breached=[item for item in items if item.sla_state == "breached"][:50],
    )


def queue_agents(actor: Actor, queue: Queue) -> QuerySet[AgentProfile]:
    """The agents certified for the queue's client, with their state (provider data, read for staff only)."""
    if not is_worker(actor):
        return AgentProfile.objects.none()
    certified = scoped(actor, AgentCertification).filter(client_id=queue.client_id).values("agent")
    return AgentProfile.objects.filter(pk__in=certified).select_related("user", "center").order_by("state", "user_id")


def item_sla(actor: Actor, item: WorkItem, now: datetime | None = None) -> SlaStatus:
    """Every SLA target of the item (first response, next response, resolution) evaluated now."""
    history = tuple(SlaChange(change.at, change.category) for change in status_history(actor, item))
    extra = item_extra(actor, item)
    times = ItemTimes(
        created_at=item.created_at,
        priority=item.priority,
        history=history,
        first_response_at=item.first_response_at,
        awaiting_reply_since=extra.awaiting_reply_since if extra else None,
        replied_at=extra.last_reply_at if extra else None,
    )
    service = item.service
    return evaluate(
        service_policy(service), center_calendar(service.engagement.delivery_center), times, now or timezone.now()
    )


def client_queues(actor: Actor, client: Client | None) -> QuerySet[Queue]:
    """The active queues of a client (or of every visible client)."""
    rows = queues(actor).select_related("client")
    return rows.filter(client=client) if client is not None else rows


# --- agent set-up: the agents a team lead or provider admin manages, the skill names queues require ---


def required_skill_names(actor: Actor) -> frozenset[str]:
    """Every skill a queue of the actor's clients requires (active or not): the names routing matches."""
    names: set[str] = set()
    for skills in scoped(actor, Queue).values_list("required_skills", flat=True):
        if isinstance(skills, dict):
            names.update(str(name) for name in skills)
    return frozenset(names)


def managed_agents(
    actor: Actor, *, center_id: int | None = None, state: str | None = None, skill: str | None = None
) -> QuerySet[AgentProfile]:
    """Agent profiles (provider data) for provider admins and team leads; each carries ``visible_certifications``.

    The certifications prefetched are those of the actor's clients only: another client's never shows.
    """
    person = real_user(actor)
    if person is None or not person.is_provider or person.role not in AGENT_MANAGER_ROLES:
        return AgentProfile.objects.none()
    certifications = scoped(actor, AgentCertification).select_related("client").order_by("client__name")
    rows = (
        AgentProfile.objects.select_related("user", "center")
        .prefetch_related(Prefetch("certifications", queryset=certifications, to_attr="visible_certifications"))
        .order_by("user__full_name", "user__email", "pk")
    )
    if center_id is not None:
        rows = rows.filter(center_id=center_id)
    if state:
        rows = rows.filter(state=state)
    if skill:
        rows = rows.filter(skills__has_key=skill)
    return rows


def managed_agent(actor: Actor, pk: Any) -> AgentProfile:
    """One agent profile the actor manages, or Http404 (also for a malformed id)."""
    try:
        return managed_agents(actor).get(pk=int(pk))
    except (AgentProfile.DoesNotExist, TypeError, ValueError) as exc:
        raise Http404("Not found") from exc


# --- macros (canned replies): provider staff who work items see those of their clients


def macros(actor: Actor, client: Client | None = None) -> QuerySet[Macro]:
    """Active and inactive macros of the actor's clients (provider staff who work items; none for others)."""
    rows = scoped(actor, Macro) if is_worker(actor) else Macro.objects.none()
    rows = rows.select_related("client", "service").order_by("client__name", "title", "id")
    return rows.filter(client=client) if client is not None else rows


def macro(actor: Actor, pk: Any) -> Macro:
    return access_owned(actor, macros(actor), pk)


def macros_for_item(actor: Actor, item: WorkItem) -> QuerySet[Macro]:
    """The active macros that apply to an item: its client's, for all services or for the item's service."""
    return (
        macros(actor)
        .filter(client_id=item.client_id, is_active=True)
        .filter(Q(service__isnull=True) | Q(service_id=item.service_id))
        .order_by("title", "id")
    )


def agent_candidates(actor: Actor) -> QuerySet[User]:
    """Active provider staff without an agent profile yet (for provider admins and team leads)."""
    person = real_user(actor)
    if person is None or not person.is_provider or person.role not in AGENT_MANAGER_ROLES:
        return User.objects.none()
    return User.objects.filter(kind=UserKind.PROVIDER, is_active=True, agent_profile__isnull=True).order_by("email")
