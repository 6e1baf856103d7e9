"""Outbound email: a provider's public reply on an email-raised item is mailed to its sender, and threads back."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from collections.abc import Callable, Sequence
from email.message import EmailMessage as ParsedMessage
from typing import Any

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend

from handoff.domain.operations.actions.email_intake import address_of, receive_email, reply_subject
from handoff.domain.operations.actions.items import add_message, create_item
from handoff.domain.operations.models import EmailLink, ItemEvent, Message, MessageKind, WorkItem
from tests.domain.operations_desk import VALID_VALUES, Desk, build_desk

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        raise ConnectionRefusedError("smtp.example.test:25 refused the connection")


@pytest.fixture
def desk() -> Desk:
    return build_desk()


def inbound(to: str, subject: str, body: str, message_id: str, **headers: str) -> bytes:
    msg = ParsedMessage()
    msg["From"] = "Jane <jane@customer.test>"
    msg["To"] = to
    msg["Subject"] = subject
    msg["Message-ID"] = message_id
    for name, value in headers.items():
        msg[name.replace("_", "-")] = value
    msg.set_content(body)
    return msg.as_bytes()


def raised_by_email(desk: Desk, run: Callable[..., Any]) -> WorkItem:
    address = address_of(desk.service)
    with run(execute=True):
        item = receive_email(
            inbound(address, "Refund for A-1001", "Please refund.", "<first@customer.test>"), [address], now=NOW
        ).item
    mail.outbox.clear()  # the acknowledgment
    return item


def test_a_public_reply_is_mailed_to_the_email_requester_after_commit(
    desk: Desk, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    item = raised_by_email(desk, django_capture_on_commit_callbacks)
    address = address_of(desk.service)
    customer = inbound(
        address, f"Re: [#{item.pk}] Refund", "Any news?", "<second@customer.test>", In_Reply_To="<first@customer.test>"
    )
    receive_email(customer, [address], now=NOW + dt.timedelta(minutes=5))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        reply = add_message(desk.agent, item, MessageKind.REPLY, "Refund approved.", now=NOW + dt.timedelta(hours=1))
        assert mail.outbox == []  # nothing leaves before the reply is committed
    for callback in callbacks:
        callback()
    [sent] = mail.outbox
    assert sent.to == ["jane@customer.test"]
    assert sent.from_email == address
    assert sent.reply_to == [address]
    assert sent.subject == f"Re: Refund for A-1001 [#{item.pk}]"
    assert "Refund approved." in sent.body
    headers = sent.extra_headers
    assert headers["In-Reply-To"] == "<second@customer.test>"  # the last message received
    assert headers["References"].split()[-1] == "<second@customer.test>"
    link = EmailLink.objects.get(item=item, direction="out", conversation_message=reply)
    assert link.message_id == headers["Message-ID"]
    assert link.subject == sent.subject


def test_the_customers_answer_to_the_mailed_reply_threads_back_onto_the_item(
    desk: Desk, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    item = raised_by_email(desk, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        add_message(desk.agent, item, MessageKind.REPLY, "Which card?", now=NOW + dt.timedelta(minutes=30))
    [sent] = mail.outbox
    as_received = email.message_from_bytes(sent.message().as_bytes(), policy=email.policy.default)
    address = address_of(desk.service)
    # by the headers: the customer's client answers the message we sent
    answer = inbound(
        address,
        f"Re: {as_received['Subject']}",
        "The Visa one.",
        "<third@customer.test>",
        In_Reply_To=str(as_received["Message-ID"]),
    )
    threaded = receive_email(answer, [address], now=NOW + dt.timedelta(hours=1))
    assert (threaded.created, threaded.item) == (False, item)
    # by the subject token alone: a client that drops In-Reply-To
    bare = inbound(address, f"Re: {as_received['Subject']}", "And the Amex.", "<fourth@customer.test>")
    assert receive_email(bare, [address], now=NOW + dt.timedelta(hours=2)).item == item
    assert WorkItem.objects.count() == 1
    assert list(Message.objects.filter(item=item, author=None).values_list("body", flat=True)) == [
        "From jane@customer.test:\n\nThe Visa one.",
        "From jane@customer.test:\n\nAnd the Amex.",
    ]


def test_a_send_failure_keeps_the_reply_and_records_the_failure(
    desk: Desk, django_capture_on_commit_callbacks: Callable[..., Any], settings: Any
) -> None:
    item = raised_by_email(desk, django_capture_on_commit_callbacks)
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.RefusingBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        reply = add_message(desk.agent, item, MessageKind.REPLY, "Refund approved.", now=NOW + dt.timedelta(hours=1))
    assert Message.objects.filter(pk=reply.pk).exists()
    event = ItemEvent.objects.get(item=item, kind="email_failed")
    assert event.detail["message"] == reply.pk
    assert event.detail["to"] == "jane@customer.test"
    assert "ConnectionRefusedError" in event.detail["error"]
    assert not EmailLink.objects.filter(item=item, direction="out", conversation_message=reply).exists()


def test_notes_client_replies_and_items_not_raised_by_email_send_nothing(
    desk: Desk, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    item = raised_by_email(desk, django_capture_on_commit_callbacks)
    portal = create_item(desk.owner, desk.service.pk, {"title": "From the portal", "custom_fields": VALID_VALUES})
    with django_capture_on_commit_callbacks(execute=True):
        add_message(desk.agent, item, MessageKind.NOTE, "Internal: check the ledger.")
        add_message(desk.owner, item, MessageKind.REPLY, "The client adds a detail.")
        add_message(desk.agent, portal, MessageKind.REPLY, "On it.")
    assert mail.outbox == []
    assert not EmailLink.objects.filter(direction="out", conversation_message__isnull=False).exists()


def test_reply_subject_strips_prefixes_and_old_tokens(desk: Desk) -> None:
    item = WorkItem(pk=42, title="Fallback")
    assert reply_subject(item, "RE: Fwd: Refund [#42]") == "Re: Refund [#42]"
    assert reply_subject(item, "") == "Re: Fallback [#42]"
