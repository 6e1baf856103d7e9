"""Reads behind the workforce pages: a queue the actor plans, its arrivals per interval, its center's agents.

A queue is reached through ``operations.selectors.queues`` (scoped to the actor's visible clients), so a
foreign queue id and a missing one both end in Http404; the arrivals are counted from the queue's work
items, read through ``tenancy.access.scoped`` as well.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import QuerySet

from handoff.domain.engagements.models import DeliveryCenter
from handoff.domain.operations import selectors as operations_selectors
from handoff.domain.operations.models import AgentProfile, Queue, WorkItem
from handoff.domain.tenancy.access import Actor, access_owned, scoped
from handoff.domain.workforce.models import StaffingScenario
from handoff.domain.workforce.permissions import plans_workforce, require_planner
from handoff.engines.forecasting import IntervalSeries, count_events


def planned_queues(actor: Actor) -> QuerySet[Queue]:
    """The active queues the actor may plan (none for roles that do not plan)."""
    if not plans_workforce(actor):
        return Queue.objects.none()
    return (
        operations_selectors.queues(actor)
        .select_related("client", "service__engagement__delivery_center")
        .order_by("client__name", "service__name", "name")
    )


def planned_queue(actor: Actor, pk: Any) -> Queue:
    """One queue the actor plans; PermissionDenied for other roles, Http404 when missing or foreign."""
    require_planner(actor)
    return access_owned(actor, planned_queues(actor), pk)


def queue_center(queue: Queue) -> DeliveryCenter:
    """The delivery center that serves the queue (its BPO engagement's)."""
    return queue.service.engagement.delivery_center


def queue_zone(queue: Queue) -> ZoneInfo:
    return ZoneInfo(queue_center(queue).time_zone)


def queue_history(actor: Actor, queue: Queue, start: datetime, end: datetime, step_minutes: int) -> IntervalSeries:
    """Work items created per interval in [start, end) for a queue the actor sees (every interval observed).

    ``start`` must lie on the step's grid counted from its own midnight (use the center's time zone).
    """
    moments = (
        scoped(actor, WorkItem)
        .filter(queue=queue, created_at__gte=start, created_at__lt=end)
        .values_list("created_at", flat=True)
    )
    return count_events(list(moments), timedelta(minutes=step_minutes), start, end)


def first_item_at(actor: Actor, queue: Queue) -> datetime | None:
    """When the queue's first work item was created (its history starts there)."""
    first = scoped(actor, WorkItem).filter(queue=queue).order_by("created_at").values_list("created_at", flat=True)
    return first.first()


def center_agents(queue: Queue, limit: int) -> list[AgentProfile]:
    """Agents of the queue's delivery center (provider data), the first ``limit`` by name."""
    return list(
        AgentProfile.objects.filter(center=queue_center(queue), user__is_active=True)
        .select_related("user")
        .order_by("user__full_name", "pk")[:limit]
    )


def scenarios(actor: Actor, queue: Queue) -> QuerySet[StaffingScenario]:
    """The saved what-if scenarios of a queue, for the actor's clients only."""
    return scoped(actor, StaffingScenario).filter(queue=queue)
