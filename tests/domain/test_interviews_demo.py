"""The interview demo: a few plans, a booked panel with invites queued, a slot link; a rerun adds nothing."""

from __future__ import annotations

import pytest

from handoff.domain.demo.seed import seed_demo
from handoff.domain.interviews.models import Interview, InterviewPlan, SlotOffer

pytestmark = pytest.mark.django_db


def test_demo_plans_interviews_and_a_rerun_adds_nothing() -> None:
    report = seed_demo()
    assert report.created["interview plans"] == InterviewPlan.objects.count() > 0
    assert Interview.objects.count() == report.created["interviews booked"] > 0
    assert SlotOffer.objects.count() == report.created["interview slot links"]
    for interview in Interview.objects.all():
        assert interview.ics_uid
        assert interview.start < interview.end
    again = seed_demo()
    assert again.created["interview plans"] == 0
    assert again.created["interviews booked"] == 0
