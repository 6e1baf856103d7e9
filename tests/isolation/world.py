"""The personas' world (tests/personas.py) plus what the probes need: API tokens, more marker-bearing B data,
an account-team row per client, and the strings a persona must never be shown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.db.models import CharField, DateField, DecimalField, Model, TextField

from handoff.domain.accounts.models import ApiToken, User
from handoff.domain.accounts.tokens import IssuedToken, issue_token
from handoff.domain.engagements.models import BpoEngagement, RpoEngagement
from handoff.domain.tenancy.models import AccountAssignment, Client, ClientOwned
from handoff.domain.tenancy.roles import StaffRole
from tests import factories
from tests.isolation.advisor_world import build_advisor
from tests.isolation.assurance_world import build_assurance
from tests.isolation.automation_world import build_automation
from tests.isolation.careers_world import build_careers
from tests.isolation.interviews_world import build_interviews
from tests.isolation.io_world import build_io
from tests.isolation.offers_world import build_offers
from tests.isolation.operations_world import build_operations
from tests.isolation.portal_world import build_portal
from tests.personas import MARKER_A, MARKER_B, World, build_world

MIN_DISTINCT_LENGTH = 6  # shorter values ("USD", "42") are not evidence of a leak


@dataclass
class IsolationWorld:
    base: World
    tokens: dict[str, IssuedToken]  # persona name → its API token
    assignment_a: AccountAssignment
    assignment_b: AccountAssignment
    forbidden_b: tuple[str, ...] = ()  # what no persona of client A (or of no client) may be shown
    forbidden_a: tuple[str, ...] = ()  # what a persona of no client may not be shown either

    @property
    def client_a(self) -> Client:
        return self.base.client_a

    @property
    def client_b(self) -> Client:
        return self.base.client_b


def client_owned_models() -> list[type[ClientOwned]]:
    return [model for model in apps.get_models() if issubclass(model, ClientOwned)]


def client_rows(client: Client) -> list[Model]:
    """Every row that is the client's: the client, its client-owned rows, its users and their tokens."""
    rows: list[Model] = [client]
    for model in client_owned_models():
        rows.extend(model._default_manager.filter(client=client).order_by("pk"))
    rows.extend(User.objects.filter(client=client).order_by("pk"))
    rows.extend(ApiToken.objects.filter(user__client=client).order_by("pk"))
    return rows


def _shown_values(row: Model) -> set[str]:
    """The values of a row that a page or an API answer would print as they are (not ids, choices, JSON)."""
    values: set[str] = set()
    for model_field in row._meta.concrete_fields:
        if model_field.choices or not isinstance(model_field, CharField | TextField | DecimalField | DateField):
            continue
        value = model_field.value_from_object(row)
        if value is not None and value != "":
            values.add(value.isoformat() if isinstance(value, dt.date) else str(value))
    return values


def distinct_values(own: list[Model], others: list[Model], marker: str) -> tuple[str, ...]:
    """The marker, and the shown values of ``own`` rows that no ``others`` row has (long enough to be evidence)."""
    other_values = set().union(*(_shown_values(row) for row in others))
    values = set().union(*(_shown_values(row) for row in own)) - other_values
    return (marker, *sorted(value for value in values if len(value) >= MIN_DISTINCT_LENGTH and marker not in value))


@dataclass(frozen=True)
class Marks:
    """Data a leak of one client would show: its marker, and distinctive amounts and dates."""

    marker: str
    bpo_rate: str
    rpo_fee: str
    bpo_start: dt.date
    rpo_start: dt.date


MARKS_A = Marks(MARKER_A, "5123.77", "6417.19", dt.date(2030, 3, 14), dt.date(2030, 5, 9))
MARKS_B = Marks(MARKER_B, "7391.37", "8123.45", dt.date(2031, 7, 19), dt.date(2031, 8, 23))


def _mark(client: Client, bpo: BpoEngagement, rpo: RpoEngagement, marks: Marks) -> None:
    """Marked legal name, notes and user names; distinctive amounts and dates."""
    marker = marks.marker
    Client.objects.filter(pk=client.pk).update(legal_name=f"{client.name} Holdings {marker} Ltd.")
    BpoEngagement.objects.filter(pk=bpo.pk).update(
        notes=f"Escalation desk {marker}-NOTES", rate=Decimal(marks.bpo_rate), start_date=marks.bpo_start
    )
    RpoEngagement.objects.filter(pk=rpo.pk).update(
        notes=f"Hiring plan {marker}-PLAN", fee_amount=Decimal(marks.rpo_fee), start_date=marks.rpo_start
    )
    for user in User.objects.filter(client=client):
        User.objects.filter(pk=user.pk).update(full_name=f"{user.email.split('@')[0]} {marker}")
    for row in (client, bpo, rpo):
        row.refresh_from_db()


def _secrets(tokens: dict[str, IssuedToken], client: Client) -> tuple[str, ...]:
    """The API token secrets of one client's users (shown once, to their owner, never again)."""
    return tuple(issued.secret for issued in tokens.values() if issued.token.user.client_id == client.pk)


def build_isolation_world() -> IsolationWorld:
    base = build_world()
    _mark(base.client_a, base.bpo_a, base.rpo_a, MARKS_A)
    _mark(base.client_b, base.bpo_b, base.rpo_b, MARKS_B)
    b_team = factories.StaffFactory(email="beta.team@provider.test", role=StaffRole.ACCOUNT_MANAGER)
    assignment_a = AccountAssignment.objects.get(client=base.client_a, user=base.users["account_manager_a"])
    assignment_b = factories.AssignmentFactory(client=base.client_b, user=b_team)
    holders = [name for name in base.users if name != "provider_admin"]
    tokens = {name: issue_token(base.users[name], f"{name} laptop") for name in holders}
    ApiToken.objects.filter(pk=tokens["hr_admin_b"].token.pk).update(name=f"Beta laptop {MARKER_B}")
    build_operations(base)
    build_automation(base)  # after operations: its runs and suggestions are on the items made there
    build_assurance(base)  # after operations: it uses client B's agent made there
    build_advisor(base)
    build_careers(base)
    build_io(base)
    build_portal(base)
    build_offers(base)
    build_interviews(base)
    rows_a, rows_b = client_rows(base.client_a), client_rows(base.client_b)
    return IsolationWorld(
        base=base,
        tokens=tokens,
        assignment_a=assignment_a,
        assignment_b=assignment_b,
        forbidden_b=(*distinct_values(rows_b, rows_a, MARKER_B), *_secrets(tokens, base.client_b)),
        forbidden_a=(*distinct_values(rows_a, rows_b, MARKER_A), *_secrets(tokens, base.client_a)),
    )
