"""The item page's SLA, risk, attachments and merge panel, and the breach risks of an items table."""

from __future__ import annotations

from typing import Any

from django import template

from handoff.domain.operations import selectors
from handoff.domain.operations.models import WorkItem
from handoff.domain.operations.permissions import is_worker
from handoff.engines.sla.risk import BreachRisk

register = template.Library()


@register.inclusion_tag("web/operations/_item_intake.html", takes_context=True)
def item_intake_panel(context: template.Context, item: WorkItem) -> dict[str, Any]:
    from handoff.interfaces.web.views.operations_intake import AttachmentForm

    user = context["request"].user
    return {
        "item": item,
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "is_worker": is_worker(user),
        "sla": selectors.item_sla(user, item),
        "risk": selectors.breach_risks(user, [item]).get(item.pk),
        "extra": selectors.item_extra(user, item),
        "duplicates": list(selectors.merged_duplicates(user, item)),
        "attachments": list(selectors.attachments(user, item)),
        "events": list(selectors.item_events(user, item)),
        "attachment_form": AttachmentForm(),
    }


@register.simple_tag(takes_context=True)
def breach_risks(context: template.Context, items: list[WorkItem]) -> dict[int, BreachRisk]:
    return selectors.breach_risks(context["request"].user, list(items))


@register.filter
def risk_for(risks: dict[int, BreachRisk], pk: int) -> BreachRisk | None:
    return risks.get(pk) if isinstance(risks, dict) else None
