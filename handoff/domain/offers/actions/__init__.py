"""Changes to offers: made, approved in the client's chain order, re-versioned, sent, decided, expired.

The offer approval engine (:mod:`handoff.engines.interviews.offers`) decides every move: each action
rebuilds the engine's offer from the rows, applies one engine function and writes what changed
(a version, an approval, the status). Owner fields come from the checked application.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from handoff.domain.accounts.models import User
from handoff.domain.offers import links, selectors
from handoff.domain.offers.letters import check_template
from handoff.domain.offers.models import Offer, OfferApproval, OfferSettings, OfferStatus, OfferVersion
from handoff.domain.recruiting import actions as recruiting_actions
from handoff.domain.recruiting.models import Application, Requisition, StageOutcome
from handoff.domain.recruiting.rules import DefaultStage
from handoff.domain.tenancy.access import Actor, access_client, real_user
from handoff.domain.tenancy.roles import TALENT_POOL_ROLES, ClientRole, StaffRole
from handoff.engines.interviews import offers as engine
from handoff.engines.interviews.problems import InvalidInput

DEFAULT_CHAIN: tuple[tuple[str, str], ...] = (
    (ClientRole.HIRING_MANAGER, "Hiring manager"),
    (ClientRole.HR_ADMIN, "Client HR"),
    (StaffRole.ACCOUNT_MANAGER, "Provider account manager"),
)
CHAIN_ROLES = {ClientRole.HIRING_MANAGER, ClientRole.HR_ADMIN, StaffRole.ACCOUNT_MANAGER, StaffRole.RECRUITER}
OFFER_MAKERS = frozenset({*TALENT_POOL_ROLES, ClientRole.HR_ADMIN})
SETTINGS_EDITORS = frozenset({StaffRole.ADMIN, StaffRole.ACCOUNT_MANAGER, ClientRole.HR_ADMIN})
TERM_FIELDS = ("title", "start_date", "base_salary", "currency", "bonus", "equity", "benefits", "expires_on")


# --- who may do what ---------------------------------------------------------------------------------------


def makes_offers(actor: Actor) -> bool:
    person = real_user(actor)
    return person is not None and person.role in OFFER_MAKERS


def edits_offer_settings(actor: Actor) -> bool:
    person = real_user(actor)
    return person is not None and person.role in SETTINGS_EDITORS


def roles_of(actor: Actor) -> frozenset[str]:
    """The chain roles the actor holds: its own; provider admins also act for the account manager."""
    person = real_user(actor)
    if person is None:
        return frozenset()
    if person.is_provider_admin:
        return frozenset({person.role, StaffRole.ACCOUNT_MANAGER})
    return frozenset({person.role})


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


# --- engine <-> rows ---------------------------------------------------------------------------------------


def chain_of(client_id: int) -> tuple[engine.ApprovalStep, ...]:
    found = selectors.settings_for_client(client_id)
    steps = (
        found.chain
        if found is not None and found.chain
        else [{"role": role, "label": label} for role, label in DEFAULT_CHAIN]
    )
    return tuple(engine.ApprovalStep(step["role"], step["label"]) for step in steps)


def _terms(version: OfferVersion) -> engine.OfferTerms:
    notes = f"equity: {version.equity}\nbenefits: {version.benefits}"
    return engine.OfferTerms(
        title=version.title,
        base_salary=Decimal(version.base_salary),
        currency=version.currency,
        offer_date=version.offer_date,
        start_date=version.start_date,
        expires_on=version.expires_on,
        bonus=Decimal(version.bonus),
        notes=notes,
    )


def engine_offer(offer: Offer) -> engine.Offer:
    chain = tuple(engine.ApprovalStep(step["role"], step["label"]) for step in offer.chain)
    rows = list(selectors.versions(offer))
    decisions = tuple(
        engine.Decision(a.version, a.step, str(a.actor_id), a.approved, a.at, a.comment)
        for a in selectors.approvals(offer).order_by("version", "step")
    )
    return engine.Offer(
        str(offer.pk), chain, tuple(_terms(row) for row in rows), decisions, engine.OfferStatus(offer.status)
    )


def _field_errors(error: InvalidInput) -> ValidationError:
    messages: dict[str, list[str]] = {}
    for problem in error.problems:
        messages.setdefault(problem.field, []).append(problem.message[:1].upper() + problem.message[1:] + ".")
    return ValidationError(messages)


def _state_error(error: engine.OfferError) -> ValidationError:
    return ValidationError(str(error)[:1].upper() + str(error)[1:] + ".")


# --- terms -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Terms:
    title: str
    start_date: dt.date
    base_salary: Decimal
    currency: str
    expires_on: dt.date
    bonus: Decimal = Decimal(0)
    equity: str = ""
    benefits: str = ""


def terms_from(data: dict[str, Any], base: OfferVersion | None = None) -> Terms:
    """Terms from input (missing fields from ``base``); field errors for unusable values."""
    merged = {name: getattr(base, name) for name in TERM_FIELDS} if base is not None else {}
    merged |= {key: value for key, value in data.items() if key in TERM_FIELDS and value is not None}
    errors: dict[str, str] = {}
    for name in ("title", "start_date", "base_salary", "currency", "expires_on"):
        if merged.get(name) in (None, ""):
            errors[name] = "This field is required."
    for name in ("start_date", "expires_on"):
        if isinstance(merged.get(name), str):
            try:
                merged[name] = dt.date.fromisoformat(merged[name])
            except ValueError:
                errors[name] = "Give a date as YYYY-MM-DD."
    for name in ("base_salary", "bonus"):
        if merged.get(name) not in (None, ""):
            try:
                merged[name] = Decimal(str(merged[name]))
            except InvalidOperation:
                errors[name] = "Give a number."
            else:
                if merged[name].is_finite() and abs(merged[name]) >= Decimal("1e10"):
                    errors[name] = "The amount is too large."
    if errors:
        raise ValidationError(errors)
    return Terms(
        title=str(merged["title"]).strip()[:200],
        start_date=merged["start_date"],
        base_salary=merged["base_salary"],
        currency=str(merged["currency"]).upper().strip(),
        expires_on=merged["expires_on"],
        bonus=Decimal(merged["bonus"]) if merged.get("bonus") not in (None, "") else Decimal(0),
        equity=str(merged.get("equity") or "")[:300],
        benefits=str(merged.get("benefits") or "")[:2000],
    )


def is_below_range(requisition: Requisition, terms: Terms) -> bool:
    """Below the bottom of the requisition's salary range (same currency only): a warning, never an error."""
    return (
        requisition.salary_min is not None
        and terms.currency == requisition.currency
        and terms.base_salary < requisition.salary_min
    )


def below_range_warning(offer: Offer, version: OfferVersion) -> str:
    """The warning shown with an offer under the requisition's range ("" when none)."""
    if not version.below_range:
        return ""
    low, high, currency = selectors.salary_range(offer)
    top = f"–{high:,.0f}" if high is not None else "+"
    return (
        f"The base salary {version.base_salary:,.0f} {version.currency} is below the requisition's range "
        f"({low:,.0f}{top} {currency})."
    )


def _engine_terms(terms: Terms, today: dt.date) -> engine.OfferTerms:
    return engine.OfferTerms(
        title=terms.title,
        base_salary=terms.base_salary,
        currency=terms.currency,
        offer_date=today,
        start_date=terms.start_date,
        expires_on=terms.expires_on,
        bonus=terms.bonus,
        notes=f"equity: {terms.equity}\nbenefits: {terms.benefits}",
    )


def _write_version(actor: Actor, offer: Offer, number: int, terms: Terms, today: dt.date) -> OfferVersion:
    version = OfferVersion(
        client_id=offer.client_id,
        offer=offer,
        number=number,
        title=terms.title,
        offer_date=today,
        start_date=terms.start_date,
        base_salary=terms.base_salary,
        currency=terms.currency,
        bonus=terms.bonus,
        equity=terms.equity,
        benefits=terms.benefits,
        expires_on=terms.expires_on,
        below_range=is_below_range(offer.application.requisition, terms),
        created_by=real_user(actor),
    )
    version.full_clean(exclude=["offer"])
    version.save()
    return version


# --- offers ------------------------------------------------------------------------------------------------


@transaction.atomic
def create_offer(actor: Actor, application: Application, data: dict[str, Any]) -> Offer:
    """Version 1 of an offer on the application, waiting for the first step of the client's chain."""
    access_client(actor, application.client_id)
    _require(makes_offers(actor), "Offers are made by the provider's recruiting staff and client HR admins.")
    if application.stage.outcome != StageOutcome.ACTIVE:
        raise ValidationError({"application_id": "The application is no longer in progress."})
    if Offer.objects.filter(application=application, status__in=[s.value for s in engine.OPEN]).exists():
        raise ValidationError({"application_id": "This application already has an open offer: change its terms."})
    terms = terms_from(data)
    today = timezone.localdate()
    chain = chain_of(application.client_id)
    try:
        engine.new_offer("new", _engine_terms(terms, today), chain, today)
    except InvalidInput as error:
        raise _field_errors(error) from error
    except engine.OfferError as error:
        raise _state_error(error) from error
    offer = Offer.objects.create(
        client_id=application.client_id,
        application=application,
        chain=[{"role": step.role, "label": step.label} for step in chain],
        created_by=real_user(actor),
    )
    offer.application = application
    _write_version(actor, offer, 1, terms, today)
    _notify_next_approver(offer)
    return offer


@transaction.atomic
def change_terms(actor: Actor, offer: Offer, data: dict[str, Any]) -> Offer:
    """New terms: a new version and the chain restarts (identical terms change nothing)."""
    offer = _locked(actor, offer)
    _require(makes_offers(actor), "Offer terms are changed by the provider's recruiting staff and client HR admins.")
    current = selectors.current_version(offer)
    terms = terms_from(data, current)
    today = timezone.localdate()
    before = engine_offer(offer)
    candidate_terms = _engine_terms(terms, today)
    if _same_terms(before.terms, candidate_terms):
        return offer
    try:
        after = engine.change_terms(before, candidate_terms, today)
    except InvalidInput as error:
        raise _field_errors(error) from error
    except engine.OfferError as error:
        raise _state_error(error) from error
    _write_version(actor, offer, after.version, terms, today)
    offer.status = after.status.value
    offer.link_nonce = ""  # a link sent for older terms no longer answers
    offer.save(update_fields=["status", "link_nonce", "updated_at"])
    _notify_next_approver(offer)
    return offer


def _same_terms(old: engine.OfferTerms, new: engine.OfferTerms) -> bool:
    fields = ("title", "base_salary", "currency", "start_date", "expires_on", "bonus", "notes")
    return all(getattr(old, name) == getattr(new, name) for name in fields)


def _locked(actor: Actor, offer: Offer) -> Offer:
    access_client(actor, offer.client_id)
    return _lock(offer)


def _lock(offer: Offer) -> Offer:
    return (
        Offer.objects.select_for_update(of=("self",))
        .select_related("application__requisition", "application__candidate", "application__stage", "client")
        .get(pk=offer.pk)
    )


@transaction.atomic
def approve(actor: Actor, offer: Offer, comment: str = "") -> Offer:
    """Approve the step whose turn it is (only by someone holding its role, one step per person)."""
    return _decide(actor, offer, approved=True, comment=comment)


@transaction.atomic
def reject(actor: Actor, offer: Offer, comment: str) -> Offer:
    return _decide(actor, offer, approved=False, comment=comment)


def _decide(actor: Actor, offer: Offer, *, approved: bool, comment: str) -> Offer:
    offer = _locked(actor, offer)
    person = real_user(actor)
    _require(person is not None, "Sign in to approve offers.")
    assert person is not None
    before = engine_offer(offer)
    now = timezone.now()
    try:
        if approved:
            after = engine.approve(before, str(person.pk), roles_of(person), now, comment)
        else:
            after = engine.reject(before, str(person.pk), roles_of(person), now, comment)
    except engine.OfferError as error:
        if before.current_step is not None and before.current_step.role not in roles_of(person):
            raise PermissionDenied(str(error)) from error
        raise ValidationError({"comment" if "say why" in str(error) else "__all__": str(error)}) from error
    step = before.current_step
    assert step is not None
    OfferApproval.objects.create(
        client_id=offer.client_id,
        offer=offer,
        version=before.version,
        step=len(before.current_decisions),
        role=step.role,
        label=step.label,
        actor=person,
        approved=approved,
        comment=comment[:500],
        at=now,
    )
    offer.status = after.status.value
    offer.save(update_fields=["status", "updated_at"])
    if after.status is engine.OfferStatus.PENDING_APPROVAL:
        _notify_next_approver(offer)
    else:
        _notify_maker(offer, f"Offer {after.status.value}: {offer.application.candidate.full_name}")
    return offer


@transaction.atomic
def send_offer(actor: Actor, offer: Offer) -> tuple[Offer, str]:
    """Send the approved offer (letter attached) with a fresh accept/decline link; returns the link token."""
    offer = _locked(actor, offer)
    _require(makes_offers(actor), "Offers are sent by the provider's recruiting staff and client HR admins.")
    try:
        after = engine.extend(engine_offer(offer), timezone.localdate())
    except engine.OfferError as error:
        raise _state_error(error) from error
    if not offer.application.candidate.email:
        raise ValidationError("The candidate has no e-mail address to send the offer to.")
    offer.status = after.status.value
    offer.link_nonce = links.new_nonce()
    offer.sent_at = timezone.now()
    offer.sent_by = real_user(actor)
    offer.save(update_fields=["status", "link_nonce", "sent_at", "sent_by", "updated_at"])
    token = links.make_token(offer.pk, offer.link_nonce, links.OFFER_SALT)
    _enqueue("send_offer_to_candidate", offer.pk, token)
    return offer, token


@transaction.atomic
def withdraw(actor: Actor, offer: Offer) -> Offer:
    offer = _locked(actor, offer)
    _require(makes_offers(actor), "Offers are withdrawn by the provider's recruiting staff and client HR admins.")
    try:
        after = engine.withdraw(engine_offer(offer))
    except engine.OfferError as error:
        raise _state_error(error) from error
    offer.status = after.status.value
    offer.link_nonce = ""
    offer.save(update_fields=["status", "link_nonce", "updated_at"])
    return offer


# --- the candidate's decision (signed link, no login) --------------------------------------------------------


def offer_from_token(token: str) -> Offer:
    """The offer a link names, if the link is genuine, recent and still the current one (LinkError otherwise)."""
    data = links.read_token(token, links.OFFER_SALT, links.OFFER_LINK_MAX_AGE)
    offer = selectors.offer_for_link(data.row_id)
    if offer is None:
        raise links.LinkError(links.LinkProblem.TAMPERED)
    if offer.link_nonce != data.nonce or offer.status != OfferStatus.EXTENDED:
        if offer.status == OfferStatus.EXPIRED:
            raise links.LinkError(links.LinkProblem.EXPIRED)
        raise links.LinkError(links.LinkProblem.USED)
    return offer


@transaction.atomic
def respond(token: str, *, accept: bool, ip: str | None) -> Offer:
    """Record the candidate's decision (time and address); accepting hires the application."""
    found = offer_from_token(token)
    offer = _lock(found)
    if offer.link_nonce != found.link_nonce or offer.status != OfferStatus.EXTENDED:
        raise links.LinkError(links.LinkProblem.USED)
    today = timezone.localdate()
    before = engine_offer(offer)
    try:
        after = engine.accept(before, today) if accept else engine.decline(before, today)
    except engine.OfferError as error:
        if engine.expire_if_due(before, today).status is engine.OfferStatus.EXPIRED:
            _mark_expired(offer)
            raise links.LinkError(links.LinkProblem.EXPIRED) from error
        raise links.LinkError(links.LinkProblem.USED) from error
    offer.status = after.status.value
    offer.decided_at = timezone.now()
    offer.decision_ip = ip or None
    offer.link_nonce = ""
    offer.save(update_fields=["status", "decided_at", "decision_ip", "link_nonce", "updated_at"])
    if accept:
        hire(offer)
        from handoff.domain.offers.actions import onboarding  # loaded with the package: no cycle at import

        onboarding.start_onboarding(offer, selectors.current_version(offer).start_date)
    _notify_maker(offer, f"Offer {offer.status}: {offer.application.candidate.full_name}")
    return offer


def hire(offer: Offer) -> Application:
    """Move the application to "hired" through the recruiting action (which fills the requisition once its
    headcount is reached); as the person who sent the offer, else as the candidate's own act."""
    application = Application.objects.select_related("stage", "requisition").get(pk=offer.application_id)
    if application.stage.outcome == StageOutcome.HIRED:
        return application
    mover: Actor = offer.sent_by or offer.created_by or AnonymousUser()
    try:
        return recruiting_actions.move_application(mover, application, DefaultStage.HIRED, "Offer accepted.")
    except (PermissionDenied, ValidationError):  # the sender's side does not run the stage, or the role changed
        return _hire_as_candidate(application)


def _hire_as_candidate(application: Application) -> Application:
    """The candidate's acceptance moves the application even when the sender's side does not run its stage."""
    application = Application.objects.select_related("stage").get(pk=application.pk)
    requisition = Requisition.objects.select_related("engagement").get(pk=application.requisition_id)
    target = recruiting_actions._stage_of(requisition, DefaultStage.HIRED)
    old = application.stage
    application.stage = target
    application.stage_entered_at = timezone.now()
    application.save(update_fields=["stage", "stage_entered_at", "updated_at"])
    recruiting_actions._record_move(AnonymousUser(), application, old, "Offer accepted by the candidate.")
    recruiting_actions._fill_when_headcount_reached(AnonymousUser(), requisition)
    return application


# --- expiry ------------------------------------------------------------------------------------------------


def _mark_expired(offer: Offer) -> None:
    offer.status = OfferStatus.EXPIRED
    offer.link_nonce = ""
    offer.save(update_fields=["status", "link_nonce", "updated_at"])


@transaction.atomic
def expire_due_offers(today: dt.date | None = None) -> int:
    """Mark every unanswered offer past its expiry date EXPIRED (the daily task); returns how many."""
    today = today or timezone.localdate()
    expired = 0
    waiting = Offer.objects.select_for_update().filter(status__in=[s.value for s in engine.EXPIRABLE])
    for offer in waiting:
        if engine.expire_if_due(engine_offer(offer), today).status is engine.OfferStatus.EXPIRED:
            _mark_expired(offer)
            _notify_maker(offer, "Offer expired")
            expired += 1
    return expired


# --- settings ----------------------------------------------------------------------------------------------


@transaction.atomic
def save_offer_settings(actor: Actor, client_id: Any, chain: list[str], letter_template: str) -> OfferSettings:
    """The client's approval chain (roles, in order) and letter template."""
    client = access_client(actor, client_id)
    _require(edits_offer_settings(actor), "Offer settings are kept by client HR admins and account managers.")
    if not chain:
        raise ValidationError({"chain": "The approval chain needs at least one step."})
    unknown = [role for role in chain if role not in CHAIN_ROLES]
    if unknown:
        raise ValidationError({"chain": f"Unknown role(s): {', '.join(unknown)}."})
    if len(set(chain)) != len(chain):
        raise ValidationError({"chain": "Each role appears once in the chain."})
    check_template(letter_template)
    labels = {**dict(DEFAULT_CHAIN), StaffRole.RECRUITER: "Recruiter"}
    found = OfferSettings.objects.filter(client=client).first() or OfferSettings(client=client)
    found.chain = [{"role": role, "label": labels[role]} for role in chain]
    found.letter_template = letter_template
    found.save()
    return found


def letter_template_of(client_id: int) -> str:
    found = selectors.settings_for_client(client_id)
    return found.letter_template if found is not None else ""


# --- notifications -----------------------------------------------------------------------------------------


def _enqueue(name: str, *args: Any) -> None:
    def run() -> None:
        from handoff.domain.offers import tasks  # the tasks import these actions

        getattr(tasks, name).enqueue(*args)

    transaction.on_commit(run, robust=True)


def approvers_for(offer: Offer, role: str) -> list[str]:
    """E-mail addresses of the people who hold ``role`` for the offer's client."""
    from handoff.domain.tenancy.models import AccountAssignment

    if role in {r.value for r in ClientRole}:
        people = User.objects.filter(client_id=offer.client_id, role=role, is_active=True)
    else:
        team = AccountAssignment.objects.filter(client_id=offer.client_id).values("user_id")
        people = User.objects.filter(pk__in=team, role=role, is_active=True)
    return sorted(people.values_list("email", flat=True))


def _notify_next_approver(offer: Offer) -> None:
    step = engine_offer(offer).current_step
    if step is None:
        return
    addresses = approvers_for(offer, step.role)
    subject = f"Offer to approve ({step.label}): {offer.application.candidate.full_name}"
    if addresses:
        _enqueue("send_offer_notice", offer.pk, subject, addresses)


def _notify_maker(offer: Offer, subject: str) -> None:
    people = [user for user in (offer.created_by, offer.sent_by) if user is not None and user.email]
    addresses = sorted({user.email for user in people})
    if addresses:
        _enqueue("send_offer_notice", offer.pk, subject, addresses)
