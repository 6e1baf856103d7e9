"""Merging a duplicate item B into item A.

- Provider staff who work items only; both items are the same client's (read through the
  actor's scope), neither closed nor already merged, and not the same item.
- B's conversation, attachments, email threads and child items move to A; B is closed
  with ``merged_into`` pointing at A; an internal note on each and an ``ItemEvent`` on each
  record the merge (who, when, what moved). Replies by email to B thread onto A afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from handoff.domain.operations import selectors
from handoff.domain.operations.actions.items import change_status, item_extra
from handoff.domain.operations.models import (
    Attachment,
    EmailLink,
    ItemEvent,
    ItemEventKind,
    ItemStatus,
    Message,
    MessageKind,
    WorkItem,
)
from handoff.domain.operations.permissions import is_worker, require
from handoff.domain.tenancy.access import Actor, real_user


@dataclass(frozen=True)
class MergeResult:
    target: WorkItem
    duplicate: WorkItem
    messages_moved: int
    attachments_moved: int


def _check(target: WorkItem, duplicate: WorkItem) -> None:
    if target.pk == duplicate.pk:
        raise ValidationError({"into": "An item cannot be merged into itself."})
    if target.client_id != duplicate.client_id:
        raise ValidationError({"into": "Only items of the same client can be merged."})
    for label, row in (("into", target), ("item", duplicate)):
        if row.status == ItemStatus.CLOSED:
            raise ValidationError({label: f"#{row.pk} is closed."})
    if duplicate.children.exists() and target.parent_id is not None:
        raise ValidationError({"into": f"#{duplicate.pk} has child items; #{target.pk} is a child item itself."})
    if target.parent_id == duplicate.pk:
        raise ValidationError({"into": f"#{target.pk} is a child of #{duplicate.pk}."})


@transaction.atomic
def merge_items(actor: Actor, target: WorkItem, duplicate: WorkItem, *, now: datetime | None = None) -> MergeResult:
    """Merge ``duplicate`` (B) into ``target`` (A); returns what moved."""
    require(is_worker(actor), "Only provider staff who work items merge them.")
    locked = selectors.work_items(actor).select_for_update(of=("self",)).filter(pk__in=[target.pk, duplicate.pk])
    rows = {row.pk: row for row in locked}
    target, duplicate = rows[target.pk], rows[duplicate.pk]
    _check(target, duplicate)
    moment = now or timezone.now()
    person = real_user(actor)
    moved_messages = Message.objects.filter(item=duplicate).update(item=target)
    moved_files = Attachment.objects.filter(item=duplicate).update(item=target)
    EmailLink.objects.filter(item=duplicate).update(item=target)
    duplicate.children.update(parent=target)
    for item, text in (
        (target, f"Item #{duplicate.pk} ({duplicate.title}) was merged into this item."),
        (duplicate, f"Merged into #{target.pk} ({target.title}); continue there."),
    ):
        Message.objects.create(
            client_id=item.client_id, item=item, author=person, kind=MessageKind.NOTE, body=text, created_at=moment
        )
    extra = item_extra(duplicate)
    extra.merged_into = target
    extra.save(update_fields=["merged_into"])
    detail = {"messages": moved_messages, "attachments": moved_files}
    ItemEvent.objects.create(
        client_id=target.client_id,
        item=duplicate,
        kind=ItemEventKind.MERGED_INTO,
        key=f"merged_into:{target.pk}",
        actor=person,
        at=moment,
        detail={"into": target.pk, **detail},
    )
    ItemEvent.objects.create(
        client_id=target.client_id,
        item=target,
        kind=ItemEventKind.MERGED_FROM,
        key=f"merged_from:{duplicate.pk}",
        actor=person,
        at=moment,
        detail={"from": duplicate.pk, **detail},
    )
    change_status(actor, duplicate, ItemStatus.CLOSED, now=moment)
    return MergeResult(target, duplicate, moved_messages, moved_files)
