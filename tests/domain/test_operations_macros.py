"""Macros: placeholders, set-up permissions, applying one (reply or note, status change, SLA pause), client walls."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from handoff.domain.operations import selectors
from handoff.domain.operations.actions.items import create_item
from handoff.domain.operations.actions.macros import (
    apply_macro,
    create_macro,
    deactivate_macro,
    preview,
    update_macro,
)
from handoff.domain.operations.demo import MACROS, seed_macros
from handoff.domain.operations.models import ItemStatus, Macro, Message, MessageKind, StatusChange, WorkItem
from handoff.domain.operations.placeholders import render, validate_template
from handoff.domain.tenancy.roles import StaffRole
from tests import factories
from tests.domain.operations_desk import VALID_VALUES, Desk, build_desk, staff_on
from tests.factories_operations import ServiceFactory

pytestmark = pytest.mark.django_db

MONDAY_9_MANILA = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)
BODY = "Hello {{ requester_name }}, about {{item_reference}} ({{ service_name }}): done. {{ agent_name }}"


@pytest.fixture
def desk() -> Desk:
    return build_desk()


def raise_item(desk: Desk, now: dt.datetime = MONDAY_9_MANILA) -> WorkItem:
    values = {"title": "Refund for order A-1001", "custom_fields": VALID_VALUES}
    return create_item(desk.owner, desk.service.pk, values, now=now)


def macro_of(desk: Desk, **data: object) -> Macro:
    return create_macro(desk.lead, desk.client.pk, {"title": "Resolved", "body": BODY, **data})


# --- the text ---------------------------------------------------------------------------------------------------


def test_render_fills_known_placeholders_once_and_leaves_values_unexpanded() -> None:
    values = {"requester_name": "{{ agent_name }}", "agent_name": "Ana"}
    assert render("Hi {{ requester_name }} / {{agent_name}}", values) == "Hi {{ agent_name }} / Ana"


def test_unknown_placeholders_are_named_in_the_error() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_template("Dear {{ customer }}, {{ item_reference }} {{ x.__class__ }}")
    assert "{{ customer }}" in caught.value.messages[0]
    assert "{{ x.__class__ }}" in caught.value.messages[0]
    assert "{{ item_reference }}" in caught.value.messages[0]  # the list of the known ones


def test_a_macro_with_an_unknown_placeholder_is_refused_on_the_body(desk: Desk) -> None:
    with pytest.raises(ValidationError) as caught:
        macro_of(desk, body="Hi {{ first_name }}")
    assert "Unknown placeholder {{ first_name }}" in caught.value.message_dict["body"][0]
    assert not Macro.objects.exists()


def test_preview_renders_for_the_item_and_the_agent(desk: Desk) -> None:
    item = raise_item(desk)
    text = preview(desk.agent, item, macro_of(desk))
    name = desk.owner.get_full_name()
    assert text == f"Hello {name}, about #{item.pk} ({desk.service.name}): done. {desk.agent.get_full_name()}"


# --- set-up -------------------------------------------------------------------------------------------------------


def test_an_agent_cannot_create_a_macro(desk: Desk) -> None:
    with pytest.raises(PermissionDenied):
        create_macro(desk.agent, desk.client.pk, {"title": "Mine", "body": "Hi"})
    assert not Macro.objects.exists()


def test_an_account_manager_of_another_client_cannot_create_one(desk: Desk) -> None:
    other = factories.ClientFactory(name="Globex")
    manager = staff_on(other, "am@globex.provider.test", StaffRole.ACCOUNT_MANAGER)
    with pytest.raises(Http404):
        create_macro(manager, desk.client.pk, {"title": "Mine", "body": "Hi"})


def test_a_team_lead_creates_updates_and_deactivates(desk: Desk) -> None:
    macro = macro_of(desk, service_id=desk.service.pk, set_status=ItemStatus.RESOLVED)
    assert (macro.client_id, macro.service_id, macro.created_by_id) == (desk.client.pk, desk.service.pk, desk.lead.pk)
    update_macro(desk.lead, macro, {"title": "Closed out", "service_id": None, "set_status": None})
    macro.refresh_from_db()
    assert (macro.title, macro.service_id, macro.set_status) == ("Closed out", None, "")
    deactivate_macro(desk.lead, macro)
    macro.refresh_from_db()
    assert macro.is_active is False


def test_a_service_of_another_client_is_a_field_error(desk: Desk) -> None:
    foreign = ServiceFactory(name="Foreign desk")
    admin = factories.StaffFactory(role=StaffRole.ADMIN, email="admin@provider.test")
    with pytest.raises(ValidationError) as caught:
        create_macro(admin, desk.client.pk, {"title": "X", "body": "Hi", "service_id": foreign.pk})
    assert "service_id" in caught.value.message_dict


def test_titles_are_unique_per_client(desk: Desk) -> None:
    macro_of(desk)
    with pytest.raises(ValidationError):
        macro_of(desk)


# --- applying -------------------------------------------------------------------------------------------------


def test_applying_posts_the_reply_sets_the_status_and_counts_the_use(desk: Desk) -> None:
    item = raise_item(desk)
    macro = macro_of(desk, set_status=ItemStatus.WAITING_CUSTOMER)
    later = MONDAY_9_MANILA + dt.timedelta(minutes=30)
    applied = apply_macro(desk.agent, item, macro, now=later)
    message = Message.objects.get(item=item)
    assert message.kind == MessageKind.REPLY
    assert message.body.startswith(f"Hello {desk.owner.get_full_name()}")
    assert message.author_id == desk.agent.pk
    assert message == applied.message
    item.refresh_from_db()
    assert item.first_response_at == later  # through add_message: the first response
    assert item.status == ItemStatus.WAITING_CUSTOMER
    assert item.resolution_due is None  # through change_status: the SLA clock paused
    last = StatusChange.objects.filter(item=item).order_by("-at", "-id").first()
    assert last is not None
    assert (last.to_status, last.actor_id) == (ItemStatus.WAITING_CUSTOMER, desk.agent.pk)
    macro.refresh_from_db()
    assert macro.usage_count == 1


def test_an_internal_note_macro_leaves_the_first_response_open(desk: Desk) -> None:
    item = raise_item(desk)
    apply_macro(desk.agent, item, macro_of(desk, kind=MessageKind.NOTE), body="Checked with finance.")
    item.refresh_from_db()
    assert Message.objects.get(item=item).kind == MessageKind.NOTE
    assert Message.objects.get(item=item).body == "Checked with finance."  # the agent's edited text
    assert item.first_response_at is None
    assert item.status == ItemStatus.NEW


def test_a_macro_of_another_client_is_never_applied(desk: Desk) -> None:
    other = build_desk("Globex")
    item_b = raise_item(other)
    macro_a = macro_of(desk)
    admin = factories.StaffFactory(role=StaffRole.ADMIN, email="admin@provider.test")  # sees both clients
    with pytest.raises(ValidationError) as caught:
        apply_macro(admin, item_b, macro_a)
    assert "macro" in caught.value.message_dict
    with pytest.raises(Http404):  # the agent of client A does not even see client B's item
        apply_macro(desk.agent, item_b, macro_a)
    assert not Message.objects.filter(item=item_b).exists()
    macro_a.refresh_from_db()
    assert macro_a.usage_count == 0
    assert list(selectors.macros_for_item(admin, item_b)) == []


def test_a_macro_for_another_service_or_inactive_is_not_applicable(desk: Desk) -> None:
    item = raise_item(desk)
    other_service = ServiceFactory(engagement=desk.engagement, name="Order entry")
    general, own = macro_of(desk, title="General"), macro_of(desk, title="Own", service_id=desk.service.pk)
    elsewhere = macro_of(desk, title="Elsewhere", service_id=other_service.pk)
    retired = macro_of(desk, title="Retired")
    deactivate_macro(desk.lead, retired)
    assert list(selectors.macros_for_item(desk.agent, item)) == [general, own]
    for macro in (elsewhere, retired):
        with pytest.raises(ValidationError):
            apply_macro(desk.agent, item, macro)


def test_a_failed_status_change_posts_nothing(desk: Desk) -> None:
    item = raise_item(desk)
    macro = macro_of(desk, set_status=ItemStatus.CLOSED)
    apply_macro(desk.agent, item, macro)
    reopen = macro_of(desk, title="Reopen", set_status=ItemStatus.OPEN)
    with pytest.raises(ValidationError):  # a closed item stays closed: the reply is rolled back with it
        apply_macro(desk.agent, item, reopen)
    assert Message.objects.filter(item=item).count() == 1
    reopen.refresh_from_db()
    assert reopen.usage_count == 0


def test_client_users_see_no_macros(desk: Desk) -> None:
    item = raise_item(desk)
    macro = macro_of(desk)
    assert list(selectors.macros(desk.owner)) == []
    with pytest.raises(Http404):
        apply_macro(desk.owner, item, macro)


# --- demo -----------------------------------------------------------------------------------------------------


def test_the_demo_seeds_starter_macros_per_client_once(desk: Desk) -> None:
    admin = factories.StaffFactory(role=StaffRole.ADMIN, email="admin@provider.test")
    created: Counter[str] = Counter()
    seed_macros(admin, desk.engagement, created)
    titles = list(Macro.objects.filter(client=desk.client).values_list("title", flat=True))
    assert sorted(titles) == sorted(title for title, *_ in MACROS)
    assert created["macros"] == len(MACROS)
    for macro in Macro.objects.all():
        validate_template(macro.body)
    Macro.objects.filter(title="Resolved").delete()
    again: Counter[str] = Counter()
    seed_macros(admin, desk.engagement, again)
    assert again["macros"] == 1
    assert Macro.objects.filter(client=desk.client).count() == len(MACROS)
