"""A recruiter books a panel from the proposed slots and e-mails other slots; the candidate picks one through
the signed link, without signing in."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from handoff.domain.interviews.links import make_token
from handoff.domain.interviews.models import Interview, SlotOffer
from tests.browser.conftest import PageProblems
from tests.browser.test_login_journeys import sign_in
from tests.interviews import interview_plan
from tests.personas import World

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser


def test_schedule_a_panel_then_the_candidate_picks_a_slot(
    page_and_problems: tuple[Page, PageProblems], browser_world: World, chromium: Browser, live_server: object
) -> None:
    page, problems = page_and_problems
    page.set_default_timeout(90_000)  # the first page also starts the static files; the machine may be busy
    interview_plan(browser_world)
    application = browser_world.recruiting.application_a
    sign_in(page, browser_world.users["recruiter_a"].email)
    page.locator("main[data-home]").wait_for()
    page.goto(f"/interviews/applications/{application.pk}/")
    slots = page.locator("tr[data-slot]")
    assert slots.count() >= 3
    slots.first.locator("button[data-book]").click()
    page.locator("table[data-booked] tr[data-status=booked]").first.wait_for()
    assert Interview.objects.filter(application=application).count() == 2  # Technical, then Culture

    remaining = page.locator("tr[data-slot]")
    remaining.nth(0).locator("input[name=starts]").check()
    remaining.nth(1).locator("input[name=starts]").check()
    page.locator("button[data-offer]").click()
    page.locator("li[data-offer-row]").wait_for()
    offer = SlotOffer.objects.get(application=application)
    assert problems.messages == []

    candidate = chromium.new_context(base_url=str(getattr(live_server, "url", ""))).new_page()
    candidate.goto(f"/interviews/pick/{make_token(offer.pk, offer.nonce)}/")
    candidate.locator("input[name=slot]").nth(1).check()
    candidate.locator("button[data-pick-submit]").click()
    candidate.locator("[data-picked]").wait_for()
    assert Interview.objects.filter(application=application).count() == 4
    candidate.reload()
    assert "already been chosen" in candidate.locator("[data-link-problem]").inner_text()
