"""The recruiting demo: every demo client with an RPO engagement has a requisition in every state and a pipeline."""

from __future__ import annotations

from collections import Counter

import pytest

from handoff.domain.demo.seed import seed_demo
from handoff.domain.recruiting.models import (
    Application,
    Candidate,
    Requisition,
    RequisitionStatus,
    StageOutcome,
    StageTransition,
)

pytestmark = pytest.mark.django_db


def test_every_rpo_client_has_requisitions_in_every_state_and_pipelines() -> None:
    report = seed_demo()
    states: dict[int, set[str]] = {}
    for client_id, status in Requisition.objects.values_list("client_id", "status"):
        states.setdefault(client_id, set()).add(status)
    assert len(states) == 6
    assert all(found == set(RequisitionStatus.values) for found in states.values())
    stages = Counter(Application.objects.values_list("stage__key", flat=True))
    assert {"sourced", "screened", "client_review", "interview", "offer", "hired", "rejected"} <= set(stages)
    assert Application.objects.filter(stage__outcome=StageOutcome.REJECTED).exclude(rejection_reason="").exists()
    assert StageTransition.objects.count() > Application.objects.count()  # the first stage plus the moves
    assert report.created["requisitions"] == 36
    for filled in Requisition.objects.filter(status=RequisitionStatus.FILLED):
        assert filled.applications.filter(stage__outcome=StageOutcome.HIRED).count() == filled.headcount


def test_a_second_run_adds_no_recruiting_data() -> None:
    seed_demo()
    before = (Requisition.objects.count(), Candidate.objects.count(), Application.objects.count())
    report = seed_demo()
    assert (Requisition.objects.count(), Candidate.objects.count(), Application.objects.count()) == before
    assert report.created["requisitions"] == 0
