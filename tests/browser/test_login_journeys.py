"""First browser journeys: every role signs in, lands on its own home page, and signs out."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from tests.browser.conftest import PageProblems
from tests.factories import PASSWORD
from tests.personas import World

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

# persona -> the data-home value of the page it lands on
LANDINGS = {
    "provider_admin": "admin",
    "account_manager_a": "account_manager",
    "recruiter_a": "recruiter",
    "sourcer_a": "sourcer",
    "bpo_agent_a": "bpo_agent",
    "team_lead_a": "team_lead",
    "qa_analyst_a": "qa_analyst",
    "hr_admin_a": "hr_admin",
    "hiring_manager_a": "hiring_manager",
    "process_owner_a": "process_owner",
}


def sign_in(page: Page, email: str, password: str = PASSWORD) -> None:
    page.goto("/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def sign_out(page: Page) -> None:
    page.locator("details.user-menu > summary").click()
    page.get_by_role("button", name="Sign out").click()


@pytest.mark.parametrize("persona", sorted(LANDINGS))
def test_each_role_signs_in_to_its_home_and_signs_out(
    page_and_problems: tuple[Page, PageProblems], browser_world: World, persona: str
) -> None:
    page, problems = page_and_problems
    sign_in(page, browser_world.users[persona].email)

    main = page.locator("main[data-home]")
    main.wait_for()
    assert main.get_attribute("data-home") == LANDINGS[persona]
    assert page.locator("h1").first.is_visible()
    assert page.evaluate("typeof window.htmx") == "object"  # htmx loaded from our own static files
    assert page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--pico-primary')").strip()

    sign_out(page)
    page.wait_for_url(re.compile(r"/login/$"))
    assert page.get_by_text("You have signed out.").is_visible()
    page.goto("/")
    assert "/login/" in page.url  # the session is gone
    assert problems.messages == []  # no CSP violation, no script error


def test_bad_password_shows_the_generic_message(page: Page, browser_world: World) -> None:
    sign_in(page, "recruiter_a@provider.test", "not the password")
    assert page.get_by_text("Invalid email or password.").is_visible()
    assert page.locator("main[data-home]").count() == 0


def test_sign_in_returns_to_the_page_asked_for(page: Page, browser_world: World) -> None:
    page.goto("/engagements/")
    page.wait_for_url(re.compile(r"/login/\?next="))
    page.get_by_label("Email").fill("hr_admin.a@example.test")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/engagements/$"))
    assert page.locator("h1").inner_text() == "Engagements"


def test_phone_sized_screen_folds_the_navigation_into_a_menu(phone_page: Page, browser_world: World) -> None:
    sign_in(phone_page, "account_manager_a@provider.test")
    phone_page.locator("main[data-home]").wait_for()
    toggle = phone_page.get_by_role("button", name="Menu")
    engagements = phone_page.get_by_role("link", name="Engagements", exact=True)
    assert toggle.is_visible()
    assert not engagements.is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    engagements.click()
    phone_page.wait_for_url(re.compile(r"/engagements/$"))
    assert phone_page.locator("h1").inner_text() == "Engagements"


def test_staff_switch_client_from_the_header(page: Page, browser_world: World) -> None:
    sign_in(page, "admin@provider.test")
    page.locator("main[data-home]").wait_for()
    page.goto("/engagements/")
    page.get_by_label("Active client").select_option(label=browser_world.client_b.name)
    page.wait_for_load_state()
    page.get_by_text(f"For {browser_world.client_b.name}.").wait_for()
    assert browser_world.bpo_a.name not in page.locator("main").inner_text()


def test_admin_changes_the_account_team_in_place_with_htmx(
    page_and_problems: tuple[Page, PageProblems], browser_world: World
) -> None:
    page, problems = page_and_problems
    sign_in(page, "admin@provider.test")
    page.locator("main[data-home]").wait_for()
    page.goto(f"/clients/{browser_world.client_b.pk}/")
    page.evaluate("document.body.dataset.marker = 'same-page'")  # survives only if there is no full reload
    outsider = browser_world.users["outsider"]
    page.get_by_label("Staff member").select_option(value=str(outsider.pk))
    page.get_by_role("button", name="Add to the team").click()
    page.locator(f'#account-team li[data-member="{outsider.pk}"]').wait_for()
    assert page.evaluate("document.body.dataset.marker") == "same-page"
    page.locator(f'#account-team li[data-member="{outsider.pk}"] button').click()
    page.get_by_text("Removed from the account team.").wait_for()
    assert page.locator(f'#account-team li[data-member="{outsider.pk}"]').count() == 0
    assert problems.messages == []


def test_admin_home_draws_its_charts_with_the_bundled_chart_library(
    page_and_problems: tuple[Page, PageProblems], browser_world: World
) -> None:
    page, problems = page_and_problems
    sign_in(page, browser_world.users["provider_admin"].email)
    page.locator("figure.drawn[data-chart='bpo_locations'] canvas").wait_for()
    assert page.evaluate("typeof window.Chart") == "function"
    assert page.locator("figure.drawn").count() == 2
    assert problems.messages == []
