"""The public advisor's pages (questionnaire, report, re-run, PDF, proposal) and the provider's lead pages."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from handoff.domain.advisor import actions, selectors
from handoff.domain.advisor.models import AdvisorReport, AssumptionSet, Lead, RateCard
from handoff.domain.engagements.models import BpoEngagement
from handoff.domain.tenancy.models import Client as Tenant
from tests.advisor import scenarios
from tests.advisor.scenarios import People
from tests.interfaces.web.html import field_errors, find, find_all

pytestmark = pytest.mark.django_db

ADVISOR = "/advisor/"
CLIENT_FORM = {
    "name": "Northwind Outfitters Inc",
    "legal_name": "Northwind Outfitters Incorporated",
    "country": "US",
    "time_zone": "America/Chicago",
    "industry": "retail",
    "size": "1000+",
    "is_active": True,
}


@pytest.fixture
def cast(db: None) -> People:
    return scenarios.people()


def signed_in(user: Any) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def ask(answers: dict[str, Any], browser: Client | None = None) -> AdvisorReport:
    response = (browser or Client()).post(ADVISOR, scenarios.form_data(answers))
    assert response.status_code == 302, response.content.decode()[:2000]
    report_id = re.fullmatch(r"/advisor/reports/([0-9a-f-]+)/", response["Location"])
    assert report_id is not None
    return AdvisorReport.objects.get(pk=report_id.group(1))


def test_the_questionnaire_is_public_and_says_why_each_question_is_asked() -> None:
    response = Client().get(ADVISOR)
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("country", "time_zone", "employees", "hires_per_year", "recruiters", "payroll__coverage"):
        assert find(html, "div", data_field=name).text.count("Why we ask") == 1, name
    assert 'name="viewport"' in html
    assert " style=" not in html  # CSP: no inline styles
    assert not re.findall(r"<script(?![^>]*\ssrc=)", html)  # CSP: no inline scripts


def test_the_sign_in_page_links_to_the_advisor() -> None:
    assert find(Client().get("/login/").content, "a", href=ADVISOR)


@pytest.mark.parametrize("scenario", scenarios.ALL, ids=lambda s: s.name)
def test_each_scenario_through_the_form(scenario: scenarios.Scenario) -> None:
    saved = ask(scenario.answers)
    assert saved.advice["verdict"] == scenario.verdict
    assert (saved.advice["rpo"]["model"]) == scenario.rpo_model
    page = Client().get(f"/advisor/reports/{saved.pk}/")
    assert page.status_code == 200
    assert find(page.content, "section", data_verdict=scenario.verdict)
    assert len(find_all(page.content, "tr", data_point=True)) == 6  # the six-point comparison


def test_the_retailers_report_names_the_delivery_centers_from_the_rate_card(cast: People) -> None:
    scenarios.rate_card(cast["provider_admin"])
    saved = ask(scenarios.RETAILER.answers)
    page = Client().get(f"/advisor/reports/{saved.pk}/").content.decode()
    row = find(page, "tr", data_process_row="customer_service").text
    assert "nearshore + offshore" in row
    assert "Guadalajara Center" in row
    assert "front_office" in row
    assert find(page, "p", data_illustrative=True)  # the test rate card is labelled illustrative
    assert "rate card v1 (illustrative)" in page


def invalid(answers: dict[str, Any]) -> tuple[int, str]:
    response = Client().post(ADVISOR, answers)
    return response.status_code, response.content.decode()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"employees": "0"}, "employees", "must be at least 1"),
        ({"hires_per_year": "500"}, "hires_per_year", "more than 3 times your 40 employees"),
        ({"country": "XX"}, "country", "Select a valid choice"),
        ({"employees": "forty"}, "employees", "Enter a whole number"),
        ({"hires_per_year": ""}, "hires_per_year", "answer the hiring questions"),
        ({"services": []}, "services", "This field is required"),
    ],
)
def test_bad_answers_are_shown_on_their_question_and_the_rest_are_kept(
    change: dict[str, Any], field: str, message: str
) -> None:
    status, html = invalid({**scenarios.form_data(scenarios.STARTUP.answers), **change})
    assert status == 400
    assert any(message.lower() in error.lower() for error in field_errors(html, field)), field_errors(html, field)
    assert 'name="hard_to_fill_pct" value="60"' in html  # the other answers are kept
    assert not AdvisorReport.objects.exists()


def test_a_bad_process_answer_is_shown_on_that_process() -> None:
    data = scenarios.form_data(scenarios.RETAILER.answers) | {"customer_service__languages": "english"}
    status, html = invalid(data)
    assert status == 400
    assert any("two-letter language code" in error for error in field_errors(html, "customer_service__languages"))
    assert find(html, "details", data_process="customer_service", open=True)
    assert 'name="customer_service__monthly_volume" value="36000"' in html


def test_bpo_without_a_process_asks_for_one() -> None:
    data = scenarios.form_data(scenarios.RETAILER.answers)
    del data["customer_service__include"]
    status, html = invalid(data)
    assert status == 400
    assert any("at least one process" in error for error in field_errors(html, "services"))


def test_a_missing_report_is_a_404() -> None:
    assert Client().get("/advisor/reports/00000000-0000-4000-8000-000000000000/").status_code == 404


# --- assumptions: shown, editable, re-run ---------------------------------------------------------------------


def rerun_data(page: str, **changes: str) -> dict[str, str]:
    form = re.search(r'<form[^>]*data-form="assumptions".*?</form>', page, re.S)
    assert form is not None
    data = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form.group(0)))
    return {**data, **changes}


@pytest.mark.parametrize("htmx", [False, True])
def test_the_prospect_edits_an_assumption_and_reruns(cast: People, htmx: bool) -> None:
    scenarios.rate_card(cast["provider_admin"])
    first = ask(scenarios.STARTUP.answers)
    browser = Client()
    page = browser.get(f"/advisor/reports/{first.pk}/").content.decode()
    headers = {"HX-Request": "true"} if htmx else {}
    response = browser.post(
        f"/advisor/reports/{first.pk}/rerun/", rerun_data(page, rpo_fee_per_hire__low="1000"), headers=headers
    )
    rerun = AdvisorReport.objects.exclude(pk=first.pk).get()
    assert rerun.overrides == {"rpo_fee_per_hire": [1000.0, 4500.0]}
    assert rerun.rate_card == first.rate_card
    assert (
        rerun.advice["rpo_costs"]["cost_per_hire_after"]["low"]
        < first.advice["rpo_costs"]["cost_per_hire_after"]["low"]
    )
    if htmx:
        assert response.status_code == 200
        assert response["HX-Push-Url"] == f"/advisor/reports/{rerun.pk}/"
        assert find(response.content, "div", data_report=str(rerun.pk))
        assert "<html" not in response.content.decode()  # a fragment for #advice
    else:
        assert response["Location"] == f"/advisor/reports/{rerun.pk}/"


def test_a_bad_assumption_is_shown_on_it_and_nothing_is_saved() -> None:
    first = ask(scenarios.STARTUP.answers)
    page = Client().get(f"/advisor/reports/{first.pk}/").content.decode()
    response = Client().post(f"/advisor/reports/{first.pk}/rerun/", rerun_data(page, rpo_fee_per_hire__low="-5"))
    assert response.status_code == 400
    assert field_errors(response.content, "rpo_fee_per_hire__low")
    assert AdvisorReport.objects.count() == 1


# --- PDF ------------------------------------------------------------------------------------------------------


def test_the_report_downloads_as_a_pdf_with_the_comparison() -> None:
    saved = ask(scenarios.BANK.answers)
    response = Client().get(f"/advisor/reports/{saved.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="handoff-advice-{str(saved.pk)[:8]}.pdf"'
    assert response.content.startswith(b"%PDF-")
    from io import BytesIO

    from pypdf import PdfReader

    text = " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages).split())
    for point in ("Scope", "Expertise", "Impact", "Function", "Cost savings", "Internal involvement"):
        assert point in text
    assert "Hybrid RPO" in text


# --- proposal requests and leads ------------------------------------------------------------------------------


def test_a_proposal_needs_consent_and_keeps_what_was_typed() -> None:
    saved = ask(scenarios.RETAILER.answers)
    data = {"name": "Dana", "company": "Northwind", "email": "dana@northwind.example"}
    response = Client().post(f"/advisor/reports/{saved.pk}/proposal/", data)
    assert response.status_code == 400
    assert field_errors(response.content, "consent") == ["We can only contact you with your consent."]
    assert 'value="Northwind"' in response.content.decode()
    assert not Lead.objects.exists()
    response = Client().post(
        f"/advisor/reports/{saved.pk}/proposal/", {**data, "consent": "on"}, REMOTE_ADDR="198.51.100.4"
    )
    assert response.status_code == 302
    lead = Lead.objects.get()
    assert (lead.company, lead.report, lead.consent_ip) == ("Northwind", saved, "198.51.100.4")


@pytest.fixture
def lead(cast: People) -> Lead:
    scenarios.rate_card(cast["provider_admin"])
    saved = ask(scenarios.RETAILER.answers)
    Client().post(
        f"/advisor/reports/{saved.pk}/proposal/",
        {"name": "Dana", "company": "Northwind Outfitters", "email": "dana@northwind.example", "consent": "on"},
    )
    return Lead.objects.get()


@pytest.mark.parametrize("persona", ["provider_admin", "account_manager"])
def test_lead_pages_for_admins_and_account_managers(cast: People, lead: Lead, persona: str) -> None:
    browser = signed_in(cast[persona])
    listing = browser.get("/advisor/leads/")
    assert listing.status_code == 200
    assert find(listing.content, "tr", data_lead=str(lead.pk))
    assert find(listing.content, "a", href="/advisor/leads/")  # in the navigation
    detail = browser.get(f"/advisor/leads/{lead.pk}/")
    assert detail.status_code == 200
    assert (
        find(detail.content, "input", name="name").attrs["value"] == "Northwind Outfitters"
    )  # pre-filled from the lead


@pytest.mark.parametrize("persona", ["recruiter", "hr_admin"])
def test_lead_pages_are_refused_to_everyone_else(cast: People, lead: Lead, persona: str) -> None:
    browser = signed_in(cast[persona])
    assert browser.get("/advisor/leads/").status_code == 403
    assert browser.get(f"/advisor/leads/{lead.pk}/").status_code == 403
    assert browser.post(f"/advisor/leads/{lead.pk}/", {"name": "X"}).status_code == 403
    assert not find_all(browser.get("/").content, "a", href="/advisor/leads/")


def test_anonymous_callers_are_sent_to_sign_in(lead: Lead) -> None:
    response = Client().get(f"/advisor/leads/{lead.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_an_account_manager_converts_a_lead(cast: People, lead: Lead) -> None:
    browser = signed_in(cast["account_manager"])
    form = {
        "name": "Northwind Outfitters",
        "legal_name": "Northwind Outfitters Inc.",
        "country": "US",
        "time_zone": "America/Chicago",
        "industry": "retail",
        "size": "1000+",
        "is_active": "on",
    }
    bad = browser.post(f"/advisor/leads/{lead.pk}/", {**form, "country": ""})
    assert bad.status_code == 400
    assert field_errors(bad.content, "country")
    response = browser.post(f"/advisor/leads/{lead.pk}/", form)
    client = Tenant.objects.get(name="Northwind Outfitters")
    assert response["Location"] == f"/clients/{client.pk}/"
    assert browser.get(response["Location"]).status_code == 200  # the converter can open the new client
    assert BpoEngagement.objects.filter(client=client, status="draft").count() == 1
    lead.refresh_from_db()
    assert lead.client == client


# --- versions (provider admins) -------------------------------------------------------------------------------


def test_an_admin_publishes_a_new_rate_card_version_and_the_old_one_stays(cast: People) -> None:
    first = scenarios.rate_card(cast["provider_admin"])
    browser = signed_in(cast["provider_admin"])
    page = browser.get("/advisor/rate-card/")
    assert page.status_code == 200
    html = page.content.decode()
    data = dict(re.findall(r'<input[^>]*name="(lines-[^"]+)"[^>]*value="([^"]*)"', html))
    data |= dict(re.findall(r'<select name="(lines-\d+-[a-z_]+)"[^>]*>.*?<option value="([^"]+)" selected', html, re.S))
    data |= {"currency": "USD", "note": "cheaper Manila", "lines-0-rate_low": "100"}
    response = browser.post("/advisor/rate-card/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    latest = RateCard.objects.order_by("-version").first()
    assert latest is not None
    assert latest.version == 2
    assert latest.lines.count() == first.lines.count()
    assert first.lines.order_by("delivery_center__name", "process_kind").first().rate_low != 100  # type: ignore[union-attr]


def test_an_admin_publishes_new_assumptions(cast: People) -> None:
    browser = signed_in(cast["provider_admin"])
    page = browser.get("/advisor/assumptions/").content.decode()
    form = re.search(r'<form[^>]*data-form="assumptions-set".*?</form>', page, re.S)
    assert form is not None
    data = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form.group(0)))
    response = browser.post("/advisor/assumptions/", {**data, "loaded_cost_multiplier": "1.4", "note": "benefits up"})
    assert response.status_code == 302, response.content.decode()[:3000]
    published = AssumptionSet.objects.get()
    assert published.values == {"loaded_cost_multiplier": 1.4}
    assert published.created_by == cast["provider_admin"]


@pytest.mark.parametrize("path", ["/advisor/rate-card/", "/advisor/assumptions/"])
def test_pricing_pages_are_for_provider_admins_only(cast: People, path: str) -> None:
    assert signed_in(cast["account_manager"]).get(path).status_code == 403
    assert signed_in(cast["hr_admin"]).post(path, {}).status_code == 403


def test_an_account_manager_marks_a_lead_contacted(cast: People, lead: Lead) -> None:
    browser = signed_in(cast["account_manager"])
    response = browser.post(f"/advisor/leads/{lead.pk}/status/", {"status": "contacted"})
    assert response["Location"] == f"/advisor/leads/{lead.pk}/"
    lead.refresh_from_db()
    assert lead.status == "contacted"
    browser.post(f"/advisor/leads/{lead.pk}/status/", {"status": "converted"})  # not a status one sets by hand
    lead.refresh_from_db()
    assert lead.status == "contacted"
    assert signed_in(cast["recruiter"]).post(f"/advisor/leads/{lead.pk}/status/", {"status": "new"}).status_code == 403
    assert signed_in(cast["recruiter"]).post(f"/advisor/leads/{lead.pk}/status/", {}).status_code == 403


def test_the_lead_list_costs_the_same_queries_for_one_lead_or_many(cast: People, lead: Lead) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    browser = signed_in(cast["account_manager"])
    browser.get("/advisor/leads/")

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert browser.get("/advisor/leads/").status_code == 200
        return len(captured.captured_queries)

    few = count()
    for index in range(5):
        ask(scenarios.NEITHER.answers)
        saved = AdvisorReport.objects.order_by("-created_at").first()
        assert saved is not None
        Client().post(
            f"/advisor/reports/{saved.pk}/proposal/",
            {"name": "N", "company": f"Company {index}", "email": f"n{index}@example.test", "consent": "on"},
        )
    assert Lead.objects.count() == 6
    assert count() == few


def test_a_converted_lead_names_its_client_only_to_those_who_see_the_client(cast: People, lead: Lead) -> None:
    converted = actions.convert_lead(cast["provider_admin"], lead.pk, CLIENT_FORM)  # the admin joins no team
    for persona, shown in (("provider_admin", True), ("account_manager", False)):
        browser = signed_in(cast[persona])
        for path in ("/advisor/leads/", f"/advisor/leads/{lead.pk}/"):
            html = browser.get(path).content.decode()
            assert ("Northwind Outfitters Inc" in html) is shown, (persona, path)
            assert (f'href="/clients/{converted.client_id}/"' in html) is shown, (persona, path)


def test_every_advisor_page_is_csp_safe(cast: People, lead: Lead) -> None:
    """No inline script or style on any advisor page (the CSP allows scripts by nonce or from 'self' only)."""
    admin = signed_in(cast["provider_admin"])
    pages = {
        ADVISOR: Client(),
        f"/advisor/reports/{lead.report_id}/": Client(),
        "/advisor/leads/": admin,
        f"/advisor/leads/{lead.pk}/": admin,
        "/advisor/rate-card/": admin,
        "/advisor/assumptions/": admin,
    }
    for path, browser in pages.items():
        response = browser.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert " style=" not in html, path
        assert not re.findall(r"<script(?![^>]*\ssrc=)", html), path
        assert "'unsafe-inline'" not in response["Content-Security-Policy"], path


def test_the_report_says_when_measured_medians_replace_the_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    plain = ask(scenarios.STARTUP.answers)
    html = Client().get(f"/advisor/reports/{plain.pk}/").content.decode()
    assert find(html, "p", data_measured="none")
    monkeypatch.setattr(selectors, "_time_to_hire_samples", lambda: list(enumerate([21.0, 25.0, 30.0, 60.0, 90.0])))
    measured = ask(scenarios.STARTUP.answers)
    page = Client().get(f"/advisor/reports/{measured.pk}/").content
    assert "time_to_hire_days" in find(page, "p", data_measured=True).text
    assert "44 → 30 days (measured)" in find(page, "section", aria_labelledby="rpo-costs").text
