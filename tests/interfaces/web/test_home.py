from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from handoff.domain.tenancy.roles import ClientRole, StaffRole
from handoff.interfaces.web.views.home import HOME_PAGES
from tests import factories
from tests.interfaces.web.conftest import LoginAs
from tests.interfaces.web.html import find, find_all
from tests.personas import MARKER_A, MARKER_B, World

HOME = reverse("web:home")

# persona -> role whose home it lands on (sourcer, team lead and QA analyst are added by `extra_staff`)
PERSONA_ROLES = {
    "provider_admin": StaffRole.ADMIN,
    "account_manager_a": StaffRole.ACCOUNT_MANAGER,
    "recruiter_a": StaffRole.RECRUITER,
    "sourcer_a": StaffRole.SOURCER,
    "bpo_agent_a": StaffRole.BPO_AGENT,
    "team_lead_a": StaffRole.TEAM_LEAD,
    "qa_analyst_a": StaffRole.QA_ANALYST,
    "hr_admin_a": ClientRole.HR_ADMIN,
    "hiring_manager_a": ClientRole.HIRING_MANAGER,
    "process_owner_a": ClientRole.PROCESS_OWNER,
}


@pytest.fixture
def extra_staff(world: World) -> World:
    for name, role in (
        ("sourcer_a", StaffRole.SOURCER),
        ("team_lead_a", StaffRole.TEAM_LEAD),
        ("qa_analyst_a", StaffRole.QA_ANALYST),
    ):
        user = factories.StaffFactory(email=f"{name}@provider.test", role=role)
        factories.AssignmentFactory(client=world.client_a, user=user)
        world.users[name] = user
    return world


def test_every_role_has_a_home_page() -> None:
    assert set(HOME_PAGES) == set(StaffRole.values) | set(ClientRole.values)


@pytest.mark.parametrize(("persona", "role"), sorted(PERSONA_ROLES.items()))
def test_each_role_lands_on_its_home(extra_staff: World, login_as: LoginAs, persona: str, role: str) -> None:
    response = login_as(persona).get(HOME)
    assert response.status_code == 200
    assert find(response.content, "main").attrs["data-home"] == role
    assert find(response.content, "h1").text == HOME_PAGES[role].title


def test_admin_home_counts_what_the_provider_runs(world: World, login_as: LoginAs) -> None:
    response = login_as("provider_admin").get(HOME)
    counts = {element.attrs["data-count"]: element.text for element in find_all(response.content, data_count=True)}
    staff = 5  # recruiter, account manager, BPO agent, admin, outsider
    assert counts == {
        "clients": "Clients 2",
        "bpo": "BPO engagements 2",
        "rpo": "RPO engagements 2",
        "centers": "Delivery centers 1",
        "staff": f"Provider staff {staff}",
    }


def test_account_manager_sees_own_clients_with_engagements_and_pricing(world: World, login_as: LoginAs) -> None:
    page = login_as("account_manager_a").get(HOME).content.decode()
    assert world.bpo_a.name in page
    assert world.rpo_a.name in page
    assert MARKER_B not in page
    assert "2400.00" in page  # commercial role: pricing shown


def test_recruiter_home_shows_recruitment_only_and_no_pricing(world: World, login_as: LoginAs) -> None:
    page = login_as("recruiter_a").get(HOME).content.decode()
    assert world.rpo_a.name in page
    assert world.bpo_a.name not in page
    assert MARKER_B not in page
    assert "6500.00" not in page


def test_bpo_agent_home_shows_processes_with_delivery_location(world: World, login_as: LoginAs) -> None:
    response = login_as("bpo_agent_a").get(HOME)
    page = response.content.decode()
    assert world.bpo_a.name in page
    assert world.rpo_a.name not in page
    assert find(response.content, "span", class_="badge badge-offshore").text == "offshore"


def test_staff_without_clients_is_told_so(world: World, login_as: LoginAs) -> None:
    response = login_as("outsider").get(HOME)
    assert find_all(response.content, data_empty=True)
    assert MARKER_A not in response.content.decode()


def test_hiring_manager_home_hides_pricing_and_shows_account_team(world: World, login_as: LoginAs) -> None:
    page = login_as("hiring_manager_a").get(HOME).content.decode()
    assert world.rpo_a.name in page
    assert world.users["recruiter_a"].full_name in page
    assert MARKER_B not in page
    for price in ("6500.00", "2400.00", "Fee per hire", "Per FTE-month"):
        assert price not in page


def test_hr_admin_sees_pricing(world: World, login_as: LoginAs) -> None:
    page = login_as("hr_admin_a").get(HOME).content.decode()
    assert "6500.00" in page
    assert MARKER_B not in page


def test_staff_home_follows_the_active_client(world: World) -> None:
    factories.AssignmentFactory(client=world.client_b, user=world.users["account_manager_a"])
    browser = Client()
    browser.force_login(world.users["account_manager_a"])
    assert MARKER_B in browser.get(HOME).content.decode()
    browser.post(reverse("web:switch_client"), {"client_id": world.client_a.pk})
    main = find(browser.get(HOME).content, "main").text  # the switcher still offers B; the page shows A only
    assert MARKER_A in main
    assert MARKER_B not in main


@pytest.mark.parametrize(
    ("persona", "expected", "absent"),
    [
        ("provider_admin", {"Home", "Clients", "Engagements", "Delivery centers", "API tokens", "Admin"}, set()),
        ("recruiter_a", {"Home", "Clients", "Engagements", "Delivery centers", "API tokens"}, {"Admin"}),
        ("hiring_manager_a", {"Home", "Engagements", "Account team", "API tokens"}, {"Clients", "Admin"}),
    ],
)
def test_navigation_depends_on_role(
    world: World, login_as: LoginAs, persona: str, expected: set[str], absent: set[str]
) -> None:
    response = login_as(persona).get(HOME)
    nav = find(response.content, "nav", aria_label="Main")
    labels = {link.text for link in find_all(response.content, "a") if link.text in expected | absent}
    assert expected <= labels
    assert not (absent & labels)
    assert nav.text  # the main navigation is rendered


def test_base_layout_is_phone_ready_and_loads_local_assets(world: World, login_as: LoginAs) -> None:
    response = login_as("recruiter_a").get(HOME)
    assert find(response.content, "meta", name="viewport").attrs["content"].startswith("width=device-width")
    styles = {link.attrs["href"] for link in find_all(response.content, "link", rel="stylesheet")}
    scripts = {script.attrs["src"] for script in find_all(response.content, "script", src=True)}
    assert {"/static/vendor/pico/pico.min.css", "/static/web/css/handoff.css"} <= styles
    assert {"/static/vendor/htmx/htmx.min.js", "/static/web/js/handoff.js"} <= scripts
    assert find(response.content, "button", class_="nav-toggle outline secondary")
    assert " style=" not in response.content.decode()  # CSP: no inline style attributes


def test_admin_home_charts_count_engagements_by_location_and_model(world: World, login_as: LoginAs) -> None:
    factories.RpoEngagementFactory(client=world.client_b, model="hybrid", provider_stages=["sourcing"])
    response = login_as("provider_admin").get(HOME)
    charts = response.context["charts"]
    # bpo_a: New York client served from Manila (offshore); bpo_b: Ho Chi Minh City client, Manila 1 h away
    assert dict(charts["bpo_locations"]["rows"]) == {"Onshore": 0, "Nearshore": 1, "Offshore": 1}
    assert dict(charts["rpo_models"]["rows"]) == {"Enterprise": 2, "On-demand": 0, "Hybrid": 1}
    assert 'id="chart-data"' in response.content.decode()
