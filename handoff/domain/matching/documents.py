"""Candidates and requisitions as the engine's ``Profile`` and ``Query``.

Skills and occupations go through the imported taxonomy (``taxonomy`` app) when there is one,
else through raw lowercase skill names (no occupations, no related skills). A profile carries
only what may be scored: never the name, contact details, photo, age or gender.
A candidate who has not agreed to be shared carries the flag of the client it was sourced
for only, and a requisition lets through the shared ones and its own client's (``any_flags``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from handoff.domain.recruiting.models import Candidate, Requisition
from handoff.domain.taxonomy import selectors as taxonomy
from handoff.engines.matching import Profile, Query, Weights
from handoff.engines.matching import Requisition as Wanted
from handoff.engines.matching.vocabulary import AnyVocabulary, RawVocabulary, Vocabulary

SHARED = "shared"
TITLES_PER_CANDIDATE = 3
_TEXT_KEYS = ("title", "position", "employer", "company", "name", "summary", "description", "area", "studyType")


def vocabulary() -> AnyVocabulary:
    """The imported taxonomy's vocabulary, or raw skill names before the first import.

    Kept per import like the normaliser: building it reads every skill name (0.1 s for O*NET,
    two thirds of a "Top matches" request before it was kept).
    """
    return taxonomy.per_import("matching vocabulary", _build_vocabulary)


def _build_vocabulary() -> AnyVocabulary:
    if taxonomy.latest_import() is None:
        return RawVocabulary()
    return Vocabulary(taxonomy.load_taxonomy(), taxonomy.normaliser(), label="imported taxonomy")


def origin_flag(client_id: int) -> str:
    return f"origin:{client_id}"


def candidate_text(candidate: Candidate) -> str:
    """Headline, work history, education and skills (no name, no contact details)."""
    parts = [candidate.headline]
    parts += _texts(candidate.work_history) + _texts(candidate.education)
    parts += [str(skill.get("name", "")) for skill in candidate.skills]
    return "\n".join(part for part in parts if part and part.strip())


def candidate_titles(candidate: Candidate) -> list[str]:
    titles = [candidate.headline]
    for entry in candidate.work_history if isinstance(candidate.work_history, list) else []:
        if isinstance(entry, dict):
            titles.append(str(entry.get("title") or entry.get("position") or ""))
    return [title for title in titles if title.strip()][:TITLES_PER_CANDIDATE]


def candidate_profile(candidate: Candidate, words: AnyVocabulary) -> Profile:
    text = candidate_text(candidate)
    skills = _skill_ids(candidate.skills, words)
    if isinstance(words, Vocabulary):
        skills += words.skills_in_text(text)
    flags = {SHARED} if candidate.share_across_clients else set()
    if candidate.origin_client_id is not None:
        flags.add(origin_flag(candidate.origin_client_id))
    return Profile(
        id=str(candidate.pk),
        text=text,
        skills=frozenset(skills),
        occupations=frozenset(words.occupations(candidate_titles(candidate))),
        years=None if candidate.years_experience is None else float(candidate.years_experience),
        country=str(candidate.country).lower() or None,
        city=candidate.city.strip().lower() or None,
        languages=frozenset(language.strip().lower() for language in candidate.languages if language.strip()),
        flags=frozenset(flags),
    )


def requisition_text(requisition: Requisition) -> str:
    parts = [requisition.title, requisition.department, requisition.description]
    parts += [str(skill.get("name", "")) for skill in [*requisition.required_skills, *requisition.preferred_skills]]
    return "\n".join(part for part in parts if part and part.strip())


def requisition_query(requisition: Requisition, words: AnyVocabulary, weights: Weights, top: int = 50) -> Query:
    """The requisition as a query over the pool (salary is left out: expectations come in many currencies)."""
    required = _skill_ids(requisition.required_skills, words)
    preferred = [skill for skill in _skill_ids(requisition.preferred_skills, words) if skill not in required]
    occupations = words.occupations([requisition.title])
    city = "" if requisition.remote else requisition.location.split(",")[0].strip().lower()
    wanted = Wanted(
        text=requisition_text(requisition),
        required_skills=tuple(required),
        preferred_skills=tuple(preferred),
        occupations=tuple(occupations),
        min_years=None if requisition.min_years_experience is None else float(requisition.min_years_experience),
        remote=requisition.remote,
        city=city or None,
        preferred_languages=tuple(language.strip().lower() for language in requisition.languages if language.strip()),
        any_flags=(SHARED, origin_flag(requisition.client_id)),
    )
    return Query(
        wanted,
        weights=weights,
        related_skills=words.related_skills([*required, *preferred]),
        related_occupations=words.related_occupations(occupations),
        top=top,
    )


def _skill_ids(skills: Iterable[dict[str, Any]], words: AnyVocabulary) -> list[str]:
    """Each skill's canonical id when it has one, else the vocabulary's reading of its name (else the name)."""
    found: dict[str, None] = {}
    for skill in skills:
        if skill.get("skill_id"):
            found.setdefault(str(skill["skill_id"]))
        else:
            name = str(skill.get("name", ""))
            # A skill the taxonomy does not know still matches the same name on the other side.
            for skill_id in words.skill_ids([name]) or RawVocabulary().skill_ids([name]):
                found.setdefault(skill_id)
    return list(found)


def _texts(entries: object) -> list[str]:
    if not isinstance(entries, list):
        return []
    found: list[str] = []
    for entry in entries:
        if isinstance(entry, dict):
            found += [str(entry[key]) for key in _TEXT_KEYS if isinstance(entry.get(key), str)]
        elif isinstance(entry, str):
            found.append(entry)
    return found
