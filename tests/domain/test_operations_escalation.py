"""Next-response targets, SLA warnings and breach escalation (idempotent), and breach risk per item."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail

from handoff.domain.operations import selectors
from handoff.domain.operations.actions.escalation import sweep
from handoff.domain.operations.actions.items import add_message, change_status, create_item
from handoff.domain.operations.models import ItemEvent, ItemEventKind, MessageKind, WorkItem
from handoff.engines.sla import TargetKind
from handoff.engines.sla.risk import RiskLevel
from tests.domain.operations_desk import VALID_VALUES, Desk, agent_on, build_desk

pytestmark = pytest.mark.django_db

NINE = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)  # Monday 09:00 in Manila; windows 09:00–12:30, 13:30–18:00


def at(minutes: int) -> dt.datetime:
    return NINE + dt.timedelta(minutes=minutes)


@pytest.fixture
def desk() -> Desk:
    return build_desk()


@pytest.fixture
def commit(django_capture_on_commit_callbacks: Callable[..., Any]) -> Callable[[dt.datetime], Any]:
    def run(now: dt.datetime) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return sweep(now)

    return run


def raise_item(desk: Desk, minutes: int = 0, priority: str = "normal") -> WorkItem:
    data = {"title": "Refund", "custom_fields": VALID_VALUES, "priority": priority}
    return create_item(desk.owner, desk.service.pk, data, now=at(minutes))


def test_a_warning_goes_out_once_before_the_first_response_deadline(desk: Desk, commit: Any) -> None:
    item = raise_item(desk)
    assert commit(at(40)).warned == 0  # 80 % of 60 business minutes is 48
    report = commit(at(50))
    assert (report.warned, report.escalated) == (1, 0)
    assert [m.to for m in mail.outbox] == [[desk.lead.email]]  # nobody assigned: the team lead
    assert "SLA warning" in mail.outbox[0].subject
    assert f"#{item.pk}" in mail.outbox[0].subject
    assert commit(at(55)).warned == 0
    assert len(mail.outbox) == 1


def test_a_breach_is_escalated_once_raising_the_priority(desk: Desk, commit: Any) -> None:
    item = raise_item(desk)
    report = commit(at(70))
    assert report.escalated == 1
    item.refresh_from_db()
    assert item.priority == "high"
    event = ItemEvent.objects.get(item=item, kind=ItemEventKind.SLA_ESCALATION)
    assert event.detail["target"] == "first_response"
    assert (event.detail["old_priority"], event.detail["new_priority"]) == ("normal", "high")
    assert event.detail["notified"] == [desk.lead.email]
    breach_mails = [m for m in mail.outbox if "SLA breached" in m.subject]
    assert len(breach_mails) == 1
    assert breach_mails[0].to == [desk.lead.email]
    for minutes in (75, 80, 120):
        assert commit(at(minutes)).escalated == 0
    item.refresh_from_db()
    assert item.priority == "high"  # raised once, not once per sweep
    assert ItemEvent.objects.filter(item=item, kind=ItemEventKind.SLA_ESCALATION).count() == 1


def test_warnings_go_to_the_assignee_when_there_is_one(desk: Desk, commit: Any) -> None:
    item = raise_item(desk)
    WorkItem.objects.filter(pk=item.pk).update(assignee=desk.agent)
    commit(at(50))
    assert [m.to for m in mail.outbox] == [[desk.agent.email]]


def test_met_and_closed_items_are_not_escalated(desk: Desk, commit: Any) -> None:
    answered = raise_item(desk)
    add_message(desk.agent, answered, MessageKind.REPLY, "On it", now=at(10))
    closed = raise_item(desk)
    change_status(desk.agent, closed, "closed", now=at(5))
    report = commit(at(70))
    assert report.escalated == 0
    assert not ItemEvent.objects.exists()


def test_the_next_response_clock_starts_at_an_unanswered_client_message(desk: Desk, commit: Any) -> None:
    item = raise_item(desk)
    add_message(desk.agent, item, MessageKind.REPLY, "Looking", now=at(5))
    add_message(desk.owner, item, MessageKind.REPLY, "Any news?", now=at(20))
    add_message(desk.owner, item, MessageKind.REPLY, "Hello?", now=at(30))  # still the clock from 20
    status = selectors.item_sla(desk.agent, item, at(30))
    next_response = status.get(TargetKind.NEXT_RESPONSE)
    assert next_response is not None
    assert next_response.deadline == at(80)
    extra = selectors.item_extra(desk.agent, item)
    assert extra is not None
    assert extra.next_response_due == at(80)
    assert commit(at(85)).escalated == 1
    assert ItemEvent.objects.get().detail["target"] == "next_response"
    add_message(desk.agent, item, MessageKind.REPLY, "Done soon", now=at(90))
    met = selectors.item_sla(desk.agent, item, at(95)).get(TargetKind.NEXT_RESPONSE)
    assert met is not None
    assert met.met_at == at(90)
    add_message(desk.owner, item, MessageKind.REPLY, "Thanks, one more thing", now=at(100))
    # a new clock (from 100), escalated on its own once it breaches
    assert commit(at(230)).escalated == 1
    assert ItemEvent.objects.filter(kind=ItemEventKind.SLA_ESCALATION).count() == 2


def test_breach_risk_grows_with_the_backlog_and_shrinks_with_agents(desk: Desk) -> None:
    items = [raise_item(desk, minutes=n) for n in range(6)]
    now = at(10)
    lone = selectors.breach_risks(desk.agent, items, now)
    assert set(lone) == {item.pk for item in items}
    probabilities = [lone[item.pk].probability for item in items]
    assert probabilities == sorted(probabilities)  # later in the queue: more at risk
    for n in range(4):
        agent_on(desk.client, f"more{n}@acme.provider.test")
    staffed = selectors.breach_risks(desk.agent, items, now)
    assert all(staffed[item.pk].probability <= lone[item.pk].probability for item in items)
    assert staffed[items[-1].pk].probability < lone[items[-1].pk].probability


def test_a_paused_item_has_no_risk_and_a_late_one_is_certain(desk: Desk) -> None:
    paused, late = raise_item(desk), raise_item(desk)
    change_status(desk.agent, paused, "waiting_client", now=at(1))
    paused.refresh_from_db()
    late.refresh_from_db()
    risks = selectors.breach_risks(desk.agent, [paused, late], at(60 * 24 * 5))
    assert paused.pk not in risks
    assert (risks[late.pk].probability, risks[late.pk].level) == (1.0, RiskLevel.HIGH)


def test_the_queue_board_lists_backlog_risk_and_breaches(desk: Desk, commit: Any) -> None:
    for n in range(3):
        raise_item(desk, minutes=n)
    commit(at(70))
    board = selectors.team_lead_board(desk.lead, desk.queue, now=at(70))
    assert board.backlog == 3
    assert len(board.breached) == 3
    assert board.load.agents == 1
