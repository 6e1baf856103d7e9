"""An agent's item page shows the SLA deadlines in the viewer's own time zone, counting down live."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from django.utils import timezone

from handoff.domain.operations.actions.items import create_item
from tests.browser.conftest import PageProblems, _new_page
from tests.browser.test_login_journeys import sign_in
from tests.domain.operations_desk import VALID_VALUES, build_desk
from tests.personas import World

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page
    from pytest_django.live_server_helper import LiveServer

pytestmark = pytest.mark.browser


@pytest.fixture
def kolkata_page(
    chromium: Browser, live_server: LiveServer, browser_world: World
) -> Iterator[tuple[Page, PageProblems]]:
    yield from _new_page(chromium, live_server, timezone_id="Asia/Kolkata", locale="en-GB")


def test_deadlines_show_in_the_viewers_zone_and_count_down(kolkata_page: tuple[Page, PageProblems]) -> None:
    page, problems = kolkata_page
    page.set_default_timeout(30_000)
    desk = build_desk()
    item = create_item(desk.owner, desk.service.pk, {"title": "Refund for order A-1001", "custom_fields": VALID_VALUES})
    item.refresh_from_db()
    assert item.resolution_due is not None
    sign_in(page, desk.lead.email)
    page.locator("main[data-home]").wait_for()
    page.goto(f"/operations/items/{item.pk}/")

    deadline = page.locator("[data-resolution-due] time[data-sla-deadline]")
    deadline.wait_for()
    text = deadline.inner_text()
    local = item.resolution_due.astimezone(dt.timezone(dt.timedelta(hours=5, minutes=30)))
    assert local.strftime("%H:%M") in text  # the wall-clock time in Kolkata, not the UTC one
    assert "UTC" not in text
    expected = "overdue by" if item.resolution_due < timezone.now() else "in "
    assert f"({expected}" in text
    assert deadline.get_attribute("datetime") == item.resolution_due.isoformat()
    assert problems.messages == []
