"""Reads of engagements, always scoped to the actor's visible clients."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from handoff.domain.engagements.models import BpoEngagement, DeliveryCenter, RpoEngagement
from handoff.domain.tenancy.access import Actor, access_owned, scoped
from handoff.domain.tenancy.models import Client


def bpo_engagements(actor: Actor, client: Client | None = None) -> QuerySet[BpoEngagement]:
    rows = scoped(actor, BpoEngagement).select_related("client", "delivery_center")
    return rows.filter(client=client) if client is not None else rows


def rpo_engagements(actor: Actor, client: Client | None = None) -> QuerySet[RpoEngagement]:
    rows = scoped(actor, RpoEngagement).select_related("client")
    return rows.filter(client=client) if client is not None else rows


def bpo_engagement(actor: Actor, pk: Any) -> BpoEngagement:
    return access_owned(actor, bpo_engagements(actor), pk)


def rpo_engagement(actor: Actor, pk: Any) -> RpoEngagement:
    return access_owned(actor, rpo_engagements(actor), pk)


def delivery_centers() -> QuerySet[DeliveryCenter]:
    """Delivery centers are the provider's own; every signed-in user may list them."""
    return DeliveryCenter.objects.filter(is_active=True)


# --- Reads for background tasks, which act for no user. Never call these from an interface: ---
# --- a task only receives ids from an action that already checked the actor's access.      ---


def engagement_for_task(kind: str, pk: int) -> BpoEngagement | RpoEngagement | None:
    """The engagement of this kind ("bpo" or "rpo") and id, unscoped; None if it no longer exists."""
    if kind == "bpo":
        return BpoEngagement.objects.select_related("client", "delivery_center").filter(pk=pk).first()
    if kind == "rpo":
        return RpoEngagement.objects.select_related("client").filter(pk=pk).first()
    return None
