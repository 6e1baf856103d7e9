"""Offers: terms with validation, an ordered approval chain per client, versions, expiry.

State machine (every function returns a new :class:`Offer`; wrong moves raise :class:`OfferError`)::

    PENDING_APPROVAL --approve (last step)--> APPROVED --extend--> EXTENDED --accept--> ACCEPTED
          |                                                           \\--decline--> DECLINED
          \\--reject--> REJECTED
    PENDING/APPROVED/EXTENDED --(today after expires_on)--> EXPIRED
    any open state --withdraw--> WITHDRAWN

Rules:

* The chain is the client's ordered steps (e.g. hiring manager, then client HR, then provider
  account manager). Only the step whose turn it is can act, and only by someone holding that
  step's role; one person cannot approve two steps of the same version (separation of duties).
  Rejecting needs a comment.
* Changing the terms in any open state (pending, approved, rejected, extended) creates a new
  version and restarts the chain from its first step, even if only one field changed: every
  approver approved particular terms. Earlier versions and their decisions are kept.
  Submitting identical terms is a no-op.
* An offer expires at the end of its ``expires_on`` date: on ``expires_on`` it can still be
  accepted, the day after it cannot (:func:`expire_if_due` moves it to EXPIRED).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from handoff.engines.interviews.problems import Problem, ensure

# Active ISO 4217 codes (fund and precious-metal codes excluded).
_ISO_CODES = (
    "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN "
    "BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS "
    "GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW "
    "KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD "
    "NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD "
    "SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES "
    "VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG"
)
ISO_CURRENCIES = frozenset(_ISO_CODES.split())


class OfferStatus(StrEnum):
    PENDING_APPROVAL = "pending_approval"
    APPROVED = "approved"
    REJECTED = "rejected"
    EXTENDED = "extended"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"


OPEN = frozenset({OfferStatus.PENDING_APPROVAL, OfferStatus.APPROVED, OfferStatus.REJECTED, OfferStatus.EXTENDED})
EXPIRABLE = frozenset({OfferStatus.PENDING_APPROVAL, OfferStatus.APPROVED, OfferStatus.EXTENDED})


class OfferError(Exception):
    """A move the offer's state or the actor's role does not allow."""


@dataclass(frozen=True)
class OfferTerms:
    title: str
    base_salary: Decimal
    currency: str
    offer_date: date
    start_date: date
    expires_on: date
    bonus: Decimal = Decimal(0)
    notes: str = ""


def validate_terms(terms: OfferTerms, today: date) -> list[Problem]:
    """Problems with ``terms`` as of ``today`` (empty when they can be offered)."""
    problems: list[Problem] = []
    if not terms.title.strip():
        problems.append(Problem("title", "give the job title"))
    if not terms.base_salary.is_finite() or terms.base_salary <= 0:
        problems.append(Problem("base_salary", "salary must be more than zero"))
    if not terms.bonus.is_finite() or terms.bonus < 0:
        problems.append(Problem("bonus", "bonus cannot be negative"))
    if terms.currency not in ISO_CURRENCIES:
        problems.append(Problem("currency", f"{terms.currency!r} is not an ISO 4217 currency code"))
    if terms.expires_on <= today:
        problems.append(Problem("expires_on", "the offer must expire after today"))
    if terms.expires_on < terms.offer_date:
        problems.append(Problem("expires_on", "the offer cannot expire before it is made"))
    if terms.start_date <= terms.offer_date:
        problems.append(Problem("start_date", "the start date must be after the offer date"))
    return problems


@dataclass(frozen=True)
class ApprovalStep:
    role: str
    label: str


@dataclass(frozen=True)
class Decision:
    version: int
    step: int
    actor_id: str
    approved: bool
    at: datetime
    comment: str = ""


@dataclass(frozen=True)
class Offer:
    offer_id: str
    chain: tuple[ApprovalStep, ...]
    versions: tuple[OfferTerms, ...]
    decisions: tuple[Decision, ...] = ()
    status: OfferStatus = OfferStatus.PENDING_APPROVAL

    @property
    def version(self) -> int:
        """The current version number, from 1."""
        return len(self.versions)

    @property
    def terms(self) -> OfferTerms:
        return self.versions[-1]

    @property
    def current_decisions(self) -> tuple[Decision, ...]:
        return tuple(d for d in self.decisions if d.version == self.version)

    @property
    def current_step(self) -> ApprovalStep | None:
        """The step whose turn it is, or ``None`` when none is waiting."""
        if self.status is not OfferStatus.PENDING_APPROVAL:
            return None
        return self.chain[len(self.current_decisions)]


def new_offer(offer_id: str, terms: OfferTerms, chain: tuple[ApprovalStep, ...], today: date) -> Offer:
    """Version 1 of an offer, waiting for the chain's first step."""
    if not chain:
        raise OfferError("the client's approval chain has no steps")
    ensure(validate_terms(terms, today))
    return Offer(offer_id, chain, (terms,))


def approve(offer: Offer, actor_id: str, roles: frozenset[str], at: datetime, comment: str = "") -> Offer:
    """Approve the current step; the last approval makes the offer APPROVED."""
    _acting_step(offer, actor_id, roles)
    decided = (*offer.decisions, Decision(offer.version, len(offer.current_decisions), actor_id, True, at, comment))
    last = len(offer.current_decisions) + 1 == len(offer.chain)
    return replace(offer, decisions=decided, status=OfferStatus.APPROVED if last else offer.status)


def reject(offer: Offer, actor_id: str, roles: frozenset[str], at: datetime, comment: str) -> Offer:
    """Reject at the current step (a comment is required); the offer stops until its terms change."""
    _acting_step(offer, actor_id, roles)
    if not comment.strip():
        raise OfferError("say why the offer is rejected")
    decided = (*offer.decisions, Decision(offer.version, len(offer.current_decisions), actor_id, False, at, comment))
    return replace(offer, decisions=decided, status=OfferStatus.REJECTED)


def _acting_step(offer: Offer, actor_id: str, roles: frozenset[str]) -> ApprovalStep:
    step = offer.current_step
    if step is None:
        raise OfferError(f"offer {offer.offer_id} is {offer.status.value}, not waiting for approval")
    if step.role not in roles:
        raise OfferError(f"step {step.label!r} needs the role {step.role!r}")
    if any(d.actor_id == actor_id for d in offer.current_decisions):
        raise OfferError(f"{actor_id} already approved a step of version {offer.version}")
    return step


def change_terms(offer: Offer, terms: OfferTerms, today: date) -> Offer:
    """New terms: a new version, the chain restarts from its first step."""
    if offer.status not in OPEN:
        raise OfferError(f"offer {offer.offer_id} is {offer.status.value}; its terms can no longer change")
    if terms == offer.terms:
        return offer
    ensure(validate_terms(terms, today))
    return replace(offer, versions=(*offer.versions, terms), status=OfferStatus.PENDING_APPROVAL)


def extend(offer: Offer, today: date) -> Offer:
    """Send the approved offer to the candidate."""
    offer = expire_if_due(offer, today)
    _require(offer, OfferStatus.APPROVED, "extended")
    return replace(offer, status=OfferStatus.EXTENDED)


def accept(offer: Offer, today: date) -> Offer:
    """The candidate accepts an extended, unexpired offer."""
    offer = expire_if_due(offer, today)
    _require(offer, OfferStatus.EXTENDED, "accepted")
    return replace(offer, status=OfferStatus.ACCEPTED)


def decline(offer: Offer, today: date) -> Offer:
    """The candidate declines an extended offer."""
    offer = expire_if_due(offer, today)
    _require(offer, OfferStatus.EXTENDED, "declined")
    return replace(offer, status=OfferStatus.DECLINED)


def withdraw(offer: Offer) -> Offer:
    """The provider or client withdraws an offer still open."""
    if offer.status not in OPEN:
        raise OfferError(f"offer {offer.offer_id} is {offer.status.value} and cannot be withdrawn")
    return replace(offer, status=OfferStatus.WITHDRAWN)


def is_expired(terms: OfferTerms, today: date) -> bool:
    """Past the end of the ``expires_on`` day."""
    return today > terms.expires_on


def expire_if_due(offer: Offer, today: date) -> Offer:
    """EXPIRED when an unanswered offer is past its expiry date; otherwise unchanged."""
    if offer.status in EXPIRABLE and is_expired(offer.terms, today):
        return replace(offer, status=OfferStatus.EXPIRED)
    return offer


def _require(offer: Offer, status: OfferStatus, verb: str) -> None:
    if offer.status is not status:
        raise OfferError(f"offer {offer.offer_id} is {offer.status.value} and cannot be {verb}")
