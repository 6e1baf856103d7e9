"""A candidate finds a job on a client's career site, applies with a resume, and sees the thank-you page."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from handoff.domain.recruiting.careers.models import CareerApplication
from handoff.domain.recruiting.models import Application
from tests.browser.conftest import PageProblems
from tests.careers import KNOCKOUTS, make_site, pdf_bytes, publish
from tests.personas import World
from tests.recruiting import open_requisition

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }


def test_a_candidate_applies_from_the_career_site(
    page_and_problems: tuple[Page, PageProblems], browser_world: World, tmp_path: Path
) -> None:
    page, problems = page_and_problems
    page.set_default_timeout(30_000)  # the first page of a module also starts the live server's static files
    world = browser_world
    make_site(world.users["hr_admin_a"], world.client_a, "acme")
    analyst = open_requisition(world.users["recruiter_a"], world.users["hr_admin_a"], world.rpo_a, title="Data analyst")
    publish(world.users["recruiter_a"], analyst, knockout_questions=KNOCKOUTS[:1])
    other = open_requisition(
        world.users["recruiter_a"], world.users["hr_admin_a"], world.rpo_a, title="Forklift driver"
    )
    publish(world.users["recruiter_a"], other)
    resume = tmp_path / "rui-costa.pdf"
    resume.write_bytes(pdf_bytes())

    page.goto("/careers/acme/")
    page.get_by_label("Search").fill("analyst")
    page.get_by_role("button", name="Search").click()
    jobs = page.locator("[data-jobs] article")
    jobs.first.wait_for()
    assert jobs.count() == 1
    jobs.get_by_role("link", name="Data analyst").click()
    page.get_by_role("heading", name="Data analyst").wait_for()
    page.get_by_role("button", name="Apply").click()

    page.get_by_label("Full name").fill("Rui Costa")
    page.get_by_label("E-mail").fill("rui.costa@mail.test")
    page.get_by_label("Resume").set_input_files(str(resume))
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Send my application").click()
    page.locator("[data-form-error]").wait_for()  # consent forgotten: a message, the typed values kept
    assert page.get_by_label("Full name").input_value() == "Rui Costa"
    page.get_by_label("Resume").set_input_files(str(resume))
    page.locator("input[name=consent]").check()
    page.get_by_role("button", name="Send my application").click()

    page.locator("[data-thanks]").wait_for()
    application = Application.objects.get(requisition=analyst)
    assert application.stage.key == "applied"
    assert application.candidate.email == "rui.costa@mail.test"
    assert CareerApplication.objects.get(application=application).resume_kind == "pdf"
    refused_form = [message for message in problems.messages if "status of 400" in message and "/apply/" in message]
    assert problems.messages == refused_form  # the refused form answered 400; nothing else went wrong
    assert len(refused_form) == 1
