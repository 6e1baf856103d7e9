"""Work items: raising them, custom-field validation, statuses and history, the conversation, SLA deadlines."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from handoff.domain.operations import selectors
from handoff.domain.operations.actions.items import add_message, change_status, create_item, create_items
from handoff.domain.operations.actions.setup import add_center_holiday, create_queue, create_service
from handoff.domain.operations.calendars import center_calendar, service_policy
from handoff.domain.operations.custom_fields import clean_values, validate_spec
from handoff.domain.operations.models import ItemStatus, MessageKind, StatusChange, WorkItem
from handoff.domain.tenancy.roles import ClientRole, StaffRole
from handoff.engines.sla import TargetKind
from tests import factories
from tests.domain.operations_desk import VALID_VALUES, Desk, build_desk

pytestmark = pytest.mark.django_db

MONDAY_9_MANILA = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)  # Monday 09:00 in Manila (UTC+8)


@pytest.fixture
def desk() -> Desk:
    return build_desk()


def raise_item(desk: Desk, now: dt.datetime = MONDAY_9_MANILA, **data: object) -> WorkItem:
    values = {"title": "Refund for order A-1001", "custom_fields": VALID_VALUES, **data}
    return create_item(desk.owner, desk.service.pk, values, now=now)


# --- custom fields --------------------------------------------------------------------------------------------


def test_custom_field_values_are_converted_to_their_types(desk: Desk) -> None:
    values = {**VALID_VALUES, "amount": "12.5", "units": "3", "vip": "yes", "refund_date": "2026-03-01"}
    assert clean_values(desk.service.custom_fields, values) == {
        "order_id": "A-1001",
        "channel": "email",
        "amount": 12.5,
        "units": 3,
        "vip": True,
        "refund_date": "2026-03-01",
    }


def test_each_wrong_custom_field_is_reported_by_name(desk: Desk) -> None:
    bad = {"channel": "fax", "amount": "twelve", "units": "3.5", "refund_date": "01/03/2026", "colour": "red"}
    with pytest.raises(ValidationError) as caught:
        raise_item(desk, custom_fields=bad)
    errors = caught.value.message_dict
    assert errors["custom_fields.order_id"] == ["This field is required."]
    assert errors["custom_fields.channel"] == ["Choose one of: email, phone."]
    assert errors["custom_fields.amount"] == ["Enter a number."]
    assert errors["custom_fields.units"] == ["Enter a whole number."]
    assert errors["custom_fields.refund_date"] == ["Enter a date as YYYY-MM-DD."]
    assert errors["custom_fields.colour"] == ["This service has no such field."]
    assert not selectors.work_items(desk.owner).exists()


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"name": "x"}, "Custom fields are a list"),
        ([{"name": "Bad Name", "type": "text"}], "a name of lowercase"),
        ([{"name": "a", "type": "text"}, {"name": "a", "type": "text"}], "defined twice"),
        ([{"name": "a", "type": "colour"}], "the type is one of"),
        ([{"name": "a", "type": "choice"}], "lists its choices"),
        ([{"name": "a", "type": "text", "choices": ["x"]}], "only choice fields"),
        ([{"name": "a", "type": "text", "min": 1}], "only the keys"),
    ],
)
def test_a_malformed_spec_is_refused(spec: object, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        validate_spec(spec)


# --- raising items --------------------------------------------------------------------------------------------


def test_an_item_is_raised_in_the_services_first_queue_with_its_history_and_deadlines(desk: Desk) -> None:
    item = raise_item(desk, priority="high")
    assert item.client_id == desk.client.pk
    assert item.queue_id == desk.queue.pk
    assert item.requester_id == desk.owner.pk
    assert (item.status, item.category, item.priority_rank) == ("new", "open", 1)
    changes = list(StatusChange.objects.filter(item=item).values_list("from_status", "to_status", "category"))
    assert changes == [("", "new", "open")]
    # 60 business minutes from Monday 09:00 in Manila; 8 business hours with a 12:30–13:30 lunch: 18:00.
    assert item.first_response_due == dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)
    assert item.resolution_due == dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
    assert item.sla_state == "ok"


def test_a_client_user_without_an_operations_role_cannot_raise_items(desk: Desk) -> None:
    manager = factories.ClientUserFactory(client=desk.client, role=ClientRole.HIRING_MANAGER)
    with pytest.raises(PermissionDenied):
        create_item(manager, desk.service.pk, {"title": "x", "custom_fields": VALID_VALUES})


def test_another_clients_service_is_not_found(desk: Desk) -> None:
    other = build_desk("Beta")
    with pytest.raises(Http404):
        create_item(desk.owner, other.service.pk, {"title": "x", "custom_fields": VALID_VALUES})


def test_a_batch_is_all_or_nothing_with_errors_per_row(desk: Desk) -> None:
    rows = [
        {"service_id": desk.service.pk, "title": "one", "custom_fields": VALID_VALUES},
        {"service_id": desk.service.pk, "title": "", "custom_fields": {"channel": "email"}},
    ]
    with pytest.raises(ValidationError) as caught:
        create_items(desk.owner, rows, now=MONDAY_9_MANILA)
    assert set(caught.value.message_dict) == {"items.1.title", "items.1.custom_fields.order_id"}
    assert not selectors.work_items(desk.owner).exists()
    made = create_items(desk.owner, rows[:1] * 3, now=MONDAY_9_MANILA)
    assert len(made) == 3 == selectors.work_items(desk.owner).count()


def test_a_child_item_names_a_parent_of_the_same_client_and_one_level_only(desk: Desk) -> None:
    parent = raise_item(desk)
    child = raise_item(desk, parent_id=parent.pk)
    assert list(selectors.children(desk.owner, parent)) == [child]
    with pytest.raises(ValidationError, match="cannot have children"):
        raise_item(desk, parent_id=child.pk)
    other = build_desk("Beta")
    with pytest.raises(ValidationError, match="No such item"):
        create_item(
            other.owner, other.service.pk, {"title": "x", "custom_fields": VALID_VALUES, "parent_id": parent.pk}
        )


# --- status, conversation ---------------------------------------------------------------------------------------


def test_status_changes_are_recorded_and_a_closed_item_stays_closed(desk: Desk) -> None:
    item = raise_item(desk)
    change_status(desk.agent, item, ItemStatus.IN_PROGRESS, now=MONDAY_9_MANILA + dt.timedelta(minutes=5))
    change_status(desk.agent, item, ItemStatus.CLOSED, now=MONDAY_9_MANILA + dt.timedelta(minutes=9))
    history = list(selectors.status_history(desk.agent, item).values_list("from_status", "to_status", "actor"))
    assert history == [
        ("", "new", desk.owner.pk),
        ("new", "in_progress", desk.agent.pk),
        ("in_progress", "closed", desk.agent.pk),
    ]
    with pytest.raises(ValidationError, match="closed item"):
        change_status(desk.agent, item, ItemStatus.OPEN)
    with pytest.raises(PermissionDenied):
        change_status(desk.owner, raise_item(desk), ItemStatus.RESOLVED)


def test_client_users_never_see_internal_notes_and_cannot_write_them(desk: Desk) -> None:
    item = raise_item(desk)
    add_message(desk.agent, item, MessageKind.NOTE, "Customer is a known abuser", now=MONDAY_9_MANILA)
    add_message(desk.agent, item, MessageKind.REPLY, "We are on it", now=MONDAY_9_MANILA)
    add_message(desk.owner, item, MessageKind.REPLY, "Thanks", now=MONDAY_9_MANILA)
    assert [m.body for m in selectors.messages(desk.owner, item)] == ["We are on it", "Thanks"]
    assert len(selectors.messages(desk.agent, item)) == 3
    with pytest.raises(PermissionDenied):
        add_message(desk.owner, item, MessageKind.NOTE, "sneaky")


def test_the_first_public_reply_of_staff_is_the_first_response(desk: Desk) -> None:
    item = raise_item(desk)
    add_message(desk.agent, item, MessageKind.NOTE, "looking", now=MONDAY_9_MANILA + dt.timedelta(minutes=10))
    assert selectors.work_item(desk.agent, item.pk).first_response_at is None
    reply_at = MONDAY_9_MANILA + dt.timedelta(minutes=20)
    add_message(desk.agent, item, MessageKind.REPLY, "hello", now=reply_at)
    stored = selectors.work_item(desk.agent, item.pk)
    assert stored.first_response_at == reply_at


# --- SLA deadlines ----------------------------------------------------------------------------------------------


def test_waiting_on_the_client_pauses_the_resolution_clock_and_moves_the_deadline(desk: Desk) -> None:
    item = raise_item(desk)
    assert item.resolution_due == dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)  # Monday 18:00 Manila
    change_status(desk.agent, item, ItemStatus.WAITING_CLIENT, now=MONDAY_9_MANILA + dt.timedelta(hours=1))
    paused = selectors.work_item(desk.agent, item.pk)
    assert paused.resolution_due is None  # no deadline while the clock is stopped
    # Two hours later (10:00 → 12:00 Manila, all business time) the client answers.
    change_status(desk.agent, item, ItemStatus.IN_PROGRESS, now=MONDAY_9_MANILA + dt.timedelta(hours=3))
    resumed = selectors.work_item(desk.agent, item.pk)
    # 2 business hours later than before: Monday 18:00 + 2 h = Tuesday 11:00 Manila = 03:00 UTC.
    assert resumed.resolution_due == dt.datetime(2026, 3, 3, 3, 0, tzinfo=dt.UTC)


def test_a_local_holiday_of_the_center_pushes_deadlines_past_it(desk: Desk) -> None:
    admin = factories.StaffFactory(role=StaffRole.ADMIN)
    add_center_holiday(admin, desk.engagement.delivery_center, dt.date(2026, 3, 3), "Town fiesta")
    item = raise_item(desk, now=dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC))  # Monday 17:00 Manila
    # 8 business hours: 1 on Monday, Tuesday closed, 7 on Wednesday (09:00–12:30, 13:30–17:00).
    assert item.resolution_due == dt.datetime(2026, 3, 4, 9, 0, tzinfo=dt.UTC)
    assert center_calendar(desk.engagement.delivery_center).is_holiday(dt.date(2026, 3, 3))


def test_service_targets_per_priority_override_the_engagements(desk: Desk) -> None:
    desk.service.sla_targets = {"urgent": {"first_response_minutes": 15, "resolution_minutes": 120}}
    policy = service_policy(desk.service)
    urgent = {t.kind: t.duration for t in policy.targets_for("urgent")}
    normal = {t.kind: t.duration for t in policy.targets_for("normal")}
    assert urgent[TargetKind.RESOLUTION] == dt.timedelta(hours=2)
    assert normal[TargetKind.RESOLUTION] == dt.timedelta(hours=8)


# --- set-up -----------------------------------------------------------------------------------------------------


def test_services_and_queues_are_set_up_by_the_clients_account_team_only(desk: Desk) -> None:
    manager = factories.StaffFactory(role=StaffRole.ACCOUNT_MANAGER)
    factories.AssignmentFactory(client=desk.client, user=manager)
    service = create_service(manager, desk.engagement.pk, {"name": "Chargebacks", "client": 999})
    assert service.client_id == desk.client.pk
    with pytest.raises(ValidationError, match="level is a whole number from 1 to 5"):
        create_queue(manager, service, {"name": "Spanish", "languages": ["es"], "required_skills": {"x": 9}})
    queue = create_queue(manager, service, {"name": "Spanish", "languages": ["es"], "required_skills": {"x": 4}})
    assert (queue.client_id, queue.service_id) == (desk.client.pk, service.pk)
    with pytest.raises(PermissionDenied):
        create_service(desk.agent, desk.engagement.pk, {"name": "Agents may not"})
    outsider = factories.StaffFactory(role=StaffRole.ACCOUNT_MANAGER)
    with pytest.raises(Http404):
        create_service(outsider, desk.engagement.pk, {"name": "Not my client"})
