"""Plain JSON ↔ the advisor engine's dataclasses: answers round-trip exactly; bad values name their question."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given

from handoff.domain.advisor import codec
from handoff.engines.advisor import AnswerError, Answers, Assumptions, advise
from tests.advisor import scenarios
from tests.engines.advisor.test_properties import answers as any_answers


@given(any_answers())
def test_answers_round_trip_through_json(answers: Answers) -> None:
    data = json.loads(json.dumps(codec.answers_to_data(answers)))
    assert codec.answers_from_data(data) == answers


@given(any_answers())
def test_advice_is_plain_json(answers: Answers) -> None:
    data = codec.advice_to_data(advise(answers))
    assert json.loads(json.dumps(data)) == data
    assert data["verdict"] in {"bpo", "rpo", "both", "neither"}
    for row in data["bpo_costs"]:
        assert row["savings_per_year"]["low"] <= row["savings_per_year"]["high"]


def _with(path: str, value: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(scenarios.BANK.answers))
    section, _, key = path.partition(".")
    if key:
        target = data[section][0] if section == "processes" else data[section]
        target[key] = value
    else:
        data[section] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        ("business.country", "ZZ", "business.country"),
        ("business.employees", 2.5, "business.employees"),
        ("business.employees", None, "business.employees"),
        ("business.employees", float("nan"), "business.employees"),
        ("business.employees", True, "business.employees"),
        ("hiring.hires_per_year", "lots", "hiring.hires_per_year"),
        ("hiring.hr_collaboration", "always", "hiring.hr_collaboration"),
        ("processes.kind", "legal", "processes[0].kind"),
        ("processes.regulated", "perhaps", "processes[0].regulated"),
        ("processes.coverage", "weekends", "processes[0].coverage"),
        ("services", [], "services"),
        ("services", "bpo", "services"),
        ("business", "Acme", "business"),
        ("processes", {"kind": "payroll"}, "processes"),
    ],
)
def test_bad_values_name_their_question(path: str, value: Any, field: str) -> None:
    with pytest.raises(AnswerError) as caught:
        codec.answers_from_data(_with(path, value))
    assert caught.value.field == field


def test_languages_may_be_typed_as_text() -> None:
    data = _with("processes.languages", "DE, fr")
    assert codec.answers_from_data(data).processes[0].languages == ("de", "fr")


def test_assumption_values_merge_into_mappings_and_replace_the_rest() -> None:
    base = Assumptions()
    changed = codec.apply_values(
        base,
        {
            "in_house_cost_per_fte_year": {"de": 70000},
            "provider_rate_per_fte_month": {"offshore": [1000, 2000]},
            "offshore_languages": ["en", "tl"],
            "rpo_fee_per_hire": [2000, 3000],
            "first_year_turnover": 0.3,
        },
    )
    assert changed.in_house_cost_per_fte_year["DE"] == 70000
    assert changed.in_house_cost_per_fte_year["US"] == base.in_house_cost_per_fte_year["US"]
    assert changed.provider_rate_per_fte_month["offshore"] == (1000.0, 2000.0)  # type: ignore[index]
    assert changed.provider_rate_per_fte_month["nearshore"] == base.provider_rate_per_fte_month["nearshore"]  # type: ignore[index]
    assert changed.offshore_languages == frozenset({"en", "tl"})
    assert changed.rpo_fee_per_hire == (2000.0, 3000.0)
    assert changed.first_year_turnover == 0.3


@pytest.mark.parametrize(
    "values",
    [
        {"nonsense": 1},
        {"rpo_fee_per_hire": [3000]},
        {"provider_rate_per_fte_month": {"moon": [1, 2]}},
        {"first_year_turnover": "high"},
        {"first_year_turnover": -0.1},
        {"working_days_per_year": float("inf")},
    ],
)
def test_bad_assumption_values_are_value_errors(values: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=next(iter(values))):
        codec.apply_values(Assumptions(), values)
