"""Assurance pages: checker queue and change page, the maker's form, QA sample and calibration, the CSAT link page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from handoff.domain.accounts.models import User
from handoff.domain.assurance.actions.csat import survey_token
from handoff.domain.assurance.actions.makerchecker import submit_change
from handoff.domain.assurance.models import ChangeRequest, ChangeState, CsatSurvey
from handoff.domain.engagements.models import ProcessType
from handoff.domain.operations.actions.items import change_status
from handoff.domain.operations.models import ItemStatus, WorkItem
from tests.domain.assurance_desk import MONDAY_9_MANILA, AssuranceDesk, build_assurance_desk, worked_item

pytestmark = pytest.mark.django_db

CRITERIA = [
    {"key": "accuracy", "label": "Accuracy", "weight": 50, "max_points": 5},
    {"key": "process", "label": "Process", "weight": 30, "max_points": 5},
    {"key": "tone", "label": "Tone", "weight": 20, "max_points": 10},
]


def browser(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def ad() -> AssuranceDesk:
    return build_assurance_desk()


def pending(ad: AssuranceDesk, maker: User) -> ChangeRequest:
    item = worked_item(ad.desk)
    return submit_change(maker, item, {**item.custom_fields, "amount": 77.0}, note="keyed")


def test_maker_submits_through_the_form_and_bad_values_stay_on_the_page(ad: AssuranceDesk) -> None:
    item = worked_item(ad.desk)
    agent = browser(ad.desk.agent)
    url = reverse("web:change_submit", kwargs={"item_id": item.pk})
    page = agent.get(url)
    assert page.status_code == 200
    assert b"Submit for checking" in page.content
    bad = agent.post(url, {"cf_order_id": "A-1001", "cf_channel": "email", "cf_amount": "lots", "note": "kept"})
    assert bad.status_code == 400
    assert b"kept" in bad.content
    assert not ChangeRequest.objects.exists()
    good = agent.post(url, {"cf_order_id": "A-1001", "cf_channel": "email", "cf_amount": "55.5", "note": "ok"})
    change = ChangeRequest.objects.get()
    assert good.status_code == 302
    assert good["Location"] == reverse("web:change_detail", kwargs={"change_id": change.pk})
    assert change.after["amount"] == 55.5
    assert change.before["amount"] == 100.0


def test_checker_queue_and_approval(ad: AssuranceDesk) -> None:
    change = pending(ad, ad.desk.agent)
    lead = browser(ad.desk.lead)
    queue = lead.get(reverse("web:checker_queue"))
    assert f'data-change="{change.pk}"'.encode() in queue.content
    page = lead.get(reverse("web:change_detail", kwargs={"change_id": change.pk}))
    assert b"Approve and apply" in page.content
    assert b"77.0" in page.content
    lead.post(reverse("web:change_approve", kwargs={"change_id": change.pk}))
    change.refresh_from_db()
    assert change.state == ChangeState.APPROVED
    assert WorkItem.objects.get(pk=change.item_id).custom_fields["amount"] == 77.0


@pytest.mark.parametrize("who", ["admin", "superuser"])
def test_an_admin_or_superuser_cannot_check_their_own_change(ad: AssuranceDesk, who: str) -> None:
    maker = ad.admin if who == "admin" else ad.superuser
    change = pending(ad, maker)
    own = browser(maker)
    page = own.get(reverse("web:change_detail", kwargs={"change_id": change.pk}))
    assert b"Approve and apply" not in page.content
    assert b"data-own-change" in page.content
    assert own.post(reverse("web:change_approve", kwargs={"change_id": change.pk})).status_code == 403
    assert own.post(reverse("web:change_reject", kwargs={"change_id": change.pk}), {"reason": "x"}).status_code == 403
    change.refresh_from_db()
    assert change.state == ChangeState.PENDING


def test_rejection_without_a_reason_is_refused_on_the_page(ad: AssuranceDesk) -> None:
    change = pending(ad, ad.desk.agent)
    response = browser(ad.qa).post(reverse("web:change_reject", kwargs={"change_id": change.pk}), {"reason": ""})
    assert response.status_code == 400
    change.refresh_from_db()
    assert change.state == ChangeState.PENDING


def test_qa_pages_scorecard_and_calibration() -> None:
    ad = build_assurance_desk("Care", ProcessType.CUSTOMER_SERVICE)
    item = worked_item(ad.desk)
    change_status(ad.desk.agent, item, ItemStatus.RESOLVED, now=MONDAY_9_MANILA + dt.timedelta(hours=1))
    qa = browser(ad.qa)
    service_url = reverse("web:qa_service", kwargs={"service_id": ad.desk.service.pk})
    saved = qa.post(
        service_url,
        {"share_percent": "100", "criteria": "accuracy, Accuracy, 50, 5\nprocess, Process, 30, 5\ntone, Tone, 20, 10"},
    )
    assert saved.status_code == 302
    assert qa.post(service_url, {"share_percent": "100", "criteria": "broken line"}).status_code == 400
    draw = reverse("web:qa_draw", kwargs={"service_id": ad.desk.service.pk}) + "?week=2026-03-02"
    assert qa.post(draw).status_code == 302
    listing = qa.get(service_url + "?week=2026-03-02")
    assert f"#{item.pk}".encode() in listing.content
    sample = item.qa_sample
    sample_url = reverse("web:qa_sample", kwargs={"sample_id": sample.pk})
    bad = qa.post(sample_url, {"pt_accuracy": "9", "pt_process": "3", "pt_tone": "6"})
    assert bad.status_code == 400
    assert qa.post(sample_url, {"pt_accuracy": "5", "pt_process": "3", "pt_tone": "6"}).status_code == 302
    browser(ad.desk.lead).post(sample_url, {"pt_accuracy": "4", "pt_process": "3", "pt_tone": "8"})
    report = browser(ad.desk.owner).get(sample_url)  # the client's process owner reads the results
    assert report.status_code == 200
    assert b"data-agreement>86.0<" in report.content
    assert b"80.00" in report.content
    assert b"Your scorecard" not in report.content
    assert browser(ad.desk.agent).get(sample_url).status_code == 403


@pytest.fixture
def survey(ad: AssuranceDesk, settings: Any) -> CsatSurvey:
    customer = build_assurance_desk("Care", ProcessType.CUSTOMER_SERVICE)
    item = worked_item(customer.desk)
    change_status(customer.desk.agent, item, ItemStatus.RESOLVED)
    return CsatSurvey.objects.get(item=item)


def test_csat_link_answers_once_without_signing_in(survey: CsatSurvey) -> None:
    anonymous = Client()
    url = reverse("web:csat_survey", kwargs={"survey_token": survey_token(survey)})
    assert anonymous.get(url).status_code == 200
    assert anonymous.post(url, {"score": "9"}).status_code == 400
    done = anonymous.post(url, {"score": "4", "comment": "Quick"})
    assert done.status_code == 200
    assert b"Thank you" in done.content
    survey.refresh_from_db()
    assert (survey.score, survey.comment) == (4, "Quick")
    reused = anonymous.get(url)
    assert reused.status_code == 410
    assert b"You already answered" in reused.content
    assert anonymous.post(url, {"score": "1"}).status_code == 410
    survey.refresh_from_db()
    assert survey.score == 4


def test_csat_tampered_and_expired_links(survey: CsatSurvey, monkeypatch: pytest.MonkeyPatch) -> None:
    token = survey_token(survey)
    tampered = Client().get(reverse("web:csat_survey", kwargs={"survey_token": token[:-3] + "abc"}))
    assert tampered.status_code == 404
    assert b"This link is not valid" in tampered.content
    monkeypatch.setattr("handoff.domain.assurance.actions.csat.CSAT_LINK_DAYS", -1)
    expired = Client().get(reverse("web:csat_survey", kwargs={"survey_token": token}))
    assert expired.status_code == 410
    assert b"This link has expired" in expired.content


def test_the_agent_finds_their_accounting_items_to_submit(ad: AssuranceDesk) -> None:
    item = worked_item(ad.desk)
    page = browser(ad.desk.agent).get(reverse("web:checker_queue"))
    assert reverse("web:change_submit", kwargs={"item_id": item.pk}).encode() in page.content
    assert browser(ad.desk.owner).get(reverse("web:checker_queue")).status_code == 403
