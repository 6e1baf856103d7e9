"""Items raised by email come without the service's required custom fields: marked, shown, and blocking resolve."""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from handoff.domain.operations.actions.csv_intake import import_csv
from handoff.domain.operations.actions.email_intake import address_of, receive_email
from handoff.domain.operations.actions.items import change_status, create_item, fill_custom_fields
from handoff.domain.operations.actions.merge import merge_items
from handoff.domain.operations.actions.missing_fields import missing_fields
from handoff.domain.operations.models import ItemEvent, ItemStatus, WorkItem
from tests.domain.operations_desk import VALID_VALUES, Desk, build_desk
from tests.interfaces.api.conftest import ApiClient, field_errors

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)


@pytest.fixture
def desk() -> Desk:
    return build_desk()


def by_email(desk: Desk, subject: str = "Refund please") -> WorkItem:
    address = address_of(desk.service)
    msg = EmailMessage()
    msg["From"] = "jane@customer.test"
    msg["To"] = address
    msg["Subject"] = subject
    msg["Message-ID"] = f"<{subject.replace(' ', '.')}@customer.test>"
    msg.set_content("Please refund order A-1001.")
    return receive_email(msg.as_bytes(), [address], now=NOW).item


def test_an_email_item_is_raised_and_marked_with_the_fields_it_lacks(desk: Desk) -> None:
    item = by_email(desk)
    assert WorkItem.objects.filter(pk=item.pk).exists()  # nothing lost
    mark = ItemEvent.objects.get(item=item, kind="missing_fields")
    assert mark.detail == {"fields": ["order_id", "channel"], "source": "email"}
    assert missing_fields(item) == ["order_id", "channel"]


def test_items_raised_with_their_fields_carry_no_mark(desk: Desk) -> None:
    item = create_item(desk.agent, desk.service.pk, {"title": "Portal", "custom_fields": VALID_VALUES})
    assert not ItemEvent.objects.filter(item=item).exists()
    assert missing_fields(item) == []
    desk.service.custom_fields = []
    desk.service.save()
    assert not ItemEvent.objects.filter(item=by_email(desk, "No fields needed")).exists()


def test_a_marked_item_cannot_be_resolved_or_closed_until_its_fields_are_filled(desk: Desk) -> None:
    item = by_email(desk)
    for status in (ItemStatus.RESOLVED, ItemStatus.CLOSED):
        with pytest.raises(ValidationError) as caught:
            change_status(desk.agent, item, status)
        errors = caught.value.message_dict
        assert "Order number, channel" in errors["status"][0]
        assert set(errors) == {"status", "custom_fields.order_id", "custom_fields.channel"}
    change_status(desk.agent, item, ItemStatus.IN_PROGRESS)  # working it is fine
    with pytest.raises(ValidationError) as partly:
        fill_custom_fields(desk.agent, item, {"order_id": "A-1001"})  # one of two: refused, naming the other
    assert set(partly.value.message_dict) == {"custom_fields.channel"}
    filled = fill_custom_fields(desk.agent, item, {"order_id": "A-1001", "channel": "email"})
    assert filled.custom_fields == {"order_id": "A-1001", "channel": "email"}
    assert missing_fields(filled) == []
    mark = ItemEvent.objects.get(item=item, kind="missing_fields")
    assert mark.detail["cleared_by"] == desk.agent.pk
    assert change_status(desk.agent, item, ItemStatus.RESOLVED).status == ItemStatus.RESOLVED


def test_filling_is_for_provider_staff_and_checked_against_the_spec(desk: Desk) -> None:
    item = by_email(desk)
    with pytest.raises(ValidationError) as caught:
        fill_custom_fields(desk.agent, item, {"order_id": "A-1", "channel": "fax", "colour": "red"})
    assert set(caught.value.message_dict) == {"custom_fields.channel", "custom_fields.colour"}
    with pytest.raises(Exception, match="provider staff"):
        fill_custom_fields(desk.owner, item, VALID_VALUES)
    assert missing_fields(item) == ["order_id", "channel"]


def test_a_marked_duplicate_can_still_be_merged_and_closed(desk: Desk) -> None:
    first, second = by_email(desk, "One"), by_email(desk, "Two")
    merge_items(desk.agent, first, second)
    second.refresh_from_db()
    assert second.status == ItemStatus.CLOSED


def test_csv_rows_without_required_fields_are_refused_not_marked(desk: Desk) -> None:
    report = import_csv(desk.agent, desk.service, b"title,order_id,channel\nFine,A-1,email\nNo fields,,\n")
    assert [line for line, _ in report.accepted] == [2]
    [rejected] = report.rejected
    assert rejected.line == 3
    assert set(rejected.errors) == {"custom_fields.order_id", "custom_fields.channel"}
    assert not ItemEvent.objects.filter(kind="missing_fields").exists()


def test_the_api_names_the_missing_fields_and_fills_them(desk: Desk) -> None:
    item = by_email(desk)
    api = ApiClient(desk.agent)
    refused = api.post(f"/work-items/{item.pk}/status", {"status": "resolved"})
    assert refused.status_code == 422
    errors = field_errors(refused)
    assert {"custom_fields.order_id", "custom_fields.channel"} <= set(errors)
    bad = api.post(f"/work-items/{item.pk}/custom-fields", {"custom_fields": {"order_id": "A-9"}})
    assert bad.status_code == 422
    assert set(field_errors(bad)) == {"custom_fields.channel"}
    assert (
        ApiClient(desk.owner).post(f"/work-items/{item.pk}/custom-fields", {"custom_fields": VALID_VALUES}).status_code
        == 403
    )
    filled = api.post(f"/work-items/{item.pk}/custom-fields", {"custom_fields": VALID_VALUES})
    assert filled.status_code == 200
    assert filled.json()["custom_fields"] == VALID_VALUES
    assert filled.json()["missing_fields"] == []
    assert api.post(f"/work-items/{item.pk}/status", {"status": "resolved"}).status_code == 200


def test_the_api_lists_each_items_missing_fields(desk: Desk) -> None:
    marked = by_email(desk)
    complete = create_item(desk.agent, desk.service.pk, {"title": "Portal", "custom_fields": VALID_VALUES})
    api = ApiClient(desk.agent)
    listed = {row["id"]: row["missing_fields"] for row in api.get("/work-items").json()["items"]}
    assert listed[marked.pk] == ["order_id", "channel"]
    assert listed[complete.pk] == []
    assert api.get(f"/work-items/{marked.pk}").json()["missing_fields"] == ["order_id", "channel"]
    fill_custom_fields(desk.agent, marked, VALID_VALUES)
    listed = {row["id"]: row["missing_fields"] for row in api.get("/work-items").json()["items"]}
    assert listed[marked.pk] == []


def test_the_item_page_warns_and_takes_the_fields(desk: Desk) -> None:
    item = by_email(desk)
    browser = Client()
    browser.force_login(desk.agent)
    page = browser.get(reverse("web:work_item_detail", kwargs={"item_id": item.pk}))
    text = page.content.decode()
    assert "data-missing-fields" in text
    assert "Order number, channel" in text
    resolve = browser.post(reverse("web:work_item_status", kwargs={"item_id": item.pk}), {"status": "resolved"})
    assert resolve.status_code == 400  # the page again, with the message
    assert "Fill the required fields before resolving or closing: Order number, channel." in resolve.content.decode()
    saved = browser.post(
        reverse("web:work_item_fields", kwargs={"item_id": item.pk}), {"cf_order_id": "A-7", "cf_channel": "phone"}
    )
    assert saved.status_code == 302
    after = browser.get(reverse("web:work_item_detail", kwargs={"item_id": item.pk})).content.decode()
    assert "data-missing-fields" not in after
    item.refresh_from_db()
    assert item.custom_fields == {"order_id": "A-7", "channel": "phone", "vip": False}  # an unticked box
