"""Macro pages: set-up (create, edit, deactivate, bad placeholders) and the picker of an item's page (fill, apply)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from handoff.domain.accounts.models import User
from handoff.domain.operations.actions.items import create_item
from handoff.domain.operations.actions.macros import create_macro
from handoff.domain.operations.models import ItemStatus, Macro, Message, MessageKind, WorkItem
from handoff.domain.tenancy.roles import StaffRole
from tests.domain.operations_desk import VALID_VALUES, Desk, build_desk, staff_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk() -> Desk:
    return build_desk()


def browser(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def raise_item(desk: Desk) -> WorkItem:
    values = {"title": "Refund for order A-1001", "custom_fields": VALID_VALUES}
    return create_item(desk.owner, desk.service.pk, values)  # now: the page's actions run at the real time


def waiting_macro(desk: Desk, **data: object) -> Macro:
    body = "Hi {{ requester_name }}, please send the receipt for {{ item_reference }}."
    values = {"title": "Ask for receipt", "body": body, "set_status": ItemStatus.WAITING_CUSTOMER, **data}
    return create_macro(desk.lead, desk.client.pk, values)


def form_data(**data: str) -> dict[str, str]:
    return {"title": "Thanks", "kind": "reply", "body": "Thanks {{ requester_name }}", "is_active": "on", **data}


# --- set-up ---------------------------------------------------------------------------------------------------


def test_a_team_lead_creates_a_macro_from_the_setup_pages(desk: Desk) -> None:
    lead = browser(desk.lead)
    home = lead.get(reverse("web:setup_home"))
    assert reverse("web:setup_macros").encode() in home.content
    listing = lead.get(reverse("web:setup_macros"))
    create_url = reverse("web:setup_macro_create", kwargs={"client_id": desk.client.pk})
    assert listing.status_code == 200
    assert create_url.encode() in listing.content
    response = lead.post(create_url, form_data(service_id=str(desk.service.pk), set_status="resolved"))
    assert response.status_code == 302
    macro = Macro.objects.get(title="Thanks")
    assert (macro.client_id, macro.service_id, macro.set_status) == (desk.client.pk, desk.service.pk, "resolved")
    listing = lead.get(reverse("web:setup_macros"))
    assert f'data-macro="{macro.pk}"'.encode() in listing.content


def test_a_bad_placeholder_is_shown_on_the_body_and_nothing_is_saved(desk: Desk) -> None:
    url = reverse("web:setup_macro_create", kwargs={"client_id": desk.client.pk})
    response = browser(desk.lead).post(url, form_data(body="Dear {{ customer_name }}"))
    assert response.status_code == 400
    page = response.content.decode()
    assert 'data-field="body"' in page
    assert "errorlist" in page
    assert "Unknown placeholder {{ customer_name }}" in page
    assert not Macro.objects.exists()


def test_editing_and_deactivating_a_macro(desk: Desk) -> None:
    macro = waiting_macro(desk)
    lead = browser(desk.lead)
    url = reverse("web:setup_macro_edit", kwargs={"macro_id": macro.pk})
    assert lead.get(url).status_code == 200
    response = lead.post(url, form_data(title="Receipt please", set_status="", is_active="on"))
    assert response.status_code == 302
    macro.refresh_from_db()
    assert (macro.title, macro.set_status) == ("Receipt please", "")
    response = lead.post(reverse("web:setup_macro_deactivate", kwargs={"macro_id": macro.pk}))
    assert response.status_code == 302
    macro.refresh_from_db()
    assert macro.is_active is False


def test_agents_and_client_users_cannot_open_the_setup(desk: Desk) -> None:
    macro = waiting_macro(desk)
    for user in (desk.agent, desk.owner):
        assert browser(user).get(reverse("web:setup_macros")).status_code == 403
    deactivate = reverse("web:setup_macro_deactivate", kwargs={"macro_id": macro.pk})
    assert browser(desk.agent).post(deactivate).status_code == 403
    assert browser(desk.owner).post(deactivate).status_code == 404  # client users do not see macros at all
    macro.refresh_from_db()
    assert macro.is_active


def test_another_clients_macro_is_not_found_on_the_setup_pages(desk: Desk) -> None:
    other = build_desk("Globex")
    foreign = waiting_macro(other)
    lead = browser(desk.lead)
    assert lead.get(reverse("web:setup_macro_edit", kwargs={"macro_id": foreign.pk})).status_code == 404
    create_b = reverse("web:setup_macro_create", kwargs={"client_id": other.client.pk})
    assert lead.post(create_b, form_data()).status_code == 404
    assert not Macro.objects.filter(title="Thanks").exists()


# --- the item's page ------------------------------------------------------------------------------------------


def test_the_item_page_lists_the_macros_for_its_service(desk: Desk) -> None:
    item = raise_item(desk)
    shown = waiting_macro(desk)
    other = waiting_macro(build_desk("Globex"), title="Globex only")
    page = browser(desk.agent).get(reverse("web:work_item_detail", kwargs={"item_id": item.pk})).content.decode()
    assert "data-macro-picker" in page
    assert f'data-macro="{shown.pk}"' in page
    assert f'data-macro="{other.pk}"' not in page
    assert "Globex only" not in page
    owner_page = browser(desk.owner).get(reverse("web:work_item_detail", kwargs={"item_id": item.pk}))
    assert b"data-macro-picker" not in owner_page.content  # client users see no macros


def test_choosing_a_macro_fills_the_reply_box(desk: Desk) -> None:
    item = raise_item(desk)
    macro = waiting_macro(desk)
    url = reverse("web:work_item_macro_preview", kwargs={"item_id": item.pk})
    agent = browser(desk.agent)
    partial = agent.get(url, {"macro": macro.pk}, HTTP_HX_REQUEST="true")
    assert partial.status_code == 200
    text = partial.content.decode()
    assert text.lstrip().startswith('<div id="macro-reply">')
    assert "<html" not in text
    assert f"Hi {desk.owner.get_full_name()}, please send the receipt for #{item.pk}." in text
    assert "Waiting on customer" in text
    whole = agent.get(url, {"macro": macro.pk})  # without htmx: the whole page with the box filled
    assert whole.status_code == 200
    assert b"<html" in whole.content
    assert b'data-form="apply-macro"' in whole.content
    assert agent.get(url, {"macro": "999999"}).status_code == 404
    assert not Message.objects.filter(item=item).exists()  # a preview writes nothing


def test_applying_posts_the_edited_reply_and_sets_the_status(desk: Desk) -> None:
    item = raise_item(desk)
    macro = waiting_macro(desk)
    url = reverse("web:work_item_macro_apply", kwargs={"item_id": item.pk})
    response = browser(desk.agent).post(url, {"macro": macro.pk, "body": "Please send the receipt, thanks."})
    assert response.status_code == 302
    message = Message.objects.get(item=item)
    assert (message.kind, message.body) == (MessageKind.REPLY, "Please send the receipt, thanks.")
    item.refresh_from_db()
    assert item.status == ItemStatus.WAITING_CUSTOMER
    assert item.resolution_due is None
    macro.refresh_from_db()
    assert macro.usage_count == 1


def test_an_empty_body_or_a_foreign_macro_is_refused(desk: Desk) -> None:
    item = raise_item(desk)
    url = reverse("web:work_item_macro_apply", kwargs={"item_id": item.pk})
    agent = browser(desk.agent)
    empty = agent.post(url, {"macro": waiting_macro(desk).pk, "body": ""})
    assert empty.status_code == 400
    assert b'data-field="body"' in empty.content
    foreign = waiting_macro(build_desk("Globex"))
    assert agent.post(url, {"macro": foreign.pk, "body": "Hi"}).status_code == 404  # not among A's agent's clients
    admin = staff_on(desk.client, "admin@provider.test", StaffRole.ADMIN)  # sees both clients
    refused = browser(admin).post(url, {"macro": foreign.pk, "body": "Hi"})
    assert refused.status_code == 400
    assert b"does not apply to this item" in refused.content
    assert not Message.objects.filter(item=item).exists()
