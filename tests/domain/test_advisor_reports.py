"""The advisor against the provider's data: rate cards per prospect, versions recorded, measured medians."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from handoff.domain.advisor import actions, codec, selectors
from handoff.domain.advisor.models import AdvisorReport, AssumptionSet, RateCard
from handoff.engines.advisor import AnswerError, Answers, Measured, ProcessKind, Source
from handoff.engines.delivery_location import DeliveryLocation
from tests.advisor import scenarios
from tests.advisor.scenarios import People

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(db: None) -> People:
    return scenarios.people()


def answers(scenario: scenarios.Scenario) -> Answers:
    return codec.answers_from_data(scenario.answers)


@pytest.mark.parametrize("scenario", scenarios.ALL, ids=lambda s: s.name)
def test_each_scenario_gives_its_outcome_and_is_saved(scenario: scenarios.Scenario) -> None:
    saved, evaluation = actions.save_report(answers(scenario))
    assert evaluation.advice.verdict == scenario.verdict
    assert evaluation.advice.rpo.model == scenario.rpo_model
    stored = AdvisorReport.objects.get(pk=saved.pk)
    assert stored.advice["verdict"] == scenario.verdict
    assert codec.answers_from_data(stored.answers) == evaluation.answers  # the answers round-trip exactly


def test_without_a_rate_card_the_defaults_are_used_and_labelled_illustrative() -> None:
    saved, evaluation = actions.save_report(answers(scenarios.RETAILER))
    assert saved.rate_card is None
    assert saved.assumption_set is None
    assert evaluation.illustrative
    assert evaluation.assumptions.provider_rate_per_fte_month[DeliveryLocation.OFFSHORE] == (1400.0, 2400.0)


def test_rate_card_gives_this_prospects_nearshore_and_offshore_ranges_and_centers(cast: People) -> None:
    card = scenarios.rate_card(cast["provider_admin"])
    saved, evaluation = actions.save_report(answers(scenarios.RETAILER))
    rates = evaluation.assumptions.provider_rate_per_fte_month
    assert rates[DeliveryLocation.NEARSHORE] == (2600.0, 3800.0)  # Guadalajara is nearshore to Chicago
    assert rates[DeliveryLocation.OFFSHORE] == (1500.0, 2300.0)  # Manila is offshore
    assert saved.rate_card == card
    (service,) = evaluation.advice.processes
    assert service.follow_the_sun
    assert service.locations[0] is DeliveryLocation.NEARSHORE
    choice = evaluation.centers[0]
    assert choice.center is not None
    assert choice.center.name == "Guadalajara Center"
    assert choice.rate_low == 2600


def test_the_same_center_is_onshore_for_one_prospect_and_offshore_for_another(cast: People) -> None:
    scenarios.rate_card(cast["provider_admin"])
    _saved, bank = actions.save_report(answers(scenarios.BANK))
    payroll = bank.advice.processes[0]
    assert payroll.locations == (DeliveryLocation.ONSHORE,)  # high sensitivity and regulated
    choice = bank.centers[0]
    assert choice.center is not None
    assert choice.center.name == "Frankfurt Center"


def test_a_report_keeps_the_versions_it_used_after_new_versions(cast: People) -> None:
    admin = cast["provider_admin"]
    first_card = scenarios.rate_card(admin)
    first_set = actions.publish_assumption_set(admin, {"provider_productivity": 1.2})
    saved, before = actions.save_report(answers(scenarios.RETAILER))
    actions.publish_assumption_set(admin, {"provider_productivity": 1.5})
    line = first_card.lines.first()
    assert line is not None
    actions.publish_rate_card(
        admin,
        [{"delivery_center": line.delivery_center, "process_kind": "customer_service", "rate_low": 1, "rate_high": 2}],
    )
    assert RateCard.objects.count() == 2
    assert AssumptionSet.objects.count() == 2
    again = selectors.evaluation_of(selectors.report(saved.pk))
    assert (saved.rate_card, saved.assumption_set) == (first_card, first_set)
    assert again.advice == before.advice  # re-rendered exactly from the recorded versions
    _new, now = actions.save_report(answers(scenarios.RETAILER))
    assert now.assumptions.provider_productivity == 1.5


def test_a_rerun_with_edits_keeps_the_first_reports_versions(cast: People) -> None:
    admin = cast["provider_admin"]
    scenarios.rate_card(admin)
    saved, before = actions.save_report(answers(scenarios.RETAILER))
    actions.publish_assumption_set(admin, {"provider_productivity": 2.0})
    rerun, after = actions.save_report(before.answers, {"provider_productivity": 1.0}, based_on=saved)
    assert rerun.pk != saved.pk
    assert rerun.overrides == {"provider_productivity": 1.0}
    assert (rerun.rate_card, rerun.assumption_set) == (saved.rate_card, saved.assumption_set)
    low_before = before.advice.bpo_costs[0].provider_per_year.low
    assert after.advice.bpo_costs[0].provider_per_year.low == pytest.approx(low_before * 1.1)


def test_a_bad_assumption_is_a_validation_error_naming_it() -> None:
    with pytest.raises(ValidationError) as caught:
        actions.save_report(answers(scenarios.RETAILER), {"rpo_fee_per_hire": [5000, 100]})
    assert "rpo_fee_per_hire" in str(caught.value.message_dict["assumptions"])
    with pytest.raises(ValidationError):
        actions.save_report(answers(scenarios.RETAILER), {"no_such_assumption": 1})
    assert not AdvisorReport.objects.exists()


def test_bad_answers_name_the_question_and_save_nothing() -> None:
    bad = {**scenarios.STARTUP.answers, "business": {**scenarios.STARTUP.answers["business"], "employees": 0}}
    with pytest.raises(AnswerError) as caught:
        actions.save_report(codec.answers_from_data(bad))
    assert caught.value.field == "business.employees"
    assert not AdvisorReport.objects.exists()


# --- measured medians ----------------------------------------------------------------------------------------


def test_without_delivery_data_there_are_no_measured_medians() -> None:
    assert selectors.measured_medians() == Measured()
    _saved, evaluation = actions.save_report(answers(scenarios.STARTUP))
    assert evaluation.advice.measured_used == []


def test_medians_of_samples() -> None:
    measured = selectors.medians([30, 40, 90], {"customer_service": [0.5, 0.7, 0.9, 5.0], "payroll": []})
    assert measured.time_to_hire_days == 40
    assert measured.cost_per_transaction == {ProcessKind.CUSTOMER_SERVICE: 0.8}


def test_measured_medians_replace_the_defaults_and_say_so(cast: People, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selectors, "_time_to_hire_samples", lambda: list(enumerate([28.0, 29.0, 30.0, 33.0, 35.0])))
    monkeypatch.setattr(
        selectors, "_cost_per_transaction_samples", lambda: {"customer_service": list(enumerate([0.9, 1.0, 1.1]))}
    )
    saved, startup = actions.save_report(answers(scenarios.STARTUP))
    assert startup.advice.measured_used == ["time_to_hire_days"]
    assert startup.advice.rpo_costs is not None
    assert startup.advice.rpo_costs.time_to_hire_after.source is Source.MEASURED
    assert startup.advice.rpo_costs.time_to_hire_after.value == 30.0
    assert saved.measured["time_to_hire_days"] == 30.0
    _saved, retailer = actions.save_report(answers(scenarios.RETAILER))
    assert retailer.advice.measured_used == ["cost_per_transaction[customer_service]"]
    (costs,) = retailer.advice.bpo_costs
    assert costs.provider_source is Source.MEASURED
    assert costs.provider_per_year.low == pytest.approx(36000 * 12 * 1.0 * 0.9)
    monkeypatch.undo()
    assert selectors.evaluation_of(saved).advice.measured_used == ["time_to_hire_days"]  # stored with the report


# --- versions are provider admins' ---------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["account_manager", "recruiter", "hr_admin", "anonymous"])
def test_only_provider_admins_publish_versions(cast: People, persona: str) -> None:
    actor = AnonymousUser() if persona == "anonymous" else cast[persona]
    with pytest.raises(PermissionDenied):
        actions.publish_assumption_set(actor, {})
    with pytest.raises(PermissionDenied):
        actions.publish_rate_card(actor, [])


def test_versions_number_up_and_bad_values_are_refused(cast: People) -> None:
    admin = cast["provider_admin"]
    assert actions.publish_assumption_set(admin, {}).version == 1
    assert actions.publish_assumption_set(admin, {"loaded_cost_multiplier": 1.4}).version == 2
    with pytest.raises(ValidationError):
        actions.publish_assumption_set(admin, {"provider_productivity": 0})
    with pytest.raises(ValidationError):
        actions.publish_assumption_set(admin, {"transactions_per_fte_month": {"payroll": "many"}})
    center = scenarios.rate_card(admin).lines.first().delivery_center  # type: ignore[union-attr]
    with pytest.raises(ValidationError):
        actions.publish_rate_card(
            admin, [{"delivery_center": center, "process_kind": "payroll", "rate_low": 10, "rate_high": 5}]
        )
    twice = {"delivery_center": center, "process_kind": "payroll", "rate_low": 1, "rate_high": 5}
    with pytest.raises(ValidationError):
        actions.publish_rate_card(admin, [twice, twice])
    assert RateCard.objects.count() == 1
