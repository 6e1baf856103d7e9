"""The advisor's measured medians, read from the provider's own delivery data across clients.

Hires are made through the recruiting actions (so the stage transitions are real) and then dated back;
per-transaction prices are real BPO engagements. Only medians leave the selector, and only when they
stand for enough clients.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from handoff.domain.accounts.models import User
from handoff.domain.advisor import selectors
from handoff.domain.engagements.models import BpoPricing, EngagementStatus, ProcessType
from handoff.domain.recruiting import actions
from handoff.domain.recruiting.models import StageTransition
from handoff.domain.tenancy.models import Client
from handoff.domain.tenancy.roles import StaffRole
from handoff.engines.advisor import Measured, ProcessKind
from tests.factories import (
    BpoEngagementFactory,
    ClientFactory,
    ClientUserFactory,
    RpoEngagementFactory,
    StaffFactory,
)
from tests.recruiting import candidate_data, open_requisition

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin() -> User:
    user: User = StaffFactory(role=StaffRole.ADMIN)
    return user


def hire(admin: User, client: Client, days: float, number: int) -> None:
    """One hire at ``client`` that took ``days`` from entering the pipeline to the hire."""
    engagement = RpoEngagementFactory(client=client)
    approver = ClientUserFactory(client=client)
    requisition = open_requisition(admin, approver, engagement, headcount=5)
    candidate = actions.create_candidate(
        admin, candidate_data(email=f"hire{number}@mail.test", phone="", profile_url="")
    )
    application = actions.add_application(admin, requisition, candidate)
    actions.move_application(admin, application, "hired")
    hired_at = timezone.now() - dt.timedelta(days=2)
    transitions = list(StageTransition.objects.filter(application=application).order_by("at", "pk"))
    StageTransition.objects.filter(pk=transitions[0].pk).update(at=hired_at - dt.timedelta(days=days))
    StageTransition.objects.filter(pk=transitions[-1].pk).update(at=hired_at)


def test_time_to_hire_is_the_median_over_hires_of_enough_clients(admin: User) -> None:
    clients = [ClientFactory() for _ in range(3)]
    for number, (client, days) in enumerate(zip(clients * 2, [20, 30, 40, 50, 60, 70], strict=True)):
        hire(admin, client, days, number)
    measured = selectors.measured_medians()
    assert measured.time_to_hire_days == pytest.approx(45.0, abs=0.01)


def test_hires_of_too_few_clients_stay_unmeasured(admin: User) -> None:
    clients = [ClientFactory() for _ in range(2)]  # six hires, but two clients: one client's pace would show
    for number, days in enumerate([20, 30, 40, 50, 60, 70]):
        hire(admin, clients[number % 2], days, number)
    assert selectors.measured_medians().time_to_hire_days is None


def test_hires_made_in_one_go_are_not_a_measured_hiring_time(admin: User) -> None:
    clients = [ClientFactory() for _ in range(3)]
    for number in range(6):
        hire(admin, clients[number % 3], 0.01, number)  # loaded data: minutes from sourced to hired
    assert selectors.measured_medians().time_to_hire_days is None


def test_cost_per_transaction_is_the_median_rate_of_per_transaction_engagements() -> None:
    for rate in ("0.80", "1.00", "1.40"):
        BpoEngagementFactory(pricing_model=BpoPricing.PER_TRANSACTION, rate=Decimal(rate))
    BpoEngagementFactory(pricing_model=BpoPricing.FTE_MONTH, rate=Decimal("2400"))  # not a per-item price
    BpoEngagementFactory(  # not delivering: not a measured price
        pricing_model=BpoPricing.PER_TRANSACTION, rate=Decimal("9.00"), status=EngagementStatus.DRAFT
    )
    for rate in ("3.00", "4.00"):  # payroll from two clients only: stays unmeasured
        BpoEngagementFactory(
            pricing_model=BpoPricing.PER_TRANSACTION, rate=Decimal(rate), process_type=ProcessType.PAYROLL
        )
    measured = selectors.measured_medians()
    assert measured == Measured(cost_per_transaction={ProcessKind.CUSTOMER_SERVICE: 1.0})
