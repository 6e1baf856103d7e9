"""The requisition board and the client portal cost the same number of queries whatever the number of
applications (bench/bench_board.py measures the same at 200 and 2,000 on SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from handoff.domain.accounts.models import User
from handoff.domain.recruiting.models import Application, Candidate, PipelineStage, Requisition, StageOutcome
from tests.personas import World
from tests.submittals import submitted


def _grow(requisition: Requisition, count: int, start: int) -> None:
    stages = list(PipelineStage.objects.filter(client_id=requisition.client_id, outcome=StageOutcome.ACTIVE))
    candidates = Candidate.objects.bulk_create(
        Candidate(full_name=f"Bulk {index}", email=f"bulk{index}@mail.test") for index in range(start, start + count)
    )
    long_ago = timezone.now() - dt.timedelta(days=40)  # stale in every stage
    Application.objects.bulk_create(
        Application(
            client_id=requisition.client_id,
            requisition=requisition,
            candidate=candidate,
            stage=stages[index % len(stages)],
            stage_entered_at=long_ago,
            tags=["bulk"],
        )
        for index, candidate in enumerate(candidates)
    )


def _queries(user: User, path: str) -> int:
    browser = Client()
    browser.force_login(user)
    browser.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = browser.get(path)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_board_query_count_is_constant_in_the_number_of_applications(world: World) -> None:
    requisition = world.recruiting.requisition_a
    path = f"/recruiting/requisitions/{requisition.pk}/board/"
    _grow(requisition, 10, 0)
    few = _queries(world.users["recruiter_a"], path)
    _grow(requisition, 150, 10)
    many = _queries(world.users["recruiter_a"], path)
    assert many == few


def test_portal_home_query_count_is_constant(world: World, settings: Any) -> None:
    submitted(world)
    manager = world.users["hr_admin_a"]
    few = _queries(manager, "/portal/")
    _grow(world.recruiting.requisition_a, 100, 0)
    many = _queries(manager, "/portal/")
    assert many == few
