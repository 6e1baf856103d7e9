"""Factories for tests: the one way tests make rows (no bare objects.create in tests)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from handoff.domain.accounts.models import User
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

PASSWORD = "correct horse battery staple"


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client

    name = factory.Sequence(lambda n: f"Client {n}")
    legal_name = factory.LazyAttribute(lambda o: f"{o.name} Ltd.")
    country = "US"
    time_zone = "America/New_York"
    industry = "technology"
    size = "250-999"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    full_name = factory.Sequence(lambda n: f"User {n}")
    kind: str = UserKind.PROVIDER
    role: str = StaffRole.RECRUITER
    password = factory.django.Password(PASSWORD)


class StaffFactory(UserFactory):
    kind = UserKind.PROVIDER
    role = StaffRole.RECRUITER
    client = None


class ClientUserFactory(UserFactory):
    kind = UserKind.CLIENT
    role = ClientRole.HR_ADMIN
    client = factory.SubFactory(ClientFactory)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccountAssignment

    client = factory.SubFactory(ClientFactory)
    user = factory.SubFactory(StaffFactory)


class DeliveryCenterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeliveryCenter
        django_get_or_create = ("name",)

    name = "Manila Center"
    country = "PH"
    city = "Manila"
    time_zone = "Asia/Manila"
    holiday_country = "PH"


class BpoEngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BpoEngagement

    client = factory.SubFactory(ClientFactory)
    name = factory.Sequence(lambda n: f"Customer care {n}")
    status = EngagementStatus.ACTIVE
    start_date = dt.date(2026, 1, 1)
    process_type = ProcessType.CUSTOMER_SERVICE
    office = Office.FRONT
    delivery_center = factory.SubFactory(DeliveryCenterFactory)
    pricing_model = BpoPricing.FTE_MONTH
    rate = Decimal("2400.00")


class RpoEngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RpoEngagement

    client = factory.SubFactory(ClientFactory)
    name = factory.Sequence(lambda n: f"Hiring programme {n}")
    status = EngagementStatus.ACTIVE
    start_date = dt.date(2026, 1, 1)
    model = RpoModel.ENTERPRISE
    provider_stages = factory.LazyFunction(
        lambda: ["requisition", "sourcing", "screening", "interviewing", "offer", "onboarding"]
    )
    pricing_model = RpoPricing.FEE_PER_HIRE
    fee_amount = Decimal("6500.00")
