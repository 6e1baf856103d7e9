"""The SMTP listener of inbound email (aiosmtpd): one handler, answering each message with an SMTP code.

- ``RCPT TO`` an address that is no service's intake address: ``550 5.1.1``.
- ``DATA``: the message is handed to ``email_intake.receive_email`` (in a worker thread, as
  the ORM is synchronous): ``250`` naming the item it raised or threaded onto; a refused
  message (malformed, bad attachment) gets the reason's code (``554 5.6.0``, ``552 5.3.4``)
  and is kept whole in ``RejectedEmail``; an unexpected failure answers ``451 4.3.0`` (the
  sending server retries later) and is also kept, so no message is lost either way.
- Messages over ``MAX_EMAIL_BYTES`` are refused by aiosmtpd itself with ``552``.
"""

from __future__ import annotations

import logging
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from asgiref.sync import sync_to_async
from django.db import close_old_connections, connections

from handoff.domain.operations.actions.email_intake import (
    MAX_EMAIL_BYTES,
    EmailRejected,
    receive_email,
    reject,
    service_for_recipient,
)

logger = logging.getLogger(__name__)


def _known(address: str) -> bool:
    close_old_connections()
    try:
        return service_for_recipient(address) is not None
    finally:
        connections.close_all()  # the listener's thread holds no connection between messages


def _deliver(raw: bytes, sender: str, recipients: list[str]) -> str:
    close_old_connections()
    try:
        return _receive(raw, sender, recipients)
    finally:
        connections.close_all()


def _receive(raw: bytes, sender: str, recipients: list[str]) -> str:
    try:
        result = receive_email(raw, recipients)
    except EmailRejected as error:
        reject(raw, sender, recipients, error)
        return error.reply
    except Exception as error:
        logger.exception("inbound email from %s failed", sender)
        reject(raw, sender, recipients, error)
        return "451 4.3.0 Temporary failure; please try again later."
    verb = "raised" if result.created else "added to"
    return f"250 2.0.0 Message accepted: {verb} item #{result.item.pk}"


class IntakeHandler:
    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        if not await sync_to_async(_known, thread_sensitive=True)(address):
            logger.info("inbound email to unknown address %s refused", address)
            return "550 5.1.1 No such intake address"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        if isinstance(envelope.content, bytes) and not raw:
            raw = envelope.content
        sender = str(envelope.mail_from or "")
        recipients = [str(address) for address in envelope.rcpt_tos]
        return await sync_to_async(_deliver, thread_sensitive=True)(raw, sender, recipients)


def make_controller(host: str, port: int, **kwargs: Any) -> Controller:
    """A started-on-demand aiosmtpd controller serving the intake handler."""
    return Controller(
        IntakeHandler(),
        hostname=host,
        port=port,
        data_size_limit=MAX_EMAIL_BYTES,
        decode_data=False,
        server_hostname="handoff-intake",
        **kwargs,
    )
