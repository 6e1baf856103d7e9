"""Browser fixtures: Debian's chromium driven by Playwright (sync API) against pytest-django's live server.

The live server serves static files (django.contrib.staticfiles is installed), so pages load
Pico, htmx and our own assets exactly as in production, under the real CSP.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test import testcases

from tests import factories
from tests.personas import World, build_world

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

    from playwright.sync_api import Browser, ConsoleMessage, Page
    from pytest_django.live_server_helper import LiveServer

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE_VIEWPORT = {"width": 390, "height": 844}


class OneRequestAtATimeServer(ThreadedWSGIServer):
    """The live server, answering one request at a time when its threads share the test's connection.

    With an in-memory SQLite test database every request thread uses the one connection of the test
    (``connections_override``). A page that fires two htmx requests at once (the workforce page loads
    its roster while the what-if form posts) then interleaves two transactions on that connection, and
    one of them fails. Production SQLite is a file with a connection per thread, and PostgreSQL needs
    no lock, so the lock is taken only when connections are shared. Responses are built inside the
    lock; static files stream after it, touching no database.
    """

    lock = threading.Lock()

    def set_app(self, application: WSGIApplication | None) -> None:
        if self.connections_override and application is not None:
            application = self._one_at_a_time(application)
        super().set_app(application)

    @classmethod
    def _one_at_a_time(cls, application: WSGIApplication) -> WSGIApplication:
        def serve(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
            with cls.lock:
                return application(environ, start_response)

        return serve


@pytest.fixture(scope="session", autouse=True)
def _live_server_one_request_at_a_time() -> Iterator[None]:
    """Installed before pytest-django's session live server is made (autouse fixtures come first)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(testcases.LiveServerThread, "server_class", OneRequestAtATimeServer)
        yield


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """One chromium per test module; skipped (with the reason) where Debian's chromium is missing."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (bash scripts/bootstrap.sh --browser)")
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch:
        # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
        # tests themselves (fixtures, assertions) would otherwise be refused as "async unsafe".
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield browser
            browser.close()


@pytest.fixture
def browser_world(transactional_db: None) -> World:
    """The personas, committed for real (the live server runs in another thread), plus the rarer staff roles."""
    world = build_world()
    for name, role in (("sourcer_a", "sourcer"), ("team_lead_a", "team_lead"), ("qa_analyst_a", "qa_analyst")):
        user = factories.StaffFactory(email=f"{name}@provider.test", role=role)
        factories.AssignmentFactory(client=world.client_a, user=user)
        world.users[name] = user
    return world


class PageProblems:
    """Console errors and failed requests seen by a page (a CSP violation is a console error)."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.messages.append(f"{message.text} ({message.location.get('url', '')})")


class InFlight:
    """The page's requests that have started and not yet ended."""

    def __init__(self) -> None:
        self.count = 0

    def started(self, _request: object) -> None:
        self.count += 1

    def ended(self, _request: object) -> None:
        self.count -= 1

    def wait(self, page: Page, seconds: float = 10.0) -> None:
        deadline = time.monotonic() + seconds
        while self.count > 0 and time.monotonic() < deadline and not page.is_closed():
            page.wait_for_timeout(50)  # lets Playwright deliver the pending request events


def _new_page(chromium: Browser, live_server: LiveServer, **options: object) -> Iterator[tuple[Page, PageProblems]]:
    context = chromium.new_context(base_url=live_server.url, **options)  # type: ignore[arg-type]
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems = PageProblems()
    page.on("console", problems.on_console)
    page.on("pageerror", lambda error: problems.messages.append(str(error)))
    in_flight = InFlight()
    page.on("request", in_flight.started)
    page.on("requestfinished", in_flight.ended)
    page.on("requestfailed", in_flight.ended)
    yield page, problems
    # A request still being served (an htmx swap the test did not wait for) would hold the live
    # server's database while the test's teardown empties the tables ("database table is locked").
    in_flight.wait(page)
    context.close()


@pytest.fixture
def page_and_problems(
    chromium: Browser, live_server: LiveServer, browser_world: World
) -> Iterator[tuple[Page, PageProblems]]:
    yield from _new_page(chromium, live_server)


@pytest.fixture
def page(page_and_problems: tuple[Page, PageProblems]) -> Page:
    return page_and_problems[0]


@pytest.fixture
def phone_page(chromium: Browser, live_server: LiveServer, browser_world: World) -> Iterator[Page]:
    for page, _problems in _new_page(chromium, live_server, viewport=PHONE_VIEWPORT, is_mobile=True, has_touch=True):
        yield page
