"""The periodic work of the platform: which task is enqueued how often.

``handoff scheduler`` (started by ``scripts/run.sh`` beside the worker) enqueues each task on the same
queue the worker reads, at its interval; the tasks themselves are idempotent (each warning, reminder,
survey and sample is recorded once), so a late or doubled tick changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from handoff.domain.assurance.tasks import draw_last_week_samples
from handoff.domain.automation.tasks import run_scheduled_rules
from handoff.domain.interviews.tasks import request_scorecards, send_reminders
from handoff.domain.matching.tasks import compact_index
from handoff.domain.offers.tasks import expire_offers, send_hire_surveys
from handoff.domain.operations.tasks import sla_sweep


@dataclass(frozen=True)
class Periodic:
    name: str
    every: timedelta
    enqueue: Callable[[], Any]


SCHEDULE: tuple[Periodic, ...] = (
    Periodic("SLA warnings and escalations", timedelta(minutes=1), sla_sweep.enqueue),
    Periodic("interview reminders", timedelta(minutes=5), send_reminders.enqueue),
    Periodic("interview scorecard requests", timedelta(minutes=15), request_scorecards.enqueue),
    Periodic("scheduled automation rules", timedelta(minutes=15), run_scheduled_rules.enqueue),
    Periodic("offer expiry", timedelta(hours=1), expire_offers.enqueue),
    Periodic("quality-of-hire surveys", timedelta(hours=1), send_hire_surveys.enqueue),
    Periodic("weekly QA samples", timedelta(hours=6), draw_last_week_samples.enqueue),
    Periodic("matching index compaction", timedelta(hours=24), compact_index.enqueue),
)


def due(schedule: Iterable[Periodic], last_run: dict[str, datetime], now: datetime) -> list[Periodic]:
    """The entries never run, or whose interval has passed since their last run."""
    return [entry for entry in schedule if entry.name not in last_run or now - last_run[entry.name] >= entry.every]


def tick(schedule: Iterable[Periodic], last_run: dict[str, datetime], now: datetime) -> list[str]:
    """Enqueue what is due and remember when; the names enqueued."""
    enqueued = []
    for entry in due(schedule, last_run, now):
        entry.enqueue()
        last_run[entry.name] = now
        enqueued.append(entry.name)
    return enqueued
