"""Reads of notifications and templates: a person's own notifications (of the clients they see), templates of
the clients the actor sees, and the one e-mail row a task sends."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from handoff.domain.notifications.models import EmailTemplate, Notification, OutboundEmail, StageAutomation
from handoff.domain.tenancy.access import Actor, access_owned, real_user, scoped
from handoff.domain.tenancy.models import Client


def notifications(actor: Actor) -> QuerySet[Notification]:
    person = real_user(actor)
    if person is None:
        return Notification.objects.none()
    return scoped(actor, Notification).filter(recipient=person)


def unread(actor: Actor) -> QuerySet[Notification]:
    return notifications(actor).filter(read_at__isnull=True)


def unread_count(actor: Actor) -> int:
    return unread(actor).count()


def notification(actor: Actor, pk: Any) -> Notification:
    return access_owned(actor, notifications(actor), pk)


def templates(actor: Actor, client: Client) -> QuerySet[EmailTemplate]:
    return scoped(actor, EmailTemplate).filter(client=client)


def automations(actor: Actor, client: Client) -> QuerySet[StageAutomation]:
    return scoped(actor, StageAutomation).filter(client=client).select_related("stage")


def emails(actor: Actor, client: Client | None = None) -> QuerySet[OutboundEmail]:
    rows = scoped(actor, OutboundEmail)
    return rows.filter(client=client) if client is not None else rows


def email_for_task(email_id: int) -> OutboundEmail | None:
    """The e-mail a worker task sends (tasks run past the request scope, for one known row)."""
    return OutboundEmail.objects.filter(pk=email_id).first()
