"""The submittal demo: clients with open pipelines get submittals (one decided), the hiring side is notified, and
a rerun adds nothing."""

from __future__ import annotations

import pytest

from handoff.domain.demo.seed import seed_demo
from handoff.domain.notifications.models import Notification, OutboundEmail
from handoff.domain.recruiting.submittals.models import Submittal, SubmittalDecision

pytestmark = pytest.mark.django_db


def test_demo_submittals_notifications_and_a_rerun_adds_nothing() -> None:
    report = seed_demo()
    assert report.created["submittals"] == Submittal.objects.count() > 0
    assert report.created["submittal decisions"] == SubmittalDecision.objects.count() > 0
    assert Notification.objects.filter(kind="submittal_created").count() >= Submittal.objects.count()
    assert Notification.objects.filter(kind="submittal_decided").exists()
    assert OutboundEmail.objects.exists()
    again = seed_demo()
    assert again.created["submittals"] == 0
    assert again.created["submittal decisions"] == 0
