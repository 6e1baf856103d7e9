"""Webhook endpoints (managed by provider admins, account managers and client HR admins), and deliveries.

An event (a ``StageTransition`` saved: see ``signals.py``) becomes one ``WebhookDelivery`` per subscribed
endpoint of the transition's client, in the same transaction; each is sent by the ``deliver_webhook`` task
after commit. A failed attempt (no answer, or not 2xx) is retried with exponential backoff
(``WEBHOOK_RETRY_BASE_SECONDS`` × 2^(attempt−1)) up to ``WEBHOOK_MAX_ATTEMPTS``; every attempt is logged.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from handoff.domain.recruiting.models import StageOutcome, StageTransition
from handoff.domain.tenancy.access import Actor, access_client, real_user
from handoff.domain.webhooks import sending, signing
from handoff.domain.webhooks.models import (
    DeliveryStatus,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
    new_secret,
)
from handoff.domain.webhooks.selectors import manages_webhooks, subscribed_endpoints

DEFAULT_MAX_ATTEMPTS = 6
DEFAULT_RETRY_BASE_SECONDS = 30
EDITABLE = ("url", "description", "events", "active")


def max_attempts() -> int:
    return int(getattr(settings, "WEBHOOK_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS))


def retry_delay(attempt: int) -> dt.timedelta:
    """The wait after failed attempt number ``attempt`` (1, 2, ...): base, 2×base, 4×base, ..."""
    base = float(getattr(settings, "WEBHOOK_RETRY_BASE_SECONDS", DEFAULT_RETRY_BASE_SECONDS))
    return dt.timedelta(seconds=base * 2 ** (attempt - 1))


def _require_manager(actor: Actor, client_id: Any) -> None:
    access_client(actor, client_id)
    if not manages_webhooks(actor):
        raise PermissionDenied("Webhooks are managed by client HR admins, account managers and provider admins.")


def _set_fields(endpoint: WebhookEndpoint, data: dict[str, Any]) -> None:
    for name in EDITABLE:
        if name in data and data[name] is not None:
            setattr(endpoint, name, data[name])
    if isinstance(endpoint.events, list):
        endpoint.events = [event for event in WebhookEvent.values if event in endpoint.events] or endpoint.events


@transaction.atomic
def create_endpoint(actor: Actor, client_id: Any, data: dict[str, Any]) -> WebhookEndpoint:
    client = access_client(actor, client_id)
    _require_manager(actor, client.pk)
    endpoint = WebhookEndpoint(client=client, created_by=real_user(actor))
    _set_fields(endpoint, data)
    endpoint.full_clean()
    endpoint.save()
    return endpoint


@transaction.atomic
def update_endpoint(actor: Actor, endpoint: WebhookEndpoint, data: dict[str, Any]) -> WebhookEndpoint:
    _require_manager(actor, endpoint.client_id)
    _set_fields(endpoint, data)
    endpoint.full_clean()
    endpoint.save()
    return endpoint


@transaction.atomic
def rotate_secret(actor: Actor, endpoint: WebhookEndpoint) -> WebhookEndpoint:
    _require_manager(actor, endpoint.client_id)
    endpoint.secret = new_secret()
    endpoint.save(update_fields=["secret"])
    return endpoint


@transaction.atomic
def delete_endpoint(actor: Actor, endpoint: WebhookEndpoint) -> None:
    _require_manager(actor, endpoint.client_id)
    endpoint.delete()


# --- events -----------------------------------------------------------------------------------------------------


def _stage(stage: Any) -> dict[str, Any] | None:
    return None if stage is None else {"id": stage.pk, "key": stage.key, "name": stage.name}


def transition_payload(transition: StageTransition) -> dict[str, Any]:
    application = transition.application
    return {
        "application_id": application.pk,
        "requisition_id": application.requisition_id,
        "candidate_id": application.candidate_id,
        "from_stage": _stage(transition.from_stage),
        "to_stage": _stage(transition.to_stage),
        "at": transition.at.isoformat(),
        "reason": transition.reason,
    }


def events_of(transition: StageTransition) -> list[str]:
    events = [WebhookEvent.STAGE_CHANGED.value]
    if transition.to_stage.outcome == StageOutcome.HIRED:
        events.append(WebhookEvent.HIRED.value)
    return events


def record_transition(transition: StageTransition) -> list[WebhookDelivery]:
    """Deliveries of a saved stage move to the client's subscribed endpoints, sent after commit."""
    created: list[WebhookDelivery] = []
    for event in events_of(transition):
        endpoints = subscribed_endpoints(transition.client_id, event)
        if not endpoints:
            continue
        data = transition_payload(transition)
        for endpoint in endpoints:
            delivery = WebhookDelivery(client_id=transition.client_id, endpoint=endpoint, event=event, payload={})
            delivery.payload = {
                "id": str(delivery.uid),
                "event": event,
                "created_at": timezone.now().isoformat(),
                "data": data,
            }
            delivery.save()
            created.append(delivery)
    if created:
        ids = [row.pk for row in created]
        transaction.on_commit(lambda: _enqueue(ids), robust=True)
    return created


def _enqueue(ids: list[int], run_after: dt.datetime | None = None) -> None:
    from handoff.domain.webhooks.tasks import deliver_webhook  # the tasks import these actions

    task = deliver_webhook.using(run_after=run_after) if run_after is not None else deliver_webhook
    for pk in ids:
        task.enqueue(pk)


def body_of(delivery: WebhookDelivery) -> bytes:
    return json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True).encode()


def _headers(delivery: WebhookDelivery, body: bytes) -> dict[str, str]:
    timestamp = int(time.time())
    return {
        signing.SIGNATURE_HEADER: signing.signature(delivery.endpoint.secret, timestamp, body),
        signing.TIMESTAMP_HEADER: str(timestamp),
        signing.EVENT_HEADER: delivery.event,
        signing.DELIVERY_HEADER: str(delivery.uid),
    }


def attempt_delivery(delivery: WebhookDelivery) -> dt.datetime | None:
    """Send the delivery once and log the attempt; returns when to retry (None: done, delivered or given up)."""
    if delivery.status in (DeliveryStatus.SUCCEEDED, DeliveryStatus.FAILED):
        return None
    endpoint = delivery.endpoint
    number = delivery.attempts + 1
    body = body_of(delivery)
    if endpoint.active:
        response = sending.post(endpoint.url, body, _headers(delivery, body))
    else:
        response = sending.Response(None, 0, "The endpoint is switched off.")
    now = timezone.now()
    WebhookAttempt.objects.create(
        client_id=delivery.client_id,
        delivery=delivery,
        number=number,
        at=now,
        status_code=response.status_code,
        duration_ms=response.duration_ms,
        error=response.error,
    )
    delivery.attempts = number
    delivery.last_status_code = response.status_code
    retry_at = None
    if response.ok:
        delivery.status, delivery.finished_at, delivery.next_attempt_at = DeliveryStatus.SUCCEEDED, now, None
    elif number >= max_attempts() or not endpoint.active:
        delivery.status, delivery.finished_at, delivery.next_attempt_at = DeliveryStatus.FAILED, now, None
    else:
        retry_at = now + retry_delay(number)
        delivery.status, delivery.next_attempt_at = DeliveryStatus.RETRYING, retry_at
    delivery.save(update_fields=["attempts", "last_status_code", "status", "finished_at", "next_attempt_at"])
    return retry_at


def schedule_retry(delivery: WebhookDelivery, retry_at: dt.datetime) -> None:
    _enqueue([delivery.pk], run_after=retry_at)
