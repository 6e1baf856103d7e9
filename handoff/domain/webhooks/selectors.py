"""Reads of webhooks: scoped to the actor's clients, and only for the roles that manage them."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from handoff.domain.tenancy.access import Actor, access_owned, real_user, scoped
from handoff.domain.tenancy.roles import ClientRole, StaffRole
from handoff.domain.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint

WEBHOOK_MANAGERS = frozenset({StaffRole.ADMIN, StaffRole.ACCOUNT_MANAGER, ClientRole.HR_ADMIN})


def manages_webhooks(actor: Actor) -> bool:
    person = real_user(actor)
    return person is not None and person.role in WEBHOOK_MANAGERS


def endpoints(actor: Actor) -> QuerySet[WebhookEndpoint]:
    rows = scoped(actor, WebhookEndpoint).select_related("client")
    return rows if manages_webhooks(actor) else rows.none()


def endpoint(actor: Actor, pk: Any) -> WebhookEndpoint:
    return access_owned(actor, endpoints(actor), pk)


def _attempts(actor: Actor) -> Prefetch[str, QuerySet[WebhookAttempt], str]:
    """Each delivery's attempts, as the list ``attempt_rows`` (one query for a page of deliveries)."""
    return Prefetch("attempt_log", queryset=scoped(actor, WebhookAttempt), to_attr="attempt_rows")


def deliveries(actor: Actor, endpoint: WebhookEndpoint) -> QuerySet[WebhookDelivery]:
    rows = scoped(actor, WebhookDelivery).filter(endpoint=endpoint).prefetch_related(_attempts(actor))
    return rows if manages_webhooks(actor) else rows.none()


def delivery(actor: Actor, pk: Any) -> WebhookDelivery:
    rows = scoped(actor, WebhookDelivery).select_related("endpoint").prefetch_related(_attempts(actor))
    return access_owned(actor, rows if manages_webhooks(actor) else rows.none(), pk)


# --- for the worker and the event hook (no actor: they act on what already happened) ---------------------------


def delivery_for_task(pk: int) -> WebhookDelivery | None:
    return WebhookDelivery.objects.select_related("endpoint").filter(pk=pk).first()


def subscribed_endpoints(client_id: int, event: str) -> list[WebhookEndpoint]:
    rows = WebhookEndpoint.objects.filter(client_id=client_id, active=True)
    return [row for row in rows if event in row.events]
