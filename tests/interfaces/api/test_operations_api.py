"""The work-items API: raise (one or a batch), list, read, claim next, assign to me, status, messages."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from handoff.domain.operations.actions.items import add_message, create_item
from handoff.domain.operations.models import MessageKind, WorkItem
from tests.domain.operations_desk import VALID_VALUES, Desk, agent_on, build_desk
from tests.factories_operations import MONDAY_10_MANILA
from tests.interfaces.api.conftest import ApiClient, field_errors

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(monkeypatch: pytest.MonkeyPatch) -> Desk:
    monkeypatch.setattr(timezone, "now", lambda: MONDAY_10_MANILA)  # the center is open on Monday morning
    return build_desk()


def new_item(desk: Desk, **changes: Any) -> dict[str, Any]:
    return {"service_id": desk.service.pk, "title": "Refund A-1001", "custom_fields": VALID_VALUES, **changes}


def raise_one(desk: Desk, title: str = "Refund") -> WorkItem:
    return create_item(desk.owner, desk.service.pk, {"title": title, "custom_fields": VALID_VALUES})


def test_a_process_owner_raises_an_item_and_reads_it_back(desk: Desk) -> None:
    api = ApiClient(desk.owner)
    response = api.post("/work-items", new_item(desk, priority="high", client_id=999))
    assert response.status_code == 422  # owner fields cannot be smuggled in
    response = api.post("/work-items", new_item(desk, priority="high"))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["client_id"] == desk.client.pk
    assert body["priority"] == "high"
    assert body["status"] == "new"
    assert body["first_response_due"]
    assert body["resolution_due"]
    assert api.get(f"/work-items/{body['id']}").json()["title"] == "Refund A-1001"
    assert [row["id"] for row in api.get("/work-items").json()["items"]] == [body["id"]]


def test_custom_field_errors_come_back_per_field(desk: Desk) -> None:
    response = ApiClient(desk.owner).post("/work-items", new_item(desk, custom_fields={"channel": "fax"}))
    assert response.status_code == 422
    assert field_errors(response) == {
        "custom_fields.order_id": "This field is required.",
        "custom_fields.channel": "Choose one of: email, phone.",
    }


def test_a_batch_is_refused_whole_with_errors_per_row(desk: Desk) -> None:
    api = ApiClient(desk.owner)
    bad = {"items": [new_item(desk), new_item(desk, custom_fields={})]}
    response = api.post("/work-items/batch", bad)
    assert response.status_code == 422
    assert "items.1.custom_fields.order_id" in field_errors(response)
    assert api.get("/work-items").json()["count"] == 0
    response = api.post("/work-items/batch", {"items": [new_item(desk, title=f"n{n}") for n in range(3)]})
    assert response.status_code == 201
    assert len(response.json()) == 3


def test_another_clients_service_queue_and_parent_are_refused(desk: Desk) -> None:
    other = build_desk("Beta")
    foreign_item = raise_one(other)
    api = ApiClient(desk.owner)
    assert api.post("/work-items", new_item(desk, service_id=other.service.pk)).status_code == 404
    response = api.post("/work-items", new_item(desk, queue_id=other.queue.pk, parent_id=foreign_item.pk))
    assert response.status_code == 422
    assert set(field_errors(response)) == {"queue_id"}
    response = api.post("/work-items", new_item(desk, parent_id=foreign_item.pk))
    assert field_errors(response) == {"parent_id": "No such item."}
    assert api.get(f"/work-items/{foreign_item.pk}").status_code == 404


def test_claim_next_and_assign_to_me(desk: Desk) -> None:
    first, second = raise_one(desk, "first"), raise_one(desk, "second")
    agent = ApiClient(desk.agent)
    response = agent.post("/work-items/claim-next", {})
    assert response.status_code == 200
    assert response.json()["item"]["id"] == first.pk
    assert response.json()["item"]["assignee_id"] == desk.agent.pk
    full = agent.post("/work-items/claim-next", {}).json()
    assert full["item"] is None
    assert "concurrency" in full["reason"]
    rival, _ = agent_on(desk.client, "rival@provider.test")
    assert ApiClient(rival).post(f"/work-items/{second.pk}/assign-to-me", {}).status_code == 200
    response = agent.post(f"/work-items/{second.pk}/assign-to-me", {})
    assert response.status_code == 409
    assert ApiClient(desk.owner).post("/work-items/claim-next", {}).status_code == 403


def test_status_changes_pause_the_deadline(desk: Desk) -> None:
    item = raise_one(desk)
    agent = ApiClient(desk.agent)
    response = agent.post(f"/work-items/{item.pk}/status", {"status": "waiting_customer"})
    assert response.status_code == 200
    assert response.json()["category"] == "waiting"
    assert response.json()["resolution_due"] is None
    assert agent.post(f"/work-items/{item.pk}/status", {"status": "lost"}).status_code == 422
    assert ApiClient(desk.owner).post(f"/work-items/{item.pk}/status", {"status": "closed"}).status_code == 403


def test_client_users_never_get_internal_notes(desk: Desk) -> None:
    item = raise_one(desk)
    add_message(desk.agent, item, MessageKind.NOTE, "between us")
    agent, owner = ApiClient(desk.agent), ApiClient(desk.owner)
    assert agent.post(f"/work-items/{item.pk}/messages", {"kind": "reply", "body": "on it"}).status_code == 201
    assert owner.post(f"/work-items/{item.pk}/messages", {"kind": "note", "body": "x"}).status_code == 403
    assert owner.post(f"/work-items/{item.pk}/messages", {"body": "thanks"}).status_code == 201
    seen_by_owner = [m["body"] for m in owner.get(f"/work-items/{item.pk}/messages").json()["items"]]
    assert seen_by_owner == ["on it", "thanks"]
    assert agent.get(f"/work-items/{item.pk}/messages").json()["count"] == 3


def test_team_leads_assign_items_to_staff_of_the_client_only(desk: Desk) -> None:
    item = raise_one(desk)
    other = build_desk("Beta")
    lead = ApiClient(desk.lead)
    response = lead.post(f"/work-items/{item.pk}/assign", {"assignee_id": desk.agent.pk})
    assert response.status_code == 200
    assert response.json()["assignee_id"] == desk.agent.pk
    refused = lead.post(f"/work-items/{item.pk}/assign", {"assignee_id": other.agent.pk})
    assert field_errors(refused) == {"assignee_id": "Choose a staff member who works this client's items."}
    assert lead.post(f"/work-items/{item.pk}/assign", {"assignee_id": None}).json()["assignee_id"] is None
    assert ApiClient(desk.agent).post(f"/work-items/{item.pk}/assign", {"assignee_id": None}).status_code == 403
