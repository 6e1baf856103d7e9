"""End to end: a real aiosmtpd listener on a free port, fed with smtplib."""

from __future__ import annotations

import smtplib
import socket
from collections.abc import Iterator
from email.message import EmailMessage

import pytest
from django.core import mail

from handoff.domain.operations.actions.email_intake import address_of
from handoff.domain.operations.models import Attachment, EmailLink, Message, RejectedEmail, WorkItem
from handoff.interfaces.cli.smtp_intake import make_controller
from tests.domain.operations_desk import Desk, build_desk

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.7\nreceipt\n"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def port() -> Iterator[int]:
    number = free_port()
    controller = make_controller("127.0.0.1", number)
    controller.start()
    try:
        yield number
    finally:
        controller.stop()


@pytest.fixture
def desk() -> Desk:
    return build_desk()


def compose(to: str, subject: str, body: str, message_id: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "Jane Doe <jane@customer.test>"
    msg["To"] = to
    msg["Subject"] = subject
    msg["Message-ID"] = message_id
    msg.set_content(body)
    return msg


def send(port: int, msg: EmailMessage | bytes, to: str) -> None:
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as client:
        if isinstance(msg, bytes):
            client.sendmail("jane@customer.test", [to], msg)
        else:
            client.send_message(msg)


def test_a_message_raises_an_item_and_the_reply_threads_onto_it(port: int, desk: Desk) -> None:
    address = address_of(desk.service)
    first = compose(address, "Refund for A-1001", "Please refund my order.", "<first@customer.test>")
    first.add_attachment(PDF, maintype="application", subtype="pdf", filename="receipt.pdf")
    send(port, first, address)
    item = WorkItem.objects.get()
    assert (item.title, item.service_id) == ("Refund for A-1001", desk.service.pk)
    assert Attachment.objects.get(item=item).name == "receipt.pdf"
    ack = mail.outbox[-1]
    assert ack.to == ["jane@customer.test"]
    assert f"[#{item.pk}]" in ack.subject
    reply = compose(address, f"Re: {ack.subject}", "Any news?", "<second@customer.test>")
    reply["In-Reply-To"] = ack.extra_headers["Message-ID"]
    send(port, reply, address)
    assert WorkItem.objects.count() == 1
    assert "Any news?" in Message.objects.get(item=item).body
    assert EmailLink.objects.filter(item=item).count() == 3  # received, acknowledgment, reply


def test_unknown_recipients_get_550(port: int, desk: Desk) -> None:
    with pytest.raises(smtplib.SMTPRecipientsRefused) as caught:
        send(
            port, compose("nobody@intake.handoff.localhost", "x", "y", "<x@c.test>"), "nobody@intake.handoff.localhost"
        )
    code, reason = caught.value.recipients["nobody@intake.handoff.localhost"]
    assert code == 550
    assert b"No such intake address" in reason
    assert not WorkItem.objects.exists()


def test_malformed_messages_are_refused_and_kept(port: int, desk: Desk) -> None:
    address = address_of(desk.service)
    raw = b"Subject: no sender here\r\n\r\nbody\r\n"
    with pytest.raises(smtplib.SMTPDataError) as caught:
        send(port, raw, address)
    assert caught.value.smtp_code == 554
    assert b"5.6.0" in caught.value.smtp_error
    rejected = RejectedEmail.objects.get()
    assert rejected.smtp_code == 554
    assert bytes(rejected.raw).startswith(b"Subject: no sender here")
    assert not WorkItem.objects.exists()


def test_a_refused_attachment_is_answered_and_the_message_kept(port: int, desk: Desk) -> None:
    address = address_of(desk.service)
    msg = compose(address, "Invoice", "see attached", "<inv@customer.test>")
    msg.add_attachment(b"<html>fake</html>", maintype="application", subtype="pdf", filename="invoice.pdf")
    with pytest.raises(smtplib.SMTPDataError) as caught:
        send(port, msg, address)
    assert caught.value.smtp_code == 554
    assert b"invoice.pdf is not a real PDF" in caught.value.smtp_error
    assert RejectedEmail.objects.get().reason.startswith("5.6.0 Attachment refused")
    assert not WorkItem.objects.exists()
