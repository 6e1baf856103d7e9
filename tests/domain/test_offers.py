"""Offers: the approval chain in order, versions, below-range warning, signed links, hire and requisition fill."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail, signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from handoff.domain.offers import actions, links, selectors
from handoff.domain.offers.letters import DEFAULT_TEMPLATE, check_template, letter_pdf, letter_text
from handoff.domain.offers.models import Offer, OfferApproval, OfferStatus, OfferVersion, Onboarding
from handoff.domain.recruiting import actions as recruiting_actions
from handoff.domain.recruiting.models import Requisition, RequisitionStatus, StageOutcome
from tests.offers import make_offer, sent_offer, terms
from tests.personas import World
from tests.recruiting import candidate_data

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def test_the_chain_approves_in_order_and_records_each_step(world: World) -> None:
    offer = make_offer(world)
    assert offer.status == OfferStatus.PENDING_APPROVAL
    with pytest.raises(PermissionDenied):  # client HR cannot go before the hiring manager
        actions.approve(world.users["hr_admin_a"], offer)
    offer = actions.approve(world.users["hiring_manager_a"], offer, "fine")
    with pytest.raises(PermissionDenied):
        actions.approve(world.users["account_manager_a"], offer)
    offer = actions.approve(world.users["hr_admin_a"], offer)
    offer = actions.approve(world.users["account_manager_a"], offer)
    assert offer.status == OfferStatus.APPROVED
    rows = list(OfferApproval.objects.filter(offer=offer).order_by("step"))
    assert [(row.step, row.role, row.actor_id) for row in rows] == [
        (0, "hiring_manager", world.users["hiring_manager_a"].pk),
        (1, "hr_admin", world.users["hr_admin_a"].pk),
        (2, "account_manager", world.users["account_manager_a"].pk),
    ]
    assert all(row.at is not None and row.version == 1 for row in rows)


def test_other_clients_users_cannot_approve(world: World) -> None:
    offer = make_offer(world)
    from django.http import Http404

    with pytest.raises(Http404):
        actions.approve(world.users["hiring_manager_b"], offer)


def test_changed_terms_make_a_new_version_and_restart_the_chain(world: World) -> None:
    offer = make_offer(world)
    offer = actions.approve(world.users["hiring_manager_a"], offer)
    offer = actions.approve(world.users["hr_admin_a"], offer)
    offer = actions.change_terms(world.users["recruiter_a"], offer, {"base_salary": Decimal("105000")})
    assert offer.status == OfferStatus.PENDING_APPROVAL
    versions = list(OfferVersion.objects.filter(offer=offer).order_by("number"))
    assert [(v.number, v.base_salary) for v in versions] == [(1, Decimal("100000")), (2, Decimal("105000"))]
    assert actions.engine_offer(offer).current_step.role == "hiring_manager"  # type: ignore[union-attr]
    # the same terms again are no new version
    actions.change_terms(world.users["recruiter_a"], offer, {"base_salary": Decimal("105000")})
    assert OfferVersion.objects.filter(offer=offer).count() == 2
    # old decisions are kept, for version 1
    assert list(OfferApproval.objects.filter(offer=offer).values_list("version", flat=True)) == [1, 1]


def test_a_rejection_needs_a_comment(world: World) -> None:
    offer = make_offer(world)
    with pytest.raises(ValidationError) as caught:
        actions.reject(world.users["hiring_manager_a"], offer, "  ")
    assert "comment" in caught.value.message_dict
    offer = actions.reject(world.users["hiring_manager_a"], offer, "Too low for the level")
    assert offer.status == OfferStatus.REJECTED


def test_bad_terms_are_field_errors(world: World) -> None:
    today = dt.date.today()
    with pytest.raises(ValidationError) as caught:
        make_offer(world, currency="XYZ", start_date=today - dt.timedelta(days=1), base_salary=Decimal(0))
    assert {"currency", "start_date", "base_salary"} <= set(caught.value.message_dict)
    assert not Offer.objects.exists()


def test_below_the_range_is_a_warning_not_an_error(world: World) -> None:
    offer = make_offer(world, base_salary=Decimal("80000"))  # range 90 000 - 120 000 USD
    version = selectors.current_version(offer)
    assert version.below_range
    assert "below the requisition's range" in actions.below_range_warning(offer, version)
    fine = actions.change_terms(world.users["recruiter_a"], offer, {"base_salary": Decimal("95000")})
    assert actions.below_range_warning(fine, selectors.current_version(fine)) == ""


def test_the_letter_is_a_pdf_from_the_client_template(world: World) -> None:
    offer = make_offer(world)
    version = selectors.current_version(offer)
    text = letter_text("", offer, version)
    assert "Ana Lima" in text
    assert "100,000.00 USD" in text
    custom = letter_text("Hello ${candidate_name}, $$5 coffee", offer, version)
    assert custom == "Hello Ana Lima, $5 coffee"
    assert letter_pdf(DEFAULT_TEMPLATE, offer, version).startswith(b"%PDF")


def test_template_variables_are_checked() -> None:
    with pytest.raises(ValidationError):
        check_template("Hi ${nope}")
    with pytest.raises(ValidationError):
        check_template("Costs $ 5")
    check_template("Hi ${candidate_name}")


@override_settings(TASKS=IMMEDIATE)
def test_each_step_notifies_the_next_approver_and_sending_mails_the_letter(
    world: World, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        offer = make_offer(world)
    assert mail.outbox[-1].to == [world.users["hiring_manager_a"].email]
    with django_capture_on_commit_callbacks(execute=True):
        offer = actions.approve(world.users["hiring_manager_a"], offer)
    assert mail.outbox[-1].to == [world.users["hr_admin_a"].email]
    with django_capture_on_commit_callbacks(execute=True):
        offer = actions.approve(world.users["hr_admin_a"], offer)
        offer = actions.approve(world.users["account_manager_a"], offer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        offer, token = actions.send_offer(world.users["recruiter_a"], offer)
    (message,) = mail.outbox
    assert message.to == ["ana.lima@mail.test"]
    assert token in message.body
    _name, content, kind = message.attachments[0]
    assert kind == "application/pdf"
    assert content.startswith(b"%PDF")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.respond(token, accept=False, ip="203.0.113.9")
    assert mail.outbox[-1].to == [world.users["recruiter_a"].email]


def test_accepting_records_time_and_address_and_hires(world: World) -> None:
    offer, token = sent_offer(world)
    offer = actions.respond(token, accept=True, ip="203.0.113.7")
    assert offer.status == OfferStatus.ACCEPTED
    assert offer.decision_ip == "203.0.113.7"
    assert offer.decided_at is not None
    application = world.recruiting.application_a
    application.refresh_from_db()
    assert application.stage.outcome == StageOutcome.HIRED
    assert Onboarding.objects.filter(offer=offer).exists()


def test_a_used_link_is_refused(world: World) -> None:
    _offer, token = sent_offer(world)
    actions.respond(token, accept=False, ip=None)
    with pytest.raises(links.LinkError) as caught:
        actions.respond(token, accept=True, ip=None)
    assert caught.value.problem == links.LinkProblem.USED


def test_a_tampered_link_is_refused(world: World) -> None:
    offer, token = sent_offer(world)
    forged = signing.dumps({"id": offer.pk, "n": "0" * 32}, salt="something else")
    for bad in (token[:-2] + "xx", forged, "garbage"):
        with pytest.raises(links.LinkError) as caught:
            actions.offer_from_token(bad)
        assert caught.value.problem == links.LinkProblem.TAMPERED


def test_an_old_link_is_refused(world: World) -> None:
    _offer, token = sent_offer(world)
    with pytest.raises(links.LinkError) as caught:
        links.read_token(token, links.OFFER_SALT, max_age=-1)
    assert caught.value.problem == links.LinkProblem.EXPIRED


def test_an_expired_offer_link_is_refused_and_the_task_marks_it(world: World) -> None:
    offer, token = sent_offer(world)
    expires = selectors.current_version(offer).expires_on
    assert actions.expire_due_offers(expires) == 0  # on its last day it still stands
    assert actions.expire_due_offers(expires + dt.timedelta(days=1)) == 1
    offer.refresh_from_db()
    assert offer.status == OfferStatus.EXPIRED
    with pytest.raises(links.LinkError) as caught:
        actions.respond(token, accept=True, ip=None)
    assert caught.value.problem == links.LinkProblem.EXPIRED
    assert actions.expire_due_offers(expires + dt.timedelta(days=2)) == 0


def test_new_terms_after_sending_void_the_old_link(world: World) -> None:
    offer, token = sent_offer(world)
    actions.change_terms(world.users["recruiter_a"], offer, {"bonus": Decimal("9000")})
    with pytest.raises(links.LinkError):
        actions.respond(token, accept=True, ip=None)


def test_hiring_fills_the_requisition_when_its_headcount_is_reached(world: World) -> None:
    requisition = world.recruiting.requisition_a
    assert requisition.headcount == 2
    _, token = sent_offer(world)
    actions.respond(token, accept=True, ip=None)
    assert Requisition.objects.get(pk=requisition.pk).status == RequisitionStatus.OPEN
    admin = world.users["provider_admin"]
    second = recruiting_actions.create_candidate(
        admin, candidate_data(full_name="Bo Chen", email="bo@mail.test", phone="", profile_url="")
    )
    application = recruiting_actions.add_application(admin, Requisition.objects.get(pk=requisition.pk), second)
    _, token = sent_offer(world, application)
    actions.respond(token, accept=True, ip=None)
    requisition.refresh_from_db()
    assert requisition.status == RequisitionStatus.FILLED
    assert requisition.events.filter(to_status=RequisitionStatus.FILLED).exists()


def test_settings_change_the_chain(world: World) -> None:
    actions.save_offer_settings(world.users["hr_admin_a"], world.client_a.pk, ["hr_admin"], "Hi ${candidate_name}")
    offer = make_offer(world)
    offer = actions.approve(world.users["hr_admin_a"], offer)
    assert offer.status == OfferStatus.APPROVED
    with pytest.raises(ValidationError):
        actions.save_offer_settings(world.users["hr_admin_a"], world.client_a.pk, ["ceo"], "")
    with pytest.raises(PermissionDenied):
        actions.save_offer_settings(world.users["hiring_manager_a"], world.client_a.pk, ["hr_admin"], "")


def test_one_open_offer_per_application(world: World) -> None:
    make_offer(world)
    with pytest.raises(ValidationError):
        make_offer(world)
    assert terms()["currency"] == "USD"


def test_acceptance_hires_even_when_the_sender_may_no_longer_move_it(world: World) -> None:
    _, token = sent_offer(world)
    Requisition.objects.filter(pk=world.recruiting.requisition_a.pk).update(status=RequisitionStatus.CANCELLED)
    actions.respond(token, accept=True, ip=None)
    application = world.recruiting.application_a
    application.refresh_from_db()
    assert application.stage.outcome == StageOutcome.HIRED
    assert application.transitions.filter(actor__isnull=True, reason__startswith="Offer accepted").exists()
