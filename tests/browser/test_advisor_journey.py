"""The advisor's journey in a real browser: a prospect answers, reads the advice, re-runs with other
assumptions (htmx), downloads the PDF and asks for a proposal; an account manager converts the lead."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from handoff.domain.advisor.models import Lead
from handoff.domain.engagements.models import RpoEngagement
from tests.advisor import scenarios
from tests.browser.conftest import PageProblems
from tests.browser.test_login_journeys import sign_in, sign_out
from tests.personas import World

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def answer_as_a_growing_startup(page: Page) -> None:
    page.goto("/login/")
    page.get_by_role("link", name="Ask the advisor whether BPO or RPO fits your business").click()
    page.locator("form[data-form=advisor]").wait_for()
    page.get_by_label("Business processes (BPO)").uncheck()
    page.get_by_label("Country").select_option("US")
    page.get_by_label("Time zone of your main office").select_option("America/New_York")
    page.get_by_label("Industry").select_option("technology")
    page.get_by_label("Employees").fill("40")
    page.get_by_label("Hires per year").fill("60")
    page.get_by_label("Share of hires for roles that are hard to fill (%)").fill("60")
    page.get_by_role("button", name="Get advice").click()


def test_a_prospect_gets_advice_and_an_account_manager_converts_the_lead(
    page_and_problems: tuple[Page, PageProblems], browser_world: World, tmp_path: Path
) -> None:
    page, problems = page_and_problems
    scenarios.rate_card(browser_world.users["provider_admin"])
    answer_as_a_growing_startup(page)

    page.locator("section[data-verdict=rpo]").wait_for()
    assert "On-demand RPO" in page.locator("article[data-topic=rpo]").inner_text()
    assert page.locator("tr[data-point]").count() == 6
    first_url = page.url

    page.get_by_text("Show and edit the assumptions").click()
    page.locator('input[name="rpo_fee_per_hire__low"]').fill("1000")
    page.evaluate("document.body.dataset.marker = 'same-page'")
    page.get_by_role("button", name="Re-run with these assumptions").click()
    page.wait_for_url(lambda url: url != first_url)  # htmx pushed the new report's address
    assert page.evaluate("document.body.dataset.marker") == "same-page"  # swapped in place, no reload
    assert "with your own changes" in page.locator("#advice").inner_text()

    with page.expect_download() as download_info:
        page.locator("a[data-pdf]").click()
    download = download_info.value
    assert download.suggested_filename.startswith("handoff-advice-")
    assert download.suggested_filename.endswith(".pdf")
    saved = tmp_path / "advice.pdf"
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF-")

    page.get_by_label("Your name").fill("Sam Okafor")
    page.get_by_label("Company").fill("Fabrikam Robotics")
    page.get_by_label("Work e-mail").fill("sam@fabrikam.example")
    page.get_by_label("I agree that the provider contacts me about a proposal.").check()
    page.get_by_role("button", name="Ask for a proposal").click()
    page.get_by_text("Thank you: an account manager will contact you").wait_for()
    lead = Lead.objects.get()
    assert lead.company == "Fabrikam Robotics"

    sign_in(page, browser_world.users["account_manager_a"].email)
    page.locator("main[data-home]").wait_for()
    page.get_by_role("link", name="Leads").first.click()
    page.get_by_role("link", name="Fabrikam Robotics").click()
    page.get_by_label("Legal name").fill("Fabrikam Robotics Inc.")
    page.get_by_role("button", name="Convert to a client").click()
    page.get_by_text("is now a client").wait_for()
    assert "/clients/" in page.url
    rpo = RpoEngagement.objects.get(client__name="Fabrikam Robotics")
    assert (rpo.model, rpo.status, rpo.target_headcount) == ("on_demand", "draft", 60)
    sign_out(page)
    assert problems.messages == []  # no CSP violation, no script error


def test_a_bad_answer_is_shown_on_its_question_on_a_phone(phone_page: Page, browser_world: World) -> None:
    page = phone_page
    answer_as_a_growing_startup(page)
    page.locator("section[data-verdict]").wait_for()
    page.goto("/advisor/")
    page.get_by_label("Country").select_option("US")
    page.get_by_label("Employees").fill("0")
    page.get_by_label("Hires per year").fill("60")
    page.get_by_role("button", name="Get advice").click()
    error = page.locator("div[data-field=employees] .errorlist")
    error.wait_for()
    assert "Must be at least 1" in error.inner_text()
    assert page.get_by_label("Hires per year").input_value() == "60"  # the other answers are kept
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # usable on a phone: nothing wider than the screen
