"""Offer pages: create with a below-range warning, approve in order, send, the candidate's signed-link pages."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from handoff.domain.offers import actions
from handoff.domain.offers.actions import onboarding
from handoff.domain.offers.models import Offer, OfferStatus, Onboarding, TaskSide
from handoff.domain.recruiting.models import StageOutcome
from tests.interfaces.web.conftest import LoginAs
from tests.offers import make_offer, sent_offer
from tests.personas import World

pytestmark = pytest.mark.django_db


def _form(**overrides: str) -> dict[str, str]:
    from tests.offers import terms

    data = {key: str(value) for key, value in terms().items()}
    return {**data, **overrides}


def test_create_warns_below_range_and_keeps_the_offer(world: World, login_as: LoginAs) -> None:
    browser = login_as("recruiter_a")
    url = reverse("web:offer_create", kwargs={"application_id": world.recruiting.application_a.pk})
    assert browser.get(url).status_code == 200
    response = browser.post(url, _form(base_salary="50000"), follow=True)
    assert response.status_code == 200
    assert b"below the requisition" in response.content
    offer = Offer.objects.get()
    assert offer.status == OfferStatus.PENDING_APPROVAL


def test_bad_terms_show_field_errors_and_save_nothing(world: World, login_as: LoginAs) -> None:
    browser = login_as("recruiter_a")
    url = reverse("web:offer_create", kwargs={"application_id": world.recruiting.application_a.pk})
    response = browser.post(url, _form(currency="ZZZ", start_date="2001-01-01"))
    assert response.status_code == 400
    assert b"not an ISO 4217 currency code" in response.content
    assert b"start date must be after the offer date" in response.content
    assert not Offer.objects.exists()


def test_approval_in_order_through_the_page(world: World, login_as: LoginAs) -> None:
    offer = make_offer(world)
    decide = reverse("web:offer_decide", kwargs={"offer_id": offer.pk})
    assert login_as("hr_admin_a").post(decide, {"decision": "approve"}).status_code == 403
    assert login_as("hiring_manager_a").post(decide, {"decision": "approve"}).status_code == 302
    response = login_as("hr_admin_a").post(decide, {"decision": "reject", "comment": ""})
    assert response.status_code == 400
    assert b"say why" in response.content.lower()
    detail = login_as("recruiter_a").get(reverse("web:offer_detail", kwargs={"offer_id": offer.pk}))
    assert b"Client HR" in detail.content
    assert b"data-next-step" in detail.content


def test_the_letter_downloads_as_pdf(world: World, login_as: LoginAs) -> None:
    offer = make_offer(world)
    response = login_as("hr_admin_a").get(reverse("web:offer_letter", kwargs={"offer_id": offer.pk}))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert login_as("hr_admin_b").get(reverse("web:offer_letter", kwargs={"offer_id": offer.pk})).status_code == 404


def test_candidate_accepts_through_the_link(world: World) -> None:
    offer, token = sent_offer(world)
    browser = Client()
    page = browser.get(reverse("web:offer_respond", kwargs={"offer_token": token}))
    assert page.status_code == 200
    assert b"Accept the offer" in page.content
    response = browser.post(
        reverse("web:offer_respond", kwargs={"offer_token": token}), {"decision": "accept"}, REMOTE_ADDR="203.0.113.5"
    )
    assert response.status_code == 200
    assert b"Welcome aboard" in response.content
    offer.refresh_from_db()
    assert offer.status == OfferStatus.ACCEPTED
    assert offer.decision_ip == "203.0.113.5"
    application = world.recruiting.application_a
    application.refresh_from_db()
    assert application.stage.outcome == StageOutcome.HIRED
    again = browser.post(reverse("web:offer_respond", kwargs={"offer_token": token}), {"decision": "decline"})
    assert again.status_code == 410
    assert b"already been used" in again.content


def test_tampered_link_gets_a_clear_page(world: World) -> None:
    _, token = sent_offer(world)
    response = Client().get(reverse("web:offer_respond", kwargs={"offer_token": token[:-3] + "abc"}))
    assert response.status_code == 400
    assert b"not valid" in response.content


def test_candidate_uploads_on_the_onboarding_page(world: World) -> None:
    _, token = sent_offer(world)
    offer = actions.respond(token, accept=True, ip=None)
    row = Onboarding.objects.get(offer=offer)
    task = row.tasks.filter(side=TaskSide.CANDIDATE, kind="document").first()
    assert task is not None
    url = reverse("web:onboarding_candidate", kwargs={"onboarding_token": onboarding.candidate_token(row)})
    browser = Client()
    assert browser.get(url).status_code == 200
    bad = browser.post(url, {"task": task.pk, "document": SimpleUploadedFile("x.exe", b"MZ" + b"\x00" * 64)})
    assert bad.status_code == 400
    assert b"PDF, DOCX, TXT, PNG or JPEG" in bad.content
    good = browser.post(url, {"task": task.pk, "document": SimpleUploadedFile("id.pdf", b"%PDF-1.4\n%%EOF\n")})
    assert good.status_code == 302
    task.refresh_from_db()
    assert task.done


def test_staff_see_progress_and_tick_their_tasks(world: World, login_as: LoginAs) -> None:
    _, token = sent_offer(world)
    offer = actions.respond(token, accept=True, ip=None)
    row = Onboarding.objects.get(offer=offer)
    task = row.tasks.filter(side=TaskSide.CLIENT).first()
    assert task is not None
    browser = login_as("hr_admin_a")
    response = browser.post(reverse("web:onboarding_task_complete", kwargs={"onboarding_task_id": task.pk}))
    assert response.status_code == 302
    page = browser.get(reverse("web:onboarding_detail", kwargs={"onboarding_id": row.pk}))
    assert b"1 of 6 tasks done" in page.content
    survey = row.surveys.get(milestone_days=30)
    form = {"performance_rating": "4", "satisfaction": "5", "still_employed": "yes"}
    answered = login_as("hiring_manager_a").post(reverse("web:hire_survey", kwargs={"hire_survey_id": survey.pk}), form)
    assert answered.status_code == 302
    survey.refresh_from_db()
    assert survey.performance_rating == 4
    assert survey.still_employed is True
    listing = browser.get(reverse("web:offer_list"))
    assert b"Quality of hire" in listing.content


def test_settings_page_saves_chain_and_checklist(world: World, login_as: LoginAs) -> None:
    browser = login_as("hr_admin_a")
    url = reverse("web:offer_settings")
    assert browser.get(url).status_code == 200
    bad = browser.post(url, {"form": "settings", "chain": "hr_admin, ceo", "letter_template": "Hi ${who}"})
    assert bad.status_code == 400
    assert b"Unknown role" in bad.content
    ok = browser.post(url, {"form": "settings", "chain": "hr_admin", "letter_template": "Hi ${candidate_name}"})
    assert ok.status_code == 302
    added = browser.post(
        url, {"form": "checklist", "title": "Desk", "kind": "equipment", "side": "client", "due_offset_days": "0"}
    )
    assert added.status_code == 302
    assert login_as("hiring_manager_a").get(url).status_code == 403


def test_applications_in_the_offer_stage_are_listed_for_an_offer(world: World, login_as: LoginAs) -> None:
    from handoff.domain.recruiting import actions as recruiting_actions

    recruiting_actions.move_application(world.users["provider_admin"], world.recruiting.application_a, "offer")
    page = login_as("recruiter_a").get(reverse("web:offer_list"))
    create = reverse("web:offer_create", kwargs={"application_id": world.recruiting.application_a.pk})
    assert create.encode() in page.content
    make_offer(world)
    assert create.encode() not in login_as("recruiter_a").get(reverse("web:offer_list")).content
    assert b"data-awaiting" not in login_as("hiring_manager_a").get(reverse("web:offer_list")).content
