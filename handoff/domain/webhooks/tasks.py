"""Sending webhook deliveries: one attempt per run; a failure re-enqueues the task to run after the backoff."""

from __future__ import annotations

from django.tasks import task

from handoff.domain.webhooks import actions, selectors


@task
def deliver_webhook(delivery_id: int) -> str:
    """Attempt one delivery; returns its status afterwards ("" when it is gone)."""
    delivery = selectors.delivery_for_task(delivery_id)
    if delivery is None:
        return ""
    retry_at = actions.attempt_delivery(delivery)
    if retry_at is not None:
        if deliver_webhook.get_backend().supports_defer:
            actions.schedule_retry(delivery, retry_at)
        else:  # a backend without deferred runs (the immediate one): retry now
            deliver_webhook.enqueue(delivery_id)
    return str(delivery.status)
