"""Operations pages: the agent's queue with "Next item", the item page and its conversation, intake, the list."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from handoff.domain.accounts.models import User
from handoff.domain.operations import selectors
from handoff.domain.operations.actions.claims import assign_to_me
from handoff.domain.operations.actions.items import add_message, create_item
from handoff.domain.operations.models import MessageKind, WorkItem
from tests.domain.operations_desk import VALID_VALUES, Desk, build_desk
from tests.factories_operations import MONDAY_10_MANILA

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(monkeypatch: pytest.MonkeyPatch) -> Desk:
    monkeypatch.setattr(timezone, "now", lambda: MONDAY_10_MANILA)  # the center is open on Monday morning
    return build_desk()


def browser(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def raise_one(desk: Desk, title: str = "Refund A-1001") -> WorkItem:
    return create_item(desk.owner, desk.service.pk, {"title": title, "custom_fields": VALID_VALUES})


def test_next_item_claims_and_opens_the_item(desk: Desk) -> None:
    item = raise_one(desk)
    agent = browser(desk.agent)
    page = agent.get(reverse("web:my_queue"))
    assert page.status_code == 200
    assert b"data-next-item" in page.content
    response = agent.post(reverse("web:next_item"))
    assert response.status_code == 302
    assert response["Location"] == reverse("web:work_item_detail", args=[item.pk])
    assert selectors.work_item(desk.agent, item.pk).assignee_id == desk.agent.pk
    again = agent.post(reverse("web:next_item"), follow=True)
    assert "concurrency" in again.content.decode()
    assert agent.get(reverse("web:next_item")).status_code == 405


def test_the_queue_is_for_staff_who_work_items(desk: Desk) -> None:
    assert browser(desk.owner).get(reverse("web:my_queue")).status_code == 403


def test_an_agent_sets_their_state(desk: Desk) -> None:
    agent = browser(desk.agent)
    agent.post(reverse("web:my_state"), {"state": "away"})
    assert selectors.agent_profile(desk.agent).state == "away"  # type: ignore[union-attr]
    response = agent.post(reverse("web:my_state"), {"state": "asleep"}, follow=True)
    assert "Choose available" in response.content.decode()


def test_the_client_sees_replies_but_never_internal_notes(desk: Desk) -> None:
    item = raise_one(desk)
    add_message(desk.agent, item, MessageKind.NOTE, "Looks like fraud to me")
    add_message(desk.agent, item, MessageKind.REPLY, "We have started on your refund")
    url = reverse("web:work_item_detail", args=[item.pk])
    owner_page = browser(desk.owner).get(url).content.decode()
    assert "We have started on your refund" in owner_page
    assert "Looks like fraud" not in owner_page
    assert 'name="kind"' not in owner_page  # no note option for the client
    agent_page = browser(desk.agent).get(url).content.decode()
    assert "Looks like fraud to me" in agent_page
    assert "internal note" in agent_page


def test_replies_notes_and_status_from_the_item_page(desk: Desk) -> None:
    item = raise_one(desk)
    agent, owner = browser(desk.agent), browser(desk.owner)
    note = agent.post(reverse("web:work_item_message", args=[item.pk]), {"kind": "note", "body": "check stock"})
    assert note.status_code == 302
    sneaky = owner.post(reverse("web:work_item_message", args=[item.pk]), {"kind": "note", "body": "hidden?"})
    assert sneaky.status_code == 302  # the client's form has no kind: it is a public reply
    kinds = [(m.kind, m.body) for m in selectors.messages(desk.agent, item)]
    assert kinds == [("note", "check stock"), ("reply", "hidden?")]
    empty = agent.post(reverse("web:work_item_message", args=[item.pk]), {"kind": "reply", "body": ""})
    assert empty.status_code == 400
    status = agent.post(reverse("web:work_item_status", args=[item.pk]), {"status": "waiting_client"})
    assert status.status_code == 302
    assert selectors.work_item(desk.agent, item.pk).resolution_due is None
    assert owner.post(reverse("web:work_item_status", args=[item.pk]), {"status": "closed"}).status_code == 403


def test_assign_to_me_from_the_item_page(desk: Desk) -> None:
    item = raise_one(desk)
    response = browser(desk.agent).post(reverse("web:work_item_assign_to_me", args=[item.pk]), follow=True)
    assert "The item is yours." in response.content.decode()
    lead = browser(desk.lead).post(reverse("web:work_item_assign_to_me", args=[item.pk]), follow=True)
    assert "Someone else took this item first" in lead.content.decode()


def test_the_intake_form_has_the_services_fields_and_shows_their_errors(desk: Desk) -> None:
    owner = browser(desk.owner)
    url = reverse("web:work_item_create", args=[desk.service.pk])
    form = owner.get(url).content.decode()
    assert 'name="cf_order_id"' in form
    assert 'name="cf_channel"' in form
    bad = owner.post(url, {"title": "Refund", "item_type": "ticket", "priority": "normal", "cf_units": "2.5"})
    assert bad.status_code == 400
    text = bad.content.decode()
    assert "Enter a whole number." in text
    assert "This field is required." in text
    assert not selectors.work_items(desk.owner).exists()
    good = {"title": "Refund", "item_type": "case", "priority": "urgent", "cf_order_id": "A-7", "cf_channel": "phone"}
    response = owner.post(url, good)
    item = selectors.work_items(desk.owner).get()
    assert response["Location"] == reverse("web:work_item_detail", args=[item.pk])
    assert item.custom_fields == {"order_id": "A-7", "channel": "phone", "vip": False}  # an unticked box is a no
    assert item.priority == "urgent"


def test_the_list_shows_the_clients_items_only(desk: Desk) -> None:
    other = build_desk("Beta")
    raise_one(desk, "Acme refund")
    create_item(other.owner, other.service.pk, {"title": "Beta refund", "custom_fields": VALID_VALUES})
    page = browser(desk.owner).get(reverse("web:work_item_list")).content.decode()
    assert "Acme refund" in page
    assert "Beta refund" not in page
    assert reverse("web:work_item_create", args=[desk.service.pk]) in page
    foreign = reverse("web:work_item_create", args=[other.service.pk])
    assert browser(desk.owner).get(foreign).status_code == 404


def test_the_list_and_the_queue_cost_the_same_queries_for_2_or_12_items(desk: Desk) -> None:
    def queries(user: User, name: str) -> int:
        client = browser(user)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(name)).status_code == 200
        return len(captured)

    for n in range(2):
        assign_to_me(desk.agent, raise_one(desk, f"first {n}"))
    few = (queries(desk.owner, "web:work_item_list"), queries(desk.agent, "web:my_queue"))
    for n in range(10):
        assign_to_me(desk.agent, raise_one(desk, f"more {n}"))
    assert (queries(desk.owner, "web:work_item_list"), queries(desk.agent, "web:my_queue")) == few
