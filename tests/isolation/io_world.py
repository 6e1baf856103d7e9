"""Imports and webhooks for the isolation world.

Webhooks are client data: an endpoint per client (B's URL, description and secret are marked or unique, so a
page or an answer that shows them to a persona of client A is a leak), each with one delivery and its
attempt. Import jobs are provider data (the talent pool's): one job with its report, no foreign id.
"""

from __future__ import annotations

from handoff.domain.imports import actions as import_actions
from handoff.domain.imports.models import ImportJob
from handoff.domain.tenancy.models import Client
from handoff.domain.webhooks import actions as webhook_actions
from handoff.domain.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookEvent
from tests.personas import MARKER_A, MARKER_B, World

EVENTS = [WebhookEvent.STAGE_CHANGED.value, WebhookEvent.HIRED.value]


def _endpoint(world: World, client: Client, persona: str, marker: str) -> WebhookEndpoint:
    endpoint = webhook_actions.create_endpoint(
        world.users[persona],
        client.pk,
        {"url": f"https://hooks.{marker.lower()}.example/in", "description": f"Hook {marker}", "events": EVENTS},
    )
    delivery = WebhookDelivery.objects.create(
        client=client,
        endpoint=endpoint,
        event=WebhookEvent.STAGE_CHANGED,
        payload={"event": "application.stage_changed", "data": {"note": f"Payload {marker}"}},
    )
    WebhookAttempt.objects.create(
        client=client, delivery=delivery, number=1, at=delivery.created_at, status_code=500, error=f"Boom {marker}"
    )
    return endpoint


def build_io(world: World) -> None:
    _endpoint(world, world.client_a, "hr_admin_a", MARKER_A)
    _endpoint(world, world.client_b, "hr_admin_b", MARKER_B)
    job = import_actions.start_import(
        world.users["provider_admin"],
        "pool.csv",
        b"Name,Email\nIo Probe,io.probe@pool.test\nBad,nope\n",
        background=False,
    )
    import_actions.confirm_mapping(world.users["provider_admin"], job, job.mapping, background=False)
    import_actions.run_import(job)


def endpoint_ids(world: World) -> tuple[WebhookEndpoint | None, WebhookEndpoint | None]:
    rows = WebhookEndpoint.objects.order_by("pk")
    return rows.filter(client=world.client_a).first(), rows.filter(client=world.client_b).first()


def job_id() -> ImportJob | None:
    return ImportJob.objects.order_by("pk").first()
