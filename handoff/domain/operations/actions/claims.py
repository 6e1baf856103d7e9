"""Claims: "next item" for an agent, "assign to me", and manual assignment — each item taken exactly once.

- ``claim_next``: the routing engine decides which of the agent's queues are eligible
  (skills and levels, languages, certification for the client, on shift at the
  center, state, capacity); the database then takes the first unassigned open item
  of those queues in claim order (priority, SLA deadline, age, id).
  On PostgreSQL the head row is locked with ``SELECT … FOR UPDATE SKIP LOCKED``, so
  concurrent agents each get a different item without waiting on one another; on
  SQLite (which has no row locks) a compare-and-set ``UPDATE … WHERE assignee IS
  NULL`` is tried down the ordered candidates until one succeeds. Either way the
  assignment itself is that conditional UPDATE, so an item can never be assigned
  twice.
- The agent's own profile row is locked first, so one agent clicking twice at once
  cannot exceed the concurrency.
- ``assign_to_me`` is one compare-and-set UPDATE: among any number of agents asking
  at once, exactly one wins; the others get ``AlreadyTaken``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from handoff.domain.accounts.models import User
from handoff.domain.operations import selectors
from handoff.domain.operations.calendars import center_calendar
from handoff.domain.operations.models import ACTIVE_CATEGORIES, AgentProfile, WorkItem
from handoff.domain.operations.permissions import AGENT_MANAGER_ROLES, is_worker, require, require_role
from handoff.domain.tenancy.access import Actor, real_user, visible_clients
from handoff.engines import routing
from handoff.engines.sla import is_within_hours
from handoff.engines.sla.pauses import StatusCategory

CAS_WINDOW = 50  # SQLite: how many candidates a claim tries before giving up (each miss is a lost race)
IN_HAND_CATEGORIES = (StatusCategory.OPEN, StatusCategory.IN_PROGRESS)

REFUSAL_MESSAGES = {
    routing.Refusal.STATE: "Your state is away or offline: set yourself available to take work.",
    routing.Refusal.OFF_SHIFT: "You are off shift (your center is closed or your shift is over).",
    routing.Refusal.NO_CAPACITY: "You already hold as many items as your concurrency allows.",
}
NOTHING_WAITING = "No item is waiting in the queues you are qualified for."


class AlreadyTaken(Exception):
    """Another agent took the item first (or it is done)."""


@dataclass(frozen=True)
class Claim:
    item: WorkItem | None
    reason: str = ""  # why nothing was claimed


def _profile(actor: Actor) -> AgentProfile:
    """The actor's own agent profile, locked (one claim at a time per agent)."""
    require(is_worker(actor), "Only provider staff who work items claim them.")
    person = real_user(actor)
    profile = (
        AgentProfile.objects.select_for_update(of=("self",))
        .select_related("center")
        .filter(user_id=person.pk if person else 0)
        .first()
    )
    require(profile is not None, "You have no agent profile: ask a team lead to set one up.")
    assert profile is not None
    return profile


def in_hand(actor: Actor) -> int:
    person = real_user(actor)
    return (
        selectors.work_items(actor)
        .filter(assignee_id=person.pk if person else 0, category__in=IN_HAND_CATEGORIES)
        .count()
    )


def agent_snapshot(actor: Actor, profile: AgentProfile, now: datetime) -> routing.Agent:
    """The routing engine's view of an agent at ``now``."""
    calendar = center_calendar(profile.center)
    local = now.astimezone(calendar.zone)
    shift = None
    if profile.shift_start is not None and profile.shift_end is not None:
        start, end = profile.shift_start, profile.shift_end
        shift = routing.Shift(start.hour * 60 + start.minute, end.hour * 60 + end.minute)
    return routing.Agent(
        agent_id=profile.pk,
        skills=profile.skills if isinstance(profile.skills, dict) else {},
        languages=frozenset(profile.languages or []),
        certified_clients=selectors.certified_client_ids(actor, profile),
        state=profile.state,
        center_open=is_within_hours(calendar, now),
        local_minute=local.hour * 60 + local.minute,
        shift=shift,
        in_hand=in_hand(actor),
        concurrency=profile.concurrency,
        last_assigned_at=profile.last_assigned_at,
    )


def queue_rules(actor: Actor) -> list[routing.QueueRule]:
    return [
        routing.QueueRule(
            queue_id=queue.pk,
            client_id=queue.client_id,
            required_skills=queue.required_skills if isinstance(queue.required_skills, dict) else {},
            languages=frozenset(queue.languages or []),
        )
        for queue in selectors.queues(actor)
    ]


def claimable(actor: Actor, queue_ids: list[int]) -> QuerySet[WorkItem]:
    """Unassigned open items of these queues, in claim order (the engine's ``order_key``)."""
    return (
        selectors.work_items(actor)
        .select_related(None)
        .filter(queue_id__in=queue_ids, assignee__isnull=True, category=StatusCategory.OPEN)
        .order_by("priority_rank", F("resolution_due").asc(nulls_last=True), "created_at", "id")
    )


def _compare_and_set(actor: Actor, pk: int, user: User, now: datetime) -> bool:
    """Assign the item to ``user`` only if nobody holds it and it is not done: True when this call won."""
    updated = (
        visible(actor)
        .filter(pk=pk, assignee__isnull=True, category__in=ACTIVE_CATEGORIES)
        .update(assignee=user, assigned_at=now, updated_at=now)
    )
    return updated == 1


def visible(actor: Actor) -> QuerySet[WorkItem]:
    """Items of the actor's clients, unordered and without joins (the target of a conditional UPDATE)."""
    return WorkItem.objects.filter(client__in=visible_clients(actor))


def _take_first(actor: Actor, candidates: QuerySet[WorkItem], user: User, now: datetime) -> WorkItem | None:
    """PostgreSQL: lock the head row, skipping rows other claims hold; SQLite: compare-and-set down the list."""
    if connection.features.has_select_for_update_skip_locked:
        head = candidates.select_for_update(skip_locked=True, of=("self",)).first()
        if head is None or not _compare_and_set(actor, head.pk, user, now):
            return None
        head.assignee, head.assigned_at, head.updated_at = user, now, now
        return head
    for pk in candidates.values_list("pk", flat=True)[:CAS_WINDOW]:
        if _compare_and_set(actor, pk, user, now):
            return selectors.work_item(actor, pk)
    return None


@transaction.atomic
def claim_next(actor: Actor, *, now: datetime | None = None) -> Claim:
    """Take the next item for the signed-in agent, or say why there is none."""
    moment = now if now is not None else timezone.now()
    profile = _profile(actor)
    agent = agent_snapshot(actor, profile, moment)
    refusals = routing.agent_refusals(agent)
    if refusals:
        return Claim(None, REFUSAL_MESSAGES[refusals[0]])
    queue_ids = routing.eligible_queues(agent, queue_rules(actor))
    person = real_user(actor)
    assert person is not None
    taken = _take_first(actor, claimable(actor, queue_ids), person, moment) if queue_ids else None
    if taken is None:
        return Claim(None, NOTHING_WAITING)
    AgentProfile.objects.filter(pk=profile.pk).update(last_assigned_at=moment)
    return Claim(taken)


@transaction.atomic
def assign_to_me(actor: Actor, item: WorkItem, *, now: datetime | None = None) -> WorkItem:
    """Take this item if nobody holds it; exactly one of many simultaneous callers wins."""
    require(is_worker(actor), "Only provider staff who work items take them.")
    person = real_user(actor)
    assert person is not None
    moment = now if now is not None else timezone.now()
    if not _compare_and_set(actor, item.pk, person, moment):
        current = selectors.work_item(actor, item.pk)
        if current.assignee_id == person.pk:
            return current
        raise AlreadyTaken("Someone else took this item first, or it is done.")
    AgentProfile.objects.filter(user_id=person.pk).update(last_assigned_at=moment)
    return selectors.work_item(actor, item.pk)


@transaction.atomic
def assign(actor: Actor, item: WorkItem, assignee_id: Any, *, now: datetime | None = None) -> WorkItem:
    """A team lead or admin hands an item to a staff member who works the client's items (or unassigns it)."""
    require_role(actor, AGENT_MANAGER_ROLES, "Only provider admins and team leads assign items to others.")
    assignee = None
    if assignee_id is not None:
        assignee = User.objects.filter(pk=_int_or_zero(assignee_id), is_active=True).first()
        if assignee is None or not is_worker(assignee) or not visible_clients(assignee).filter(pk=item.client_id):
            raise ValidationError({"assignee": "Choose a staff member who works this client's items."})
    moment = now if now is not None else timezone.now()
    visible(actor).filter(pk=item.pk).update(assignee=assignee, assigned_at=moment if assignee else None)
    return selectors.work_item(actor, item.pk)


def _int_or_zero(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
