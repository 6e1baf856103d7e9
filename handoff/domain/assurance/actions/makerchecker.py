"""Maker-checker on items of accounting and payroll services.

- The maker (provider staff who work items) submits a change of the item's custom field values: the values
  before and the proposed values after are kept, checked against the service's field spec.
- A checker (team lead, QA analyst or provider admin) approves it (the values are then applied, if the item
  has not changed since) or rejects it with a reason.
- The maker never checks their own change: refused here for every role, provider admins and superusers
  included, and refused again by a check constraint in the database.
- Every step writes an ``AuditEntry`` (actor, time, action, before, after, reason) in the same transaction.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from handoff.domain.assurance.models import AuditAction, AuditEntry, ChangeRequest, ChangeState
from handoff.domain.assurance.permissions import is_maker, is_reviewer, needs_checker, require
from handoff.domain.operations.custom_fields import clean_values
from handoff.domain.operations.models import WorkItem
from handoff.domain.operations.selectors import work_items
from handoff.domain.tenancy.access import Actor, access_owned, real_user, scoped

OWN_CHANGE = "You made this change: a second person must check it (no one checks their own change)."
MAX_REASON = 2000


def _now(now: datetime | None) -> datetime:
    return now if now is not None else timezone.now()


def _audit(change: ChangeRequest, actor: Actor, action: AuditAction, at: datetime, reason: str = "") -> AuditEntry:
    person = real_user(actor)
    assert person is not None
    return AuditEntry.objects.create(
        client_id=change.client_id,
        change=change,
        item_id=change.item_id,
        actor=person,
        at=at,
        action=action,
        before=change.before,
        after=change.after,
        reason=reason,
    )


def _locked_item(actor: Actor, item: WorkItem) -> WorkItem:
    return access_owned(actor, work_items(actor).select_for_update(of=("self",)), item.pk)


def _locked_change(actor: Actor, change: ChangeRequest) -> ChangeRequest:
    """The change re-read under a row lock, through the actor's scope (404 for another client's)."""
    rows = scoped(actor, ChangeRequest).select_for_update(of=("self",)).select_related("item")
    return access_owned(actor, rows, change.pk)


@transaction.atomic
def submit_change(
    actor: Actor, item: WorkItem, custom_fields: Any, *, note: str = "", now: datetime | None = None
) -> ChangeRequest:
    """The maker proposes new custom field values for an item of a maker-checker service."""
    require(is_maker(actor), "Only provider staff who work items submit changes.")
    item = _locked_item(actor, item)
    if not needs_checker(item.service):
        raise ValidationError({"item": "Only items of accounting and payroll services go through maker-checker."})
    if item.category in ("resolved", "closed"):
        raise ValidationError({"item": "The item is done: reopen it before changing it."})
    if scoped(actor, ChangeRequest).filter(item=item, state=ChangeState.PENDING).exists():
        raise ValidationError({"item": "A change of this item is already waiting for a checker."})
    after = clean_values(item.service.custom_fields, custom_fields)  # errors keyed custom_fields.<name>
    before = dict(item.custom_fields) if isinstance(item.custom_fields, dict) else {}
    if after == before:
        raise ValidationError({"custom_fields": "Nothing changes: the values are the item's current ones."})
    moment = _now(now)
    person = real_user(actor)
    change = ChangeRequest(
        client_id=item.client_id, item=item, maker=person, submitted_at=moment, before=before, after=after, note=note
    )
    change.full_clean()
    change.save()
    _audit(change, actor, AuditAction.SUBMITTED, moment)
    return change


def _decide(actor: Actor, change: ChangeRequest) -> ChangeRequest:
    """The change, locked, once the actor is shown to be a checker other than its maker."""
    require(is_reviewer(actor), "Only team leads, QA analysts and provider admins check changes.")
    change = _locked_change(actor, change)
    person = real_user(actor)
    if person is None or change.maker_id == person.pk:
        raise PermissionDenied(OWN_CHANGE)  # no bypass: not for admins, not for superusers
    if change.state != ChangeState.PENDING:
        raise ValidationError({"state": f"This change was already {change.state}."})
    return change


@transaction.atomic
def approve_change(actor: Actor, change: ChangeRequest, *, now: datetime | None = None) -> ChangeRequest:
    """A second person approves: the proposed values are applied to the item (unless it changed meanwhile)."""
    change = _decide(actor, change)
    item = _locked_item(actor, change.item)
    current = dict(item.custom_fields) if isinstance(item.custom_fields, dict) else {}
    if current != change.before:
        raise ValidationError({"state": "The item changed after this change was made: reject it and submit anew."})
    moment = _now(now)
    item.custom_fields = change.after
    item.save(update_fields=["custom_fields", "updated_at"])
    change.state, change.checker, change.decided_at = ChangeState.APPROVED, real_user(actor), moment
    change.save(update_fields=["state", "checker", "decided_at"])
    _audit(change, actor, AuditAction.APPROVED, moment)
    return change


@transaction.atomic
def reject_change(actor: Actor, change: ChangeRequest, reason: str, *, now: datetime | None = None) -> ChangeRequest:
    """A second person rejects, saying why; the item keeps its values."""
    change = _decide(actor, change)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the change is rejected."})
    if len(reason) > MAX_REASON:
        raise ValidationError({"reason": f"At most {MAX_REASON} characters."})
    moment = _now(now)
    change.state, change.checker, change.decided_at, change.reason = (
        ChangeState.REJECTED,
        real_user(actor),
        moment,
        reason,
    )
    change.save(update_fields=["state", "checker", "decided_at", "reason"])
    _audit(change, actor, AuditAction.REJECTED, moment, reason)
    return change
