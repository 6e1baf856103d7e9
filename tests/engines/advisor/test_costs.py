from dataclasses import replace

import pytest

from handoff.engines.advisor import (
    Answers,
    Assumptions,
    Business,
    Collaboration,
    Coverage,
    Hiring,
    Measured,
    Process,
    ProcessKind,
    RpoModel,
    Service,
    Source,
    advise,
)
from handoff.engines.delivery_location import DeliveryLocation
from tests.engines.advisor import scenarios

# A US company: loaded cost 65,000 → salary 65,000 / 1.3 = 50,000.
HYBRID = Answers(
    business=Business("US", "America/New_York", "logistics", 1_000),
    hiring=Hiring(hires_per_year=100, recruiters=1, hr_collaboration=Collaboration.SOME),
    services=frozenset({Service.RPO}),
)


def test_cost_per_hire_before_follows_ansi_shrm_by_hand() -> None:
    costs = advise(HYBRID).rpo_costs
    assert costs is not None
    assert costs.model is RpoModel.HYBRID
    # external: 100 × 400 ads + (100 − 1 × 40) agency hires × 20 % × 50,000 = 40,000 + 600,000
    assert costs.before.external == pytest.approx(640_000)
    # internal: 1 recruiter × 75,000 + 100 hires × 20 h × 60 = 75,000 + 120,000
    assert costs.before.internal == pytest.approx(195_000)
    assert costs.cost_per_hire_before == pytest.approx(8_350)
    assert costs.cost_per_hire_before_source is Source.DEFAULT


def test_cost_per_hire_after_hybrid_by_hand() -> None:
    costs = advise(HYBRID).rpo_costs
    assert costs is not None
    # external low: 40,000 ads + 2,500 × 0.6 × 100 = 190,000; internal unchanged 195,000
    assert costs.cost_per_hire_after.low == pytest.approx(3_850)
    # external high: 40,000 + 4,500 × 0.6 × 100 = 310,000
    assert costs.cost_per_hire_after.high == pytest.approx(5_050)


def test_vacancy_and_turnover_by_hand() -> None:
    costs = advise(HYBRID).rpo_costs
    assert costs is not None
    assert costs.time_to_hire_before.value == 44
    assert costs.time_to_hire_after.value == pytest.approx(33)
    # 100 hires × 11 days × 50,000 / 260 per day
    assert costs.vacancy_cost_saved == pytest.approx(100 * 11 * 50_000 / 260)
    # 100 hires × 20 % leave × 33 % of 50,000; RPO cuts turnover by 15 %
    assert costs.turnover_cost_before == pytest.approx(330_000)
    assert costs.turnover_cost_saved == pytest.approx(49_500)


def test_known_cost_per_hire_is_used_and_labelled_as_the_answer() -> None:
    assert HYBRID.hiring is not None
    answers = replace(HYBRID, hiring=replace(HYBRID.hiring, cost_per_hire=6_000))
    costs = advise(answers).rpo_costs
    assert costs is not None
    assert costs.cost_per_hire_before == 6_000
    assert costs.cost_per_hire_before_source is Source.ANSWER


def test_enterprise_drops_in_house_recruiters_and_charges_every_hire() -> None:
    answers = Answers(
        business=Business("US", "America/New_York", "logistics", 1_500),
        hiring=Hiring(hires_per_year=200, recruiters=0, hr_collaboration=Collaboration.NONE),
        services=frozenset({Service.RPO}),
    )
    costs = advise(answers).rpo_costs
    assert costs is not None
    assert costs.model is RpoModel.ENTERPRISE
    assert costs.after_low.external == pytest.approx(200 * 400 + 200 * 2_500)
    assert costs.after_low.internal == pytest.approx(200 * 20 * 60)


def test_changed_assumptions_replace_the_defaults() -> None:
    cheaper = replace(Assumptions(), recruiter_cost_per_year=50_000, agency_fee_share_of_salary=0.1)
    costs = advise(HYBRID, cheaper).rpo_costs
    assert costs is not None
    assert costs.before.internal == pytest.approx(50_000 + 120_000)
    assert costs.before.external == pytest.approx(40_000 + 60 * 0.1 * 50_000)
    rows = {row.name: row.value for row in advise(HYBRID, cheaper).assumptions}
    assert rows["recruiter_cost_per_year"] == 50_000


def test_measured_time_to_hire_replaces_the_default_and_says_so() -> None:
    advice = advise(HYBRID, measured=Measured(time_to_hire_days=29))
    assert advice.rpo_costs is not None
    after = advice.rpo_costs.time_to_hire_after
    assert (after.value, after.source) == (29, Source.MEASURED)
    assert advice.measured_used == ["time_to_hire_days"]
    assert advice.rpo_costs.vacancy_cost_saved == pytest.approx(100 * 15 * 50_000 / 260)
    assert advise(HYBRID).measured_used == []


SERVICE = Answers(
    business=Business("US", "America/New_York", "retail", 500),
    processes=(Process(ProcessKind.CUSTOMER_SERVICE, True, monthly_volume=9_000, coverage=Coverage.ALWAYS),),
    services=frozenset({Service.BPO}),
)


def test_bpo_cost_from_rate_cards_by_hand() -> None:
    (costs,) = advise(SERVICE).bpo_costs
    # 9,000 contacts / 1,800 per FTE = 5 FTE in-house at 65,000 a year
    assert costs.fte == pytest.approx(5)
    assert costs.in_house_per_year == pytest.approx(325_000)
    assert costs.location is DeliveryLocation.NEARSHORE  # follow-the-sun, nearshore first
    provider_fte = 5 / 1.1
    assert costs.provider_per_year.low == pytest.approx(provider_fte * 12 * 2_800)
    assert costs.provider_per_year.high == pytest.approx(provider_fte * 12 * 4_200)
    assert costs.provider_source is Source.DEFAULT
    assert costs.savings_per_year.low == pytest.approx(325_000 - provider_fte * 12 * 4_200)


def test_measured_cost_per_transaction_replaces_the_rate_card_and_says_so() -> None:
    measured = Measured(cost_per_transaction={ProcessKind.CUSTOMER_SERVICE: 1.5})
    advice = advise(SERVICE, measured=measured)
    (costs,) = advice.bpo_costs
    assert costs.provider_source is Source.MEASURED
    assert costs.provider_per_year.low == pytest.approx(9_000 * 12 * 1.5 * 0.9)
    assert costs.provider_per_year.high == pytest.approx(9_000 * 12 * 1.5 * 1.1)
    assert advice.measured_used == ["cost_per_transaction[customer_service]"]


def test_onshore_rate_is_a_share_of_in_house_cost_with_night_premium_for_24x7() -> None:
    (payroll_costs, _support) = advise(scenarios.BANK).bpo_costs
    # Germany 60,000 a year; payroll 3 FTE; 24x7 not asked for payroll → no premium
    assert payroll_costs.location is DeliveryLocation.ONSHORE
    assert payroll_costs.provider_per_year.low == pytest.approx(3 / 1.1 * 0.85 * 60_000)
    assert payroll_costs.provider_per_year.high == pytest.approx(3 / 1.1 * 1.05 * 60_000)


def test_country_without_a_cost_uses_the_other_countries_default() -> None:
    answers = replace(SERVICE, business=Business("BR", "America/Sao_Paulo", "retail", 500))
    (costs,) = advise(answers).bpo_costs
    assert costs.in_house_per_year == pytest.approx(5 * 45_000)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"onshore_rate_factor": (1.2, 0.9)}, "low ≤ high"),
        ({"recruiter_cost_per_year": -1}, "cannot be negative"),
        ({"provider_productivity": 0}, "must be > 0"),
        ({"provider_rate_per_fte_month": {}}, "needs rates"),
    ],
)
def test_bad_assumptions_are_refused(change, message) -> None:
    with pytest.raises(ValueError, match=message):
        replace(Assumptions(), **change)


def test_bad_measured_values_are_refused() -> None:
    with pytest.raises(ValueError, match="time_to_hire_days"):
        Measured(time_to_hire_days=0)
    with pytest.raises(ValueError, match="cost_per_transaction"):
        Measured(cost_per_transaction={ProcessKind.PAYROLL: -2})
