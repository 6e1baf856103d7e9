"""Pages of intake and item extras: CSV upload report, attachments on the item page, merge, queue boards."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from handoff.domain.accounts.models import User
from handoff.domain.operations.actions.items import create_item
from handoff.domain.operations.models import Attachment, ItemStatus, WorkItem
from tests.domain.operations_desk import VALID_VALUES, Desk, build_desk
from tests.factories_operations import MONDAY_10_MANILA

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\nreceipt\n"


@pytest.fixture
def desk(monkeypatch: pytest.MonkeyPatch) -> Desk:
    monkeypatch.setattr(timezone, "now", lambda: MONDAY_10_MANILA)
    return build_desk()


def browser(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def raise_one(desk: Desk, title: str = "Refund A-1001") -> WorkItem:
    return create_item(desk.owner, desk.service.pk, {"title": title, "custom_fields": VALID_VALUES})


def test_csv_upload_page_shows_the_row_report(desk: Desk) -> None:
    url = reverse("web:service_csv_upload", kwargs={"service_id": desk.service.pk})
    owner = browser(desk.owner)
    page = owner.get(url)
    assert page.status_code == 200
    assert b"data-intake-address" in page.content
    data = b"title,order_id,channel\nGood,A-1,email\nBad,,email\n"
    response = owner.post(url, {"file": SimpleUploadedFile("items.csv", data)})
    assert response.status_code == 200
    assert b'data-accepted="1"' in response.content
    assert b'data-rejected="1"' in response.content
    assert b'data-line="3"' in response.content
    assert b"This field is required." in response.content
    assert WorkItem.objects.get().title == "Good"


def test_a_broken_csv_is_a_400_with_the_message_and_nothing_saved(desk: Desk) -> None:
    url = reverse("web:service_csv_upload", kwargs={"service_id": desk.service.pk})
    response = browser(desk.owner).post(url, {"file": SimpleUploadedFile("x.csv", b"\xff\xfe\x00bad")})
    assert response.status_code == 400
    assert b"not UTF-8" in response.content
    assert not WorkItem.objects.exists()


def test_attach_and_download_on_the_item_page(desk: Desk) -> None:
    item = raise_one(desk)
    owner = browser(desk.owner)
    attach = reverse("web:work_item_attach", kwargs={"item_id": item.pk})
    response = owner.post(attach, {"file": SimpleUploadedFile("receipt.pdf", PDF)}, follow=True)
    assert b"receipt.pdf attached." in response.content
    stored = Attachment.objects.get()
    download = owner.get(reverse("web:work_item_attachment", kwargs={"item_id": item.pk, "attachment_id": stored.pk}))
    assert download.status_code == 200
    assert download.content == PDF
    assert download["X-Content-Type-Options"] == "nosniff"
    refused = owner.post(attach, {"file": SimpleUploadedFile("run.exe", b"MZ")}, follow=True)
    assert b"files of this type are not accepted" in refused.content
    assert Attachment.objects.count() == 1
    page = owner.get(reverse("web:work_item_detail", kwargs={"item_id": item.pk}))
    assert b'data-section="sla"' in page.content
    assert b"data-risk=" in page.content
    assert b'data-section="merge"' not in page.content  # client users do not merge


def test_merge_from_the_item_page(desk: Desk) -> None:
    target, duplicate = raise_one(desk, "A"), raise_one(desk, "B")
    agent = browser(desk.agent)
    url = reverse("web:work_item_merge", kwargs={"item_id": duplicate.pk})
    missing = agent.post(url, {"into": "987654"}, follow=True)
    assert b"There is no item #987654 you can see" in missing.content
    response = agent.post(url, {"into": f"#{target.pk}"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("web:work_item_detail", kwargs={"item_id": target.pk})
    assert WorkItem.objects.get(pk=duplicate.pk).status == ItemStatus.CLOSED
    page = agent.get(reverse("web:work_item_detail", kwargs={"item_id": duplicate.pk}))
    assert b"data-merged-into" in page.content


def test_item_list_shows_breach_risk(desk: Desk) -> None:
    raise_one(desk)
    page = browser(desk.owner).get(reverse("web:work_item_list"))
    assert b"Breach risk" in page.content
    assert b"data-risk=" in page.content


def test_queue_boards_for_team_leads(desk: Desk) -> None:
    raise_one(desk)
    lead = browser(desk.lead)
    boards = lead.get(reverse("web:queue_boards"))
    assert boards.status_code == 200
    assert f'data-queue="{desk.queue.pk}"'.encode() in boards.content
    board = lead.get(reverse("web:queue_board", kwargs={"queue_id": desk.queue.pk}))
    assert board.status_code == 200
    assert b"data-backlog" in board.content
    assert browser(desk.owner).get(reverse("web:queue_boards")).status_code == 403
    assert browser(desk.agent).get(reverse("web:queue_board", kwargs={"queue_id": desk.queue.pk})).status_code == 403
