"""A requisition (what a client asks for), its weights, and how it becomes a query.

Hard filters remove a candidate before scoring: knock-out flags, work
authorisation, required languages, onsite country, and for remote roles a
time-zone window. Everything else is a factor in ``[0, 1]``; the score is the
weighted sum of factors divided by the sum of the weights, so it is in
``[0, 1]`` too and each factor's share is its contribution.

Default weights (``Weights()``), per factor:

==================  =====  ==================================================
lexical             0.25   BM25 of the requisition text over the profile text
required_skills     0.30   share of required skills held (related ones partly)
preferred_skills    0.10   share of preferred skills held (related ones partly)
title               0.10   occupation match (related occupations partly)
experience          0.10   years against the requisition's range
location            0.05   same city / country / relocation, or time-zone fit
salary              0.05   expected pay against the budget
languages           0.05   share of preferred languages spoken
==================  =====  ==================================================

A client changes them with ``Weights.from_mapping({...})``; a weight of 0 turns
a factor off.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

FACTORS = (
    "lexical",
    "required_skills",
    "preferred_skills",
    "title",
    "experience",
    "location",
    "salary",
    "languages",
)


@dataclass(frozen=True, slots=True)
class Weights:
    """Relative weight of each factor (see the module docstring)."""

    lexical: float = 0.25
    required_skills: float = 0.30
    preferred_skills: float = 0.10
    title: float = 0.10
    experience: float = 0.10
    location: float = 0.05
    salary: float = 0.05
    languages: float = 0.05

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if not (isinstance(value, int | float) and value >= 0 and value == value and value != float("inf")):
                raise ValueError(f"weight {item.name} must be a finite number ≥ 0, not {value!r}")
        if self.total() == 0:
            raise ValueError("at least one weight must be above 0")

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> Weights:
        """Defaults overridden by ``values``; an unknown factor name is an error, not ignored."""
        unknown = sorted(set(values) - set(FACTORS))
        if unknown:
            raise ValueError(f"unknown weight(s) {', '.join(unknown)}; known: {', '.join(FACTORS)}")
        return cls(**{name: float(value) for name, value in values.items()})

    def as_dict(self) -> dict[str, float]:
        return {name: float(getattr(self, name)) for name in FACTORS}

    def total(self) -> float:
        return sum(self.as_dict().values())


@dataclass(frozen=True, slots=True)
class Requisition:
    """What a client asks for. Skill ids and occupation codes use the same scheme as the profiles.

    ``remote`` roles are filtered and scored on time zones (``tz_window`` = the
    acceptable UTC offsets, inclusive); onsite roles on ``country`` and ``city``.
    ``salary_max`` is the annual budget in the profiles' currency. ``knockouts`` are
    flags a candidate must all hold; with ``any_flags`` they must hold at least one of
    those (e.g. "shared with every client" or "sourced for this client").
    """

    text: str = ""
    required_skills: tuple[str, ...] = ()
    preferred_skills: tuple[str, ...] = ()
    occupations: tuple[str, ...] = ()
    min_years: float | None = None
    max_years: float | None = None
    remote: bool = False
    country: str | None = None
    city: str | None = None
    tz_window: tuple[float, float] | None = None
    salary_max: float | None = None
    required_languages: tuple[str, ...] = ()
    preferred_languages: tuple[str, ...] = ()
    work_authorisation: str | None = None
    knockouts: tuple[str, ...] = ()
    any_flags: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.min_years is not None and self.max_years is not None and self.min_years > self.max_years:
            raise ValueError("min_years is above max_years")
        if self.tz_window is not None and self.tz_window[0] > self.tz_window[1]:
            raise ValueError("tz_window must be (earliest offset, latest offset)")


@dataclass(frozen=True, slots=True)
class Query:
    """A requisition ready to rank: weights, blind mode and the taxonomy's neighbourhoods as plain mappings.

    ``related_skills[s]`` maps skills related to ``s`` to a similarity in ``(0, 1]``;
    a candidate holding only a related skill gets ``related_credit × similarity`` of
    the skill (the best one counts). ``related_occupations`` works the same way for titles.
    With ``skill_rarity`` each wanted skill counts in its coverage factor by its rarity in
    the pool (idf), not equally.
    """

    requisition: Requisition
    weights: Weights = field(default_factory=Weights)
    related_skills: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    related_occupations: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    related_credit: float = 0.5
    top: int = 50
    skill_rarity: bool = True

    def __post_init__(self) -> None:
        if not 0 <= self.related_credit <= 1:
            raise ValueError("related_credit must be within [0, 1]")
        if self.top < 1:
            raise ValueError("top must be at least 1")


# Seniority words of the JSON Resume job schema's "experience" field → minimum years.
SENIORITY_YEARS = {
    "intern": 0.0,
    "entry": 0.0,
    "junior": 1.0,
    "mid": 3.0,
    "intermediate": 3.0,
    "senior": 5.0,
    "lead": 7.0,
    "principal": 8.0,
    "executive": 10.0,
}
_YEARS = re.compile(r"(\d{1,2})\s*\+?\s*(?:-|to|–)?\s*(\d{1,2})?\s*\+?\s*years?", re.I)


def years_asked(text: str) -> float | None:
    """The smallest "N years" (or "N+ years") a requisition text asks for, if any."""
    found = [float(match.group(1)) for match in _YEARS.finditer(text)]
    return min(found) if found else None


def job_text(job: Mapping[str, Any]) -> str:
    """All searchable text of a JSON Resume job dict."""
    parts = [str(job.get(key, "")) for key in ("title", "description")]
    for key in ("responsibilities", "qualifications"):
        parts += [str(item) for item in job.get(key, []) or []]
    for skill in job.get("skills", []) or []:
        parts += [str(skill.get("name", "")), *map(str, skill.get("keywords", []) or [])]
    return "\n".join(part for part in parts if part)


def job_skill_texts(job: Mapping[str, Any]) -> list[str]:
    """Skill phrases of a JSON Resume job: each skill's keywords, or its name when it has none."""
    found: list[str] = []
    for skill in job.get("skills", []) or []:
        keywords = [str(item) for item in skill.get("keywords", []) or []]
        found += keywords or [str(skill.get("name", ""))]
    return [text for text in found if text.strip()]


def requisition_from_job(
    job: Mapping[str, Any],
    *,
    required_skills: Iterable[str] = (),
    preferred_skills: Iterable[str] = (),
    occupations: Iterable[str] = (),
) -> Requisition:
    """A ``Requisition`` from a JSON Resume job dict (see ``/work/shared/data/jsonresume/job-schema.json``).

    Skill ids and occupation codes are passed in already normalised. Minimum
    years come from "N+ years" in the qualifications (else in the description),
    else from the seniority word of ``experience``. ``salary`` is read as the annual budget when it is a number.
    Remote "Full" means remote (no time-zone window is in the schema); otherwise
    the job's country and city apply.
    """
    if not isinstance(job, Mapping):
        raise ValueError("a job must be a JSON object")
    text = job_text(job)
    location = job.get("location", {}) or {}
    remote = str(job.get("remote", "")).strip().lower() in {"full", "remote", "yes", "true"}
    min_years = years_asked("\n".join(map(str, job.get("qualifications", []) or [])))
    if min_years is None:
        min_years = years_asked(str(job.get("description", "")))
    if min_years is None:
        level = str(job.get("experience", "")).lower()
        min_years = next((years for word, years in SENIORITY_YEARS.items() if word in level), None)
    return Requisition(
        text=text,
        required_skills=tuple(dict.fromkeys(required_skills)),
        preferred_skills=tuple(dict.fromkeys(preferred_skills)),
        occupations=tuple(dict.fromkeys(occupations)),
        min_years=min_years,
        remote=remote,
        country=None if remote else (str(location.get("countryCode", "")).lower() or None),
        city=None if remote else (str(location.get("city", "")).lower() or None),
        salary_max=_salary(job.get("salary")),
    )


def _salary(value: Any) -> float | None:
    digits = re.sub(r"[^\d.]", "", str(value or ""))
    try:
        return float(digits) if digits else None
    except ValueError:
        return None
