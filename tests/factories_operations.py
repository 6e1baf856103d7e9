"""Factories for the operations app (services, queues, agents, work items), beside tests/factories.py."""

from __future__ import annotations

import datetime as dt

import factory

from handoff.domain.operations.models import (
    AgentCertification,
    AgentProfile,
    ItemStatus,
    Priority,
    Queue,
    Service,
    WorkItem,
)
from handoff.engines.routing import AgentState
from tests import factories

MONDAY_10_MANILA = dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)  # 10:00 in Manila: the default center is open


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    engagement = factory.SubFactory(factories.BpoEngagementFactory)
    client = factory.LazyAttribute(lambda o: o.engagement.client)
    name = factory.Sequence(lambda n: f"Refunds {n}")
    custom_fields = factory.LazyFunction(list)
    sla_targets = factory.LazyFunction(dict)


class QueueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Queue

    service = factory.SubFactory(ServiceFactory)
    client = factory.LazyAttribute(lambda o: o.service.client)
    name = factory.Sequence(lambda n: f"Tier {n}")
    required_skills = factory.LazyFunction(dict)
    languages = factory.LazyFunction(list)


class AgentProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgentProfile

    user = factory.SubFactory(factories.StaffFactory, role="bpo_agent")
    center = factory.SubFactory(factories.DeliveryCenterFactory)
    skills = factory.LazyFunction(dict)
    languages = factory.LazyFunction(lambda: ["en"])
    concurrency = 1
    state = AgentState.AVAILABLE


class CertificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgentCertification

    agent = factory.SubFactory(AgentProfileFactory)
    client = factory.SubFactory(factories.ClientFactory)


class WorkItemFactory(factory.django.DjangoModelFactory):
    """A bare item row (no status history, no deadlines): use actions.items.create_item for real ones."""

    class Meta:
        model = WorkItem

    queue = factory.SubFactory(QueueFactory)
    service = factory.LazyAttribute(lambda o: o.queue.service)
    client = factory.LazyAttribute(lambda o: o.queue.client)
    title = factory.Sequence(lambda n: f"Refund request {n}")
    status = ItemStatus.NEW
    category = "open"
    priority = Priority.NORMAL
    priority_rank = 2
    created_at = MONDAY_10_MANILA
