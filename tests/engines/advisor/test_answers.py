from dataclasses import replace
from typing import Any

import pytest

from handoff.engines.advisor import (
    AnswerError,
    Answers,
    Business,
    Hiring,
    Priorities,
    Process,
    ProcessKind,
    Sensitivity,
    advise,
)
from tests.engines.advisor import scenarios

BANK = scenarios.BANK


def _hiring(**change: Any) -> Answers:
    assert BANK.hiring is not None
    return replace(BANK, hiring=replace(BANK.hiring, **change))


def _process(**change: Any) -> Answers:
    return replace(BANK, processes=(replace(BANK.processes[0], **change),))


def _business(**change: Any) -> Answers:
    return replace(BANK, business=replace(BANK.business, **change))


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        (_business(employees=0), "business.employees", "at least 1"),
        (_business(country="Germany"), "business.country", "two-letter country code"),
        (_business(time_zone="Mars/Olympus"), "business.time_zone", "unknown time zone"),
        (_hiring(hires_per_year=-1), "hiring.hires_per_year", "cannot be negative"),
        (_hiring(hires_per_year=9_001), "hiring.hires_per_year", "more than 3 times your 3000 employees"),
        (_hiring(peak_quarter_share=1.5), "hiring.peak_quarter_share", "between 0 and 1"),
        (_hiring(peak_quarter_share=0.1), "hiring.peak_quarter_share", "at least a quarter"),
        (_hiring(hard_to_fill_share=-0.1), "hiring.hard_to_fill_share", "between 0 and 1"),
        (_hiring(time_to_hire_days=0), "hiring.time_to_hire_days", "greater than 0"),
        (_hiring(cost_per_hire=-5), "hiring.cost_per_hire", "greater than 0"),
        (_hiring(recruiters=-1), "hiring.recruiters", "cannot be negative"),
        (_hiring(recruiters=3_001), "hiring.recruiters", "cannot exceed"),
        (replace(BANK, hiring=None), "hiring", "hiring questions"),
        (replace(BANK, processes=()), "processes", "at least one process"),
        (_process(monthly_volume=None, in_house_fte=None), "processes[0].monthly_volume", "volume or the in-house FTE"),
        (_process(monthly_volume=-3, in_house_fte=None), "processes[0].monthly_volume", "cannot be negative"),
        (_process(in_house_fte=-1), "processes[0].in_house_fte", "cannot be negative"),
        (_process(languages=()), "processes[0].languages", "at least one language"),
        (_process(languages=("English",)), "processes[0].languages", "two-letter language code"),
        (replace(BANK, priorities=Priorities(cost=6)), "priorities.cost", "between 0 and 5"),
        (replace(BANK, priorities=Priorities(control=-1)), "priorities.control", "between 0 and 5"),
    ],
)
def test_bad_answers_name_the_question(answers, field, message) -> None:
    with pytest.raises(AnswerError, match=message) as raised:
        advise(answers)
    assert raised.value.field == field
    assert isinstance(raised.value, ValueError)


def test_processes_are_optional_when_bpo_is_not_asked() -> None:
    assert advise(scenarios.SMALL_STARTUP).processes == []


def test_hiring_is_optional_when_rpo_is_not_asked() -> None:
    answers = replace(scenarios.RETAILER_SERVICE, hiring=None)
    assert advise(answers).rpo.model is None


def test_high_sensitivity_with_control_priority_keeps_the_process_in_house() -> None:
    answers = Answers(
        business=Business("US", "America/New_York", "health", 800),
        hiring=Hiring(hires_per_year=0),
        processes=(Process(ProcessKind.DATA_ENTRY, False, in_house_fte=4, sensitivity=Sensitivity.HIGH),),
        priorities=Priorities(control=5),
    )
    advice = advise(answers)
    assert not advice.processes[0].outsource
    assert {b.field for b in advice.processes[0].because} == {"processes[0].sensitivity", "priorities.control"}
