"""Reads of automation data, scoped to the actor's clients: rules, rule runs, classifier versions, the rate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from handoff.domain.automation.models import ClassifierModel, Rule, RuleRun, Suggestion
from handoff.domain.automation.permissions import automates, require_automator
from handoff.domain.operations.models import ItemStatus, Message, StatusChange, WorkItem
from handoff.domain.tenancy.access import Actor, access_owned, scoped
from handoff.domain.tenancy.models import Client

DONE = (ItemStatus.RESOLVED, ItemStatus.CLOSED)


def rules(actor: Actor, client: Client | None = None) -> QuerySet[Rule]:
    rows = scoped(actor, Rule).select_related("client", "service") if automates(actor) else Rule.objects.none()
    rows = rows.order_by("client__name", "trigger", "order", "id")
    return rows.filter(client=client) if client is not None else rows


def rule(actor: Actor, pk: Any) -> Rule:
    require_automator(actor)
    return access_owned(actor, rules(actor), pk)


def rule_runs(actor: Actor, client: Client | None = None) -> QuerySet[RuleRun]:
    rows = scoped(actor, RuleRun).select_related("rule", "item") if automates(actor) else RuleRun.objects.none()
    return rows.filter(client=client) if client is not None else rows


def preview_items(actor: Actor, client: Client, service_id: Any = None) -> QuerySet[WorkItem]:
    """The client's latest items, newest first (what a dry run looks at)."""
    rows = (
        scoped(actor, WorkItem).filter(client=client).select_related("service", "queue").order_by("-created_at", "-id")
    )
    if service_id not in (None, ""):
        try:
            rows = rows.filter(service_id=int(service_id))
        except (TypeError, ValueError):
            return rows.none()
    return rows


def classifier_models(actor: Actor, client: Client | None = None) -> QuerySet[ClassifierModel]:
    rows = scoped(actor, ClassifierModel) if automates(actor) else ClassifierModel.objects.none()
    return rows.filter(client=client) if client is not None else rows


def active_classifier(client_id: int, target: str) -> ClassifierModel | None:
    """The client's newest active version (system read for the hook; the item was scoped already)."""
    return (
        ClassifierModel.objects.filter(client_id=client_id, target=target, is_active=True).order_by("-version").first()
    )


def suggestions(actor: Actor, client: Client | None = None) -> QuerySet[Suggestion]:
    rows = scoped(actor, Suggestion).select_related("item", "queue") if automates(actor) else Suggestion.objects.none()
    return rows.filter(client=client) if client is not None else rows


def item_suggestions(actor: Actor, item: WorkItem) -> QuerySet[Suggestion]:
    return suggestions(actor).filter(item=item)


@dataclass(frozen=True)
class AutomationRate:
    items: int  # raised in the period
    done: int  # of those, resolved or closed
    by_rule: int  # resolved by a rule
    untouched: int  # resolved by a rule with no human touch

    @property
    def rate(self) -> float:
        """Items handled with no human touch, as a share of all items raised."""
        return self.untouched / self.items if self.items else 0.0

    @property
    def share_of_done(self) -> float:
        return self.untouched / self.done if self.done else 0.0


def automation_rate(
    actor: Actor, client: Client | None = None, since: datetime | None = None, until: datetime | None = None
) -> AutomationRate:
    """Items resolved by a rule that no person touched after raising them (no status change by a person, no
    message by provider staff, never assigned)."""
    items = scoped(actor, WorkItem) if automates(actor) else WorkItem.objects.none()
    if client is not None:
        items = items.filter(client=client)
    if since is not None:
        items = items.filter(created_at__gte=since)
    if until is not None:
        items = items.filter(created_at__lt=until)
    resolved_by_rule = Exists(RuleRun.objects.filter(item=OuterRef("pk"), resolved=True))
    human_status = Exists(StatusChange.objects.filter(item=OuterRef("pk"), actor__isnull=False).exclude(from_status=""))
    staff_message = Exists(Message.objects.filter(item=OuterRef("pk"), author__isnull=False, author__kind="provider"))
    by_rule = items.filter(resolved_by_rule)
    return AutomationRate(
        items=items.count(),
        done=items.filter(status__in=DONE).count(),
        by_rule=by_rule.count(),
        untouched=by_rule.filter(~Q(human_status) & ~Q(staff_message), assignee__isnull=True).count(),
    )
