"""The taxonomy as plain data: occupations, their titles and relations, skills and their aliases.

One ``Taxonomy`` holds what the loaders read (``onet.load_onet``, ``esco.add_esco``) and what
the normaliser and the matching engine consume. It round-trips through JSON
(``to_json`` / ``from_json``) so the database or a file can hand it back quickly.

Skill ids are stable strings: ``onet:<slug of the example name>`` (e.g. ``onet:microsoft-excel``)
and ``esco:<uuid>``. Occupation codes are O*NET-SOC codes (``15-1252.00``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

SAME_GROUP_WEIGHT = 0.5
MIN_SHARED_OCCUPATIONS = 2
MIN_COOCCURRENCE = 0.2
MAX_COOCCURRENCE_WEIGHT = 0.9


@dataclass(frozen=True, slots=True)
class Occupation:
    code: str
    title: str
    description: str


@dataclass(frozen=True, slots=True)
class Skill:
    id: str
    name: str
    source: str  # "onet" or "esco"


@dataclass
class Taxonomy:
    """Occupations and skills, with every relation the normaliser and the matcher need.

    ``skill_groups`` maps a skill to the classes it belongs to (its O*NET commodity codes,
    e.g. ``43232405`` "Object or component oriented development software"; for ESCO, its
    broader concept); ``hot_skills`` are O*NET's "hot technologies"; ``occupation_links``
    maps an outside occupation id (an ESCO URI) to the O*NET code it was matched to.
    """

    occupations: dict[str, Occupation] = field(default_factory=dict)
    alternate_titles: dict[str, list[str]] = field(default_factory=dict)
    short_titles: dict[str, list[str]] = field(default_factory=dict)
    related_occupations: dict[str, list[str]] = field(default_factory=dict)
    skills: dict[str, Skill] = field(default_factory=dict)
    skill_aliases: dict[str, str] = field(default_factory=dict)
    occupation_skills: dict[str, set[str]] = field(default_factory=dict)
    skill_groups: dict[str, set[str]] = field(default_factory=dict)
    group_names: dict[str, str] = field(default_factory=dict)
    hot_skills: set[str] = field(default_factory=set)
    occupation_links: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # "onet" → "29.2", "esco" → "v1.0.8"
    _skill_occupations: dict[str, set[str]] | None = field(default=None, repr=False, compare=False)
    _group_members: dict[str, set[str]] | None = field(default=None, repr=False, compare=False)

    def related_skills(self, skill_id: str) -> dict[str, float]:
        """Skills related to ``skill_id``, each with a weight in (0, 1); the skill itself is left out.

        Rule: a skill in one of the same groups (O*NET commodity class, ESCO broader concept)
        weighs ``SAME_GROUP_WEIGHT`` (0.5); a skill listed for the same occupations weighs the
        Jaccard index of the two occupation sets, capped at 0.9, when the sets share at least two
        occupations and the index is at least 0.2. A skill related both ways takes the larger weight.
        Unknown skills have no relations.
        """
        related: dict[str, float] = {}
        members = self._members_by_group()
        for group in self.skill_groups.get(skill_id, ()):
            for other in members.get(group, ()):
                related[other] = SAME_GROUP_WEIGHT
        for other, weight in self._cooccurring(skill_id).items():
            related[other] = max(related.get(other, 0.0), weight)
        related.pop(skill_id, None)
        return related

    def skill_occupations(self, skill_id: str) -> set[str]:
        """The occupation codes that list this skill."""
        return self._occupations_by_skill().get(skill_id, set())

    def _cooccurring(self, skill_id: str) -> dict[str, float]:
        by_skill = self._occupations_by_skill()
        mine = by_skill.get(skill_id, set())
        shared: dict[str, int] = defaultdict(int)
        for code in mine:
            for other in self.occupation_skills.get(code, ()):
                shared[other] += 1
        weights: dict[str, float] = {}
        for other, count in shared.items():
            if count < MIN_SHARED_OCCUPATIONS:
                continue
            jaccard = count / len(mine | by_skill[other])
            if jaccard >= MIN_COOCCURRENCE:
                weights[other] = min(jaccard, MAX_COOCCURRENCE_WEIGHT)
        return weights

    def _occupations_by_skill(self) -> dict[str, set[str]]:
        if self._skill_occupations is None:
            index: dict[str, set[str]] = defaultdict(set)
            for code, skill_ids in self.occupation_skills.items():
                for skill_id in skill_ids:
                    index[skill_id].add(code)
            self._skill_occupations = dict(index)
        return self._skill_occupations

    def _members_by_group(self) -> dict[str, set[str]]:
        if self._group_members is None:
            index: dict[str, set[str]] = defaultdict(set)
            for skill_id, groups in self.skill_groups.items():
                for group in groups:
                    index[group].add(skill_id)
            self._group_members = dict(index)
        return self._group_members

    def invalidate(self) -> None:
        """Forget the derived indexes after the fields were changed in place."""
        self._skill_occupations = None
        self._group_members = None

    def counts(self) -> dict[str, int]:
        """How many rows of each kind: what the import command prints and the ImportRun records."""
        return {
            "occupations": len(self.occupations),
            "alternate_titles": sum(len(titles) for titles in self.alternate_titles.values()),
            "related_occupations": sum(len(codes) for codes in self.related_occupations.values()),
            "skills": len(self.skills),
            "skill_aliases": len(self.skill_aliases),
            "occupation_skills": sum(len(ids) for ids in self.occupation_skills.values()),
        }

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (sets become sorted lists, dataclasses become short lists)."""
        return {
            "format": 1,
            "sources": self.sources,
            "occupations": [[o.code, o.title, o.description] for o in self.occupations.values()],
            "alternate_titles": self.alternate_titles,
            "short_titles": self.short_titles,
            "related_occupations": self.related_occupations,
            "skills": [[s.id, s.name, s.source] for s in self.skills.values()],
            "skill_aliases": self.skill_aliases,
            "occupation_skills": {code: sorted(ids) for code, ids in self.occupation_skills.items()},
            "skill_groups": {skill: sorted(groups) for skill, groups in self.skill_groups.items()},
            "group_names": self.group_names,
            "hot_skills": sorted(self.hot_skills),
            "occupation_links": self.occupation_links,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Taxonomy:
        if data.get("format") != 1:
            raise ValueError(f"Unknown taxonomy snapshot format {data.get('format')!r}; expected 1.")
        return cls(
            occupations={code: Occupation(code, title, text) for code, title, text in data["occupations"]},
            alternate_titles=dict(data["alternate_titles"]),
            short_titles=dict(data.get("short_titles", {})),
            related_occupations=dict(data["related_occupations"]),
            skills={sid: Skill(sid, name, source) for sid, name, source in data["skills"]},
            skill_aliases=dict(data["skill_aliases"]),
            occupation_skills={code: set(ids) for code, ids in data["occupation_skills"].items()},
            skill_groups={skill: set(groups) for skill, groups in data.get("skill_groups", {}).items()},
            group_names=dict(data.get("group_names", {})),
            hot_skills=set(data.get("hot_skills", [])),
            occupation_links=dict(data.get("occupation_links", {})),
            sources=dict(data.get("sources", {})),
        )

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), separators=(",", ":"), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Taxonomy:
        return cls.from_dict(json.loads(text))
