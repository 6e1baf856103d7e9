"""The demo's assurance data: a QA plan per service, reviews with a calibration, CSAT answers, maker-checker."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db.models import Count

from handoff.domain.assurance.models import AuditEntry, ChangeRequest, ChangeState, CsatSurvey, QaPlan, QaReview
from handoff.domain.operations.models import Service, WorkItem

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_assurance_once() -> None:
    call_command("seed_demo", verbosity=0)
    assert QaPlan.objects.count() == Service.objects.count() > 0
    assert QaReview.objects.exists()
    assert QaReview.objects.values("sample").annotate(n=Count("id")).filter(n__gte=2).exists()  # a calibration
    assert CsatSurvey.objects.filter(score__isnull=False).exists()
    approved = ChangeRequest.objects.filter(state=ChangeState.APPROVED)
    assert approved.exists()
    assert all(change.checker_id != change.maker_id for change in approved)
    resolved = WorkItem.objects.filter(
        status="resolved", service__engagement__process_type__in=["accounting", "payroll"]
    )
    assert resolved.exists()
    assert not resolved.exclude(change_requests__state=ChangeState.APPROVED).exists()
    first = (QaPlan.objects.count(), QaReview.objects.count(), AuditEntry.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (QaPlan.objects.count(), QaReview.objects.count(), AuditEntry.objects.count()) == first
