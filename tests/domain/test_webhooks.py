"""Webhooks: endpoints per client, deliveries on stage moves and hires, HMAC signatures, retries with backoff,
and the delivery log, against a real HTTP server on a local socket."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import transaction
from django.http import Http404
from django_tasks_db.models import DBTaskResult

from handoff.domain.recruiting import actions as recruiting_actions
from handoff.domain.webhooks import actions, selectors, signing
from handoff.domain.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint, WebhookEvent
from handoff.domain.webhooks.tasks import deliver_webhook
from tests.personas import World

EVENTS = [WebhookEvent.STAGE_CHANGED.value, WebhookEvent.HIRED.value]


@dataclass
class Receiver:
    """A local HTTP server: answers the queued status codes in turn (then 200), and keeps what it got."""

    statuses: list[int] = field(default_factory=list)
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    url: str = ""


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            state.received.append((dict(self.headers.items()), body))
            self.send_response(state.statuses.pop(0) if state.statuses else 200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            return

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hooks"
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def _local_receivers(settings) -> None:
    settings.WEBHOOK_ALLOW_PRIVATE_HOSTS = True
    settings.WEBHOOK_RETRY_BASE_SECONDS = 0


def endpoint_for(world: World, url: str, events: list[str] | None = None) -> WebhookEndpoint:
    return actions.create_endpoint(
        world.users["hr_admin_a"], world.client_a.pk, {"url": url, "events": events or EVENTS}
    )


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def test_endpoint_rules(world: World) -> None:
    hr_a = world.users["hr_admin_a"]
    endpoint = endpoint_for(world, "https://hooks.example.test/a")
    assert endpoint.secret.startswith("whsec_")
    assert endpoint.client == world.client_a
    with pytest.raises(ValidationError):
        actions.create_endpoint(hr_a, world.client_a.pk, {"url": "ftp://x", "events": ["nope"]})
    with pytest.raises(PermissionDenied):
        actions.create_endpoint(
            world.users["hiring_manager_a"], world.client_a.pk, {"url": "https://x.test", "events": EVENTS}
        )
    with pytest.raises(Http404):
        actions.create_endpoint(hr_a, world.client_b.pk, {"url": "https://x.test", "events": EVENTS})
    with pytest.raises(Http404):
        selectors.endpoint(world.users["hr_admin_b"], endpoint.pk)
    assert list(selectors.endpoints(world.users["hiring_manager_a"])) == []
    assert list(selectors.endpoints(world.users["account_manager_a"])) == [endpoint]
    old = endpoint.secret
    assert actions.rotate_secret(hr_a, endpoint).secret != old


@pytest.mark.django_db(transaction=True)
def test_stage_move_delivers_a_signed_body_after_commit(world: World, receiver: Receiver) -> None:
    endpoint = endpoint_for(world, receiver.url)
    endpoint_for(world, receiver.url + "/hired-only", [WebhookEvent.HIRED.value])
    application = world.recruiting.application_a
    with transaction.atomic():
        recruiting_actions.move_application(world.users["recruiter_a"], application, "screened")
        assert not DBTaskResult.objects.filter(task_path__endswith="deliver_webhook").exists()
    [delivery] = WebhookDelivery.objects.all()
    assert delivery.event == WebhookEvent.STAGE_CHANGED
    assert delivery.endpoint == endpoint
    run_worker()
    [(headers, body)] = receiver.received
    assert signing.verify(endpoint.secret, headers["X-Handoff-Signature"], headers["X-Handoff-Timestamp"], body)
    assert not signing.verify("whsec_other", headers["X-Handoff-Signature"], headers["X-Handoff-Timestamp"], body)
    assert not signing.verify(endpoint.secret, headers["X-Handoff-Signature"], "1", body), "stale timestamp"
    assert headers["X-Handoff-Event"] == "application.stage_changed"
    assert b'"to_stage":{"id":' in body
    assert b'"key":"screened"' in body
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (DeliveryStatus.SUCCEEDED, 1, 200)


@pytest.mark.django_db(transaction=True)
def test_failures_are_retried_with_backoff_and_logged(world: World, receiver: Receiver) -> None:
    endpoint_for(world, receiver.url, [WebhookEvent.STAGE_CHANGED.value])
    receiver.statuses = [500, 503]
    recruiting_actions.move_application(world.users["recruiter_a"], world.recruiting.application_a, "screened")
    run_worker()
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SUCCEEDED, 3)
    log = list(delivery.attempt_log.values_list("number", "status_code"))
    assert log == [(1, 500), (2, 503), (3, 200)]
    assert len({body for _, body in receiver.received}) == 1, "every attempt sends the same body"


def test_backoff_doubles_and_gives_up(world: World, settings) -> None:
    settings.WEBHOOK_RETRY_BASE_SECONDS = 30
    settings.WEBHOOK_MAX_ATTEMPTS = 3
    assert [actions.retry_delay(n).total_seconds() for n in (1, 2, 3)] == [30, 60, 120]
    endpoint = endpoint_for(world, "http://127.0.0.1:9/closed")
    recruiting_actions.move_application(world.users["recruiter_a"], world.recruiting.application_a, "screened")
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    for _ in range(3):
        actions.attempt_delivery(delivery)
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == 3
    assert all(attempt.error and attempt.status_code is None for attempt in delivery.attempt_log.all())
    assert actions.attempt_delivery(delivery) is None, "a finished delivery is not sent again"


def test_private_hosts_refused_by_default(world: World, settings) -> None:
    settings.WEBHOOK_ALLOW_PRIVATE_HOSTS = False
    endpoint_for(world, "http://127.0.0.1:9/internal")
    recruiting_actions.move_application(world.users["recruiter_a"], world.recruiting.application_a, "screened")
    delivery = WebhookDelivery.objects.get()
    actions.attempt_delivery(delivery)
    assert "private network" in delivery.attempt_log.get().error


def test_hire_sends_both_events_only_to_the_clients_endpoints(world: World, receiver: Receiver) -> None:
    endpoint_for(world, receiver.url)
    actions.create_endpoint(
        world.users["hr_admin_b"], world.client_b.pk, {"url": receiver.url + "/b", "events": EVENTS}
    )
    recruiting_actions.move_application(world.users["provider_admin"], world.recruiting.application_a, "hired")
    events = sorted(WebhookDelivery.objects.values_list("event", "client_id"))
    assert events == [("application.hired", world.client_a.pk), ("application.stage_changed", world.client_a.pk)]
    for delivery in WebhookDelivery.objects.all():
        deliver_webhook.call(delivery.pk)
    assert {headers["X-Handoff-Event"] for headers, _ in receiver.received} == set(EVENTS)
