"""Query counts as data: key pages and endpoints have a recorded number of queries.

Each is measured twice, on the personas' world and again after many more clients,
engagements and account-team members were added: the count must not grow with the
rows (no N+1), and must stay within the budget recorded in query_budgets.json.
Lower a budget when a change makes a page cheaper; raising one is a reviewed decision.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from handoff.domain.accounts.tokens import issue_token
from handoff.domain.tenancy.roles import StaffRole
from tests import factories
from tests.advisor.scenarios import grow_leads
from tests.personas import World
from tests.recruiting import grow_recruiting
from tests.rls_queries import rls_request_queries

BUDGETS: dict[str, int] = json.loads((Path(__file__).with_name("query_budgets.json")).read_text())

# name -> (persona, path template, via API token?)
PROBES: dict[str, tuple[str, str, bool]] = {
    "web home, provider admin": ("provider_admin", "/", False),
    "web home, account manager": ("account_manager_a", "/", False),
    "web home, HR admin": ("hr_admin_a", "/", False),
    "web engagement list, provider admin": ("provider_admin", "/engagements/", False),
    "web client list, provider admin": ("provider_admin", "/clients/", False),
    "web client detail, account manager": ("account_manager_a", "/clients/{client_a}/", False),
    "api BPO list, provider admin": ("provider_admin", "/api/v1/engagements/bpo", True),
    "api RPO list, HR admin": ("hr_admin_a", "/api/v1/engagements/rpo", True),
    "api client list, provider admin": ("provider_admin", "/api/v1/clients", True),
    "web requisition board, recruiter": ("recruiter_a", "/recruiting/requisitions/{requisition_a}/board/", False),
    "web requisition list, HR admin": ("hr_admin_a", "/recruiting/requisitions/", False),
    "web application list, recruiter": (
        "recruiter_a",
        "/recruiting/requisitions/{requisition_a}/applications/",
        False,
    ),
    "api applications, HR admin": ("hr_admin_a", "/api/v1/applications", True),
    "web lead list, account manager": ("account_manager_a", "/advisor/leads/", False),
    "web advisor questionnaire, account manager": ("account_manager_a", "/advisor/", False),
}


def grow(world: World) -> None:
    """Many more rows of every kind the pages list."""
    for index in range(8):
        client = factories.ClientFactory(name=f"Growth client {index}")
        center = factories.DeliveryCenterFactory(
            name=f"Growth center {index}", country="IN", city="Pune", time_zone="Asia/Kolkata", holiday_country="IN"
        )
        for target in (client, world.client_a):
            factories.BpoEngagementFactory(client=target, delivery_center=center)
            factories.RpoEngagementFactory(client=target)
        staff = factories.StaffFactory(email=f"growth{index}@provider.test", role=StaffRole.RECRUITER)
        factories.AssignmentFactory(client=world.client_a, user=staff)
        factories.AssignmentFactory(client=client, user=world.users["account_manager_a"])
    grow_recruiting(world)
    grow_leads()


def count_queries(world: World, persona: str, path: str, via_api: bool) -> int:
    browser = Client()
    headers: dict[str, str] = {}
    if via_api:
        headers["Authorization"] = f"Bearer {issue_token(world.users[persona], 'probe').secret}"
    else:
        browser.force_login(world.users[persona])
    url = path.format(client_a=world.client_a.pk, requisition_a=world.recruiting.requisition_a.pk)
    browser.get(url, headers=headers)  # warm-up: session, content types, caches
    with CaptureQueriesContext(connection) as captured:
        response = browser.get(url, headers=headers)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured.captured_queries)


def test_every_probe_has_a_budget() -> None:
    assert set(PROBES) == set(BUDGETS)


@pytest.mark.parametrize("name", sorted(PROBES))
def test_query_count_is_flat_and_within_budget(world: World, name: str) -> None:
    persona, path, via_api = PROBES[name]
    small = count_queries(world, persona, path, via_api)
    grow(world)
    large = count_queries(world, persona, path, via_api)
    assert large == small, f"{name}: {small} queries with few rows, {large} with many (N+1)"
    budget = BUDGETS[name] + rls_request_queries(via_token=via_api)  # the budgets are SQLite's counts
    assert large <= budget, f"{name}: {large} queries, budget {budget}"
