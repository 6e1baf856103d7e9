"""Automation writes: saving rules, running them on items (on create, on update, on a schedule), the dry run.

Rules run as the system, inside the transaction of the change that triggered them: the item was already
read through the actor's scope, and every row written is the item's client's. Changes made by a rule
carry no actor (``StatusChange.actor`` and ``Message.author`` are empty), which is how the automation
rate tells a rule's work from a person's. A rule's own writes never trigger rules again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from handoff.domain.assurance.actions.checks import require_approval
from handoff.domain.automation import selectors
from handoff.domain.automation.actions import memo
from handoff.domain.automation.models import Rule, RuleRun, Trigger
from handoff.domain.automation.permissions import require_automator
from handoff.domain.operations.actions.items import recompute_deadlines
from handoff.domain.operations.models import (
    ACTIVE_CATEGORIES,
    STATUS_CATEGORY,
    ItemStatus,
    Message,
    MessageKind,
    Queue,
    StatusChange,
    WorkItem,
)
from handoff.domain.operations.selectors import service as visible_service
from handoff.domain.tenancy.access import Actor, access_client, real_user
from handoff.engines.automation import Change, Outcome, RuleSpec, apply_rules, parse_actions, parse_conditions

RULE_FIELDS = frozenset({"name", "trigger", "order", "is_active", "stop", "conditions", "actions"})
SCHEDULE_BATCH = 500
PREVIEW_LIMIT = 200


# --- rules ---------------------------------------------------------------------------------------------------------


def _check_routes(rule: Rule) -> None:
    """A route action names an active queue of the rule's client (and of its service, when it has one)."""
    queue_ids = [a.get("queue_id") for a in rule.actions if isinstance(a, dict) and a.get("type") == "route"]
    for index, queue_id in enumerate(queue_ids):
        queues = Queue.objects.filter(client_id=rule.client_id, is_active=True)
        if rule.service_id:
            queues = queues.filter(service_id=rule.service_id)
        if not isinstance(queue_id, int) or not queues.filter(pk=queue_id).exists():
            raise ValidationError({"actions": f"Route {index}: no such queue for this client or service."})


def _fill(actor: Actor, rule: Rule, data: dict[str, Any]) -> Rule:
    for field, value in data.items():
        if field in RULE_FIELDS:
            setattr(rule, field, value)
    if "service_id" in data:
        sid = data["service_id"]
        rule.service = visible_service(actor, sid) if sid not in (None, "") else None
        if rule.service is not None and rule.service.client_id != rule.client_id:
            raise ValidationError({"service": "The service belongs to another client."})
    rule.full_clean()
    _check_routes(rule)
    rule.save()
    return rule


@transaction.atomic
def create_rule(actor: Actor, client_id: Any, data: dict[str, Any]) -> Rule:
    """A new rule of a client the actor sees and automates (404 for a client it does not see)."""
    require_automator(actor)
    client = access_client(actor, client_id)
    return _fill(actor, Rule(client_id=client.pk, created_by=real_user(actor)), data)


@transaction.atomic
def update_rule(actor: Actor, rule: Rule, data: dict[str, Any]) -> Rule:
    require_automator(actor)
    access_client(actor, rule.client_id)
    return _fill(actor, rule, data)


def spec(rule: Rule) -> RuleSpec:
    return RuleSpec(rule.pk, parse_conditions(rule.conditions), parse_actions(rule.actions), rule.stop)


# --- the item as the engine sees it --------------------------------------------------------------------------------


def item_facts(item: WorkItem, now: datetime | None = None) -> dict[str, Any]:
    """A plain dict of the item for the rule conditions and templates."""
    moment = now or timezone.now()
    return {
        "id": item.pk,
        "title": item.title,
        "description": item.description,
        "text": f"{item.title}\n{item.description}",
        "priority": item.priority,
        "item_type": item.item_type,
        "status": item.status,
        "category": item.category,
        "service_id": item.service_id,
        "service": item.service.name,
        "queue_id": item.queue_id,
        "queue": item.queue.name,
        "assigned": item.assignee_id is not None,
        "has_parent": item.parent_id is not None,
        "sla_state": item.sla_state,
        "age_hours": round((moment - item.created_at).total_seconds() / 3600, 2),
        "custom_fields": dict(item.custom_fields) if isinstance(item.custom_fields, dict) else {},
    }


def _rules_for(item: WorkItem, trigger: str) -> list[Rule]:
    return memo.rules_for(item.client_id, item.service_id, trigger)  # read once per transaction and client


# --- applying changes ----------------------------------------------------------------------------------------------


def _set_status(item: WorkItem, status: str, now: datetime) -> None:
    StatusChange.objects.create(
        client_id=item.client_id,
        item=item,
        actor=None,
        at=now,
        from_status=item.status,
        to_status=status,
        category=STATUS_CATEGORY[status],
    )
    item.status = status


def _apply_change(item: WorkItem, change: Change, now: datetime) -> bool:
    """Write one change; False when it cannot apply (a queue gone or of another service, a nested child)."""
    if change.kind == "set_field" and change.field.startswith("custom_fields."):
        fields = dict(item.custom_fields) if isinstance(item.custom_fields, dict) else {}
        fields[change.field.removeprefix("custom_fields.")] = change.after
        item.custom_fields = fields
    elif change.kind == "set_field":
        setattr(item, change.field, change.after)
    elif change.kind == "route":
        queue = Queue.objects.filter(pk=change.after, client_id=item.client_id, service_id=item.service_id).first()
        if queue is None or not queue.is_active:
            return False
        item.queue = queue
    elif change.kind == "resolve":
        try:
            require_approval(item)  # maker-checker: a rule never resolves an item that awaits its checker
        except ValidationError:
            return False
        _set_status(item, ItemStatus.RESOLVED, now)
    elif change.kind == "reply":
        Message.objects.create(
            client_id=item.client_id, item=item, author=None, kind=MessageKind.REPLY, body=change.after, created_at=now
        )
        if item.first_response_at is None:
            item.first_response_at = now
    else:
        return _create_child(item, change.after, now)
    return True


def _create_child(item: WorkItem, data: dict[str, str], now: datetime) -> bool:
    if item.parent_id is not None:
        return False
    child = WorkItem(
        client_id=item.client_id,
        service_id=item.service_id,
        queue_id=item.queue_id,
        parent=item,
        title=data["title"],
        description=data.get("description", ""),
        priority=item.priority,
        created_at=now,
    )
    child.prepare()
    child.save()
    StatusChange.objects.create(
        client_id=item.client_id,
        item=child,
        actor=None,
        at=now,
        from_status="",
        to_status=child.status,
        category=child.category,
    )
    recompute_deadlines(child, now=now)
    return True


def _record(item: WorkItem, outcome: Outcome, trigger: str, now: datetime) -> RuleRun:
    applied = [change for change in outcome.changes if _apply_change(item, change, now)]
    return RuleRun.objects.create(
        client_id=item.client_id,
        item=item,
        rule_id=outcome.rule_id,
        trigger=trigger,
        at=now,
        changes=[change.as_dict() for change in applied],
        resolved=any(change.kind == "resolve" for change in applied),
    )


def run_rules(item: WorkItem, trigger: str, *, now: datetime | None = None) -> list[RuleRun]:
    """Run the client's active rules of this trigger on the item and write what they change."""
    moment = now or timezone.now()
    rules = [spec(rule) for rule in _rules_for(item, trigger)]
    if not rules:
        return []
    outcomes = apply_rules(item_facts(item, moment), rules)
    if not outcomes:
        return []
    runs = [_record(item, outcome, trigger, moment) for outcome in outcomes]
    item.prepare()
    item.save()
    recompute_deadlines(item, now=moment)
    return runs


@transaction.atomic
def run_scheduled(client_id: int, *, now: datetime | None = None) -> int:
    """Scheduled rules of one client over its open items (run by the task, as the system): rule runs written."""
    moment = now or timezone.now()
    if not Rule.objects.filter(client_id=client_id, is_active=True, trigger=Trigger.SCHEDULE).exists():
        return 0
    items = (
        WorkItem.objects.filter(client_id=client_id, category__in=ACTIVE_CATEGORIES)
        .select_related("service", "queue", "service__engagement__delivery_center")
        .order_by("pk")[:SCHEDULE_BATCH]
    )
    return sum(len(run_rules(item, Trigger.SCHEDULE, now=moment)) for item in items)


def scheduled_client_ids() -> list[int]:
    """Clients that have an active scheduled rule (the task runs each)."""
    rows = Rule.objects.filter(is_active=True, trigger=Trigger.SCHEDULE).values_list("client_id", flat=True)
    return sorted(set(rows))


# --- dry run ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PreviewRow:
    item: WorkItem
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Preview:
    scanned: int
    rows: tuple[PreviewRow, ...]

    @property
    def matched(self) -> int:
        return len(self.rows)


def dry_run(actor: Actor, client_id: Any, data: dict[str, Any], *, limit: int = PREVIEW_LIMIT) -> Preview:
    """Which of the client's latest items the rule would match and what it would change; nothing is written."""
    require_automator(actor)
    client = access_client(actor, client_id)
    errors: dict[str, list[str]] = {}
    try:
        conditions = parse_conditions(data.get("conditions"))
        actions = parse_actions(data.get("actions"))
    except Exception as error:  # RuleError: a ValueError with paths
        paths = getattr(error, "errors", {"conditions": str(error)})
        for path, message in paths.items():
            errors.setdefault(path.split(".")[0], []).append(f"{path}: {message}")
        raise ValidationError(errors) from error
    rule = RuleSpec(0, conditions, actions)
    items = selectors.preview_items(actor, client, data.get("service_id"))[: max(1, min(limit, 1000))]
    scanned, rows = 0, []
    for item in items:
        scanned += 1
        outcomes = apply_rules(item_facts(item), [rule])
        if outcomes:
            rows.append(PreviewRow(item, outcomes[0].changes))
    return Preview(scanned, tuple(rows))


def run_on_created(items: Sequence[WorkItem]) -> None:
    """Hook for operations: rules (and the classifier) on freshly raised items."""
    from handoff.domain.automation.actions.classifier import suggest_for

    for item in items:
        suggest_for(item)
        run_rules(item, Trigger.CREATE)
