"""Work items: raising them (one or a batch), changing status, the conversation, and SLA deadlines.

- Items are raised by provider staff who work items and by the client's process owners and
  HR admins, on a service of a client they see; the client is the service's.
- Custom fields are checked against the service's spec (``custom_fields.py``).
- Every status change writes a ``StatusChange`` row; the SLA deadlines are then recomputed
  from that history by the SLA engine (a wait on the client or customer pauses the clock).
- The first public reply by provider staff is the first response.
- Client users write public replies only; internal notes are for provider staff.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from handoff.domain.assurance.actions.checks import require_approval
from handoff.domain.assurance.permissions import needs_checker
from handoff.domain.automation.signals import item_changed
from handoff.domain.operations import selectors
from handoff.domain.operations.actions.missing_fields import clear_if_filled, require_filled
from handoff.domain.operations.calendars import center_calendar, service_policy
from handoff.domain.operations.custom_fields import clean_values
from handoff.domain.operations.models import (
    STATUS_CATEGORY,
    ItemExtra,
    ItemStatus,
    Message,
    MessageKind,
    Queue,
    Service,
    StatusChange,
    WorkItem,
)
from handoff.domain.operations.permissions import follows_items, is_worker, require
from handoff.domain.tenancy.access import Actor, real_user
from handoff.engines.sla import ItemTimes, TargetKind, TargetStatus, evaluate
from handoff.engines.sla import StatusChange as SlaChange

ITEM_FIELDS = frozenset({"item_type", "title", "description", "priority"})
MAX_BATCH = 500


def _now(now: datetime | None) -> datetime:
    return now if now is not None else timezone.now()


def _pick_queue(actor: Actor, service: Service, queue_id: Any) -> Queue:
    """The named queue of the service, or the service's first queue when none is named."""
    candidates = selectors.queues(actor, service)
    if queue_id is None:
        queue = candidates.order_by("pk").first()
        if queue is None:
            raise ValidationError({"queue": "This service has no queue yet."})
        return queue
    try:
        return candidates.get(pk=int(queue_id))
    except (Queue.DoesNotExist, TypeError, ValueError) as exc:
        raise ValidationError({"queue": "No such queue in this service."}) from exc


def _parent(actor: Actor, parent_id: Any) -> WorkItem | None:
    if parent_id is None:
        return None
    try:
        return selectors.work_items(actor).get(pk=int(parent_id))
    except (WorkItem.DoesNotExist, TypeError, ValueError) as exc:
        raise ValidationError({"parent": "No such item."}) from exc


def _build_item(actor: Actor, service: Service, data: dict[str, Any], now: datetime) -> WorkItem:
    require(follows_items(actor), "Your role does not raise work items.")
    person = real_user(actor)
    item = WorkItem(
        client_id=service.client_id,
        service=service,
        queue=_pick_queue(actor, service, data.get("queue_id")),
        parent=_parent(actor, data.get("parent_id")),
        requester=person,
        created_at=now,
    )
    for field, value in data.items():
        if field in ITEM_FIELDS:
            setattr(item, field, value)
    item.prepare()
    errors: dict[str, list[str]] = {}
    try:
        item.custom_fields = clean_values(service.custom_fields, data.get("custom_fields"))
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        item.full_clean(exclude=["custom_fields"] if errors else None)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return item


def _record_creation(item: WorkItem, actor: Actor, now: datetime) -> None:
    item.save()
    StatusChange.objects.create(
        client_id=item.client_id,
        item=item,
        actor=real_user(actor),
        at=now,
        from_status="",
        to_status=item.status,
        category=item.category,
    )
    recompute_deadlines(item, now=now)
    item_changed.send(sender=WorkItem, item=item, actor=actor, created=True)  # automation: rules, classifier


@transaction.atomic
def create_item(actor: Actor, service_id: Any, data: dict[str, Any], *, now: datetime | None = None) -> WorkItem:
    """Raise one item on a service the actor sees (404 otherwise)."""
    moment = _now(now)
    item = _build_item(actor, selectors.service(actor, service_id), data, moment)
    _record_creation(item, actor, moment)
    return item


@transaction.atomic
def create_items(actor: Actor, rows: Sequence[dict[str, Any]], *, now: datetime | None = None) -> list[WorkItem]:
    """Raise a batch: all or nothing; errors are reported per row (``items.<n>.<field>``)."""
    if not 0 < len(rows) <= MAX_BATCH:
        raise ValidationError({"items": f"Send between 1 and {MAX_BATCH} items."})
    moment = _now(now)
    built: list[WorkItem] = []
    errors: dict[str, list[str]] = {}
    for index, row in enumerate(rows):
        try:
            built.append(_build_item(actor, selectors.service(actor, row.get("service_id")), row, moment))
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors[f"items.{index}.{field}"] = messages
    if errors:
        raise ValidationError(errors)
    for item in built:
        _record_creation(item, actor, moment)
    return built


@transaction.atomic
def change_status(actor: Actor, item: WorkItem, status: str, *, now: datetime | None = None) -> WorkItem:
    """Move an item to another status (provider staff who work items); a closed item stays closed."""
    require(is_worker(actor), "Only provider staff who work items change their status.")
    item = _locked(actor, item)
    if status not in ItemStatus.values:
        raise ValidationError({"status": f"Choose one of: {', '.join(ItemStatus.values)}."})
    if item.status == ItemStatus.CLOSED:
        raise ValidationError({"status": "A closed item cannot change status; raise a new one."})
    if status == item.status:
        return item
    if status in (ItemStatus.RESOLVED, ItemStatus.CLOSED):
        if not ItemExtra.objects.filter(item=item, merged_into__isnull=False).exists():  # a merged duplicate closes
            require_filled(item)  # raised by email without its required fields: an agent fills them first
        require_approval(item)  # maker-checker (assurance): accounting and payroll items need a checker first
    moment = _now(now)
    StatusChange.objects.create(
        client_id=item.client_id,
        item=item,
        actor=real_user(actor),
        at=moment,
        from_status=item.status,
        to_status=status,
        category=STATUS_CATEGORY[status],
    )
    item.status = status
    item.prepare()
    item.save(update_fields=["status", "category", "updated_at"])
    recompute_deadlines(item, now=moment)
    item_changed.send(sender=WorkItem, item=item, actor=actor, created=False)  # automation: rules on update
    return item


@transaction.atomic
def fill_custom_fields(actor: Actor, item: WorkItem, values: Any, *, now: datetime | None = None) -> WorkItem:
    """Provider staff set an item's custom field values (merged over the current ones, checked against the spec).

    How an item raised by email gets the required fields it came without (its mark is then cleared). Items of
    accounting and payroll services change through maker-checker instead (``assurance.submit_change``).
    """
    require(is_worker(actor), "Only provider staff who work items edit their fields.")
    item = _locked(actor, item)
    if needs_checker(item.service):
        raise ValidationError(
            {"custom_fields": "This service's items change through maker-checker: submit the change for checking."}
        )
    if item.status == ItemStatus.CLOSED:
        raise ValidationError({"custom_fields": "A closed item cannot change; raise a new one."})
    if not isinstance(values, dict):
        raise ValidationError({"custom_fields": "Custom fields are an object of field name → value."})
    current = dict(item.custom_fields) if isinstance(item.custom_fields, dict) else {}
    item.custom_fields = clean_values(item.service.custom_fields, {**current, **values})
    item.save(update_fields=["custom_fields", "updated_at"])
    clear_if_filled(item, real_user(actor), _now(now))
    item_changed.send(sender=WorkItem, item=item, actor=actor, created=False)  # automation: rules on update
    return item


def _locked(actor: Actor, item: WorkItem) -> WorkItem:
    """The item re-read under a row lock (PostgreSQL), so concurrent changes apply one after the other."""
    return selectors.work_items(actor).select_for_update(of=("self",)).get(pk=item.pk)


@transaction.atomic
def add_message(actor: Actor, item: WorkItem, kind: str, body: str, *, now: datetime | None = None) -> Message:
    """A public reply or an internal note; the first public reply of provider staff is the first response."""
    require(follows_items(actor), "Your role does not take part in work items.")
    if kind not in MessageKind.values:
        raise ValidationError({"kind": f"Choose one of: {', '.join(MessageKind.values)}."})
    require(kind == MessageKind.REPLY or is_worker(actor), "Only provider staff write internal notes.")
    item = _locked(actor, item)
    moment = _now(now)
    message = Message(
        client_id=item.client_id, item=item, author=real_user(actor), kind=kind, body=body, created_at=moment
    )
    message.full_clean()
    message.save()
    if kind == MessageKind.REPLY:
        if is_worker(actor) and item.first_response_at is None:
            item.first_response_at = moment
            item.save(update_fields=["first_response_at", "updated_at"])
        note_public_reply(item, from_provider=is_worker(actor), at=moment)
        recompute_deadlines(item, now=moment)
        if is_worker(actor):
            _mail_requester_after_commit(item, message)
    return message


def _mail_requester_after_commit(item: WorkItem, message: Message) -> None:
    """A provider's public reply on an item raised by email is mailed to its sender once the reply is saved."""
    extra = ItemExtra.objects.filter(item=item).only("requester_email", "merged_into").first()
    if extra is None or not extra.requester_email or extra.merged_into_id is not None:
        return
    from handoff.domain.operations.actions.email_intake import send_reply  # email_intake imports this module

    message_pk = message.pk
    transaction.on_commit(lambda: send_reply(message_pk))


def item_extra(item: WorkItem) -> ItemExtra:
    """The item's intake/merge/next-response row, made on first use."""
    extra, _ = ItemExtra.objects.get_or_create(item=item, defaults={"client_id": item.client_id})
    return extra


def note_public_reply(item: WorkItem, *, from_provider: bool, at: datetime) -> None:
    """The next-response clock: a client or customer message starts it (unless one is already waiting),
    the provider's public reply stops it."""
    extra = item_extra(item)
    if from_provider:
        extra.last_reply_at = at
    else:
        answered = extra.awaiting_reply_since is None or (
            extra.last_reply_at is not None and extra.last_reply_at >= extra.awaiting_reply_since
        )
        if answered:
            extra.awaiting_reply_since = at
    extra.save(update_fields=["last_reply_at", "awaiting_reply_since"])


def recompute_deadlines(item: WorkItem, *, now: datetime | None = None) -> WorkItem:
    """Store the item's first-response and resolution deadlines (aware UTC) and its worst SLA state.

    Rebuilt from the status history every time (the SLA engine accumulates nothing), so a pause
    moves the resolution deadline by exactly the business time it lasted; while paused it is empty.
    """
    moment = _now(now)
    service = item.service
    history = tuple(SlaChange(at, category) for at, category in scoped_history(item).values_list("at", "category"))
    extra = ItemExtra.objects.filter(item=item).first()  # read once for the clock and for storing its deadline
    status = evaluate(
        service_policy(service),
        center_calendar(service.engagement.delivery_center),
        _times(item, history, extra),
        moment,
    )
    first, resolution = status.get(TargetKind.FIRST_RESPONSE), status.get(TargetKind.RESOLUTION)
    item.first_response_due = first.deadline if first else None
    item.resolution_due = resolution.deadline if resolution else None
    item.sla_state = str(status.worst or "")
    item.save(update_fields=["first_response_due", "resolution_due", "sla_state", "updated_at"])
    _store_next_response(item, status.get(TargetKind.NEXT_RESPONSE), extra)
    return item


def _store_next_response(item: WorkItem, target: TargetStatus | None, extra: ItemExtra | None) -> None:
    due = target.deadline if target is not None and target.met_at is None else None
    if due is None and extra is None:
        return
    extra = extra or item_extra(item)
    if extra.next_response_due != due:
        extra.next_response_due = due
        extra.save(update_fields=["next_response_due"])


def item_times(item: WorkItem, history: tuple[SlaChange, ...]) -> ItemTimes:
    """What the SLA engine needs to know about an item (its next-response clock from its extra row)."""
    return _times(item, history, ItemExtra.objects.filter(item=item).first())


def _times(item: WorkItem, history: tuple[SlaChange, ...], extra: ItemExtra | None) -> ItemTimes:
    return ItemTimes(
        created_at=item.created_at,
        priority=item.priority,
        history=history,
        first_response_at=item.first_response_at,
        awaiting_reply_since=extra.awaiting_reply_since if extra else None,
        replied_at=extra.last_reply_at if extra else None,
    )


def scoped_history(item: WorkItem) -> Any:
    """The item's status history (the item was already read through the actor's scope)."""
    return StatusChange.objects.filter(client_id=item.client_id, item_id=item.pk).order_by("at", "id")


HISTORY_BATCH = 2000


@transaction.atomic
def load_closed_history(actor: Actor, queue: Queue, arrivals: Sequence[tuple[datetime, datetime]], title: str) -> int:
    """Past items of a queue that are already closed, written in bulk: (created, closed) per item.

    For history brought over from a client's previous tool (and the demo's weeks of traffic), which the
    forecasting needs and no agent will work again. Provider admins only. Each item gets its two status
    changes (raised, closed), so its history reads like any other's; no SLA deadlines are computed for
    items that are closed already.
    """
    require(_is_provider_admin(actor), "Only provider admins load past items.")
    service = queue.service
    errors = [index for index, (created, closed) in enumerate(arrivals) if closed < created]
    if errors:
        raise ValidationError({"arrivals": f"Item {errors[0]} closes before it was raised."})
    person = real_user(actor)
    items = []
    for created, _closed in arrivals:
        item = WorkItem(
            client_id=service.client_id,
            service=service,
            queue=queue,
            title=title,
            created_at=created,
            status=ItemStatus.CLOSED,
            requester=person,
        )
        item.prepare()
        items.append(item)
    WorkItem.objects.bulk_create(items, batch_size=HISTORY_BATCH)
    changes = []
    for item, (created, closed) in zip(items, arrivals, strict=True):
        changes.append(_change(item, person, created, "", ItemStatus.NEW))
        changes.append(_change(item, person, closed, ItemStatus.NEW, ItemStatus.CLOSED))
    StatusChange.objects.bulk_create(changes, batch_size=HISTORY_BATCH)
    return len(items)


def _change(item: WorkItem, actor: Any, at: datetime, before: str, after: str) -> StatusChange:
    return StatusChange(
        client_id=item.client_id,
        item=item,
        actor=actor,
        at=at,
        from_status=before,
        to_status=after,
        category=STATUS_CATEGORY[after],
    )


def _is_provider_admin(actor: Actor) -> bool:
    person = real_user(actor)
    return bool(person is not None and person.is_provider_admin)
