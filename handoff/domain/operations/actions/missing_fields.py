"""Items raised without their service's required custom fields (by email, which cannot carry them).

Such an item is still raised (nothing is lost) and marked with a ``missing_fields`` ``ItemEvent`` naming the
fields. While any of them is still empty the item cannot be resolved or closed (``require_filled``); once an
agent fills them (``items.fill_custom_fields``, or a maker-checker change on accounting and payroll services)
the mark is cleared. The CSV upload needs no mark: a row without a required field is refused with its
line number and the field (``csv_intake``). Reads here use no actor: the item was read through one already.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, QuerySet

from handoff.domain.accounts.models import User
from handoff.domain.operations.models import ItemEvent, ItemEventKind, WorkItem

MARK_KEY = "missing_fields"


def required_missing(spec: Iterable[dict[str, Any]], values: object) -> list[str]:
    """The names of the spec's required fields that have no value."""
    present = values if isinstance(values, dict) else {}
    return [
        str(entry["name"])
        for entry in spec or []
        if entry.get("required", False) and present.get(entry["name"]) in (None, "")
    ]


def mark_if_missing(item: WorkItem, *, at: datetime, source: str) -> list[str]:
    """Mark a newly raised item whose required fields are empty; the names marked (none: no mark)."""
    missing = required_missing(item.service.custom_fields, item.custom_fields)
    if missing:
        ItemEvent.objects.get_or_create(
            item=item,
            key=MARK_KEY,
            defaults={
                "client_id": item.client_id,
                "kind": ItemEventKind.MISSING_FIELDS,
                "at": at,
                "detail": {"fields": missing, "source": source},
            },
        )
    return missing


def _open_mark(item: WorkItem) -> ItemEvent | None:
    mark = ItemEvent.objects.filter(client_id=item.client_id, item_id=item.pk, key=MARK_KEY).first()
    return mark if mark is not None and not mark.detail.get("cleared_at") else None


def with_open_marks(rows: QuerySet[WorkItem]) -> QuerySet[WorkItem]:
    """``rows`` annotated ``open_missing_mark`` (an uncleared mark), so ``missing_fields`` needs no query per item."""
    marks = ItemEvent.objects.filter(
        client_id=OuterRef("client_id"), item_id=OuterRef("pk"), key=MARK_KEY, detail__cleared_at__isnull=True
    )
    return rows.annotate(open_missing_mark=Exists(marks))


def missing_fields(item: WorkItem) -> list[str]:
    """The required fields a marked item still lacks (empty for an unmarked or completed item)."""
    marked = getattr(item, "open_missing_mark", None)
    if not (_open_mark(item) is not None if marked is None else marked):
        return []
    return required_missing(item.service.custom_fields, item.custom_fields)


def labelled(item: WorkItem, names: Iterable[str]) -> list[str]:
    labels = {str(e["name"]): str(e.get("label") or e["name"]) for e in item.service.custom_fields or []}
    return [labels.get(name, name) for name in names]


def require_filled(item: WorkItem) -> None:
    """ValidationError naming each missing field (``custom_fields.<name>``) while a marked item lacks them."""
    missing = missing_fields(item)
    if missing:
        errors: dict[str, str] = {
            "status": f"Fill the required fields before resolving or closing: {', '.join(labelled(item, missing))}."
        }
        errors |= {f"custom_fields.{name}": "This field is required before the item is resolved." for name in missing}
        raise ValidationError(errors)


def clear_if_filled(item: WorkItem, actor: User | None, at: datetime) -> bool:
    """Close the mark once every required field has a value; True when it was cleared now."""
    mark = _open_mark(item)
    if mark is None or required_missing(item.service.custom_fields, item.custom_fields):
        return False
    mark.detail = {**mark.detail, "cleared_at": at.isoformat(), "cleared_by": actor.pk if actor else None}
    mark.save(update_fields=["detail"])
    return True
