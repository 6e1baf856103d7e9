"""Interview plan validation: every problem reported with its field path."""

from dataclasses import replace
from datetime import timedelta

import pytest

from handoff.engines.interviews.plan import (
    CULTURE_FIT,
    POTENTIAL,
    Competency,
    CompetencySource,
    InterviewerSide,
    InterviewPlan,
    PlannedInterviewer,
    PlannedRound,
    RoundKind,
    ensure_valid_plan,
    skill_competency,
    validate_plan,
)
from handoff.engines.interviews.problems import InvalidInput

ANA = PlannedInterviewer("ana", "Ana Reyes", InterviewerSide.CLIENT)
RITA = PlannedInterviewer("rita", "Rita Recruiter", InterviewerSide.PROVIDER)
OBSERVER = PlannedInterviewer("obs", "Observer", InterviewerSide.CLIENT, required=False)

SCREEN = PlannedRound(RoundKind.PHONE_SCREEN, "Phone screen", timedelta(minutes=30), (RITA,), (POTENTIAL,))
TECHNICAL = PlannedRound(
    RoundKind.TECHNICAL,
    "Technical",
    timedelta(minutes=60),
    (ANA, OBSERVER),
    (skill_competency("Python"), skill_competency("PostgreSQL"), CULTURE_FIT),
)
PLAN = InterviewPlan("req-1", frozenset({"Python", "PostgreSQL"}), (SCREEN, TECHNICAL))


def test_a_sound_plan_passes() -> None:
    assert validate_plan(PLAN) == []
    assert ensure_valid_plan(PLAN) is PLAN
    assert PLAN.total_duration == timedelta(minutes=90)
    assert TECHNICAL.required_interviewers == (ANA,)


@pytest.mark.parametrize(
    ("round_changes", "field", "message"),
    [
        ({"duration": timedelta(0)}, "rounds[1].duration", "5 to 480 whole minutes"),
        ({"duration": timedelta(minutes=30, seconds=30)}, "rounds[1].duration", "whole minutes"),
        ({"duration": timedelta(hours=9)}, "rounds[1].duration", "5 to 480"),
        ({"interviewers": (OBSERVER,)}, "rounds[1].interviewers", "at least one required interviewer"),
        ({"interviewers": (ANA, ANA)}, "rounds[1].interviewers", "interviewer ana is listed twice"),
        ({"competencies": ()}, "rounds[1].competencies", "at least one competency"),
        ({"competencies": (POTENTIAL, POTENTIAL)}, "rounds[1].competencies", "potential is listed twice"),
        ({"competencies": (skill_competency("Rust"),)}, "rounds[1].competencies", "'Rust' is not a skill"),
        (
            {"competencies": (Competency("c", " ", CompetencySource.CUSTOM),)},
            "rounds[1].competencies",
            "custom competency needs a label",
        ),
        ({"title": "  "}, "rounds[1].title", "title"),
    ],
)
def test_each_rule_reports_its_field(round_changes: dict[str, object], field: str, message: str) -> None:
    plan = replace(PLAN, rounds=(SCREEN, replace(TECHNICAL, **round_changes)))  # type: ignore[arg-type]
    problems = validate_plan(plan)
    assert [p.field for p in problems] == [field]
    assert message in problems[0].message


def test_all_problems_are_raised_together() -> None:
    broken = replace(TECHNICAL, duration=timedelta(0), interviewers=())
    with pytest.raises(InvalidInput) as raised:
        ensure_valid_plan(replace(PLAN, rounds=(broken,)))
    assert {p.field for p in raised.value.problems} == {"rounds[0].duration", "rounds[0].interviewers"}


def test_a_plan_needs_rounds_but_not_too_many() -> None:
    assert validate_plan(replace(PLAN, rounds=()))[0].field == "rounds"
    assert validate_plan(replace(PLAN, rounds=(SCREEN,) * 11))[0].message == "at most 10 rounds"
