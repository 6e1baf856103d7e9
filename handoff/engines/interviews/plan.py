"""Interview plans: per requisition, ordered rounds with duration, interviewers and competencies.

Validation rules (:func:`validate_plan` returns every problem; :func:`ensure_valid_plan` raises):

* at least one round, at most 10;
* each round: a title, a duration of 5–480 minutes in whole minutes, at least one *required*
  interviewer, no interviewer listed twice, at least one competency, competency keys unique
  within the round;
* a ``SKILL`` competency must name a skill of the requisition (the skills the plan was built for);
  a ``CUSTOM`` competency needs a label;
* the same interviewer may sit on several rounds (the scheduler keeps their rounds apart).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from handoff.engines.interviews.problems import Problem, ensure

MAX_ROUNDS = 10
MIN_DURATION = timedelta(minutes=5)
MAX_DURATION = timedelta(hours=8)


class RoundKind(StrEnum):
    PHONE_SCREEN = "phone_screen"
    TECHNICAL = "technical"
    PANEL = "panel"
    CULTURE = "culture"
    FINAL = "final"


class CompetencySource(StrEnum):
    SKILL = "skill"
    CULTURE_FIT = "culture_fit"
    POTENTIAL = "potential"
    CUSTOM = "custom"


class InterviewerSide(StrEnum):
    PROVIDER = "provider"
    CLIENT = "client"


@dataclass(frozen=True)
class Competency:
    key: str
    label: str
    source: CompetencySource


@dataclass(frozen=True)
class PlannedInterviewer:
    person_id: str
    name: str
    side: InterviewerSide
    required: bool = True


@dataclass(frozen=True)
class PlannedRound:
    kind: RoundKind
    title: str
    duration: timedelta
    interviewers: tuple[PlannedInterviewer, ...]
    competencies: tuple[Competency, ...]

    @property
    def required_interviewers(self) -> tuple[PlannedInterviewer, ...]:
        return tuple(i for i in self.interviewers if i.required)


@dataclass(frozen=True)
class InterviewPlan:
    requisition_id: str
    requisition_skills: frozenset[str]
    rounds: tuple[PlannedRound, ...]

    @property
    def total_duration(self) -> timedelta:
        return sum((r.duration for r in self.rounds), timedelta(0))


def skill_competency(skill: str) -> Competency:
    """A competency assessing one requisition skill (key ``skill:<name>``)."""
    return Competency(f"skill:{skill}", skill, CompetencySource.SKILL)


CULTURE_FIT = Competency("culture_fit", "Culture fit", CompetencySource.CULTURE_FIT)
POTENTIAL = Competency("potential", "Potential", CompetencySource.POTENTIAL)


def validate_plan(plan: InterviewPlan) -> list[Problem]:
    """Every problem of ``plan`` (empty when valid)."""
    problems: list[Problem] = []
    if not plan.rounds:
        problems.append(Problem("rounds", "add at least one round"))
    if len(plan.rounds) > MAX_ROUNDS:
        problems.append(Problem("rounds", f"at most {MAX_ROUNDS} rounds"))
    for index, planned in enumerate(plan.rounds):
        problems.extend(_round_problems(f"rounds[{index}]", planned, plan.requisition_skills))
    return problems


def ensure_valid_plan(plan: InterviewPlan) -> InterviewPlan:
    """``plan`` itself, or :class:`~handoff.engines.interviews.problems.InvalidInput`."""
    ensure(validate_plan(plan))
    return plan


def _round_problems(path: str, planned: PlannedRound, skills: frozenset[str]) -> list[Problem]:
    problems: list[Problem] = []
    if not planned.title.strip():
        problems.append(Problem(f"{path}.title", "give the round a title"))
    if planned.duration % timedelta(minutes=1) or not MIN_DURATION <= planned.duration <= MAX_DURATION:
        problems.append(Problem(f"{path}.duration", "duration must be 5 to 480 whole minutes"))
    if not planned.required_interviewers:
        problems.append(Problem(f"{path}.interviewers", "at least one required interviewer"))
    ids = [i.person_id for i in planned.interviewers]
    for duplicate in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(Problem(f"{path}.interviewers", f"interviewer {duplicate} is listed twice"))
    if not planned.competencies:
        problems.append(Problem(f"{path}.competencies", "assess at least one competency"))
    keys = [c.key for c in planned.competencies]
    for duplicate in sorted({k for k in keys if keys.count(k) > 1}):
        problems.append(Problem(f"{path}.competencies", f"competency {duplicate} is listed twice"))
    for competency in planned.competencies:
        if competency.source is CompetencySource.SKILL and competency.label not in skills:
            problems.append(
                Problem(f"{path}.competencies", f"skill {competency.label!r} is not a skill of the requisition")
            )
        if competency.source is CompetencySource.CUSTOM and not competency.label.strip():
            problems.append(Problem(f"{path}.competencies", "a custom competency needs a label"))
    return problems
