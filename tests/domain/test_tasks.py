"""Engagement notifications: queued in the database after commit, sent by the database worker."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from handoff.domain.engagements import actions
from handoff.domain.engagements.models import RpoModel
from handoff.domain.engagements.tasks import notify_account_team
from tests.factories import DeliveryCenterFactory
from tests.personas import MARKER_B, World

TASK_PATH = "handoff.domain.engagements.tasks.notify_account_team"


class Rollback(Exception):
    pass


def bpo_data() -> dict[str, object]:
    return {
        "name": "Invoice posting",
        "start_date": dt.date(2026, 3, 1),
        "process_type": "accounting",
        "delivery_center": DeliveryCenterFactory(),
        "pricing_model": "per_transaction",
        "rate": Decimal("3.40"),
    }


def rpo_data() -> dict[str, object]:
    return {
        "name": "Sales hiring",
        "start_date": dt.date(2026, 3, 1),
        "model": RpoModel.HYBRID,
        "provider_stages": ["sourcing", "screening"],
        "pricing_model": "fee_per_hire",
        "fee_amount": Decimal("5000"),
    }


def queued() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path=TASK_PATH))


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_created_engagement_queues_one_task_only_after_commit(world: World) -> None:
    admin = world.users["provider_admin"]
    with transaction.atomic():
        engagement = actions.create_bpo_engagement(admin, world.client_a.pk, bpo_data())
        assert queued() == [], "nothing is queued while the transaction is open"
    [result] = queued()
    assert result.status == TaskResultStatus.READY
    assert result.args_kwargs == {"args": ["bpo", engagement.pk], "kwargs": {}}


@pytest.mark.django_db(transaction=True)
def test_rolled_back_creation_queues_nothing(world: World) -> None:
    def create_then_fail() -> None:
        with transaction.atomic():
            actions.create_rpo_engagement(world.users["provider_admin"], world.client_a.pk, rpo_data())
            raise Rollback

    with pytest.raises(Rollback):
        create_then_fail()
    assert queued() == []


@pytest.mark.django_db(transaction=True)
def test_updates_queue_nothing(world: World) -> None:
    actions.update_bpo_engagement(world.users["provider_admin"], world.bpo_a, {"notes": "new notes"})
    assert queued() == []


@pytest.mark.django_db(transaction=True)
def test_worker_emails_account_team_and_process_owners_for_bpo(world: World, settings) -> None:
    settings.SITE_URL = "http://testserver/"
    engagement = actions.create_bpo_engagement(world.users["account_manager_a"], world.client_a.pk, bpo_data())
    assert mail.outbox == []
    run_worker()
    [result] = queued()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == len(mail.outbox)
    recipients = sorted(address for message in mail.outbox for address in message.to)
    team = {world.users[name].email for name in ("recruiter_a", "account_manager_a", "bpo_agent_a")}
    assert team <= set(recipients)
    assert world.users["process_owner_a"].email in recipients
    assert world.users["hr_admin_a"].email not in recipients, "BPO news goes to process owners"
    assert world.users["provider_admin"].email not in recipients, "the admin is on no account team"
    assert all(len(message.to) == 1 for message in mail.outbox), "no one sees the other recipients"
    assert not any(address.endswith(".b@example.test") for address in recipients), "nothing to client B's people"
    message = mail.outbox[0]
    assert engagement.name in message.subject
    assert world.client_a.name in message.subject
    assert "3.40" not in message.body, "pricing stays out of e-mails"
    assert "Back-office" in message.body
    assert f"http://testserver/engagements/bpo/{engagement.pk}/" in message.body


@pytest.mark.django_db(transaction=True)
def test_worker_emails_hr_for_rpo(world: World) -> None:
    actions.create_rpo_engagement(world.users["provider_admin"], world.client_b.pk, rpo_data())
    run_worker()
    recipients = {address for message in mail.outbox for address in message.to}
    assert recipients == {world.users["hr_admin_b"].email, world.users["hiring_manager_b"].email}
    assert all(MARKER_B in message.subject for message in mail.outbox)
    assert "Stages kept by the client's HR team: Requisitions, Interviews, Offers, Onboarding" in mail.outbox[0].body


@pytest.mark.django_db
def test_task_for_a_deleted_engagement_sends_nothing() -> None:
    assert notify_account_team.call("bpo", 987654) == 0
    assert notify_account_team.call("rpo", 987654) == 0
    assert mail.outbox == []
