from dataclasses import replace

import pytest

from handoff.engines.advisor import Collaboration, Office, Priorities, RpoModel, Stage, Verdict, advise
from handoff.engines.delivery_location import DeliveryLocation
from tests.engines.advisor import scenarios

ALL = [
    scenarios.SMALL_STARTUP,
    scenarios.GROWING_STARTUP,
    scenarios.RETAILER_CHRISTMAS,
    scenarios.RETAILER_SERVICE,
    scenarios.BANK,
    scenarios.NEEDS_NEITHER,
]

ON, NEAR, OFF = DeliveryLocation.ONSHORE, DeliveryLocation.NEARSHORE, DeliveryLocation.OFFSHORE


def test_small_startup_needs_neither() -> None:
    advice = advise(scenarios.SMALL_STARTUP)
    assert advice.verdict is Verdict.NEITHER
    assert advice.rpo.model is None
    assert advice.rpo.rule == "R1"
    assert advice.rpo_costs is None


def test_startup_hiring_more_than_half_its_headcount_gets_on_demand_rpo() -> None:
    advice = advise(scenarios.GROWING_STARTUP)
    assert advice.verdict is Verdict.RPO
    assert advice.rpo.model is RpoModel.ON_DEMAND
    assert ("business.employees", "40") in [(b.field, b.value) for b in advice.rpo.because]


def test_retailer_christmas_surge_gets_on_demand_rpo() -> None:
    advice = advise(scenarios.RETAILER_CHRISTMAS)
    assert advice.rpo.model is RpoModel.ON_DEMAND
    assert ("hiring.peak_quarter_share", "0.55") in [(b.field, b.value) for b in advice.rpo.because]


def test_retailer_customer_service_is_front_office_follow_the_sun() -> None:
    advice = advise(scenarios.RETAILER_SERVICE)
    service, german_sales, data_entry = advice.processes
    assert advice.verdict is Verdict.BPO
    assert service.office is Office.FRONT
    assert service.follow_the_sun
    assert set(service.locations) == {NEAR, OFF}
    assert german_sales.locations == (NEAR,)  # German is not staffed offshore
    assert "processes[1].languages" in [b.field for b in german_sales.because]
    assert data_entry.office is Office.BACK
    assert data_entry.locations == (OFF,)  # internal work, cost a medium priority


def test_bank_gets_hybrid_rpo_onshore_payroll_and_follow_the_sun_support() -> None:
    advice = advise(scenarios.BANK)
    assert advice.verdict is Verdict.BOTH
    assert advice.rpo.model is RpoModel.HYBRID
    assert {Stage.INTERVIEWING, Stage.OFFER} <= set(advice.rpo.in_house_stages)
    assert Stage.SOURCING in advice.rpo.provider_stages
    payroll, support = advice.processes
    assert payroll.outsource
    assert payroll.office is Office.BACK
    assert payroll.locations == (ON,)
    assert support.office is Office.FRONT
    assert support.follow_the_sun
    assert ON not in support.locations


def test_company_with_few_hires_and_little_work_needs_neither() -> None:
    advice = advise(scenarios.NEEDS_NEITHER)
    assert advice.verdict is Verdict.NEITHER
    assert not advice.processes[0].outsource  # 300 invoices a month is 0.2 FTE
    assert advice.bpo_costs == []


@pytest.mark.parametrize("answers", ALL)
def test_every_advice_line_names_the_answers_behind_it(answers) -> None:
    for line in advise(answers).lines:
        assert line.because, line
        assert all(b.field and b.value for b in line.because)


@pytest.mark.parametrize("answers", ALL)
def test_comparison_has_the_six_points_for_both_models(answers) -> None:
    rows = advise(answers).comparison
    assert [row.point for row in rows] == [
        "scope",
        "expertise",
        "impact",
        "function",
        "cost savings",
        "internal involvement",
    ]
    assert all(row.bpo and row.rpo for row in rows)


def test_comparison_uses_this_business_numbers() -> None:
    rows = {row.point: row for row in advise(scenarios.BANK).comparison}
    assert "300 hires a year, hybrid model" in rows["scope"].rpo
    assert "payroll, customer_service" in rows["scope"].bpo
    assert "52 → 39 days" in rows["impact"].rpo
    assert "6,000 hours" in rows["internal involvement"].rpo


def test_assumptions_are_listed_with_labels_and_illustrative_note() -> None:
    rows = advise(scenarios.BANK).assumptions
    names = {row.name for row in rows}
    assert {"recruiter_cost_per_year", "provider_rate_per_fte_month", "onshore_rate_factor"} <= names
    assert all(row.label and "illustrative" in row.note for row in rows)


def test_hybrid_keeps_interviewing_for_control_even_without_high_collaboration() -> None:
    assert scenarios.BANK.hiring is not None
    some = replace(scenarios.BANK.hiring, hr_collaboration=Collaboration.SOME)
    rpo = advise(replace(scenarios.BANK, hiring=some, priorities=Priorities(control=5, cost=3))).rpo
    assert rpo.in_house_stages == (Stage.INTAKE, Stage.ASSESSMENT, Stage.INTERVIEWING, Stage.OFFER)
    assert ("priorities.control", "5") in [(b.field, b.value) for b in rpo.because]
    relaxed = advise(replace(scenarios.BANK, hiring=some, priorities=Priorities(control=2))).rpo
    assert Stage.OFFER in relaxed.provider_stages
    assert "priorities.control" not in [b.field for b in relaxed.because]
