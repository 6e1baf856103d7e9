"""SLA attainment per service, from stored deadlines and met times (last 30 days)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from handoff.domain.operations.actions.items import create_item
from handoff.domain.operations.attainment import sla_attainment
from handoff.domain.operations.models import ItemStatus, StatusChange, WorkItem
from tests.domain.operations_desk import VALID_VALUES, Desk, build_desk
from tests.factories_operations import MONDAY_10_MANILA

pytestmark = pytest.mark.django_db

HOUR = dt.timedelta(hours=1)


@pytest.fixture
def desk(monkeypatch: pytest.MonkeyPatch) -> Desk:
    monkeypatch.setattr(timezone, "now", lambda: MONDAY_10_MANILA)
    return build_desk()


def item(desk: Desk, *, responded: dt.timedelta | None, resolved: dt.timedelta | None) -> WorkItem:
    """An item due at +1h (response) and +8h (resolution), answered and resolved after the given delays."""
    row = create_item(desk.owner, desk.service.pk, {"title": "Refund", "custom_fields": VALID_VALUES})
    start = row.created_at
    first = start + responded if responded is not None else None
    WorkItem.objects.filter(pk=row.pk).update(
        first_response_due=start + HOUR, resolution_due=start + 8 * HOUR, first_response_at=first
    )
    if resolved is not None:
        StatusChange.objects.create(
            client=desk.client, item=row, at=start + resolved, to_status=ItemStatus.RESOLVED, category="resolved"
        )
    return row


def test_attainment_counts_met_and_missed_targets_per_service(desk: Desk) -> None:
    item(desk, responded=HOUR / 2, resolved=2 * HOUR)  # both met
    item(desk, responded=2 * HOUR, resolved=9 * HOUR)  # both missed
    item(desk, responded=HOUR / 4, resolved=None)  # response met; resolution still running: not counted
    [row] = sla_attainment(desk.owner, now=MONDAY_10_MANILA + 3 * HOUR)
    assert row.service == desk.service
    assert row.items == 3
    assert (row.first_response.met, row.first_response.decided) == (2, 3)
    assert (row.resolution.met, row.resolution.decided) == (1, 2)
    assert row.resolution.share == 0.5


def test_an_unresolved_item_past_its_deadline_is_a_miss(desk: Desk) -> None:
    item(desk, responded=None, resolved=None)
    [row] = sla_attainment(desk.owner, now=MONDAY_10_MANILA + 9 * HOUR)
    assert (row.first_response.met, row.first_response.decided) == (0, 1)
    assert (row.resolution.met, row.resolution.decided) == (0, 1)


def test_old_items_and_other_clients_are_left_out(desk: Desk) -> None:
    item(desk, responded=HOUR / 2, resolved=HOUR)
    other = build_desk("Globex")
    item(other, responded=2 * HOUR, resolved=None)
    assert [row.service for row in sla_attainment(desk.owner, now=MONDAY_10_MANILA + HOUR)] == [desk.service]
    assert sla_attainment(desk.owner, now=MONDAY_10_MANILA + dt.timedelta(days=31)) == []
