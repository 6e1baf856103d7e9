"""`handoff seed_demo`: a realistic demo provider, created once, that every demo user can log in to."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command

from handoff.domain.accounts.models import User
from handoff.domain.demo.catalogue import DEMO_PASSWORD
from handoff.domain.engagements.models import (
    BpoEngagement,
    BpoPricing,
    DeliveryCenter,
    EngagementStatus,
    Office,
    ProcessType,
    RpoEngagement,
    RpoModel,
    RpoPricing,
)
from handoff.domain.tenancy.models import AccountAssignment, Client
from handoff.domain.tenancy.roles import ClientRole, StaffRole, UserKind
from handoff.engines.delivery_location import DeliveryLocation

pytestmark = pytest.mark.django_db

EXPECTED_COUNTS = {Client: 6, DeliveryCenter: 6, User: 35, AccountAssignment: 34, BpoEngagement: 11, RpoEngagement: 6}


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[type, int]:
    return {model: model._default_manager.count() for model in EXPECTED_COUNTS}


@pytest.fixture
def seeded() -> str:
    return seed()


def test_seed_creates_the_demo_provider(seeded: str) -> None:
    assert counts() == EXPECTED_COUNTS
    assert "Demo data created: 6 delivery centers" in seeded


def test_second_run_changes_nothing(seeded: str) -> None:
    before = counts()
    users_before = list(User.objects.values_list("email", "password", "role", "client_id").order_by("email"))
    again = seed()
    assert counts() == before
    assert list(User.objects.values_list("email", "password", "role", "client_id").order_by("email")) == users_before
    assert "nothing changed" in again


def test_clients_span_countries_and_industries(seeded: str) -> None:
    clients = list(Client.objects.all())
    assert len({client.country.code for client in clients}) == len(clients)
    assert len({client.industry for client in clients}) == len(clients)
    assert {"US", "DE", "AU", "SG", "GB"} <= {client.country.code for client in clients}
    assert all(client.legal_name and client.time_zone != "UTC" for client in clients)


def test_delivery_centers_have_realistic_hours(seeded: str) -> None:
    centers = {center.city: center for center in DeliveryCenter.objects.all()}
    assert {"Ho Chi Minh City", "Manila", "Cebu City", "Bengaluru", "Guadalajara", "Kraków"} == set(centers)
    manila = centers["Manila"].working_hours
    assert set(manila) == {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}, "Manila runs every day"
    assert manila["sun"][0][0] == "00:00", "around the clock"
    assert manila["sun"][-1][1] == "00:00", "around the clock"
    assert any(len(windows) >= 2 for center in centers.values() for windows in center.working_hours.values())
    assert all(center.holiday_country == center.country for center in centers.values())


def test_every_bpo_process_type_office_and_pricing_model(seeded: str) -> None:
    bpo = list(BpoEngagement.objects.all())
    assert {engagement.process_type for engagement in bpo} == set(ProcessType.values)
    assert {engagement.pricing_model for engagement in bpo} == set(BpoPricing.values)
    assert {engagement.office for engagement in bpo} == set(Office.values)
    front = {engagement.process_type for engagement in bpo if engagement.office == Office.FRONT}
    assert front == {ProcessType.CUSTOMER_SERVICE, ProcessType.SALES_SUPPORT}
    assert all(engagement.sla_first_response_minutes > 0 and engagement.rate > 0 for engagement in bpo)


def test_every_rpo_model_and_pricing_model(seeded: str) -> None:
    rpo = list(RpoEngagement.objects.all())
    assert {engagement.model for engagement in rpo} == set(RpoModel.values)
    assert {engagement.pricing_model for engagement in rpo} == set(RpoPricing.values)
    on_demand = [engagement for engagement in rpo if engagement.model == RpoModel.ON_DEMAND]
    assert all(e.target_headcount and e.window_start and e.window_end for e in on_demand)
    hybrid = [engagement for engagement in rpo if engagement.model == RpoModel.HYBRID]
    assert all(e.provider_stages and e.client_stages() for e in hybrid), "hybrid stages are shared"


def test_engagements_cover_every_status(seeded: str) -> None:
    statuses = set(BpoEngagement.objects.values_list("status", flat=True))
    statuses |= set(RpoEngagement.objects.values_list("status", flat=True))
    assert statuses == set(EngagementStatus.values)


def test_delivery_locations_include_onshore_nearshore_and_offshore(seeded: str) -> None:
    engagements = BpoEngagement.objects.select_related("client", "delivery_center")
    assert {engagement.location().location for engagement in engagements} == set(DeliveryLocation)


def test_every_role_and_every_client_role_per_client(seeded: str) -> None:
    staff_roles = set(User.objects.filter(kind=UserKind.PROVIDER).values_list("role", flat=True))
    assert staff_roles == set(StaffRole.values)
    for client in Client.objects.all():
        assert set(User.objects.filter(client=client).values_list("role", flat=True)) == set(ClientRole.values)


def test_staff_serve_clients_through_account_teams(seeded: str) -> None:
    for client in Client.objects.all():
        team_roles = set(AccountAssignment.objects.filter(client=client).values_list("user__role", flat=True))
        assert StaffRole.ACCOUNT_MANAGER in team_roles, client
        assert StaffRole.BPO_AGENT in team_roles or StaffRole.RECRUITER in team_roles, client
    unassigned = User.objects.filter(kind=UserKind.PROVIDER, assignments__isnull=True)
    assert list(unassigned.values_list("role", flat=True)) == [StaffRole.ADMIN]


def test_demo_emails_follow_the_pattern(seeded: str) -> None:
    assert User.objects.filter(email="admin@provider.demo", role=StaffRole.ADMIN).exists()
    for user in User.objects.filter(kind=UserKind.CLIENT):
        assert re.fullmatch(r"(hr|hiring|ops)@[a-z]+\.demo", user.email), user.email


def test_printed_password_passes_validators_and_logs_every_user_in(seeded: str) -> None:
    match = re.search(r"password for every account: (\S+)\)", seeded)
    assert match is not None
    password = match.group(1)
    assert password == DEMO_PASSWORD
    printed = set(re.findall(r"^(\S+@\S+\.demo)\s", seeded, flags=re.MULTILINE))
    users = list(User.objects.all())
    assert printed == {user.email for user in users}
    for user in users:
        validate_password(password, user)
        assert authenticate(email=user.email, password=password) == user, user.email
    assert authenticate(email="admin@provider.demo", password="wrong-password-2026") is None
