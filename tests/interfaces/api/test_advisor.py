"""The public advisor API: POST /api/v1/advisor/advice (no auth), proposal requests, 422 with field messages."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from handoff.domain.advisor.models import AdvisorReport, Lead
from handoff.interfaces.api.routers import advisor as advisor_router
from tests.advisor import scenarios
from tests.advisor.scenarios import People
from tests.interfaces.api.conftest import ApiClient

pytestmark = pytest.mark.django_db


def advise(body: dict[str, Any]) -> Any:
    return ApiClient().post("/advisor/advice", body)


def with_business(**changes: Any) -> dict[str, Any]:
    answers = scenarios.STARTUP.answers
    return {**answers, "business": {**answers["business"], **changes}}


@pytest.mark.parametrize("scenario", scenarios.ALL, ids=lambda s: s.name)
def test_each_scenario_through_the_api_without_signing_in(scenario: scenarios.Scenario) -> None:
    response = advise(scenario.answers)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["verdict"] == scenario.verdict
    assert body["advice"]["rpo"]["model"] == scenario.rpo_model
    assert len(body["advice"]["comparison"]) == 6
    assert body["illustrative"] is True
    saved = AdvisorReport.objects.get(pk=body["report_id"])
    assert body["pdf_url"].endswith(f"/advisor/reports/{saved.pk}/pdf/")
    assert body["versions"] == {"rate_card": None, "assumption_set": None}


def test_the_retailer_gets_follow_the_sun_front_office_with_the_rate_cards_ranges(db: None) -> None:
    cast = scenarios.people()
    scenarios.rate_card(cast["provider_admin"])
    body = advise(scenarios.RETAILER.answers).json()
    (process,) = body["advice"]["processes"]
    assert process["office"] == "front_office"
    assert process["follow_the_sun"] is True
    assert process["locations"] == ["nearshore", "offshore"]
    (costs,) = body["advice"]["bpo_costs"]
    assert costs["savings_per_year"]["low"] <= costs["savings_per_year"]["high"]
    assert body["versions"] == {"rate_card": 1, "assumption_set": None}


def test_assumptions_can_be_changed_per_request() -> None:
    plain = advise(scenarios.STARTUP.answers).json()["advice"]["rpo_costs"]["cost_per_hire_after"]
    cheaper = advise({**scenarios.STARTUP.answers, "assumptions": {"rpo_fee_per_hire": [1000, 2000]}}).json()
    assert cheaper["advice"]["rpo_costs"]["cost_per_hire_after"]["high"] < plain["high"]
    assert AdvisorReport.objects.get(pk=cheaper["report_id"]).overrides == {"rpo_fee_per_hire": [1000, 2000]}


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        (with_business(employees=0), "business.employees", "must be at least 1"),
        (with_business(country="XX"), "business.country", "unknown country"),
        (with_business(time_zone="Mars/Olympus"), "business.time_zone", "unknown time zone"),
        (
            {**scenarios.STARTUP.answers, "hiring": {"hires_per_year": 500}},
            "hiring.hires_per_year",
            "more than 3 times your 40 employees",
        ),
        ({**scenarios.STARTUP.answers, "hiring": None}, "hiring", "answer the hiring questions"),
        ({**scenarios.RETAILER.answers, "processes": []}, "processes", "at least one process"),
        (
            {**scenarios.RETAILER.answers, "processes": [{"kind": "payroll", "customer_facing": False}]},
            "processes[0].monthly_volume",
            "monthly volume or the in-house FTE",
        ),
        (with_business(employees="many"), "business.employees", "valid integer"),
        ({**scenarios.STARTUP.answers, "services": ["kpo"]}, "services.0", "'bpo' or 'rpo'"),
        ({**scenarios.STARTUP.answers, "client_id": 1}, "client_id", "Unknown field"),
        ({**scenarios.STARTUP.answers, "assumptions": {"rpo_fee_per_hire": [9, 1]}}, "assumptions", "rpo_fee_per_hire"),
    ],
)
def test_bad_answers_are_422_with_the_question_named(body: dict[str, Any], field: str, message: str) -> None:
    response = advise(body)
    assert response.status_code == 422, response.content
    errors = response.json()["errors"]
    assert [error["field"] for error in errors] == [field]
    assert message in errors[0]["message"]
    assert not AdvisorReport.objects.exists()


def test_malformed_json_is_a_400() -> None:
    response = ApiClient().client.post("/api/v1/advisor/advice", "{not json", content_type="application/json")
    assert response.status_code == 400


def test_a_proposal_request_needs_consent(db: None) -> None:
    report_id = advise(scenarios.RETAILER.answers).json()["report_id"]
    contact = {"name": "Dana", "company": "Northwind", "email": "dana@northwind.example"}
    refused = ApiClient().post(f"/advisor/reports/{report_id}/proposal", {**contact, "consent": False})
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "consent"
    accepted = ApiClient().post(f"/advisor/reports/{report_id}/proposal", {**contact, "consent": True})
    assert accepted.status_code == 201
    assert Lead.objects.get().report_id == AdvisorReport.objects.get().pk
    missing = ApiClient().post(
        "/advisor/reports/00000000-0000-4000-8000-000000000000/proposal", {**contact, "consent": True}
    )
    assert missing.status_code == 404


def test_signed_in_callers_get_the_same_public_answer(db: None) -> None:
    cast: People = scenarios.people()
    response = ApiClient(cast["hr_admin"]).post("/advisor/advice", scenarios.NEITHER.answers)
    assert response.status_code == 201
    assert response.json()["verdict"] == "neither"


def test_the_public_advisor_is_rate_limited_per_address(monkeypatch: pytest.MonkeyPatch) -> None:
    throttle = advisor_router.PUBLIC["throttle"][0]  # type: ignore[index]
    monkeypatch.setattr(throttle, "num_requests", 2)
    cache.clear()
    statuses = [advise(scenarios.NEITHER.answers).status_code for _ in range(3)]
    assert statuses == [201, 201, 429]
    assert AdvisorReport.objects.count() == 2
