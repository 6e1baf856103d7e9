"""Offer terms, the approval chain state machine, versions and expiry."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from handoff.engines.interviews.offers import (
    ApprovalStep,
    Offer,
    OfferError,
    OfferStatus,
    OfferTerms,
    accept,
    approve,
    change_terms,
    decline,
    expire_if_due,
    extend,
    new_offer,
    reject,
    validate_terms,
    withdraw,
)
from handoff.engines.interviews.problems import InvalidInput

from .cases import utc

TODAY = date(2026, 3, 2)
AT = utc(2026, 3, 2, 12)
CHAIN = (
    ApprovalStep("hiring_manager", "Hiring manager"),
    ApprovalStep("client_hr", "Client HR"),
    ApprovalStep("account_manager", "Provider account manager"),
)
TERMS = OfferTerms(
    title="Senior Backend Engineer",
    base_salary=Decimal("95000"),
    currency="EUR",
    offer_date=TODAY,
    start_date=date(2026, 4, 1),
    expires_on=date(2026, 3, 9),
)
HM, HR, AM = frozenset({"hiring_manager"}), frozenset({"client_hr"}), frozenset({"account_manager"})


def fully_approved() -> Offer:
    offer = new_offer("o1", TERMS, CHAIN, TODAY)
    offer = approve(offer, "hm", HM, AT)
    offer = approve(offer, "hr", HR, AT)
    return approve(offer, "am", AM, AT)


def test_valid_terms_have_no_problems() -> None:
    assert validate_terms(TERMS, TODAY) == []


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"base_salary": Decimal(0)}, "base_salary"),
        ({"base_salary": Decimal("NaN")}, "base_salary"),
        ({"bonus": Decimal(-1)}, "bonus"),
        ({"currency": "EURO"}, "currency"),
        ({"currency": "eur"}, "currency"),
        ({"expires_on": TODAY}, "expires_on"),
        ({"start_date": TODAY}, "start_date"),
        ({"title": ""}, "title"),
    ],
)
def test_each_bad_term_is_named(changes: dict[str, object], field: str) -> None:
    problems = validate_terms(replace(TERMS, **changes), TODAY)  # type: ignore[arg-type]
    assert [p.field for p in problems] == [field]


def test_expiry_before_the_offer_date_is_refused() -> None:
    terms = replace(TERMS, offer_date=date(2026, 3, 20), start_date=date(2026, 4, 1), expires_on=date(2026, 3, 10))
    assert [p.message for p in validate_terms(terms, TODAY)] == ["the offer cannot expire before it is made"]


def test_the_chain_approves_in_order_and_then_the_offer_is_approved() -> None:
    offer = new_offer("o1", TERMS, CHAIN, TODAY)
    assert offer.current_step == CHAIN[0]
    offer = approve(offer, "hm", HM, AT)
    assert (offer.status, offer.current_step) == (OfferStatus.PENDING_APPROVAL, CHAIN[1])
    offer = fully_approved()
    assert offer.status is OfferStatus.APPROVED
    assert offer.current_step is None
    assert [d.actor_id for d in offer.current_decisions] == ["hm", "hr", "am"]


def test_only_the_role_whose_turn_it_is_can_act() -> None:
    offer = new_offer("o1", TERMS, CHAIN, TODAY)
    with pytest.raises(OfferError, match="needs the role 'hiring_manager'"):
        approve(offer, "hr", HR, AT)
    offer = approve(offer, "hm", HM, AT)
    with pytest.raises(OfferError, match="needs the role 'client_hr'"):
        approve(offer, "am", AM, AT)


def test_one_person_cannot_approve_two_steps() -> None:
    offer = approve(new_offer("o1", TERMS, CHAIN, TODAY), "boss", HM | HR, AT)
    with pytest.raises(OfferError, match="already approved"):
        approve(offer, "boss", HM | HR, AT)


def test_rejection_needs_a_comment_and_stops_the_chain() -> None:
    offer = approve(new_offer("o1", TERMS, CHAIN, TODAY), "hm", HM, AT)
    with pytest.raises(OfferError, match="say why"):
        reject(offer, "hr", HR, AT, " ")
    offer = reject(offer, "hr", HR, AT, "Above the band")
    assert offer.status is OfferStatus.REJECTED
    with pytest.raises(OfferError, match="not waiting for approval"):
        approve(offer, "am", AM, AT)


def test_changed_terms_make_a_new_version_and_restart_the_chain() -> None:
    offer = reject(approve(new_offer("o1", TERMS, CHAIN, TODAY), "hm", HM, AT), "hr", HR, AT, "Above the band")
    lower = replace(TERMS, base_salary=Decimal("90000"))
    offer = change_terms(offer, lower, TODAY)
    assert (offer.version, offer.terms, offer.status) == (2, lower, OfferStatus.PENDING_APPROVAL)
    assert offer.current_step == CHAIN[0]
    assert offer.current_decisions == ()
    assert len(offer.decisions) == 2  # version 1's history is kept
    approved = fully_approved()
    later_start = change_terms(approved, replace(TERMS, start_date=date(2026, 4, 15)), TODAY)
    assert (later_start.version, later_start.status) == (2, OfferStatus.PENDING_APPROVAL)
    assert change_terms(approved, TERMS, TODAY) is approved


def test_extend_accept_and_decline() -> None:
    extended = extend(fully_approved(), TODAY)
    assert extended.status is OfferStatus.EXTENDED
    assert accept(extended, date(2026, 3, 9)).status is OfferStatus.ACCEPTED  # the expiry day still counts
    assert decline(extended, TODAY).status is OfferStatus.DECLINED
    with pytest.raises(OfferError, match="cannot be extended"):
        extend(new_offer("o1", TERMS, CHAIN, TODAY), TODAY)
    with pytest.raises(OfferError, match="terms can no longer change"):
        change_terms(accept(extended, TODAY), replace(TERMS, base_salary=Decimal(1)), TODAY)


def test_an_offer_expires_the_day_after_its_expiry_date() -> None:
    extended = extend(fully_approved(), TODAY)
    assert expire_if_due(extended, date(2026, 3, 9)) is extended
    assert expire_if_due(extended, date(2026, 3, 10)).status is OfferStatus.EXPIRED
    with pytest.raises(OfferError, match="is expired and cannot be accepted"):
        accept(extended, date(2026, 3, 10))
    accepted = accept(extended, TODAY)
    assert expire_if_due(accepted, date(2026, 4, 1)) is accepted


def test_withdraw_only_while_open() -> None:
    assert withdraw(new_offer("o1", TERMS, CHAIN, TODAY)).status is OfferStatus.WITHDRAWN
    with pytest.raises(OfferError, match="cannot be withdrawn"):
        withdraw(accept(extend(fully_approved(), TODAY), TODAY))


def test_new_offer_refuses_bad_terms_and_an_empty_chain() -> None:
    with pytest.raises(InvalidInput, match="base_salary"):
        new_offer("o1", replace(TERMS, base_salary=Decimal(-5)), CHAIN, TODAY)
    with pytest.raises(OfferError, match="no steps"):
        new_offer("o1", TERMS, (), TODAY)
