"""Writes the demo provider described in :mod:`handoff.domain.demo.catalogue`.

Idempotent: every row is looked up by its natural key (client and center names,
user e-mails, engagement names within a client) and only missing rows are
created, so a second run changes nothing. Everything happens in one transaction.
Clients, account teams and engagements are created through their actions,
acting as the demo provider admin, so they are validated exactly as a user's
input would be.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from handoff.domain.accounts.models import User
from handoff.domain.advisor.demo import seed_advisor
from handoff.domain.assurance.demo import seed_assurance
from handoff.domain.automation.demo import seed_automation
from handoff.domain.demo.catalogue import (
    ADMIN,
    BPO_ENGAGEMENTS,
    CENTERS,
    CLIENTS,
    DEMO_PASSWORD,
    RPO_ENGAGEMENTS,
    STAFF,
    BpoSpec,
    CenterSpec,
    ClientSpec,
    RpoSpec,
    StaffSpec,
)
from handoff.domain.engagements.actions import create_bpo_engagement, create_rpo_engagement
from handoff.domain.engagements.models import DeliveryCenter
from handoff.domain.engagements.selectors import bpo_engagements, rpo_engagements
from handoff.domain.interviews.demo import seed_interviews
from handoff.domain.offers.demo import seed_offers
from handoff.domain.operations.demo import seed_operations
from handoff.domain.recruiting.careers.demo import seed_careers
from handoff.domain.recruiting.demo import seed_recruiting
from handoff.domain.recruiting.submittals.demo import seed_submittals
from handoff.domain.tenancy.access import account_team, visible_clients
from handoff.domain.tenancy.actions import assign_to_account_team, create_client
from handoff.domain.tenancy.models import Client
from handoff.domain.tenancy.roles import ALL_ROLES, ClientRole, UserKind


@dataclass(frozen=True)
class Login:
    email: str
    full_name: str
    role: str  # the role's label
    client: str  # the client's name; empty for provider staff


@dataclass
class SeedReport:
    password: str = DEMO_PASSWORD
    created: Counter[str] = field(default_factory=Counter)
    logins: list[Login] = field(default_factory=list)
    _password_hash: str = ""

    def password_hash(self) -> str:
        """One hash of the (public) demo password for every demo account: hashing is slow by design."""
        if not self._password_hash:
            self._password_hash = make_password(self.password)
        return self._password_hash

    @property
    def changed(self) -> bool:
        return any(self.created.values())


@transaction.atomic
def seed_demo() -> SeedReport:
    """Create whatever part of the demo provider is missing; report what was created and who can log in."""
    report = SeedReport()
    centers = {spec.name: _center(spec, report) for spec in CENTERS}
    staff = {spec.email: _staff(spec, report) for spec in STAFF}
    admin = staff[ADMIN.email]
    clients = {spec.slug: _client(admin, spec, report) for spec in CLIENTS}
    for spec in STAFF:
        for slug in spec.clients:
            _assign(admin, clients[slug], staff[spec.email], report)
    for client_spec in CLIENTS:
        for role in ClientRole:
            _client_user(client_spec, clients[client_spec.slug], role, report)
    for bpo in BPO_ENGAGEMENTS:
        _bpo(admin, clients[bpo.client], centers[bpo.center], bpo, report)
    for rpo in RPO_ENGAGEMENTS:
        _rpo(admin, clients[rpo.client], rpo, report)
    seed_advisor(admin, report.created)
    seed_operations(admin, report.created)
    seed_assurance(admin, report.created)  # after operations: QA, maker-checker and CSAT of its items
    seed_automation(admin, report.created)  # after operations: example rules act on new items only
    seed_recruiting(admin, report.created)
    seed_careers(admin, report.created)  # after recruiting: it publishes the requisitions opened there
    seed_submittals(admin, report.created)  # after recruiting: screened candidates sent to the clients
    seed_offers(admin, report.created)  # after recruiting: offers, one accepted with its onboarding
    seed_interviews(admin, report.created)  # after recruiting: plans, a booked panel, a candidate's slot link
    return report


def _center(spec: CenterSpec, report: SeedReport) -> DeliveryCenter:
    existing = DeliveryCenter.objects.filter(name=spec.name).first()
    if existing is not None:
        return existing
    center = DeliveryCenter(
        name=spec.name,
        country=spec.country,
        city=spec.city,
        time_zone=spec.time_zone,
        working_hours=spec.working_hours,
        holiday_country=spec.holiday_country,
        holiday_subdivision=spec.holiday_subdivision,
    )
    center.full_clean()
    center.save()
    report.created["delivery centers"] += 1
    return center


def _client(admin: User, spec: ClientSpec, report: SeedReport) -> Client:
    existing = visible_clients(admin).filter(name=spec.name).first()
    if existing is not None:
        return existing
    report.created["clients"] += 1
    return create_client(
        admin,
        {
            "name": spec.name,
            "legal_name": spec.legal_name,
            "country": spec.country,
            "time_zone": spec.time_zone,
            "industry": spec.industry,
            "size": spec.size,
        },
    )


def _staff(spec: StaffSpec, report: SeedReport) -> User:
    return _user(
        report,
        email=spec.email,
        full_name=spec.full_name,
        kind=UserKind.PROVIDER,
        role=spec.role,
        time_zone=spec.time_zone,
        client=None,
    )


def _client_user(spec: ClientSpec, client: Client, role: ClientRole, report: SeedReport) -> User:
    return _user(
        report,
        email=spec.email(role),
        full_name=spec.people[role],
        kind=UserKind.CLIENT,
        role=role,
        time_zone=spec.time_zone,
        client=client,
    )


def _user(
    report: SeedReport, *, email: str, full_name: str, kind: str, role: str, time_zone: str, client: Client | None
) -> User:
    report.logins.append(Login(email, full_name, ALL_ROLES[role], client.name if client else ""))
    existing = User.objects.filter(email=email).first()
    if existing is not None:
        return existing
    fields = {"full_name": full_name, "kind": kind, "role": role, "time_zone": time_zone, "client": client}
    user = User(email=email, **fields)
    validate_password(report.password, user)
    user.password = report.password_hash()
    user.full_clean()
    user.save()
    report.created["users"] += 1
    return user


def _assign(admin: User, client: Client, user: User, report: SeedReport) -> None:
    if account_team(admin, client).filter(user=user).exists():
        return
    assign_to_account_team(admin, client.pk, user.pk)
    report.created["account team members"] += 1


def _bpo(admin: User, client: Client, center: DeliveryCenter, spec: BpoSpec, report: SeedReport) -> None:
    if bpo_engagements(admin, client).filter(name=spec.name).exists():
        return
    first_response, resolution, service_level = spec.sla
    create_bpo_engagement(
        admin,
        client.pk,
        {
            "name": spec.name,
            "status": spec.status,
            "start_date": spec.start_date,
            "currency": spec.currency,
            "notes": spec.notes,
            "process_type": spec.process_type,
            "delivery_center": center,
            "sla_first_response_minutes": first_response,
            "sla_resolution_hours": resolution,
            "sla_service_level_pct": service_level,
            "pricing_model": spec.pricing_model,
            "rate": spec.rate,
        },
    )
    report.created["BPO engagements"] += 1


def _rpo(admin: User, client: Client, spec: RpoSpec, report: SeedReport) -> None:
    if rpo_engagements(admin, client).filter(name=spec.name).exists():
        return
    window_start, window_end = spec.window or (None, None)
    create_rpo_engagement(
        admin,
        client.pk,
        {
            "name": spec.name,
            "status": spec.status,
            "start_date": spec.start_date,
            "end_date": spec.end_date,
            "currency": spec.currency,
            "notes": spec.notes,
            "model": spec.model,
            "provider_stages": list(spec.provider_stages),
            "target_headcount": spec.target_headcount,
            "window_start": window_start,
            "window_end": window_end,
            "pricing_model": spec.pricing_model,
            "fee_amount": spec.fee_amount,
        },
    )
    report.created["RPO engagements"] += 1
