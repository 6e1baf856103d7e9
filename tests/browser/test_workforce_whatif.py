"""A team lead changes the AHT in the what-if form: the requirements change in place, no reload; then saves it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from handoff.domain.workforce.models import StaffingScenario
from tests.browser.conftest import PageProblems
from tests.browser.test_login_journeys import sign_in
from tests.personas import World
from tests.workforce import build_workforce

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def test_changing_the_aht_updates_the_requirements_live(
    page_and_problems: tuple[Page, PageProblems], browser_world: World
) -> None:
    page, problems = page_and_problems
    page.set_default_timeout(30_000)  # the first page also starts the live server's static files
    wf = build_workforce(browser_world)
    sign_in(page, browser_world.users["team_lead_a"].email)
    page.locator("main[data-home]").wait_for()
    page.get_by_role("link", name="Workforce").click()
    page.get_by_role("link", name=wf.queue_a.name).click()
    page.locator("figure[data-forecast-chart].drawn").wait_for()
    canvas_width = page.locator("figure[data-forecast-chart] canvas").evaluate("c => c.width")
    assert canvas_width > 0
    page.evaluate("window.__sameDocument = true")  # gone if the page reloads
    peak = page.locator("[data-peak-agents]")
    before = int(peak.inner_text())

    page.get_by_label("AHT (seconds)").fill("900")
    expect(peak).not_to_have_text(str(before))  # swapped in by htmx

    assert int(peak.inner_text()) > before
    assert page.evaluate("window.__sameDocument") is True
    page.locator("[data-roster-summary], [data-roster-message]").first.wait_for()
    assert problems.messages == []  # no console error, no CSP violation

    page.get_by_label("AHT (seconds)").fill("0")
    page.locator("[data-whatif-errors]").wait_for()
    assert "AHT must be more than 0 seconds" in page.locator("[data-whatif-errors]").inner_text()
    assert page.evaluate("window.__sameDocument") is True
    # the refused input answers 400 on purpose (the browser logs that status), and nothing else went wrong
    assert all("status of 400" in message and "aht=0" in message for message in problems.messages)

    # saving a scenario sends the inputs as they are now, not as the page was first drawn
    page.get_by_label("AHT (seconds)").fill("450")
    page.locator("[data-peak-agents]").wait_for()
    page.get_by_label("Save the inputs above as").fill("Evening peak")
    page.get_by_role("button", name="Save scenario").click()
    page.get_by_text("Saved the scenario “Evening peak”.").wait_for()
    assert page.get_by_label("AHT (seconds)").input_value() == "450"
    assert StaffingScenario.objects.get(name="Evening peak").aht_seconds == 450
