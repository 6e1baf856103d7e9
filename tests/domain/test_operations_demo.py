"""The demo's operations: services, queues and agents for the active BPO engagements, and items under SLA."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from handoff.domain.engagements.models import BpoEngagement, EngagementStatus
from handoff.domain.operations.actions.items import load_closed_history
from handoff.domain.operations.actions.missing_fields import missing_fields
from handoff.domain.operations.demo import HISTORY_DAYS, past_traffic
from handoff.domain.operations.demo_intake import CSV_TITLES, INTAKE_CLIENTS
from handoff.domain.operations.models import (
    AgentCertification,
    AgentProfile,
    EmailLink,
    Message,
    Queue,
    Service,
    StatusChange,
    WorkItem,
)
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
    intake = 2 + len(CSV_TITLES)  # per client of the intake demo: two emails, the CSV batch's good rows
    assert WorkItem.objects.exclude(status="closed").count() == 5 * active + intake * INTAKE_CLIENTS >= 30
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


def test_the_demo_day_has_email_threads_and_a_csv_batch_and_reseeds_idempotently(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", verbosity=0)
    by_email = WorkItem.objects.filter(extra__requester_email__endswith="@customer.example")
    assert by_email.order_by().values("client").distinct().count() == INTAKE_CLIENTS
    assert by_email.count() == 2 * INTAKE_CLIENTS
    for item in by_email.filter(title="Charged twice for my March invoice"):
        directions = list(EmailLink.objects.filter(item=item).values_list("direction", flat=True))
        assert sorted(directions) == ["in", "in", "out", "out"]  # first email, its answer; the ack, our reply
        reply = EmailLink.objects.get(item=item, direction="out", conversation_message__isnull=False)
        assert reply.subject == f"Re: Charged twice for my March invoice [#{item.pk}]"
        assert Message.objects.filter(item=item, kind="reply", author__isnull=True).count() == 1  # the customer
    waiting = by_email.get(title="Cannot download my receipt", client=by_email.first().client)  # type: ignore[union-attr]
    assert missing_fields(waiting) == ["reference", "channel"]  # shown on its page until an agent fills them
    assert WorkItem.objects.filter(title__in=CSV_TITLES).count() == len(CSV_TITLES) * INTAKE_CLIENTS
    sent = len(mail.outbox)
    first = counts() | {"links": EmailLink.objects.count(), "messages": Message.objects.count()}
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", verbosity=0)
    assert counts() | {"links": EmailLink.objects.count(), "messages": Message.objects.count()} == first
    assert len(mail.outbox) == sent
