"""An accounting desk for the assurance tests: the operations desk with its engagement made an accounting one,
plus the people who check and review: a QA analyst, a provider admin and a superuser."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from handoff.domain.accounts.models import User
from handoff.domain.engagements.models import BpoEngagement, ProcessType
from handoff.domain.operations.actions.claims import assign
from handoff.domain.operations.actions.items import change_status, create_item
from handoff.domain.operations.models import ItemStatus, WorkItem
from handoff.domain.tenancy.roles import StaffRole
from tests import factories
from tests.domain.operations_desk import VALID_VALUES, Desk, build_desk, staff_on

MONDAY_9_MANILA = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)


@dataclass
class AssuranceDesk:
    desk: Desk
    qa: User
    admin: User
    superuser: User


def build_assurance_desk(name: str = "Ledger", process: str = ProcessType.ACCOUNTING) -> AssuranceDesk:
    desk = build_desk(name)
    BpoEngagement.objects.filter(pk=desk.engagement.pk).update(process_type=process)
    desk.service.refresh_from_db()
    desk.engagement.refresh_from_db()
    qa = staff_on(desk.client, f"qa@{name.lower()}.provider.test", StaffRole.QA_ANALYST)
    admin = factories.StaffFactory(email=f"admin@{name.lower()}.provider.test", role=StaffRole.ADMIN)
    superuser = factories.StaffFactory(
        email=f"root@{name.lower()}.provider.test", role=StaffRole.ADMIN, is_superuser=True
    )
    return AssuranceDesk(desk, qa, admin, superuser)


def raise_item(desk: Desk, now: dt.datetime = MONDAY_9_MANILA, **data: object) -> WorkItem:
    values = {"title": "Invoice 4711", "custom_fields": {**VALID_VALUES, "amount": 100.0}, **data}
    return create_item(desk.owner, desk.service.pk, values, now=now)


def worked_item(desk: Desk, agent: User | None = None, now: dt.datetime = MONDAY_9_MANILA) -> WorkItem:
    """An item raised by the process owner, assigned to the agent and in progress."""
    item = raise_item(desk, now=now)
    assign(desk.lead, item, (agent or desk.agent).pk, now=now)
    return change_status(agent or desk.agent, item, ItemStatus.IN_PROGRESS, now=now + dt.timedelta(minutes=5))
