"""The hiring manager reviews a submittal in the client portal and decides; a recruiter's bulk "reject with
reason and e-mail" sends the client's rejection template to the candidate."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from django.core import mail

from handoff.domain.recruiting.models import Application
from handoff.domain.recruiting.submittals.models import Submittal, SubmittalStatus
from tests.browser.conftest import PageProblems
from tests.browser.test_login_journeys import sign_in
from tests.personas import World
from tests.submittals import WRITE_UP, submitted

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _immediate_tasks(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def test_the_hiring_manager_reviews_and_rejects_a_submittal_in_the_portal(
    page_and_problems: tuple[Page, PageProblems], browser_world: World
) -> None:
    page, problems = page_and_problems
    page.set_default_timeout(30_000)
    submittal = submitted(browser_world)
    sign_in(page, browser_world.users["hiring_manager_a"].email)
    page.locator("main[data-home]").wait_for()
    page.goto("/portal/")
    row = page.locator(f'tr[data-submittal="{submittal.pk}"]')
    row.get_by_role("link").click()
    page.locator("[data-decision-form]").wait_for()
    assert WRITE_UP in page.locator(".write-up").inner_text()
    page.get_by_role("radio", name="Reject").check()
    page.get_by_label("Reason (needed to reject)").fill("Looking for more Django depth")
    page.get_by_label("Feedback").fill("Good communicator")
    page.get_by_role("button", name="Record decision").click()
    page.locator('li[data-decision="rejected"]').wait_for()
    assert Submittal.objects.get(pk=submittal.pk).status == SubmittalStatus.REJECTED
    assert Application.objects.get(pk=submittal.application_id).stage.key == "rejected"
    assert mail.outbox[-1].to == [browser_world.users["recruiter_a"].email]
    assert problems.messages == []


def test_bulk_reject_with_email_sends_the_template(
    page_and_problems: tuple[Page, PageProblems], browser_world: World
) -> None:
    page, problems = page_and_problems
    page.set_default_timeout(30_000)
    application = browser_world.recruiting.application_a
    sign_in(page, browser_world.users["recruiter_a"].email)
    page.locator("main[data-home]").wait_for()
    page.goto(f"/recruiting/requisitions/{application.requisition_id}/applications/")
    page.locator(f'input[name="applications"][value="{application.pk}"]').check()
    page.get_by_label("Bulk action").select_option("reject_email")
    page.get_by_label("Stage, reason or tag").fill("The role was filled")
    page.get_by_role("button", name="Apply to selected").click()
    page.locator(".flashes").wait_for()
    assert Application.objects.get(pk=application.pk).stage.key == "rejected"
    [message] = mail.outbox
    assert message.to == ["ana.lima@mail.test"]
    assert "Dear Ana" in message.body
    assert problems.messages == []
