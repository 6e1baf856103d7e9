"""The macros API: set-up with field errors, the macros of an item (with their text filled in), applying one."""

from __future__ import annotations

from typing import Any

import pytest

from handoff.domain.operations.actions.items import create_item
from handoff.domain.operations.models import ItemStatus, Macro, Message, MessageKind, WorkItem
from handoff.domain.tenancy.roles import StaffRole
from tests.domain.operations_desk import VALID_VALUES, Desk, build_desk, staff_on
from tests.factories_operations import ServiceFactory
from tests.interfaces.api.conftest import ApiClient, field_errors

pytestmark = pytest.mark.django_db

BODY = "Hi {{ requester_name }}, {{ item_reference }} is resolved. {{ agent_name }}"


@pytest.fixture
def desk() -> Desk:
    return build_desk()


def raise_item(desk: Desk) -> WorkItem:
    return create_item(desk.owner, desk.service.pk, {"title": "Refund", "custom_fields": VALID_VALUES})


def new_macro(api: ApiClient, desk: Desk, **data: object) -> dict[str, Any]:
    body = {"client_id": desk.client.pk, "title": "Resolved", "body": BODY, "set_status": "resolved", **data}
    response = api.post("/macros", body)
    assert response.status_code == 201, response.content
    result: dict[str, Any] = response.json()
    return result


def test_a_team_lead_creates_reads_updates_and_deactivates(desk: Desk) -> None:
    api = ApiClient(desk.lead)
    created = new_macro(api, desk, service_id=desk.service.pk)
    assert (created["client_id"], created["service_id"], created["usage_count"]) == (desk.client.pk, desk.service.pk, 0)
    path = f"/macros/{created['id']}"
    assert api.get(path).json()["title"] == "Resolved"
    response = api.patch(path, {"title": "Done", "service_id": None})
    assert response.status_code == 200, response.content
    assert (response.json()["title"], response.json()["service_id"]) == ("Done", None)
    response = api.delete(path)
    assert response.status_code == 200
    assert response.json()["is_active"] is False
    assert [row["id"] for row in api.get("/macros", {"active": False}).json()["items"]] == [created["id"]]
    assert api.get("/macros", {"active": True}).json()["items"] == []


def test_bad_input_is_a_field_error(desk: Desk) -> None:
    api = ApiClient(desk.lead)
    response = api.post("/macros", {"client_id": desk.client.pk, "title": "X", "body": "Dear {{ customer }}"})
    assert response.status_code == 422
    assert "Unknown placeholder {{ customer }}" in field_errors(response)["body"]
    foreign = ServiceFactory(name="Elsewhere")
    response = api.post("/macros", {"client_id": desk.client.pk, "title": "X", "body": "Hi", "service_id": foreign.pk})
    assert response.status_code == 422
    assert "service_id" in field_errors(response)
    response = api.post("/macros", {"client_id": desk.client.pk, "title": "X", "body": "Hi", "set_status": "lost"})
    assert response.status_code == 422
    assert "set_status" in field_errors(response)
    assert not Macro.objects.exists()


def test_an_agent_cannot_set_up_and_a_foreign_client_is_not_found(desk: Desk) -> None:
    response = ApiClient(desk.agent).post("/macros", {"client_id": desk.client.pk, "title": "X", "body": "Hi"})
    assert response.status_code == 403
    other = build_desk("Globex")
    response = ApiClient(desk.lead).post("/macros", {"client_id": other.client.pk, "title": "X", "body": "Hi"})
    assert response.status_code == 404
    foreign = new_macro(ApiClient(other.lead), other)
    assert ApiClient(desk.lead).get(f"/macros/{foreign['id']}").status_code == 404
    assert ApiClient(desk.lead).delete(f"/macros/{foreign['id']}").status_code == 404
    assert ApiClient(desk.lead).get("/macros").json()["items"] == []


def test_an_items_macros_are_those_of_its_client_and_service_with_their_text(desk: Desk) -> None:
    item = raise_item(desk)
    lead = ApiClient(desk.lead)
    general = new_macro(lead, desk)
    own = new_macro(lead, desk, title="Own", service_id=desk.service.pk)
    other_service = ServiceFactory(engagement=desk.engagement, name="Order entry")
    new_macro(lead, desk, title="Elsewhere", service_id=other_service.pk)
    other = build_desk("Globex")
    new_macro(ApiClient(other.lead), other, title="Globex")
    admin = ApiClient(staff_on(desk.client, "admin@provider.test", StaffRole.ADMIN))  # sees both clients
    rows = admin.get(f"/work-items/{item.pk}/macros").json()
    assert {row["id"] for row in rows} == {own["id"], general["id"]}
    by_id = {row["id"]: row for row in ApiClient(desk.agent).get(f"/work-items/{item.pk}/macros").json()}
    expected = f"Hi {desk.owner.get_full_name()}, #{item.pk} is resolved. {desk.agent.get_full_name()}"
    assert by_id[general["id"]]["preview"] == expected
    assert ApiClient(desk.owner).get(f"/work-items/{item.pk}/macros").status_code == 403


def test_applying_posts_the_reply_and_sets_the_status(desk: Desk) -> None:
    item = raise_item(desk)
    macro = new_macro(ApiClient(desk.lead), desk, kind="note", set_status="in_progress")
    response = ApiClient(desk.agent).post(f"/work-items/{item.pk}/macros/{macro['id']}/apply", {})
    assert response.status_code == 201, response.content
    result = response.json()
    assert result["message"]["kind"] == MessageKind.NOTE
    assert result["item"]["status"] == ItemStatus.IN_PROGRESS
    assert Message.objects.get(item=item).body.startswith(f"Hi {desk.owner.get_full_name()}")
    assert Macro.objects.get(pk=macro["id"]).usage_count == 1


def test_a_macro_of_another_client_is_never_applied(desk: Desk) -> None:
    item = raise_item(desk)
    other = build_desk("Globex")
    foreign = new_macro(ApiClient(other.lead), other)
    path = f"/work-items/{item.pk}/macros/{foreign['id']}/apply"
    assert ApiClient(desk.agent).post(path, {}).status_code == 404
    admin = ApiClient(staff_on(desk.client, "admin@provider.test", StaffRole.ADMIN))
    response = admin.post(path, {"body": "Hi"})
    assert response.status_code == 422
    assert "does not apply" in field_errors(response)["macro_id"]
    assert not Message.objects.filter(item=item).exists()
    assert Macro.objects.get(pk=foreign["id"]).usage_count == 0
