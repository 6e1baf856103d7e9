"""Hand-built profiles and queries for the matching tests."""

from __future__ import annotations

from typing import Any

from handoff.engines.matching import MatchIndex, Profile, Query, Requisition


def profile(profile_id: str, text: str = "", **facts: Any) -> Profile:
    for key in ("skills", "occupations", "languages", "work_authorisations", "flags"):
        if key in facts:
            facts[key] = frozenset(facts[key])
    return Profile(id=profile_id, text=text, **facts)


def index_of(*profiles: Profile) -> MatchIndex:
    index = MatchIndex()
    index.add_many(profiles)
    return index


def query(text: str = "", top: int = 50, **asked: Any) -> Query:
    related_skills = asked.pop("related_skills", {})
    related_occupations = asked.pop("related_occupations", {})
    weights = asked.pop("weights", None)
    extra: dict[str, Any] = {"weights": weights} if weights is not None else {}
    if "related_credit" in asked:
        extra["related_credit"] = asked.pop("related_credit")
    if "skill_rarity" in asked:
        extra["skill_rarity"] = asked.pop("skill_rarity")
    return Query(
        Requisition(text=text, **asked),
        related_skills=related_skills,
        related_occupations=related_occupations,
        top=top,
        **extra,
    )


def ranked_ids(index: MatchIndex, asked: Query) -> list[str]:
    return [result.id for result in index.rank(asked)]
