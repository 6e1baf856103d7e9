"""The demo's operations: services, queues and agents for the active BPO engagements, and items under SLA."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from handoff.domain.engagements.models import BpoEngagement, EngagementStatus
from handoff.domain.operations.models import AgentCertification, AgentProfile, Queue, Service, StatusChange, WorkItem

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    models = (Service, Queue, AgentProfile, AgentCertification, WorkItem, StatusChange)
    return {model.__name__: model._default_manager.count() for model in models}


def test_the_demo_has_a_desk_per_active_bpo_engagement_and_is_idempotent() -> None:
    call_command("seed_demo", verbosity=0)
    active = BpoEngagement.objects.filter(status=EngagementStatus.ACTIVE).count()
    first = counts()
    assert first["Service"] == first["Queue"] == active
    assert first["WorkItem"] == 5 * active >= 30
    assert first["AgentProfile"] == 5
    assert first["AgentCertification"] >= 5
    waiting = WorkItem.objects.filter(status="waiting_customer")
    assert waiting.exists()
    assert not waiting.filter(resolution_due__isnull=False).exists()
    assert not WorkItem.objects.filter(category="open", resolution_due__isnull=True).exists()
    call_command("seed_demo", verbosity=0)
    assert counts() == first
