"""Inbound email: each service has an address; a message raises an item, a reply threads onto its item.

- Addresses are ``<local part>@<INTAKE_EMAIL_DOMAIN>`` (``IntakeAddress``; the local part is the
  service's name as a slug plus a random token, so it cannot be guessed from the name alone).
- A message is a reply when its ``In-Reply-To`` or ``References`` names a Message-ID already
  linked to an item of the same client (one we received or the acknowledgment we sent), or
  its subject carries ``[#<item id>]`` of an item of the addressed service. A reply to a
  merged item goes to the item it was merged into; a reply to a closed item raises a new one.
- Otherwise a new item is raised in the service's first queue: the subject is the title,
  the text part (or the HTML part stripped of tags) the description, the sender is kept as
  ``requester_email`` and acknowledged by email with ``[#id]`` in the subject and a
  Message-ID we record, so that the sender's reply threads.
- A provider's public reply on such an item (``items.add_message``, macros included) is mailed to the
  sender after commit (``send_reply``): ``Re: <subject> [#id]`` from the service's address, threaded on the
  last message received; a failed send is logged and kept as an ``email_failed`` item event.
- An email carries no custom fields: an item raised without the service's required fields is marked
  (``missing_fields``) and cannot be resolved until an agent fills them.
- Attachments are checked like uploads (``attachments.check_file``). A malformed message,
  an undecodable body or a refused attachment rejects the whole message with an SMTP code
  (``EmailRejected``); the listener keeps the raw bytes of every rejected message
  (``RejectedEmail``), so nothing is lost.

The listener runs outside any request (``handoff smtp_intake``), so these functions read
and write without a user's scope; every row they write is the addressed service's client's.
"""

from __future__ import annotations

import email
import email.policy
import html
import logging
import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage as ParsedMessage
from email.utils import make_msgid, parseaddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from handoff.domain.accounts.models import User
from handoff.domain.operations.actions.attachments import CheckedFile, attach_from_email, check_file
from handoff.domain.operations.actions.items import item_extra, note_public_reply, recompute_deadlines
from handoff.domain.operations.actions.missing_fields import mark_if_missing
from handoff.domain.operations.models import (
    STATUS_CATEGORY,
    EmailDirection,
    EmailLink,
    IntakeAddress,
    ItemEvent,
    ItemEventKind,
    ItemExtra,
    ItemStatus,
    Message,
    MessageKind,
    RejectedEmail,
    Service,
    StatusChange,
    WorkItem,
)
from handoff.domain.tenancy.roles import UserKind

logger = logging.getLogger(__name__)

DEFAULT_DOMAIN = "intake.handoff.localhost"
MAX_EMAIL_BYTES = 25 * 1024 * 1024
SUBJECT_REF = re.compile(r"\[#(\d{1,12})\]")
MESSAGE_ID = re.compile(r"<[^<>\s]{1,480}>")
TAG = re.compile(r"<[^>]*>")


def intake_domain() -> str:
    return str(getattr(settings, "INTAKE_EMAIL_DOMAIN", DEFAULT_DOMAIN)).lower()


class EmailRejected(Exception):
    """A message the listener refuses: ``code`` and ``reason`` are the SMTP reply."""

    def __init__(self, code: int, reason: str) -> None:
        super().__init__(f"{code} {reason}")
        self.code = code
        self.reason = reason

    @property
    def reply(self) -> str:
        return f"{self.code} {self.reason}"


@dataclass(frozen=True)
class IntakeResult:
    item: WorkItem
    created: bool  # False: the message threaded onto an existing item
    message: Message | None
    attachments: int


def address_of(service: Service) -> str:
    """The service's inbound address, made on first use."""
    found = IntakeAddress.objects.filter(service=service).first()
    if found is None:
        slug = slugify(service.name)[:40].strip("-") or "service"
        found = IntakeAddress.objects.create(
            client_id=service.client_id, service=service, local_part=f"{slug}-{secrets.token_hex(4)}"
        )
    return f"{found.local_part}@{intake_domain()}"


def service_for_recipient(recipient: str) -> Service | None:
    """The active service an address belongs to, or None."""
    local, _, domain = parseaddr(recipient)[1].lower().rpartition("@")
    if not local or domain != intake_domain():
        return None
    found = (
        IntakeAddress.objects.select_related("service__engagement__delivery_center")
        .filter(local_part=local, is_active=True, service__is_active=True)
        .first()
    )
    return found.service if found is not None else None


def parse(raw: bytes) -> ParsedMessage:
    """The parsed message, or EmailRejected (554 5.6.0) when its headers are unusable."""
    try:
        message = email.message_from_bytes(raw, policy=email.policy.default)
    except Exception as exc:
        raise EmailRejected(554, "5.6.0 Malformed message: it could not be parsed.") from exc
    if not isinstance(message, ParsedMessage):
        raise EmailRejected(554, "5.6.0 Malformed message.")
    try:
        sender = parseaddr(str(message.get("From", "")))[1]
    except Exception as exc:
        raise EmailRejected(554, "5.6.0 Malformed From header.") from exc
    if "@" not in sender:
        raise EmailRejected(554, "5.6.0 Malformed message: no sender address in From.")
    if not message.keys():
        raise EmailRejected(554, "5.6.0 Malformed message: no headers.")
    return message


def body_text(message: ParsedMessage) -> str:
    """The text part, or the HTML part without tags; EmailRejected when it cannot be decoded."""
    try:
        part = message.get_body(preferencelist=("plain", "html"))
        if part is None:
            return ""
        content = part.get_content()
    except (LookupError, UnicodeError, ValueError, KeyError) as exc:
        raise EmailRejected(554, "5.6.0 Malformed message: the text could not be decoded.") from exc
    if not isinstance(content, str):
        raise EmailRejected(554, "5.6.0 Malformed message: the text part is not text.")
    if part.get_content_subtype() == "html":
        content = html.unescape(TAG.sub(" ", content))
    return content.replace("\x00", "").strip()[:20000]


def attachments_of(message: ParsedMessage) -> list[CheckedFile]:
    """The message's files, each checked; EmailRejected (552 or 554) naming the first bad one."""
    files = []
    for part in message.iter_attachments():
        name = part.get_filename() or "attachment"
        try:
            payload = part.get_payload(decode=True)
        except Exception as exc:
            raise EmailRejected(554, f"5.6.0 The attachment {name} could not be decoded.") from exc
        if not isinstance(payload, bytes):
            raise EmailRejected(554, f"5.6.0 The attachment {name} is malformed.")
        defects = [d for d in getattr(part, "defects", []) if "Base64" in type(d).__name__]
        if defects:
            raise EmailRejected(554, f"5.6.0 The attachment {name} is not valid base64.")
        try:
            files.append(check_file(name, payload))
        except ValidationError as error:
            text = " ".join(error.messages)
            code = 552 if "larger than" in text else 554
            raise EmailRejected(code, f"{'5.3.4' if code == 552 else '5.6.0'} Attachment refused: {text}") from error
    return files


def referenced_ids(message: ParsedMessage) -> list[str]:
    found: list[str] = []
    for header in ("In-Reply-To", "References"):
        found += MESSAGE_ID.findall(str(message.get(header, "") or ""))
    return found


def _thread_target(service: Service, message: ParsedMessage, subject: str) -> WorkItem | None:
    ids = referenced_ids(message)
    link = (
        EmailLink.objects.select_related("item").filter(client_id=service.client_id, message_id__in=ids).first()
        if ids
        else None
    )
    item = link.item if link is not None else None
    if item is None:
        match = SUBJECT_REF.search(subject)
        if match is not None:
            item = WorkItem.objects.filter(pk=int(match.group(1)), service=service).first()
    for _ in range(5):  # follow merges (at most a short chain)
        merged = ItemExtra.objects.filter(item=item).values_list("merged_into", flat=True).first() if item else None
        if merged is None:
            break
        item = WorkItem.objects.filter(pk=merged, client_id=service.client_id).first()
    if item is not None and item.status == ItemStatus.CLOSED:
        return None
    return item


def _client_user(service: Service, sender: str) -> User | None:
    return User.objects.filter(
        email__iexact=sender, kind=UserKind.CLIENT, client_id=service.client_id, is_active=True
    ).first()


@transaction.atomic
def receive_email(raw: bytes, recipients: list[str], *, now: datetime | None = None) -> IntakeResult:
    """Raise an item from a message (or thread it onto its item); EmailRejected if it is refused."""
    if len(raw) > MAX_EMAIL_BYTES:
        raise EmailRejected(552, "5.3.4 Message too big.")
    services = [found for found in map(service_for_recipient, recipients) if found is not None]
    if not services:
        raise EmailRejected(550, "5.1.1 No such intake address.")
    service = services[0]
    message = parse(raw)
    moment = now or timezone.now()
    sender = parseaddr(str(message.get("From", "")))[1].lower()
    subject = " ".join(str(message.get("Subject", "") or "").split())[:300]
    text = body_text(message)
    files = attachments_of(message)
    message_id = (MESSAGE_ID.findall(str(message.get("Message-ID", "") or "")) or [make_msgid(domain=intake_domain())])[
        0
    ]
    if EmailLink.objects.filter(client_id=service.client_id, message_id=message_id).exists():
        link = EmailLink.objects.select_related("item").get(client_id=service.client_id, message_id=message_id)
        return IntakeResult(link.item, created=False, message=None, attachments=0)  # a resent copy: once only
    target = _thread_target(service, message, subject)
    if target is not None:
        return _thread(service, target, sender, subject, text, files, message_id, moment)
    return _create(service, sender, subject, text, files, message_id, moment)


def _thread(
    service: Service,
    item: WorkItem,
    sender: str,
    subject: str,
    text: str,
    files: list[CheckedFile],
    message_id: str,
    moment: datetime,
) -> IntakeResult:
    author = _client_user(service, sender)
    body = text or "(empty message)"
    if author is None:
        body = f"From {sender}:\n\n{body}"
    reply = Message.objects.create(
        client_id=item.client_id, item=item, author=author, kind=MessageKind.REPLY, body=body, created_at=moment
    )
    _link(item, reply, message_id, EmailDirection.INBOUND, sender, subject, moment)
    for checked in files:
        attach_from_email(item, reply, checked, moment)
    note_public_reply(item, from_provider=False, at=moment)
    recompute_deadlines(item, now=moment)
    return IntakeResult(item, created=False, message=reply, attachments=len(files))


def _create(
    service: Service,
    sender: str,
    subject: str,
    text: str,
    files: list[CheckedFile],
    message_id: str,
    moment: datetime,
) -> IntakeResult:
    queue = service.queues.filter(is_active=True).order_by("pk").first()
    if queue is None:
        raise EmailRejected(451, "4.3.0 This service takes no items yet; try again later.")
    item = WorkItem(
        client_id=service.client_id,
        service=service,
        queue=queue,
        title=subject or "(no subject)",
        description=text,
        requester=_client_user(service, sender),
        created_at=moment,
    )
    item.prepare()
    item.save()
    StatusChange.objects.create(
        client_id=item.client_id,
        item=item,
        actor=None,
        at=moment,
        from_status="",
        to_status=item.status,
        category=STATUS_CATEGORY[item.status],
    )
    extra = item_extra(item)
    extra.requester_email = sender
    extra.save(update_fields=["requester_email"])
    _link(item, None, message_id, EmailDirection.INBOUND, sender, subject, moment)
    for checked in files:
        attach_from_email(item, None, checked, moment)
    mark_if_missing(item, at=moment, source="email")  # an email carries no custom fields: an agent fills them
    recompute_deadlines(item, now=moment)
    transaction.on_commit(lambda: acknowledge(item.pk, sender), robust=True)  # a failed send is logged
    return IntakeResult(item, created=True, message=None, attachments=len(files))


def _link(
    item: WorkItem,
    reply: Message | None,
    message_id: str,
    direction: str,
    sender: str,
    subject: str,
    moment: datetime,
) -> EmailLink:
    return EmailLink.objects.create(
        client_id=item.client_id,
        item=item,
        conversation_message=reply,
        message_id=message_id,
        direction=direction,
        sender=sender[:320],
        subject=subject[:500],
        received_at=moment,
    )


def acknowledge(item_id: int, sender: str) -> None:
    """Tell the sender their item's number; the Message-ID is recorded so that their reply threads."""
    item = WorkItem.objects.select_related("service").filter(pk=item_id).first()
    if item is None:
        return
    message_id = make_msgid(idstring=f"item{item.pk}", domain=intake_domain())
    address = address_of(item.service)
    mail = EmailMessage(
        subject=f"[#{item.pk}] {item.title}",
        body=f"We received your request and raised item #{item.pk} for {item.service.name}.\n"
        "Reply to this message to add to it.",
        from_email=address,
        to=[sender],
        headers={"Message-ID": message_id, "Reply-To": address},
    )
    mail.send()
    _link(item, None, message_id, EmailDirection.OUTBOUND, address, str(mail.subject), timezone.now())


RE_PREFIX = re.compile(r"^\s*((re|fwd?|aw|sv)\s*:\s*)+", re.IGNORECASE)
MAX_REFERENCES = 10


def reply_subject(item: WorkItem, original: str) -> str:
    """``Re: <original subject> [#<id>]``: the token threads the customer's answer back (``SUBJECT_REF``)."""
    bare = " ".join(SUBJECT_REF.sub(" ", RE_PREFIX.sub("", original or item.title)).split()) or item.title
    return f"Re: {bare} [#{item.pk}]"


def send_reply(message_pk: int) -> EmailLink | None:
    """Mail a provider's public reply to the outside sender of an email-raised item (run after commit).

    From and Reply-To are the service's intake address; In-Reply-To and References name the last message
    received, so the customer's answer threads onto the item. The Message-ID sent is recorded (outbound
    ``EmailLink``). A failure to send is logged and kept as an ``email_failed`` event on the item: the
    reply itself is already saved and stays on the item.
    """
    reply = Message.objects.select_related("item__service").filter(pk=message_pk, kind=MessageKind.REPLY).first()
    if reply is None:
        return None
    item = reply.item
    recipient = ItemExtra.objects.filter(item=item).values_list("requester_email", flat=True).first()
    if not recipient:
        return None
    links = list(EmailLink.objects.filter(item=item).order_by("received_at", "id"))
    inbound = [link for link in links if link.direction == EmailDirection.INBOUND]
    original = inbound[0].subject if inbound else item.title
    references = [link.message_id for link in inbound][-MAX_REFERENCES:]
    address = address_of(item.service)
    message_id = make_msgid(idstring=f"item{item.pk}.reply{reply.pk}", domain=intake_domain())
    headers = {"Message-ID": message_id}
    if references:
        headers |= {"In-Reply-To": references[-1], "References": " ".join(references)}
    mail = EmailMessage(
        subject=reply_subject(item, original),
        body=f"{reply.body}\n\n--\nItem #{item.pk} with {item.service.name}. Reply to this message to add to it.",
        from_email=address,
        to=[recipient],
        reply_to=[address],
        headers=headers,
    )
    try:
        mail.send()
    except Exception as error:  # any backend failure: the reply is kept, the failure recorded
        logger.exception("reply %s on item %s not mailed to %s", reply.pk, item.pk, recipient)
        ItemEvent.objects.get_or_create(
            item=item,
            key=f"email_failed:{reply.pk}",
            defaults={
                "client_id": item.client_id,
                "kind": ItemEventKind.EMAIL_FAILED,
                "at": timezone.now(),
                "detail": {"message": reply.pk, "to": recipient, "error": f"{type(error).__name__}: {error}"[:500]},
            },
        )
        return None
    return _link(item, reply, message_id, EmailDirection.OUTBOUND, address, str(mail.subject), timezone.now())


def reject(raw: bytes, sender: str, recipients: list[str], error: EmailRejected | Exception) -> RejectedEmail:
    """Keep a refused message whole, with why (nothing is lost), and log it."""
    code = error.code if isinstance(error, EmailRejected) else 451
    reason = error.reason if isinstance(error, EmailRejected) else f"4.3.0 Internal error: {type(error).__name__}"
    logger.warning("inbound email from %s to %s rejected: %s %s", sender, recipients, code, reason)
    return RejectedEmail.objects.create(
        received_at=timezone.now(),
        sender=sender[:320],
        recipients=", ".join(recipients),
        reason=reason[:500],
        smtp_code=code,
        raw=raw,
    )
