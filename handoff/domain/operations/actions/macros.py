"""Macros: canned public replies and internal notes with placeholders, and the status they set when used.

- Set up (create, update, deactivate) by provider admins, account managers and team leads on the
  client's account team; the client comes from the checked id, never from input.
- Applied by provider staff who work items: the rendered text goes through ``items.add_message``
  (first response, next-response clock, e-mail to the requester) and the status through
  ``items.change_status`` (status history, SLA pause, maker-checker), in one transaction.
- A macro is applied only to an item of its own client (and of its service, when it names one).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from handoff.domain.operations import selectors
from handoff.domain.operations.actions.items import add_message, change_status
from handoff.domain.operations.models import ItemExtra, Macro, Message, WorkItem
from handoff.domain.operations.permissions import is_worker, require, require_role
from handoff.domain.operations.placeholders import render
from handoff.domain.tenancy.access import Actor, access_client, real_user
from handoff.domain.tenancy.roles import StaffRole

# Provider staff who write a client's macros: the desk's leads and the account's managers.
MACRO_ROLES = frozenset({StaffRole.ADMIN, StaffRole.ACCOUNT_MANAGER, StaffRole.TEAM_LEAD})
SETUP_MESSAGE = "Only provider admins, account managers and team leads set up macros."
MACRO_FIELDS = frozenset({"title", "body", "kind", "set_status", "is_active"})


@dataclass(frozen=True)
class AppliedMacro:
    item: WorkItem
    message: Message


def _assign(macro: Macro, actor: Actor, data: dict[str, Any]) -> None:
    for field, value in data.items():
        if field in MACRO_FIELDS:
            setattr(macro, field, "" if value is None and field == "set_status" else value)
    if "service_id" in data:
        macro.service = _service(actor, macro.client_id, data["service_id"])


def _service(actor: Actor, client_id: int, service_id: Any) -> Any:
    """The named service of the macro's client (None: all its services); another client's is a field error."""
    if service_id in (None, ""):
        return None
    service = selectors.services(actor).filter(client_id=client_id, pk=_int(service_id)).first()
    if service is None:
        raise ValidationError({"service_id": "No such service of this client."})
    return service


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _save(macro: Macro) -> Macro:
    macro.full_clean()
    macro.save()
    return macro


@transaction.atomic
def create_macro(actor: Actor, client_id: Any, data: dict[str, Any]) -> Macro:
    client = access_client(actor, client_id)
    require_role(actor, MACRO_ROLES, SETUP_MESSAGE)
    macro = Macro(client=client, created_by=real_user(actor))
    _assign(macro, actor, data)
    return _save(macro)


@transaction.atomic
def update_macro(actor: Actor, macro: Macro, data: dict[str, Any]) -> Macro:
    access_client(actor, macro.client_id)
    require_role(actor, MACRO_ROLES, SETUP_MESSAGE)
    _assign(macro, actor, data)
    return _save(macro)


@transaction.atomic
def deactivate_macro(actor: Actor, macro: Macro) -> Macro:
    access_client(actor, macro.client_id)
    require_role(actor, MACRO_ROLES, SETUP_MESSAGE)
    macro.is_active = False
    macro.save(update_fields=["is_active", "updated_at"])
    return macro


def placeholder_values(actor: Actor, item: WorkItem) -> dict[str, str]:
    """What each placeholder stands for on this item, for this person."""
    agent = real_user(actor)
    extra = ItemExtra.objects.filter(client_id=item.client_id, item_id=item.pk).first()
    if item.requester is not None:
        requester = item.requester.get_full_name() or item.requester.email
    else:
        requester = extra.requester_email if extra is not None else ""
    return {
        "requester_name": requester or "there",
        "item_reference": f"#{item.pk}",
        "item_title": item.title,
        "agent_name": (agent.get_full_name() or agent.email) if agent is not None else "",
        "service_name": item.service.name,
    }


def applicable(macro: Macro, item: WorkItem) -> bool:
    return (
        macro.is_active
        and macro.client_id == item.client_id
        and (macro.service_id is None or macro.service_id == item.service_id)
    )


def preview(actor: Actor, item: WorkItem, macro: Macro) -> str:
    """The macro's text as it would be posted on this item (nothing is written)."""
    _check(actor, item, macro)
    return render(macro.body, placeholder_values(actor, item))


def _check(actor: Actor, item: WorkItem, macro: Macro) -> None:
    require(is_worker(actor), "Only provider staff who work items use macros.")
    if not applicable(macro, item):
        raise ValidationError({"macro": "This macro does not apply to this item."})


@transaction.atomic
def apply_macro(
    actor: Actor, item: WorkItem, macro: Macro, *, body: str | None = None, now: datetime | None = None
) -> AppliedMacro:
    """Post the macro's reply or note on the item and set its status; ``body``: the agent's edited text.

    Both the item and the macro are re-read through the actor's scope (404 otherwise), and the macro
    must be an active one of the item's client and service.
    """
    item = selectors.work_item(actor, item.pk)
    macro = selectors.macro(actor, macro.pk)
    _check(actor, item, macro)
    text = render(macro.body, placeholder_values(actor, item)) if body is None else body
    if not text.strip():
        raise ValidationError({"body": "The message is empty."})
    message = add_message(actor, item, macro.kind, text, now=now)
    if macro.set_status:
        item = change_status(actor, selectors.work_item(actor, item.pk), macro.set_status, now=now)
    else:
        item = selectors.work_item(actor, item.pk)
    Macro.objects.filter(pk=macro.pk, client_id=macro.client_id).update(usage_count=F("usage_count") + 1)
    return AppliedMacro(item=item, message=message)


def previews(actor: Actor, item: WorkItem) -> list[tuple[Macro, str]]:
    """The macros that apply to the item, each with its text as it would be posted (nothing is written)."""
    require(is_worker(actor), "Only provider staff who work items use macros.")
    values = placeholder_values(actor, item)
    return [(macro, render(macro.body, values)) for macro in selectors.macros_for_item(actor, item)]
