"""The intake API: CSV upload with a row report, the inbound address, attachments, merge, SLA and risk, boards."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from handoff.domain.operations.actions.items import create_item
from handoff.domain.operations.models import ItemStatus, WorkItem
from tests.domain.operations_desk import VALID_VALUES, Desk, build_desk
from tests.factories_operations import MONDAY_10_MANILA
from tests.interfaces.api.conftest import API, ApiClient, field_errors

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\nreceipt\n"


@pytest.fixture
def desk(monkeypatch: pytest.MonkeyPatch) -> Desk:
    monkeypatch.setattr(timezone, "now", lambda: MONDAY_10_MANILA)
    return build_desk()


def upload(api: ApiClient, path: str, name: str, content: bytes) -> Any:
    return api.client.post(API + path, {"file": SimpleUploadedFile(name, content)}, **api.headers)


def raise_one(desk: Desk, title: str = "Refund") -> WorkItem:
    return create_item(desk.owner, desk.service.pk, {"title": title, "custom_fields": VALID_VALUES})


def test_csv_upload_reports_rows_and_keeps_the_good_ones(desk: Desk) -> None:
    data = b"title,order_id,channel\nGood one,A-1,email\nBad one,,fax\nGood two,A-3,phone\n"
    response = upload(ApiClient(desk.owner), f"/operations/services/{desk.service.pk}/csv", "items.csv", data)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["total"] == 3
    assert [row["line"] for row in body["accepted"]] == [2, 4]
    assert body["rejected"][0]["line"] == 3
    fields = {error["field"] for error in body["rejected"][0]["errors"]}
    assert fields == {"custom_fields.order_id", "custom_fields.channel"}
    assert WorkItem.objects.count() == 2


def test_a_broken_csv_is_a_422_with_the_reason(desk: Desk) -> None:
    response = upload(ApiClient(desk.owner), f"/operations/services/{desk.service.pk}/csv", "x.csv", b"title,zz\na,b\n")
    assert response.status_code == 422
    assert "Unknown columns: zz" in field_errors(response)["file"]


def test_another_clients_service_is_a_404(desk: Desk) -> None:
    other = build_desk("Globex")
    response = upload(ApiClient(desk.owner), f"/operations/services/{other.service.pk}/csv", "x.csv", b"title\na\n")
    assert response.status_code == 404
    assert ApiClient(desk.owner).get(f"/operations/services/{other.service.pk}/intake-address").status_code == 404


def test_the_intake_address_is_stable(desk: Desk) -> None:
    api = ApiClient(desk.agent)
    first = api.get(f"/operations/services/{desk.service.pk}/intake-address").json()["address"]
    assert first == api.get(f"/operations/services/{desk.service.pk}/intake-address").json()["address"]


def test_attachments_upload_list_and_download(desk: Desk) -> None:
    item = raise_one(desk)
    api = ApiClient(desk.owner)
    response = upload(api, f"/operations/items/{item.pk}/attachments", "receipt.pdf", PDF)
    assert response.status_code == 201, response.content
    attachment_id = response.json()["id"]
    assert [row["name"] for row in api.get(f"/operations/items/{item.pk}/attachments").json()] == ["receipt.pdf"]
    download = api.get(f"/operations/items/{item.pk}/attachments/{attachment_id}")
    assert download.status_code == 200
    assert download.content == PDF
    assert download["Content-Disposition"].startswith("attachment;")
    bad = upload(api, f"/operations/items/{item.pk}/attachments", "fake.pdf", b"<html>")
    assert bad.status_code == 422
    assert "not a real PDF" in field_errors(bad)["file"]
    other = build_desk("Globex")
    assert ApiClient(other.owner).get(f"/operations/items/{item.pk}/attachments/{attachment_id}").status_code == 404


def test_merge_by_api(desk: Desk) -> None:
    target, duplicate = raise_one(desk, "A"), raise_one(desk, "B")
    api = ApiClient(desk.agent)
    response = api.post(f"/operations/items/{duplicate.pk}/merge", {"into_id": target.pk})
    assert response.status_code == 200, response.content
    assert response.json()["into_id"] == target.pk
    assert WorkItem.objects.get(pk=duplicate.pk).status == ItemStatus.CLOSED
    again = api.post(f"/operations/items/{duplicate.pk}/merge", {"into_id": target.pk})
    assert again.status_code == 422
    assert ApiClient(desk.owner).post(f"/operations/items/{target.pk}/merge", {"into_id": 1}).status_code in (403, 404)


def test_item_sla_lists_every_target_and_the_risk(desk: Desk) -> None:
    item = raise_one(desk)
    body = ApiClient(desk.agent).get(f"/operations/items/{item.pk}/sla").json()
    assert [target["kind"] for target in body["targets"]] == ["first_response", "resolution"]
    assert 0 <= body["risk"]["probability"] <= 1
    assert body["risk"]["level"] in ("low", "medium", "high")


def test_queue_board_for_staff_only(desk: Desk) -> None:
    raise_one(desk)
    body = ApiClient(desk.lead).get(f"/operations/queues/{desk.queue.pk}/board").json()
    assert body["backlog"] == 1
    assert body["agents_serving"] == 1
    assert ApiClient(desk.owner).get(f"/operations/queues/{desk.queue.pk}/board").status_code == 403
