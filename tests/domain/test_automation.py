"""Automation in the domain: rules on create, on update and on a schedule, the dry run, the automation rate,
the per-client classifier (training, suggestions, threshold, never across clients)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from handoff.domain.automation import actions, selectors
from handoff.domain.automation.actions import classifier as classify
from handoff.domain.automation.models import ClassifierModel, Rule, RuleRun, Suggestion
from handoff.domain.automation.tasks import run_scheduled_rules, train_classifier
from handoff.domain.operations.actions.items import add_message, change_status, create_item
from handoff.domain.operations.models import ItemStatus, Message, StatusChange, WorkItem
from tests.domain.operations_desk import VALID_VALUES, Desk, build_desk
from tests.factories_operations import QueueFactory

pytestmark = pytest.mark.django_db

MONDAY = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)


@pytest.fixture
def desk() -> Desk:
    return build_desk()


@pytest.fixture(autouse=True)
def _var_dir(settings: Any, tmp_path: Path) -> None:
    settings.VAR_DIR = tmp_path


def raise_item(desk: Desk, title: str = "Refund for order A-1001", **data: Any) -> WorkItem:
    values = {"title": title, "custom_fields": VALID_VALUES, **data}
    return create_item(desk.owner, desk.service.pk, values, now=MONDAY)


def rule(desk: Desk, conditions: Any, rule_actions: list[dict[str, Any]], **data: Any) -> Rule:
    payload = {"name": "Rule", "conditions": conditions, "actions": rule_actions, **data}
    return actions.create_rule(desk.lead, desk.client.pk, payload)


REFUND = {"field": "title", "op": "contains", "value": "refund"}


def test_rules_fire_on_create_and_are_recorded(desk: Desk) -> None:
    second = QueueFactory(service=desk.service, name="Refunds tier two")
    rule(
        desk,
        REFUND,
        [{"type": "set_field", "field": "priority", "value": "urgent"}, {"type": "route", "queue_id": second.pk}],
    )
    item = raise_item(desk)
    item.refresh_from_db()
    assert (item.priority, item.queue_id, item.priority_rank) == ("urgent", second.pk, 0)
    run = RuleRun.objects.get(item=item)
    assert run.trigger == "create"
    assert not run.resolved
    assert [c["kind"] for c in run.changes] == ["set_field", "route"]
    other = raise_item(desk, title="Password reset")
    assert not RuleRun.objects.filter(item=other).exists()


def test_reply_resolve_and_child_actions_write_rows_without_an_actor(desk: Desk) -> None:
    rule(
        desk,
        REFUND,
        [
            {"type": "reply", "template": "We received {title}"},
            {"type": "create_child", "title": "Check {custom_fields.order_id}"},
            {"type": "resolve"},
        ],
    )
    item = raise_item(desk)
    item.refresh_from_db()
    assert item.status == ItemStatus.RESOLVED
    assert item.first_response_at is not None
    reply = Message.objects.get(item=item)
    assert reply.body == "We received Refund for order A-1001"
    assert reply.author is None
    child = WorkItem.objects.get(parent=item)
    assert child.title == "Check A-1001"
    assert child.client_id == desk.client.pk
    resolved = StatusChange.objects.get(item=item, to_status="resolved")
    assert resolved.actor is None
    assert RuleRun.objects.get(item=item).resolved


def test_update_rules_fire_on_status_change_only(desk: Desk) -> None:
    rule(
        desk,
        {"field": "status", "op": "equals", "value": "waiting_customer"},
        [{"type": "set_field", "field": "priority", "value": "low"}],
        trigger="update",
    )
    item = raise_item(desk)
    assert not RuleRun.objects.exists()  # an update rule does not fire on create
    change_status(desk.agent, item, "waiting_customer", now=MONDAY + dt.timedelta(hours=1))
    item.refresh_from_db()
    assert item.priority == "low"
    assert RuleRun.objects.get(item=item).trigger == "update"


def test_scheduled_rules_run_over_open_items(desk: Desk) -> None:
    rule(
        desk,
        {"field": "age_hours", "op": "gte", "value": 48},
        [{"type": "set_field", "field": "priority", "value": "high"}],
        trigger="schedule",
    )
    old, young = raise_item(desk), raise_item(desk, title="Fresh one")
    WorkItem.objects.filter(pk=young.pk).update(created_at=dt.datetime.now(dt.UTC))
    assert not RuleRun.objects.exists()  # a scheduled rule does not fire on create
    assert run_scheduled_rules.call() == 1
    old.refresh_from_db()
    young.refresh_from_db()
    assert (old.priority, young.priority) == ("high", "normal")
    assert actions.run_scheduled(desk.client.pk) == 1  # matched again, nothing left to change
    assert RuleRun.objects.filter(item=old).order_by("id").last().changes == []  # type: ignore[union-attr]


def test_inactive_rules_and_rules_of_another_service_do_not_fire(desk: Desk) -> None:
    rule(desk, REFUND, [{"type": "resolve"}], is_active=False)
    item = raise_item(desk)
    assert not RuleRun.objects.filter(item=item).exists()


def test_dry_run_lists_matches_and_writes_nothing(desk: Desk) -> None:
    matching, other = raise_item(desk), raise_item(desk, title="Password reset")
    counts = (WorkItem.objects.count(), StatusChange.objects.count(), Message.objects.count(), RuleRun.objects.count())
    preview = actions.dry_run(
        desk.lead,
        desk.client.pk,
        {
            "conditions": REFUND,
            "actions": [{"type": "resolve"}, {"type": "create_child", "title": "x"}],
        },
    )
    assert preview.scanned == 2
    assert [row.item.pk for row in preview.rows] == [matching.pk]
    assert [c.kind for c in preview.rows[0].changes] == ["resolve", "create_child"]
    after = (WorkItem.objects.count(), StatusChange.objects.count(), Message.objects.count(), RuleRun.objects.count())
    assert after == counts
    matching.refresh_from_db()
    assert matching.status == ItemStatus.NEW
    assert other.status == ItemStatus.NEW


def test_bad_rules_are_refused_with_field_messages(desk: Desk) -> None:
    with pytest.raises(ValidationError) as caught:
        rule(desk, {"field": "title", "op": "regex", "value": "("}, [{"type": "explode"}])
    assert set(caught.value.message_dict) >= {"conditions", "actions"}
    foreign = build_desk("Other")
    with pytest.raises(ValidationError) as caught:
        rule(desk, {}, [{"type": "route", "queue_id": foreign.queue.pk}])
    assert "actions" in caught.value.message_dict
    with pytest.raises(ValidationError):
        actions.dry_run(
            desk.lead, desk.client.pk, {"conditions": {"field": "x", "op": "??"}, "actions": [{"type": "resolve"}]}
        )


def test_only_automators_of_the_client_manage_rules(desk: Desk) -> None:
    with pytest.raises(PermissionDenied):
        actions.create_rule(desk.agent, desk.client.pk, {"name": "x", "actions": [{"type": "resolve"}]})
    other = build_desk("Other")
    with pytest.raises(Http404):
        actions.create_rule(desk.lead, other.client.pk, {"name": "x", "actions": [{"type": "resolve"}]})
    theirs = rule(other, {}, [{"type": "resolve"}], trigger="schedule")
    with pytest.raises(Http404):
        selectors.rule(desk.lead, theirs.pk)
    assert list(selectors.rules(desk.lead)) == []


def test_automation_rate_counts_items_resolved_by_rules_with_no_human_touch(desk: Desk) -> None:
    rule(desk, REFUND, [{"type": "resolve"}])
    untouched = raise_item(desk)
    touched = raise_item(desk, title="Refund please")
    add_message(desk.agent, touched, "reply", "Looking into it", now=MONDAY + dt.timedelta(minutes=5))
    raise_item(desk, title="Password reset")
    raise_item(desk, title="Address change")
    rate = selectors.automation_rate(desk.lead, desk.client)
    assert (rate.items, rate.by_rule, rate.untouched) == (4, 2, 1)
    assert rate.rate == 0.25
    assert untouched.pk in set(RuleRun.objects.filter(resolved=True).values_list("item_id", flat=True))
    other = build_desk("Other")
    assert selectors.automation_rate(other.lead, other.client).items == 0


def history(desk: Desk, n: int = 40) -> tuple[Any, Any]:
    billing = QueueFactory(service=desk.service, name="Billing")
    for index in range(n):
        if index % 2:
            raise_item(desk, title=f"Refund for order {index}", custom_fields={**VALID_VALUES, "channel": "email"})
        else:
            create_item(
                desk.owner,
                desk.service.pk,
                {"title": f"Invoice copy needed {index}", "queue_id": billing.pk, "custom_fields": VALID_VALUES},
                now=MONDAY,
            )
    return desk.queue, billing


def test_classifier_trains_per_client_and_routes_above_the_threshold(desk: Desk) -> None:
    _refunds, billing = history(desk)
    version = classify.train_client(desk.client.pk, "queue", threshold=0.5)
    assert version.version == 1
    assert version.samples == 40
    assert (Path(classify.model_path(desk.client.pk, version.file_name))).is_file()
    item = raise_item(desk, title="Invoice copy please")  # raised on the first queue (refunds)
    item.refresh_from_db()
    suggestion = Suggestion.objects.get(item=item)
    assert suggestion.queue_id == billing.pk
    assert suggestion.applied
    assert suggestion.confidence >= 0.5
    assert item.queue_id == billing.pk
    assert classify.train_client(desk.client.pk, "queue").version == 2
    assert ClassifierModel.objects.filter(client=desk.client, is_active=True).count() == 1


def test_below_the_threshold_it_is_only_a_suggestion(desk: Desk) -> None:
    refunds, billing = history(desk)
    classify.train_client(desk.client.pk, "queue", threshold=1.0)
    item = raise_item(desk, title="Invoice copy please")
    item.refresh_from_db()
    suggestion = Suggestion.objects.get(item=item)
    assert suggestion.queue_id == billing.pk
    assert not suggestion.applied
    assert item.queue_id == refunds.pk


def test_a_model_is_never_used_for_another_client(desk: Desk) -> None:
    history(desk)
    row = classify.train_client(desk.client.pk, "queue")
    other = build_desk("Other")
    item = create_item(
        other.owner, other.service.pk, {"title": "Invoice copy", "custom_fields": VALID_VALUES}, now=MONDAY
    )
    assert not Suggestion.objects.filter(item=item).exists()
    # a file copied under another client's folder is refused: the payload names its client
    target = classify.model_path(other.client.pk, row.file_name)
    target.parent.mkdir(parents=True)
    target.write_bytes(classify.model_path(desk.client.pk, row.file_name).read_bytes())
    ClassifierModel.objects.create(client=other.client, target="queue", version=row.version, trained_at=row.trained_at)
    assert classify.load(ClassifierModel.objects.get(client=other.client)) is None


def test_training_task_reports_too_little_history(desk: Desk) -> None:
    raise_item(desk)
    assert "at least" in train_classifier.call(desk.client.pk, "queue", None)
    with pytest.raises(ValidationError):
        classify.request_training(desk.lead, desk.client.pk, "queue", "2")
    with pytest.raises(PermissionDenied):
        classify.request_training(desk.agent, desk.client.pk, "queue", None)


def test_the_schedule_command_runs_scheduled_rules(desk: Desk) -> None:
    from io import StringIO

    from django.core.management import call_command

    rule(desk, REFUND, [{"type": "set_field", "field": "priority", "value": "low"}], trigger="schedule")
    raise_item(desk)
    out = StringIO()
    call_command("automation_schedule", stdout=out)
    assert out.getvalue().strip() == "rule runs written: 1"


def test_demo_rules_are_seeded_once_per_client_and_act_on_new_items(desk: Desk) -> None:
    from collections import Counter

    from handoff.domain.automation.demo import seed_automation
    from handoff.domain.tenancy.roles import StaffRole
    from tests import factories

    admin = factories.StaffFactory(email="root@provider.test", role=StaffRole.ADMIN)
    created: Counter[str] = Counter()
    seed_automation(admin, created)
    seed_automation(admin, created)
    assert created["automation rules"] == 2
    item = raise_item(desk, title="Request for a copy of invoice")
    item.refresh_from_db()
    assert item.status == ItemStatus.RESOLVED


def test_a_damaged_model_file_never_stops_an_item_being_raised(desk: Desk) -> None:
    history(desk)
    row = classify.train_client(desk.client.pk, "queue")
    classify.model_path(desk.client.pk, row.file_name).write_bytes(b"not a model")
    item = raise_item(desk, title="Invoice copy please")
    assert WorkItem.objects.filter(pk=item.pk).exists()
    assert not Suggestion.objects.filter(item=item).exists()
