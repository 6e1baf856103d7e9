"""A demo-like workforce world: a queue per client with four weeks of work items, a team lead, center agents."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import numpy as np
from django.utils import timezone

from handoff.domain.operations.models import AgentProfile, Queue, WorkItem
from tests import factories
from tests.factories_operations import AgentProfileFactory, QueueFactory, ServiceFactory, WorkItemFactory
from tests.personas import World

HISTORY_DAYS = 28
OPEN_HOURS = range(8, 20)  # the queue is busy 08:00–20:00 at the center, quiet otherwise
MANILA = ZoneInfo("Asia/Manila")


@dataclass(frozen=True)
class WorkforceWorld:
    queue_a: Queue
    queue_b: Queue
    agents: list[AgentProfile]


def arrivals(days: int, seed: int = 7) -> np.ndarray:
    """Items per 30 minutes over ``days`` days: a day-time hump, quieter weekends, Poisson noise."""
    rng = np.random.default_rng(seed)
    slots = np.arange(48)
    hump = np.where(np.isin(slots // 2, list(OPEN_HOURS)), 6 + 6 * np.sin((slots - 16) / 24 * np.pi), 0.3)
    rows = []
    today = timezone.now().astimezone(MANILA).date()
    for day in range(days):
        weekday = (today - dt.timedelta(days=days - day)).weekday()
        rows.append(rng.poisson(hump * (0.5 if weekday >= 5 else 1.0)))
    return np.concatenate(rows)


def add_history(queue: Queue, days: int = HISTORY_DAYS, seed: int = 7) -> int:
    """Work items created over the ``days`` days before today's midnight at the center; returns how many."""
    counts = arrivals(days, seed)
    midnight = dt.datetime.combine(timezone.now().astimezone(MANILA).date(), dt.time.min, MANILA)
    start = midnight - dt.timedelta(days=days)
    items = [
        WorkItemFactory.build(queue=queue, created_at=start + dt.timedelta(minutes=30 * slot + 7 * k))
        for slot, count in enumerate(counts)
        for k in range(int(count))
    ]
    WorkItem.objects.bulk_create(items, batch_size=2000)
    return len(items)


def build_workforce(world: World, *, agents: int = 4) -> WorkforceWorld:
    """Queues of both clients (Manila center), history for both, a team lead of client A, center agents."""
    queue_a = QueueFactory(service=ServiceFactory(engagement=world.bpo_a), name="Care ZQXA queue")
    queue_b = QueueFactory(service=ServiceFactory(engagement=world.bpo_b), name="Care ZQXB queue")
    add_history(queue_a)
    add_history(queue_b, seed=11)
    if "team_lead_a" not in world.users:  # the browser world has one already
        lead = factories.StaffFactory(email="team_lead_a@provider.test", role="team_lead")
        factories.AssignmentFactory(client=world.client_a, user=lead)
        world.users["team_lead_a"] = lead
    center = world.bpo_a.delivery_center
    profiles: list[AgentProfile] = [
        AgentProfileFactory.create(center=center, user=factories.StaffFactory(full_name=f"Agent {n}", role="bpo_agent"))
        for n in range(agents)
    ]
    return WorkforceWorld(queue_a, queue_b, profiles)
