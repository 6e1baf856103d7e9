"""The demo's operations: services, queues and agents for the active BPO engagements, and items under SLA."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from handoff.domain.engagements.models import BpoEngagement, EngagementStatus
from handoff.domain.operations.actions.items import load_closed_history
from handoff.domain.operations.demo import HISTORY_DAYS, past_traffic
from handoff.domain.operations.models import AgentCertification, AgentProfile, Queue, Service, StatusChange, WorkItem
from handoff.domain.tenancy.roles import StaffRole
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    models = (Service, Queue, AgentProfile, AgentCertification, WorkItem, StatusChange)
    return {model.__name__: model._default_manager.count() for model in models}


def test_the_demo_has_a_desk_per_active_bpo_engagement_and_is_idempotent() -> None:
    call_command("seed_demo", verbosity=0)
    active = BpoEngagement.objects.filter(status=EngagementStatus.ACTIVE).count()
    first = counts()
    assert first["Service"] == first["Queue"] == active
    assert WorkItem.objects.exclude(status="closed").count() == 5 * active >= 30
    assert first["AgentProfile"] == 5
    assert first["AgentCertification"] >= 5
    waiting = WorkItem.objects.filter(status="waiting_customer")
    assert waiting.exists()
    assert not waiting.filter(resolution_due__isnull=False).exists()
    assert not WorkItem.objects.filter(category="open", resolution_due__isnull=True).exists()
    call_command("seed_demo", verbosity=0)
    assert counts() == first


def test_every_demo_queue_has_weeks_of_closed_history_for_the_forecast() -> None:
    call_command("seed_demo", verbosity=0)
    now = timezone.now()
    for queue in Queue.objects.all():
        past = WorkItem.objects.filter(queue=queue, status="closed")
        oldest = past.order_by("created_at").values_list("created_at", flat=True).first()
        assert oldest is not None
        assert now - oldest > timedelta(days=HISTORY_DAYS - 1)
        per_day = past.count() / HISTORY_DAYS
        assert 50 < per_day < 100  # weekdays about 90, weekends less
        assert not past.filter(created_at__gt=now).exists()
        item = past.first()
        assert item is not None
        changes = list(StatusChange.objects.filter(item=item).values_list("to_status", flat=True))
        assert changes == ["new", "closed"]
    assert past_traffic(7, ZoneInfo("Asia/Manila"), now) == past_traffic(7, ZoneInfo("Asia/Manila"), now)


def test_only_provider_admins_load_past_items() -> None:
    call_command("seed_demo", verbosity=0)
    queue = Queue.objects.first()
    assert queue is not None
    before = WorkItem.objects.count()
    raised = timezone.now() - timedelta(days=3)
    lead = StaffFactory(role=StaffRole.TEAM_LEAD)
    with pytest.raises(PermissionDenied):
        load_closed_history(lead, queue, [(raised, raised + timedelta(hours=1))], "Past request")
    admin = StaffFactory(role=StaffRole.ADMIN)
    with pytest.raises(ValidationError):
        load_closed_history(admin, queue, [(raised, raised - timedelta(hours=1))], "Past request")
    assert WorkItem.objects.count() == before
    assert load_closed_history(admin, queue, [(raised, raised + timedelta(hours=1))], "Past request") == 1
