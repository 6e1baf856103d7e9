"""Automation rows for the isolation world: per client a rule, a rule run, a classifier version, a suggestion.

Client B's rows carry its marker (rule name, conditions, suggestion label), so a page or an API answer that
shows them to a persona of client A is a leak. The rules are scheduled ones, so the probes' own items do not
set them off.
"""

from __future__ import annotations

from django.utils import timezone

from handoff.domain.automation.models import ClassifierModel, Rule, RuleRun, Suggestion
from handoff.domain.operations.models import WorkItem
from handoff.domain.tenancy.models import Client
from tests.personas import MARKER_A, MARKER_B, World


def _automation(client: Client, marker: str) -> None:
    now = timezone.now()
    item = WorkItem.objects.filter(client=client).order_by("pk").first()
    rule = Rule.objects.create(
        client=client,
        name=f"Auto refunds {marker}-RULE",
        trigger="schedule",
        conditions={"field": "title", "op": "contains", "value": f"{marker}-COND"},
        actions=[{"type": "reply", "template": f"Thanks {marker}-TEMPLATE"}],
    )
    ClassifierModel.objects.create(client=client, target="queue", version=1, trained_at=now, labels=[f"{marker}-LABEL"])
    if item is not None:
        RuleRun.objects.create(client=client, item=item, rule=rule, trigger="schedule", at=now, changes=[])
        Suggestion.objects.create(
            client=client,
            item=item,
            target="category",
            label=f"{marker}-SUGGESTED",
            confidence=0.5,
            model_version=1,
            created_at=now,
        )


def build_automation(world: World) -> None:
    _automation(world.client_a, MARKER_A)
    _automation(world.client_b, MARKER_B)
