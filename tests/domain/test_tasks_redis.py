"""The Redis-backed task path (TASK_BACKEND=redis): Django Tasks → django-tasks-rq → Redis → an rq worker.

Runs only when TEST_REDIS_URL names a Redis that answers (scripts/test.sh sets it to
redis://127.0.0.1:6379/15 when Redis is up); the queue it uses is emptied before and after.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
from collections.abc import Iterator
from decimal import Decimal

import django_rq
import pytest
import redis
from django.core import mail
from django.tasks import TaskResultStatus, task_backends

from handoff.domain.engagements import actions
from handoff.domain.engagements.tasks import notify_account_team
from tests.factories import DeliveryCenterFactory
from tests.personas import World

REDIS_URL = os.environ.get("TEST_REDIS_URL", "")
QUEUE = "default"


def redis_answers(url: str) -> bool:
    if not url:
        return False
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=2).ping())
    except (redis.RedisError, ValueError):
        return False


pytestmark = [
    pytest.mark.redis,
    pytest.mark.skipif(
        not redis_answers(REDIS_URL),
        reason="Redis tests need TEST_REDIS_URL pointing at a Redis that answers (e.g. redis://127.0.0.1:6379/15)",
    ),
]


@pytest.fixture
def rq_backend(settings) -> Iterator[None]:
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "django_rq"]
    settings.RQ_QUEUES = {QUEUE: {"URL": REDIS_URL}}
    settings.RQ = {"JOB_CLASS": "django_tasks_rq.backend.Job"}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [QUEUE]}}
    queue = django_rq.get_queue(QUEUE)
    queue.empty()
    yield
    queue.empty()


def run_rq_worker_in_burst_mode() -> None:
    """An rq worker in this process (so it sees the test database and mail outbox) until the queue is empty."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        worker = django_rq.get_worker(QUEUE, worker_class="rq.SimpleWorker")
        worker.work(burst=True, with_scheduler=False)
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("rq_backend")
def test_created_engagement_is_queued_in_redis_and_run_by_an_rq_worker(world: World) -> None:
    assert type(task_backends["default"]).__name__ == "RQBackend"
    django_rq.get_queue(QUEUE).empty()  # building the world queued its own work (the candidates' index updates)
    engagement = actions.create_bpo_engagement(
        world.users["provider_admin"],
        world.client_a.pk,
        {
            "name": "Order entry",
            "start_date": dt.date(2026, 5, 1),
            "process_type": "data_entry",
            "delivery_center": DeliveryCenterFactory(),
            "pricing_model": "per_transaction",
            "rate": Decimal("0.90"),
        },
    )
    queue = django_rq.get_queue(QUEUE)
    [job_id] = queue.job_ids
    assert queue.count == 1
    result = notify_account_team.get_result(job_id)
    assert result.status == TaskResultStatus.READY
    assert list(result.args) == ["bpo", engagement.pk]
    assert mail.outbox == []

    run_rq_worker_in_burst_mode()

    assert queue.count == 0
    finished = notify_account_team.get_result(job_id)
    assert finished.status == TaskResultStatus.SUCCESSFUL
    assert finished.return_value == len(mail.outbox) > 0
    recipients = {address for message in mail.outbox for address in message.to}
    assert world.users["account_manager_a"].email in recipients
    assert world.users["process_owner_a"].email in recipients
    assert all("Order entry" in message.subject for message in mail.outbox)
