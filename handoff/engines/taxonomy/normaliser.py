"""Map free-text skills and job titles to the taxonomy's canonical ids.

Each lookup tries, in order, and records which step answered and how sure it is:

1. ``exact`` — the normalised text equals a skill's name / an occupation's title (confidence 1.0);
2. ``alias`` — it equals a skill alias / an alternate or short title (0.95, shared equally when an
   alternate title belongs to several occupations, those whose own title is closest to the query
   first, then the most cited);
3. ``fuzzy`` — rapidfuzz over every name and alias, precomputed once (``0.9 × score / 100``, so a
   fuzzy answer never outranks an exact or alias one). Skills use ``token_sort_ratio`` with a high
   cutoff (a wrong skill is worse than none); titles use ``token_set_ratio`` candidates rescored with
   ``token_sort_ratio``, ranked by each occupation's best variant plus a fifth of its second best
   (``Normaliser._fuzzy_titles``, ``_evidence``). Only title variants sharing a (typo-corrected)
   word with the query are scored, which keeps a lookup to a few milliseconds.

Text normalisation is ``text.normalise`` for skills and ``text.normalise_title`` for titles
(case, punctuation, abbreviations such as "Sr." → "senior", plurals): see ``text``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz, process

from handoff.engines.taxonomy.model import Taxonomy
from handoff.engines.taxonomy.text import normalise, normalise_title, title_variants

type Method = Literal["exact", "alias", "fuzzy"]

EXACT_CONFIDENCE = 1.0
ALIAS_CONFIDENCE = 0.95
FUZZY_SCALE = 0.9
SKILL_CUTOFF = 86.0
TITLE_CUTOFF = 60.0
WORD_CUTOFF = 80.0
STOP_WORDS = frozenset({"and", "of", "the", "for", "in", "to", "or", "a", "an", "at", "with"})
SECOND_VARIANT_WEIGHT = 0.2
TITLE_CANDIDATES = 100  # fuzzy variants fetched per title query before grouping by occupation


@dataclass(frozen=True, slots=True)
class SkillMatch:
    skill_id: str
    name: str
    method: Method
    confidence: float


@dataclass(frozen=True, slots=True)
class TitleMatch:
    code: str
    title: str
    method: Method
    confidence: float


class Normaliser:
    """Lookups over one taxonomy; build once (about a second for O*NET) and reuse."""

    def __init__(self, taxonomy: Taxonomy, *, title_cutoff: float = TITLE_CUTOFF) -> None:
        self.taxonomy = taxonomy
        self.title_cutoff = title_cutoff
        self._skill_names = _skill_name_index(taxonomy)
        self._skill_choices = list({**taxonomy.skill_aliases, **self._skill_names})
        self._skill_targets = [self._skill_names.get(key) or taxonomy.skill_aliases[key] for key in self._skill_choices]
        self._title_exact = _title_exact_index(taxonomy)
        self._title_alias = _title_alias_index(taxonomy)
        keys = dict.fromkeys([*self._title_exact, *self._title_alias])
        self._title_choices = list(keys)
        self._title_targets = [
            list(dict.fromkeys([*self._title_exact.get(key, []), *self._title_alias.get(key, [])])) for key in keys
        ]
        self._occupation_keys = {code: normalise_title(o.title) for code, o in taxonomy.occupations.items()}
        self._title_words = _word_index(self._title_choices)
        self._vocabulary = list(self._title_words)

    # --- skills -----------------------------------------------------------------------------
    def skill(self, text: str) -> SkillMatch | None:
        """The skill this text names, or None when nothing is close enough."""
        key = normalise(text)
        if not key:
            return None
        if key in self._skill_names:
            return self._skill_match(self._skill_names[key], "exact", EXACT_CONFIDENCE)
        if key in self.taxonomy.skill_aliases:
            return self._skill_match(self.taxonomy.skill_aliases[key], "alias", ALIAS_CONFIDENCE)
        found = process.extractOne(key, self._skill_choices, scorer=fuzz.token_sort_ratio, score_cutoff=SKILL_CUTOFF)
        if found is None:
            return None
        _, score, index = found
        return self._skill_match(self._skill_targets[index], "fuzzy", FUZZY_SCALE * score / 100)

    def skills(self, texts: Iterable[str]) -> list[SkillMatch]:
        """The distinct skills named by the texts, in first-seen order; unknown texts are dropped."""
        matches: dict[str, SkillMatch] = {}
        for text in texts:
            match = self.skill(text)
            if match is not None and (
                match.skill_id not in matches or match.confidence > matches[match.skill_id].confidence
            ):
                matches[match.skill_id] = match
        return list(matches.values())

    def _skill_match(self, skill_id: str, method: Method, confidence: float) -> SkillMatch:
        return SkillMatch(skill_id, self.taxonomy.skills[skill_id].name, method, round(confidence, 4))

    # --- titles -----------------------------------------------------------------------------
    def title(self, text: str, limit: int = 5) -> list[TitleMatch]:
        """Up to ``limit`` occupations for a job title, best first (exact, then alias, then fuzzy).

        "Registered Nurse (RN)" is looked up whole and as each of its parts; the fuzzy step
        uses the part outside the brackets. Confidences never increase down the list: a fuzzy
        answer after an alias shared by several occupations is capped at that alias's share.
        """
        variants = title_variants(text)
        keys = [key for key in dict.fromkeys(normalise_title(variant) for variant in variants) if key]
        if not keys or limit < 1:
            return []
        ranked: dict[str, tuple[Method, float]] = {}
        for key in keys:
            for code in self._title_exact.get(key, []):
                ranked.setdefault(code, ("exact", EXACT_CONFIDENCE))
        aliases = list(dict.fromkeys(c for key in keys for c in self._title_alias.get(key, []) if c not in ranked))
        main_key = (normalise_title(variants[1]) if len(variants) > 1 else "") or keys[0]
        aliases.sort(key=lambda code: -self._title_similarity(main_key, code))
        for code in aliases:
            ranked[code] = ("alias", ALIAS_CONFIDENCE / len(aliases))
        if len(ranked) < limit:
            ceiling = min((confidence for _, confidence in ranked.values()), default=1.0)
            for code, score in self._fuzzy_titles(main_key):
                ranked.setdefault(code, ("fuzzy", min(FUZZY_SCALE * score / 100, ceiling)))
        return [
            TitleMatch(code, self.taxonomy.occupations[code].title, method, round(confidence, 4))
            for code, (method, confidence) in list(ranked.items())[:limit]
        ]

    def _title_similarity(self, key: str, code: str) -> float:
        """How close a query is to an occupation's own title: orders the occupations sharing an alias.

        "Truck Driver" is an alternate title of five occupations; "Light Truck Drivers" and
        "Heavy and Tractor-Trailer Truck Drivers" come before "Freight Forwarders".
        """
        title = self._occupation_keys[code]
        return fuzz.token_set_ratio(key, title) + fuzz.token_sort_ratio(key, title)

    def _candidates(self, key: str) -> list[int] | None:
        """Indexes of the title variants sharing a word with the query (None: scan them all).

        A query word the titles never use is first corrected to the nearest vocabulary word
        (``ratio`` ≥ ``WORD_CUTOFF``), so "Accountnat" still finds the accountants. Stop words
        are ignored here (they would select everything) but still count in the scores.
        """
        found: set[int] = set()
        for word in set(key.split()) - STOP_WORDS:
            if word not in self._title_words:
                nearest = process.extractOne(word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=WORD_CUTOFF)
                if nearest is None:
                    continue
                word = nearest[0]
            found.update(self._title_words[word])
        return sorted(found) if found else None

    def _fuzzy_titles(self, key: str) -> list[tuple[str, float]]:
        """Occupations by their best-matching title variant: token-set candidates, rescored.

        ``token_set_ratio`` finds the variants sharing the query's words; it scores every
        superset 100, so each candidate is rescored as the mean of it and ``token_sort_ratio``,
        which penalises the extra words ("nurse" is nearer "nurse" than "nurse anesthetist").
        """
        candidates = self._candidates(key)
        choices = self._title_choices if candidates is None else {i: self._title_choices[i] for i in candidates}
        found = process.extract(
            key,
            choices,
            scorer=fuzz.token_set_ratio,
            limit=TITLE_CANDIDATES,
            score_cutoff=self.title_cutoff,
        )
        scores: dict[str, list[float]] = defaultdict(list)
        for choice, set_score, index in found:
            score = (set_score + fuzz.token_sort_ratio(key, choice)) / 2
            for code in self._title_targets[int(index)]:
                scores[code].append(score)
        ranked = sorted(scores.items(), key=lambda item: -_evidence(item[1]))
        return [(code, max(values)) for code, values in ranked]


def _evidence(scores: list[float]) -> float:
    """Ranking weight of an occupation: its best variant's score plus a fifth of its second best.

    Two close variants ("payroll clerk", "payroll specialist") are more evidence than one;
    the confidence reported stays the best score alone.
    """
    best, *rest = sorted(scores, reverse=True)
    return best + SECOND_VARIANT_WEIGHT * (rest[0] if rest else 0.0)


def _skill_name_index(taxonomy: Taxonomy) -> dict[str, str]:
    names: dict[str, str] = {}
    for skill in taxonomy.skills.values():  # O*NET first: it keeps a name shared with ESCO
        names.setdefault(normalise(skill.name), skill.id)
    return names


def _word_index(choices: list[str]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = defaultdict(list)
    for position, choice in enumerate(choices):
        for word in set(choice.split()):
            index[word].append(position)
    return dict(index)


def _title_exact_index(taxonomy: Taxonomy) -> dict[str, list[str]]:
    index: dict[str, list[str]] = defaultdict(list)
    for code, occupation in taxonomy.occupations.items():
        for variant in title_variants(occupation.title):
            key = normalise_title(variant)
            if key and code not in index[key]:
                index[key].append(code)
    return dict(index)


def _title_alias_index(taxonomy: Taxonomy) -> dict[str, list[str]]:
    """Alternate and short titles (and their bracket variants) → codes, most-cited occupation first."""
    cited: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for source in (taxonomy.alternate_titles, taxonomy.short_titles):
        for code, titles in source.items():
            if code not in taxonomy.occupations:
                continue
            for title in titles:
                for variant in title_variants(title):
                    key = normalise_title(variant)
                    if key:
                        cited[key][code] += 1
    return {key: sorted(codes, key=lambda code: -codes[code]) for key, codes in cited.items()}
