"""Two interviewers of one booked interview submit their scorecards through the form, each blind to the
other's until their own is in; the summary then shows both cards and flags the disagreement."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from handoff.domain.interviews.models import Interview, Recommendation, Scorecard
from tests.browser.conftest import PageProblems
from tests.browser.test_login_journeys import sign_in
from tests.personas import World
from tests.scorecards import panel_of_two

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

MANAGER_EVIDENCE = "Refactored the legacy parser cleanly and explained every trade-off."
RECRUITER_EVIDENCE = "Could not write a loop without help; froze on the basics."


def _fill_card(page: Page, interview: Interview, score: str, evidence: str, recommendation: str) -> None:
    page.goto(f"/interviews/{interview.pk}/scorecard/")
    form = page.locator("form[data-scorecard-form]")
    form.wait_for()
    for key in ("skill:Python", "potential"):
        form.locator(f'select[name="score__{key}"]').select_option(score)
        form.locator(f'textarea[name="evidence__{key}"]').fill(f"{evidence} ({key})")
    form.locator('select[name="recommendation"]').select_option(recommendation)
    form.locator('textarea[name="notes"]').fill(evidence)
    form.locator("button[data-submit-card]").click()
    page.locator("table[data-summary]").wait_for()


def test_two_interviewers_submit_blind_then_the_summary_flags_their_disagreement(
    page_and_problems: tuple[Page, PageProblems], browser_world: World, chromium: Browser, live_server: object
) -> None:
    page, problems = page_and_problems
    page.set_default_timeout(90_000)  # the first page also starts the static files; the machine may be busy
    interview = panel_of_two(browser_world)
    manager, recruiter = browser_world.users["hiring_manager_a"], browser_world.users["recruiter_a"]

    sign_in(page, manager.email)
    page.locator("main[data-home]").wait_for()
    page.goto(f"/interviews/{interview.pk}/summary/")
    page.locator("[data-blind]").wait_for()  # nobody's card is shown before one's own is in
    assert page.locator("article[data-card]").count() == 0
    _fill_card(page, interview, "4", MANAGER_EVIDENCE, str(Recommendation.STRONG_YES.value))
    assert page.locator("article[data-card]").count() == 1  # only the manager's own so far
    assert page.locator("[data-flagged]").count() == 0
    card = Scorecard.objects.get(interview=interview, interviewer=manager)
    assert card.submitted
    assert card.recommendation == Recommendation.STRONG_YES

    second = chromium.new_context(base_url=str(getattr(live_server, "url", ""))).new_page()
    second.set_default_timeout(90_000)
    sign_in(second, recruiter.email)
    second.locator("main[data-home]").wait_for()
    second.goto(f"/interviews/{interview.pk}/scorecard/")
    second.locator("form[data-scorecard-form]").wait_for()
    assert MANAGER_EVIDENCE not in second.content()  # the manager's card stays hidden from the recruiter
    second.goto(f"/interviews/{interview.pk}/summary/")
    second.locator("[data-blind]").wait_for()
    assert MANAGER_EVIDENCE not in second.content()
    _fill_card(second, interview, "1", RECRUITER_EVIDENCE, str(Recommendation.STRONG_NO.value))

    second.locator("[data-flagged]").wait_for()
    assert "some recommend hiring and some do not" in second.locator("[data-flagged]").inner_text()
    assert second.locator("article[data-card]").count() == 2
    body = second.locator("main").inner_text()
    assert MANAGER_EVIDENCE in body
    assert RECRUITER_EVIDENCE in body
    assert "strong yes" in body
    assert "strong no" in body
    assert second.locator("table[data-summary] tr[data-disagreement]").count() == 2  # Python 4 vs 1, potential too

    page.reload()  # the manager now sees both, and the same flag
    page.locator("[data-flagged]").wait_for()
    assert page.locator("article[data-card]").count() == 2
    assert Scorecard.objects.filter(interview=interview, submitted_at__isnull=False).count() == 2
    assert problems.messages == []
    second.context.close()
