"""A recruiter drags a candidate across the kanban board and submits them to the client; the moves are stored
(and a refused move goes back)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from handoff.domain.recruiting.models import Application, StageTransition
from handoff.domain.recruiting.submittals.models import Submittal
from tests.browser.conftest import PageProblems
from tests.browser.test_login_journeys import sign_in
from tests.personas import World

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

pytestmark = pytest.mark.browser


def drag(page: Page, card: Locator, column: Locator) -> None:
    """A real pointer drag: press on the card, move in steps over the column, release.

    Each step waits for SortableJS to have seen it (its drag clone exists; the card's placeholder is in the
    column), so a busy machine cannot release the pointer before the drag has reached the column.
    """
    column.scroll_into_view_if_needed()
    card.scroll_into_view_if_needed()
    start = card.bounding_box()
    assert start is not None
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(start["x"] + start["width"] / 2 + 5, start["y"] + start["height"] / 2 + 5, steps=3)
    page.locator(".sortable-fallback").wait_for(state="attached")
    placeholder = column.locator(".sortable-ghost")
    for nudge in range(40):  # hover over the column, as a hand would, until the placeholder is in it
        end = column.bounding_box()
        assert end is not None
        page.mouse.move(end["x"] + end["width"] / 2, end["y"] + 20 + nudge % 3, steps=5)
        if placeholder.count():
            break
        page.wait_for_timeout(100)
    placeholder.wait_for(state="attached")
    page.mouse.up()


def open_board(page: Page, world: World, persona: str) -> None:
    page.set_default_timeout(30_000)  # the first page of a module also starts the live server's static files
    sign_in(page, world.users[persona].email)
    page.locator("main[data-home]").wait_for()
    page.goto(f"/recruiting/requisitions/{world.recruiting.requisition_a.pk}/board/")
    page.locator(".board[data-ready=true]").wait_for()


def test_a_recruiter_drags_a_candidate_to_the_next_stage_and_submits_them(
    page_and_problems: tuple[Page, PageProblems], browser_world: World
) -> None:
    page, problems = page_and_problems
    application = browser_world.recruiting.application_a
    open_board(page, browser_world, "recruiter_a")
    card = page.locator(f'li[data-application-id="{application.pk}"]')
    target = page.locator('ul.board-cards[data-stage-key="screened"]')

    drag(page, card, target)

    page.locator('#board-status [data-move-result="ok"]').wait_for()
    assert "moved to Screened" in page.locator("#board-status").inner_text()
    assert target.locator(f'li[data-application-id="{application.pk}"]').count() == 1
    assert Application.objects.get(pk=application.pk).stage.key == "screened"
    move = StageTransition.objects.filter(application=application).last()
    assert move is not None
    assert move.to_stage.key == "screened"
    assert move.actor == browser_world.users["recruiter_a"]
    page.reload()
    page.locator(".board[data-ready=true]").wait_for()
    assert target.locator(f'li[data-application-id="{application.pk}"]').count() == 1

    # from the card to the application, then submitted to the client with a write-up
    target.locator(f'li[data-application-id="{application.pk}"] a').click()
    page.locator("[data-submit-link]").click()
    page.get_by_label("Write-up for the client").fill("Eight years of data work; available in a month.")
    page.get_by_role("button", name="Submit to the client").click()
    page.locator(".flash-success").wait_for()
    assert "submitted to" in page.locator(".flash-success").inner_text()
    submittal = Submittal.objects.get(application=application)
    assert submittal.write_up == "Eight years of data work; available in a month."
    assert submittal.submitted_by == browser_world.users["recruiter_a"]
    assert Application.objects.get(pk=application.pk).stage.key == "client_review"
    assert problems.messages == []


def test_a_refused_move_puts_the_card_back(page_and_problems: tuple[Page, PageProblems], browser_world: World) -> None:
    page, _problems = page_and_problems
    application = browser_world.recruiting.application_a
    open_board(page, browser_world, "hiring_manager_a")  # the provider runs sourcing in this engagement
    card = page.locator(f'li[data-application-id="{application.pk}"]')
    source = page.locator('ul.board-cards[data-stage-key="sourced"]')

    drag(page, card, page.locator('ul.board-cards[data-stage-key="applied"]'))

    page.locator('#board-status [data-move-result="failed"]').wait_for()
    source.locator(f'li[data-application-id="{application.pk}"]').wait_for()
    assert Application.objects.get(pk=application.pk).stage.key == "sourced"
