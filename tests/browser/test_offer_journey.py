"""An offer is approved in the chain and sent; the candidate accepts by the signed link and completes an
onboarding task (a document upload); client HR ticks a task of theirs and sees the progress."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from handoff.domain.offers import actions, links
from handoff.domain.offers.models import Offer, OfferStatus, TaskSide
from handoff.domain.recruiting.models import StageOutcome
from tests.browser.conftest import PageProblems
from tests.browser.test_login_journeys import sign_in, sign_out
from tests.offers import make_offer
from tests.personas import World

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }


def test_offer_approved_accepted_and_onboarding_task_done(
    page_and_problems: tuple[Page, PageProblems], browser_world: World, tmp_path: Path
) -> None:
    page, problems = page_and_problems
    page.set_default_timeout(30_000)
    world = browser_world
    offer = make_offer(world)

    sign_in(page, world.users["hiring_manager_a"].email)
    page.goto(f"/offers/{offer.pk}/")
    page.get_by_label("Decision").select_option("approve")
    page.get_by_role("button", name="Record").click()
    page.get_by_text("Decision recorded.").wait_for()
    assert "Client HR" in page.locator("[data-next-step]").inner_text()
    sign_out(page)
    offer = actions.approve(world.users["hr_admin_a"], offer)
    actions.approve(world.users["account_manager_a"], offer)

    sign_in(page, world.users["recruiter_a"].email)
    page.goto(f"/offers/{offer.pk}/")
    page.locator("[data-send]").click()
    page.get_by_text("Offer sent to the candidate").wait_for()
    sign_out(page)
    offer = Offer.objects.get(pk=offer.pk)
    assert offer.status == OfferStatus.EXTENDED
    token = links.make_token(offer.pk, offer.link_nonce, links.OFFER_SALT)

    page.goto(f"/offer/{token}/")
    page.locator("[data-accept]").click()
    page.get_by_role("heading", name="Welcome aboard!").wait_for()
    page.get_by_role("link", name="your onboarding checklist").click()
    contract = tmp_path / "signed-contract.pdf"
    contract.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    row = page.locator("[data-tasks] tr", has_text="Signed contract")
    row.locator("input[type=file]").set_input_files(str(contract))
    row.get_by_role("button", name="Upload").click()
    page.get_by_text("Thank you: the task is done.").wait_for()
    assert "Done" in page.locator("[data-tasks] tr", has_text="Signed contract").inner_text()

    offer = Offer.objects.get(pk=offer.pk)
    assert offer.status == OfferStatus.ACCEPTED
    world.recruiting.application_a.refresh_from_db()
    assert world.recruiting.application_a.stage.outcome == StageOutcome.HIRED
    onboarding = offer.onboarding
    sign_in(page, world.users["hr_admin_a"].email)
    page.goto(f"/onboarding/{onboarding.pk}/")
    client_task = onboarding.tasks.filter(side=TaskSide.CLIENT).order_by("due_on", "position").first()
    assert client_task is not None
    page.locator(f"[data-task='{client_task.pk}']").get_by_role("button", name="Mark done").click()
    page.locator("[data-progress]").filter(has_text="2 of 6 tasks done").wait_for()
    assert problems.messages == []
