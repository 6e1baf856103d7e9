"""The indexed candidate profile, built from a JSON Resume plus normalised ids.

A ``Profile`` holds only what may influence a score. Personal signals (name,
photo, e-mail, phone, age, gender) are never part of it: ``profile_from_resume``
removes the name and contact details from the text, and the tokenizer drops
gender and age words. Those details live in a separate ``Card`` for the screen,
and ``Card.visible(blind=True)`` hides them there too.

Skill ids and occupation codes come from the taxonomy's normaliser (or any
caller-chosen scheme); the engine treats them as opaque strings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from handoff.engines.matching.text import redact

JsonDict = dict[str, Any]
Json = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Profile:
    """What the score may look at for one candidate.

    ``tz_offset`` is hours from UTC; ``salary`` is the expected annual pay in the
    requisitions' currency; ``languages`` and ``work_authorisations`` are lowercase
    codes or names (``"en"``, ``"us"``); ``flags`` are knock-out answers that are yes
    (``"drivers_licence"``, ``"night_shifts"``).
    """

    id: str
    text: str
    skills: frozenset[str] = frozenset()
    occupations: frozenset[str] = frozenset()
    years: float | None = None
    country: str | None = None
    city: str | None = None
    tz_offset: float | None = None
    salary: float | None = None
    languages: frozenset[str] = frozenset()
    work_authorisations: frozenset[str] = frozenset()
    flags: frozenset[str] = frozenset()
    relocate: bool = False

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError("a profile needs an id")


@dataclass(frozen=True, slots=True)
class Card:
    """What a recruiter sees about a candidate besides the explanation."""

    id: str
    name: str = ""
    label: str = ""
    email: str = ""
    phone: str = ""
    picture: str = ""
    location: str = ""
    personal: Mapping[str, str] = field(default_factory=dict)

    def visible(self, blind: bool) -> JsonDict:
        """The card as shown; blind mode keeps only the id, headline and location."""
        shown: JsonDict = {"id": self.id, "label": self.label, "location": self.location}
        if not blind:
            shown |= {"name": self.name, "email": self.email, "phone": self.phone, "picture": self.picture}
            shown |= dict(self.personal)
        return shown


def resume_text(resume: Json) -> str:
    """The searchable text of a JSON Resume: ``meta.handoff.text`` when the parser kept it, else its fields."""
    kept = resume.get("meta", {}).get("handoff", {}).get("text")
    if isinstance(kept, str) and kept.strip():
        return kept
    parts: list[str] = []
    basics = resume.get("basics", {})
    parts += [str(basics.get("label", "")), str(basics.get("summary", ""))]
    for entry in resume.get("work", []):
        parts += [str(entry.get(key, "")) for key in ("position", "name", "summary")]
        parts += [str(item) for item in entry.get("highlights", [])]
    for entry in resume.get("education", []):
        parts += [str(entry.get(key, "")) for key in ("studyType", "area", "institution")]
    for entry in resume.get("skills", []):
        parts += [str(entry.get("name", "")), *map(str, entry.get("keywords", []))]
    for entry in resume.get("projects", []) + resume.get("certificates", []):
        parts += [str(entry.get("name", "")), str(entry.get("description", ""))]
    return "\n".join(part for part in parts if part)


def resume_skill_texts(resume: Json) -> list[str]:
    """The skill phrases a resume states (names and keywords), for the normaliser."""
    found: list[str] = []
    for entry in resume.get("skills", []):
        found += [str(entry.get("name", "")), *map(str, entry.get("keywords", []))]
    return [text for text in found if text.strip()]


def resume_titles(resume: Json) -> list[str]:
    """Job titles held, most recent first (the parser lists work newest first), headline first."""
    titles = [str(resume.get("basics", {}).get("label", ""))]
    titles += [str(entry.get("position", "")) for entry in resume.get("work", [])]
    return [title for title in titles if title.strip()]


def profile_from_resume(
    profile_id: str,
    resume: Json,
    *,
    skills: Iterable[str] = (),
    occupations: Iterable[str] = (),
    **facts: Any,
) -> Profile:
    """A ``Profile`` from a JSON Resume dict, with the name and contacts redacted from its text.

    ``skills`` and ``occupations`` are the normalised ids of the resume's skills and
    titles; ``facts`` sets the other ``Profile`` fields (salary, tz_offset, flags …).
    Years of experience default to the parser's ``meta.handoff.yearsOfExperience``;
    country, city and languages to the resume's own fields.
    """
    basics = resume.get("basics", {})
    location = basics.get("location", {}) or {}
    handoff_meta = resume.get("meta", {}).get("handoff", {})
    defaults: JsonDict = {
        "years": _float_or_none(handoff_meta.get("yearsOfExperience")),
        "country": _lower_or_none(location.get("countryCode")),
        "city": _lower_or_none(location.get("city")),
        "languages": frozenset(
            str(entry.get("language", "")).strip().lower() for entry in resume.get("languages", []) if entry
        )
        - {""},
    }
    names = [str(basics.get("name", ""))]
    return Profile(
        id=profile_id,
        text=redact(resume_text(resume), names),
        skills=frozenset(skills),
        occupations=frozenset(occupations),
        **(defaults | facts),
    )


def card_from_resume(profile_id: str, resume: Json) -> Card:
    """The screen card of a JSON Resume (personal details kept apart from the profile)."""
    basics = resume.get("basics", {})
    location = basics.get("location", {}) or {}
    place = ", ".join(str(location[key]) for key in ("city", "region", "countryCode") if location.get(key))
    return Card(
        id=profile_id,
        name=str(basics.get("name", "")),
        label=str(basics.get("label", "")),
        email=str(basics.get("email", "")),
        phone=str(basics.get("phone", "")),
        picture=str(basics.get("image", "")),
        location=place,
    )


def _float_or_none(value: Any) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


def _lower_or_none(value: Any) -> str | None:
    return str(value).strip().lower() or None if value else None
