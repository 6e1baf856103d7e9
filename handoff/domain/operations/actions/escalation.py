"""SLA warnings and escalation, run periodically over every open item (``handoff sla_sweep`` or the task).

For each open item the SLA engine evaluates every target (first response, next response,
resolution) at ``now``:

- **warning** (the warn fraction of a target consumed, not yet met): the assignee (or, with
  nobody assigned, the team leads) get one email;
- **breached** and not met: the team leads on the client's account team get one email, the
  priority is raised one step (low → normal → high → urgent) and the deadlines are recomputed.

Each is recorded once as an ``ItemEvent`` whose key names the target and when its clock
started (``sla_escalation:resolution:<start>``): the unique (item, key) constraint makes a
sweep idempotent, also when two sweeps run at once; a new customer message starts a new
next-response clock and so may be escalated again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.mail import EmailMessage, mailers
from django.db import IntegrityError, transaction
from django.utils import timezone

from handoff.domain.accounts.models import User
from handoff.domain.operations.actions.items import item_times, recompute_deadlines, scoped_history
from handoff.domain.operations.calendars import center_calendar, service_policy
from handoff.domain.operations.models import (
    ACTIVE_CATEGORIES,
    ItemEvent,
    ItemEventKind,
    Priority,
    WorkItem,
)
from handoff.domain.tenancy.roles import StaffRole, UserKind
from handoff.engines.sla import SlaState, TargetStatus, evaluate
from handoff.engines.sla import StatusChange as SlaChange

RAISED: dict[str, str] = {
    Priority.LOW: Priority.NORMAL,
    Priority.NORMAL: Priority.HIGH,
    Priority.HIGH: Priority.URGENT,
    Priority.URGENT: Priority.URGENT,
}


@dataclass(frozen=True)
class SweepReport:
    checked: int
    warned: int
    escalated: int


def team_leads(client_id: int) -> list[str]:
    """Emails of the active team leads on the client's account team."""
    rows = User.objects.filter(
        kind=UserKind.PROVIDER, role=StaffRole.TEAM_LEAD, is_active=True, assignments__client_id=client_id
    )
    return sorted(set(rows.values_list("email", flat=True)))


def sweep(now: datetime | None = None) -> SweepReport:
    """Warn and escalate every open item that needs it; each happens once per target clock."""
    moment = now or timezone.now()
    open_items = (
        WorkItem.objects.select_related("service__engagement__delivery_center", "assignee")
        .filter(category__in=ACTIVE_CATEGORIES)
        .order_by("pk")
    )
    warned = escalated = checked = 0
    for item in open_items.iterator(chunk_size=500):
        checked += 1
        w, e = check_item(item, moment)
        warned += w
        escalated += e
    return SweepReport(checked, warned, escalated)


def check_item(item: WorkItem, now: datetime) -> tuple[int, int]:
    history = tuple(SlaChange(at, category) for at, category in scoped_history(item).values_list("at", "category"))
    service = item.service
    status = evaluate(
        service_policy(service), center_calendar(service.engagement.delivery_center), item_times(item, history), now
    )
    worst = str(status.worst or "")
    if worst != item.sla_state:
        WorkItem.objects.filter(pk=item.pk).update(sla_state=worst)
        item.sla_state = worst
    warned = escalated = 0
    for target in status.targets:
        if target.met_at is not None:
            continue
        if target.state is SlaState.BREACHED:
            escalated += _escalate(item, target, now)
        elif target.state is SlaState.WARNING:
            warned += _warn(item, target, now)
    return warned, escalated


def _record(item: WorkItem, kind: str, target: TargetStatus, now: datetime, detail: dict[str, object]) -> bool:
    """The event, unless it was recorded before (then False)."""
    key = f"{kind}:{target.kind}:{target.started_at.isoformat()}"[:80]
    try:
        with transaction.atomic():
            ItemEvent.objects.create(
                client_id=item.client_id, item=item, kind=kind, key=key, actor=None, at=now, detail=detail
            )
    except IntegrityError:
        return False
    return True


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "—"


@transaction.atomic
def _warn(item: WorkItem, target: TargetStatus, now: datetime) -> int:
    recipients = [item.assignee.email] if item.assignee is not None else team_leads(item.client_id)
    detail: dict[str, object] = {"target": str(target.kind), "deadline": _when(target.deadline), "notified": recipients}
    if not _record(item, ItemEventKind.SLA_WARNING, target, now, detail):
        return 0
    subject = f"SLA warning: #{item.pk} {item.title} — {target.kind} due {_when(target.deadline)}"
    body = f"Item #{item.pk} ({item.service.name}) will breach its {target.kind} target at {_when(target.deadline)}."
    _send(subject, body, recipients)
    return 1


@transaction.atomic
def _escalate(item: WorkItem, target: TargetStatus, now: datetime) -> int:
    recipients = team_leads(item.client_id)
    old, new = item.priority, RAISED.get(item.priority, item.priority)
    detail: dict[str, object] = {
        "target": str(target.kind),
        "deadline": _when(target.deadline),
        "old_priority": old,
        "new_priority": new,
        "notified": recipients,
    }
    if not _record(item, ItemEventKind.SLA_ESCALATION, target, now, detail):
        return 0
    if new != old:
        locked = WorkItem.objects.select_for_update().get(pk=item.pk)
        locked.priority = new
        locked.prepare()
        locked.save(update_fields=["priority", "priority_rank", "updated_at"])
        item.priority, item.priority_rank = locked.priority, locked.priority_rank
        recompute_deadlines(item, now=now)
    subject = f"SLA breached: #{item.pk} {item.title} — {target.kind}"
    body = (
        f"Item #{item.pk} ({item.service.name}) breached its {target.kind} target (due {_when(target.deadline)}).\n"
        f"Priority raised from {old} to {new}. Assignee: {item.assignee or 'nobody'}."
    )
    _send(subject, body, recipients)
    return 1


def _send(subject: str, body: str, recipients: list[str]) -> None:
    messages = [EmailMessage(subject, body, None, [address]) for address in recipients if address]
    if messages:
        transaction.on_commit(lambda: mailers.default.send_messages(messages))
