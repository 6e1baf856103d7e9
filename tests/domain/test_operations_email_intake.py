"""Inbound email (without the SMTP server): new items, threading, attachments, malformed messages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from email.message import EmailMessage
from typing import Any

import pytest
from django.core import mail

from handoff.domain.operations.actions.email_intake import (
    EmailRejected,
    address_of,
    receive_email,
    service_for_recipient,
)
from handoff.domain.operations.actions.merge import merge_items
from handoff.domain.operations.models import Attachment, EmailLink, ItemExtra, Message, WorkItem
from tests.domain.operations_desk import Desk, build_desk

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)
PDF = b"%PDF-1.7\nreceipt\n"


@pytest.fixture
def desk() -> Desk:
    return build_desk()


def message(
    to: str, subject: str = "Refund for A-1001", body: str = "Please refund.", sender: str = "jane@customer.test"
) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = f"Jane <{sender}>"
    msg["To"] = to
    msg["Subject"] = subject
    msg["Message-ID"] = f"<{abs(hash((subject, body)))}@customer.test>"
    msg.set_content(body)
    return msg


def test_each_service_has_its_own_unguessable_address(desk: Desk) -> None:
    address = address_of(desk.service)
    assert address == address_of(desk.service)  # made once
    assert address.endswith("@intake.handoff.localhost")
    assert service_for_recipient(address.upper()) == desk.service
    assert service_for_recipient("refunds@intake.handoff.localhost") is None
    assert service_for_recipient(address.replace("intake.", "other.")) is None


def test_a_new_message_raises_an_item_and_is_acknowledged(
    desk: Desk, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    address = address_of(desk.service)
    msg = message(address)
    msg.add_attachment(PDF, maintype="application", subtype="pdf", filename="receipt.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        result = receive_email(msg.as_bytes(), [address], now=NOW)
    item = result.item
    assert result.created
    assert result.attachments == 1
    assert (item.title, item.description, item.client_id) == ("Refund for A-1001", "Please refund.", desk.client.pk)
    assert item.queue == desk.queue
    assert item.first_response_due is not None
    assert ItemExtra.objects.get(item=item).requester_email == "jane@customer.test"
    assert Attachment.objects.get(item=item).name == "receipt.pdf"
    ack = mail.outbox[0]
    assert ack.to == ["jane@customer.test"]
    assert ack.subject.startswith(f"[#{item.pk}]")
    assert EmailLink.objects.filter(item=item, direction="out", message_id=ack.extra_headers["Message-ID"]).exists()


def test_a_reply_threads_by_in_reply_to_and_by_subject_token(
    desk: Desk, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    address = address_of(desk.service)
    with django_capture_on_commit_callbacks(execute=True):
        item = receive_email(message(address).as_bytes(), [address], now=NOW).item
    ack_id = mail.outbox[0].extra_headers["Message-ID"]
    reply = message(address, subject="Re: your request", body="Here is more.")
    reply["In-Reply-To"] = ack_id
    threaded = receive_email(reply.as_bytes(), [address], now=NOW + dt.timedelta(minutes=5))
    assert not threaded.created
    assert threaded.item == item
    assert threaded.message is not None
    assert "Here is more." in threaded.message.body
    by_subject = message(address, subject=f"Re: [#{item.pk}] Refund", body="Third message")
    assert receive_email(by_subject.as_bytes(), [address], now=NOW).item == item
    assert WorkItem.objects.count() == 1
    assert Message.objects.filter(item=item).count() == 2
    assert ItemExtra.objects.get(item=item).awaiting_reply_since is not None  # the next-response clock runs


def test_a_subject_token_of_another_service_raises_a_new_item(desk: Desk) -> None:
    other = build_desk("Globex")
    foreign = receive_email(message(address_of(other.service)).as_bytes(), [address_of(other.service)]).item
    address = address_of(desk.service)
    result = receive_email(message(address, subject=f"[#{foreign.pk}] hijack").as_bytes(), [address])
    assert result.created
    assert result.item.client_id == desk.client.pk


def test_replies_to_a_merged_item_go_to_the_surviving_item(desk: Desk) -> None:
    address = address_of(desk.service)
    first = receive_email(message(address, subject="One").as_bytes(), [address]).item
    second = receive_email(message(address, subject="Two").as_bytes(), [address]).item
    merge_items(desk.agent, first, second)
    reply = message(address, subject=f"Re: [#{second.pk}] Two", body="more")
    assert receive_email(reply.as_bytes(), [address]).item == first


def test_the_same_message_delivered_twice_is_kept_once(desk: Desk) -> None:
    address = address_of(desk.service)
    raw = message(address).as_bytes()
    assert receive_email(raw, [address]).created
    assert not receive_email(raw, [address]).created
    assert WorkItem.objects.count() == 1


def test_html_only_messages_are_read_as_text(desk: Desk) -> None:
    address = address_of(desk.service)
    msg = message(address)
    msg.set_content("<p>Refund <b>please</b> &amp; thanks</p>", subtype="html")
    item = receive_email(msg.as_bytes(), [address]).item
    assert item.description.split() == ["Refund", "please", "&", "thanks"]


@pytest.mark.parametrize(
    ("raw", "code", "text"),
    [
        (b"no headers at all, just junk", 554, "no sender"),
        (b"From: nobody\r\nSubject: x\r\n\r\nbody", 554, "no sender"),
        (
            b"From: a@b.test\r\nSubject: x\r\nContent-Type: text/plain; charset=x-unknown-charset\r\n\r\nbody",
            554,
            "could not be decoded",
        ),
    ],
)
def test_malformed_messages_are_refused_with_a_code(desk: Desk, raw: bytes, code: int, text: str) -> None:
    with pytest.raises(EmailRejected) as caught:
        receive_email(raw, [address_of(desk.service)])
    assert caught.value.code == code
    assert text in caught.value.reason
    assert not WorkItem.objects.exists()


def test_a_bad_attachment_refuses_the_whole_message(desk: Desk) -> None:
    address = address_of(desk.service)
    msg = message(address)
    msg.add_attachment(b"MZ\x90\x00", maintype="application", subtype="octet-stream", filename="run.exe")
    with pytest.raises(EmailRejected) as caught:
        receive_email(msg.as_bytes(), [address])
    assert caught.value.code == 554
    assert "run.exe" in caught.value.reason
    assert not WorkItem.objects.exists()
    assert not Attachment.objects.exists()


def test_unknown_addresses_are_refused(desk: Desk) -> None:
    with pytest.raises(EmailRejected) as caught:
        receive_email(message("x@intake.handoff.localhost").as_bytes(), ["x@intake.handoff.localhost"])
    assert caught.value.code == 550
