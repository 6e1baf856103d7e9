"""Maker-checker: a second person approves accounting and payroll changes; no one checks their own; all audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404

from handoff.domain.assurance import selectors
from handoff.domain.assurance.actions.makerchecker import approve_change, reject_change, submit_change
from handoff.domain.assurance.models import AuditAction, AuditEntry, ChangeRequest, ChangeState
from handoff.domain.engagements.models import ProcessType
from handoff.domain.operations.actions.items import change_status
from handoff.domain.operations.models import ItemStatus, WorkItem
from tests.domain.assurance_desk import MONDAY_9_MANILA, AssuranceDesk, build_assurance_desk, worked_item

pytestmark = pytest.mark.django_db

LATER = MONDAY_9_MANILA + dt.timedelta(hours=1)


@pytest.fixture
def ad() -> AssuranceDesk:
    return build_assurance_desk()


def new_values(item: WorkItem, amount: float = 250.5) -> dict[str, object]:
    return {**item.custom_fields, "amount": amount}


def test_submit_keeps_before_and_after_and_does_not_touch_the_item(ad: AssuranceDesk) -> None:
    item = worked_item(ad.desk)
    change = submit_change(ad.desk.agent, item, new_values(item), note="From invoice", now=LATER)
    assert change.before["amount"] == 100.0
    assert change.after["amount"] == 250.5
    assert change.state == ChangeState.PENDING
    assert change.maker == ad.desk.agent
    item.refresh_from_db()
    assert item.custom_fields["amount"] == 100.0  # not applied before approval


def test_approval_by_a_second_person_applies_the_change_and_audits_each_step(ad: AssuranceDesk) -> None:
    item = worked_item(ad.desk)
    change = submit_change(ad.desk.agent, item, new_values(item), now=LATER)
    approved = approve_change(ad.desk.lead, change, now=LATER + dt.timedelta(minutes=3))
    assert approved.state == ChangeState.APPROVED
    assert approved.checker == ad.desk.lead
    item.refresh_from_db()
    assert item.custom_fields["amount"] == 250.5
    rows = list(AuditEntry.objects.filter(change=change).order_by("at", "id"))
    assert [(r.action, r.actor_id) for r in rows] == [
        (AuditAction.SUBMITTED, ad.desk.agent.pk),
        (AuditAction.APPROVED, ad.desk.lead.pk),
    ]
    assert rows[1].at == LATER + dt.timedelta(minutes=3)
    assert rows[1].before["amount"] == 100.0
    assert rows[1].after["amount"] == 250.5


def test_rejection_needs_a_reason_keeps_the_values_and_is_audited(ad: AssuranceDesk) -> None:
    item = worked_item(ad.desk)
    change = submit_change(ad.desk.agent, item, new_values(item), now=LATER)
    with pytest.raises(ValidationError) as error:
        reject_change(ad.qa, change, "  ")
    assert "reason" in error.value.message_dict
    rejected = reject_change(ad.qa, change, "Amount does not match the invoice.", now=LATER)
    assert rejected.state == ChangeState.REJECTED
    assert rejected.reason.startswith("Amount")
    item.refresh_from_db()
    assert item.custom_fields["amount"] == 100.0
    last = AuditEntry.objects.filter(change=change).order_by("-id").first()
    assert last is not None
    assert last.action == AuditAction.REJECTED
    assert last.reason.startswith("Amount")


@pytest.mark.parametrize("who", ["lead", "qa", "admin", "superuser"])
def test_no_one_checks_their_own_change_not_even_an_admin_or_a_superuser(ad: AssuranceDesk, who: str) -> None:
    maker = {"lead": ad.desk.lead, "qa": ad.qa, "admin": ad.admin, "superuser": ad.superuser}[who]
    item = worked_item(ad.desk)
    change = submit_change(maker, item, new_values(item), now=LATER)
    with pytest.raises(PermissionDenied, match="no one checks their own"):
        approve_change(maker, change)
    with pytest.raises(PermissionDenied, match="no one checks their own"):
        reject_change(maker, change, "I changed my mind")
    change.refresh_from_db()
    assert change.state == ChangeState.PENDING
    assert change.checker is None
    assert list(AuditEntry.objects.filter(change=change).values_list("action", flat=True)) == [AuditAction.SUBMITTED]


def test_the_database_refuses_a_maker_as_checker_too(ad: AssuranceDesk) -> None:
    item = worked_item(ad.desk)
    change = submit_change(ad.admin, item, new_values(item), now=LATER)
    with pytest.raises(IntegrityError), transaction.atomic():
        ChangeRequest.objects.filter(pk=change.pk).update(checker=ad.admin, state=ChangeState.APPROVED)


def test_agents_make_but_do_not_check(ad: AssuranceDesk) -> None:
    item = worked_item(ad.desk)
    change = submit_change(ad.desk.lead, item, new_values(item), now=LATER)
    with pytest.raises(PermissionDenied):
        approve_change(ad.desk.agent, change)
    with pytest.raises(PermissionDenied):
        submit_change(ad.desk.owner, item, new_values(item, 1.0))  # client users make no changes


def test_a_decided_change_is_not_decided_again(ad: AssuranceDesk) -> None:
    item = worked_item(ad.desk)
    change = approve_change(ad.desk.lead, submit_change(ad.desk.agent, item, new_values(item), now=LATER))
    with pytest.raises(ValidationError):
        reject_change(ad.qa, change, "too late")


def test_bad_values_are_refused_per_field_and_nothing_is_stored(ad: AssuranceDesk) -> None:
    item = worked_item(ad.desk)
    with pytest.raises(ValidationError) as error:
        submit_change(ad.desk.agent, item, {**item.custom_fields, "amount": "lots", "unknown": 1})
    assert set(error.value.message_dict) >= {"custom_fields.amount", "custom_fields.unknown"}
    with pytest.raises(ValidationError, match="Nothing changes"):
        submit_change(ad.desk.agent, item, dict(item.custom_fields))
    assert not ChangeRequest.objects.exists()


def test_one_pending_change_per_item(ad: AssuranceDesk) -> None:
    item = worked_item(ad.desk)
    submit_change(ad.desk.agent, item, new_values(item), now=LATER)
    with pytest.raises(ValidationError, match="already waiting"):
        submit_change(ad.desk.agent, item, new_values(item, 9.0), now=LATER)


def test_resolving_waits_for_an_approved_change(ad: AssuranceDesk) -> None:
    item = worked_item(ad.desk)
    with pytest.raises(ValidationError, match="second person's approval"):
        change_status(ad.desk.agent, item, ItemStatus.RESOLVED)
    change = submit_change(ad.desk.agent, item, new_values(item), now=LATER)
    with pytest.raises(ValidationError, match="waiting for a checker"):
        change_status(ad.desk.agent, item, ItemStatus.RESOLVED)
    reject_change(ad.desk.lead, change, "wrong amount")
    with pytest.raises(ValidationError, match="rejected"):
        change_status(ad.desk.agent, item, ItemStatus.CLOSED)
    second = submit_change(ad.desk.agent, item, new_values(item, 300.0), now=LATER)
    approve_change(ad.desk.lead, second)
    assert change_status(ad.desk.agent, item, ItemStatus.RESOLVED).status == ItemStatus.RESOLVED


def test_other_processes_resolve_without_a_checker() -> None:
    ad = build_assurance_desk("Care", ProcessType.CUSTOMER_SERVICE)
    item = worked_item(ad.desk)
    assert change_status(ad.desk.agent, item, ItemStatus.RESOLVED).status == ItemStatus.RESOLVED
    with pytest.raises(ValidationError, match="accounting and payroll"):
        submit_change(ad.desk.agent, item, new_values(item))


def test_payroll_is_maker_checker_too() -> None:
    ad = build_assurance_desk("Payday", ProcessType.PAYROLL)
    item = worked_item(ad.desk)
    with pytest.raises(ValidationError):
        change_status(ad.desk.agent, item, ItemStatus.RESOLVED)


def test_approval_is_refused_when_the_item_changed_meanwhile(ad: AssuranceDesk) -> None:
    item = worked_item(ad.desk)
    change = submit_change(ad.desk.agent, item, new_values(item), now=LATER)
    WorkItem.objects.filter(pk=item.pk).update(custom_fields={**item.custom_fields, "amount": 5.0})
    with pytest.raises(ValidationError, match="changed after"):
        approve_change(ad.desk.lead, change)


def test_checker_queue_and_audit_are_scoped_to_the_actors_clients(ad: AssuranceDesk) -> None:
    other = build_assurance_desk("Other")
    item = worked_item(ad.desk)
    change = submit_change(ad.desk.agent, item, new_values(item), now=LATER)
    assert list(selectors.pending_changes(ad.desk.lead)) == [change]
    assert list(selectors.pending_changes(other.desk.lead)) == []
    with pytest.raises(Http404):
        selectors.change(other.desk.lead, change.pk)
    with pytest.raises(Http404):
        approve_change(other.desk.lead, change)
    assert list(selectors.pending_changes(ad.desk.owner)) == []  # client users see no checker queue
    assert len(selectors.audit_trail(ad.desk.lead, change)) == 1
