"""The periodic schedule: what is due when, and that each entry really enqueues its task."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from handoff.interfaces.cli.schedule import SCHEDULE, Periodic, due, tick

T0 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def _entries(calls: list[str]) -> tuple[Periodic, ...]:
    return (
        Periodic("fast", timedelta(minutes=1), lambda: calls.append("fast")),
        Periodic("slow", timedelta(hours=1), lambda: calls.append("slow")),
    )


def test_everything_is_due_at_start_then_each_at_its_interval() -> None:
    calls: list[str] = []
    schedule = _entries(calls)
    last_run: dict[str, datetime] = {}
    assert tick(schedule, last_run, T0) == ["fast", "slow"]
    assert tick(schedule, last_run, T0 + timedelta(seconds=59)) == []
    assert tick(schedule, last_run, T0 + timedelta(minutes=1)) == ["fast"]
    assert [entry.name for entry in due(schedule, last_run, T0 + timedelta(hours=1))] == ["fast", "slow"]
    assert calls == ["fast", "slow", "fast"]


def test_schedule_names_are_unique() -> None:
    names = [entry.name for entry in SCHEDULE]
    assert len(names) == len(set(names))


@pytest.mark.django_db
def test_once_enqueues_every_periodic_task_for_the_worker() -> None:
    before = set(DBTaskResult.objects.values_list("id", flat=True))
    call_command("scheduler", "--once")
    enqueued = set(DBTaskResult.objects.exclude(id__in=before).values_list("task_path", flat=True))
    assert len(enqueued) == len(SCHEDULE)
    assert "handoff.domain.operations.tasks.sla_sweep" in enqueued
