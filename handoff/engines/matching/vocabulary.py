"""Skills and occupations for matching: through a taxonomy's normaliser, or raw lowercase phrases.

The matching engine takes opaque skill ids and plain relation mappings; a vocabulary
supplies them. ``Vocabulary`` uses a taxonomy (O*NET files, or the one imported into
the database); ``RawVocabulary`` uses lowercase skill phrases as ids, finds them in
texts word for word and has no relations and no occupations.

Found word for word in free text, a one-word skill name is a false match whenever it is
also an ordinary word: O*NET lists "Analyze", "Act!", "Reduce", "Route", "Go", "C" and
"R" as technology skills, and measured on 2,484 resumes these were the most frequent
"skills" of all (see bench/README.md). Such names are *ambiguous* and are not taken from
free text (a stated skill list still names them through the normaliser): names of one
or two letters, and names that the taxonomy's own occupation descriptions use as plain
words. Likewise the employer's own name in its posting ("Google" in every Google
posting) is not a skill asked of the candidate: ``named`` finds it so callers drop it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from handoff.engines.matching.text import STOP_WORDS
from handoff.engines.taxonomy import Normaliser, Taxonomy, normalise

MAX_NGRAM = 4
SHORT_NAME = 2  # a one-word name of at most this many letters ("c", "r", "go") is ambiguous
RELATED_PER_SKILL = 10
TITLE_CONFIDENCE = 0.5


class Vocabulary:
    """Skills and occupations through a taxonomy's normaliser."""

    def __init__(self, taxonomy: Taxonomy, normaliser: Normaliser | None = None, label: str = "taxonomy") -> None:
        self.taxonomy = taxonomy
        self.normaliser = normaliser or Normaliser(taxonomy)
        self.label = label
        self._names = {normalise(skill.name): skill_id for skill_id, skill in taxonomy.skills.items()}
        self._phrases = {key: value for key, value in taxonomy.skill_aliases.items() if " " in key}
        self._phrases.update(self._names)
        descriptions = (normalise(occupation.description) for occupation in taxonomy.occupations.values())
        prose = {word for description in descriptions for word in description.split()}
        self.ambiguous = frozenset(name for name in self._names if _ambiguous(name, prose))

    def skill_ids(self, texts: Iterable[str]) -> list[str]:
        return [match.skill_id for match in self.normaliser.skills(texts)]

    def skills_in_text(self, text: str) -> list[str]:
        """Skills named word for word in the text (no fuzzy matching over free text).

        A single word counts only when it is a skill's own name and not a common or
        ambiguous word (see the module docstring): one-word aliases ("teams", "extend",
        "ux") name products far more often by accident.
        """
        found: dict[str, None] = {}
        for line in text.splitlines():
            words = normalise(line).split()
            for size in range(MAX_NGRAM, 0, -1):
                table = self._phrases if size > 1 else self._names
                for start in range(len(words) - size + 1):
                    phrase = " ".join(words[start : start + size])
                    skill_id = table.get(phrase)
                    if skill_id is not None and (size > 1 or not self._common(phrase)):
                        found.setdefault(skill_id)
        return list(found)

    def _common(self, word: str) -> bool:
        return word in STOP_WORDS or word in self.ambiguous

    def named(self, text: str) -> str | None:
        """The skill whose name or alias is exactly ``text`` (e.g. an employer's name), if any."""
        key = normalise(text)
        return self._names.get(key) or self.taxonomy.skill_aliases.get(key)

    def occupations(self, titles: Iterable[str]) -> list[str]:
        codes: dict[str, None] = {}
        for title in titles:
            for match in self.normaliser.title(title, limit=1):
                if match.confidence >= TITLE_CONFIDENCE:
                    codes.setdefault(match.code)
        return list(codes)

    def related_skills(self, skill_ids: Iterable[str]) -> dict[str, dict[str, float]]:
        related = {}
        for skill_id in skill_ids:
            ranked = sorted(self.taxonomy.related_skills(skill_id).items(), key=lambda item: (-item[1], item[0]))
            related[skill_id] = dict(ranked[:RELATED_PER_SKILL])
        return related

    def related_occupations(self, codes: Iterable[str]) -> dict[str, dict[str, float]]:
        """O*NET lists related occupations most related first: similarity falls from 1 to 0.5 down the list."""
        related = {}
        for code in codes:
            listed = self.taxonomy.related_occupations.get(code, [])
            related[code] = {other: 1 - 0.5 * rank / max(len(listed), 1) for rank, other in enumerate(listed)}
        return related

    def skill_name(self, skill_id: str) -> str:
        skill = self.taxonomy.skills.get(skill_id)
        return skill.name if skill else skill_id

    def occupation_name(self, code: str) -> str:
        occupation = self.taxonomy.occupations.get(code)
        return f"{occupation.title} ({code})" if occupation else code


class RawVocabulary:
    """No taxonomy: skills are lowercase phrases, found word for word; no occupations, no relations."""

    label = "none (raw lowercase skill phrases)"

    def __init__(self, known: Iterable[str] = ()) -> None:
        self.known = {self._key(text) for text in known} - {""}

    @staticmethod
    def _key(text: str) -> str:
        return " ".join(text.lower().split())

    def skill_ids(self, texts: Iterable[str]) -> list[str]:
        return list(dict.fromkeys(key for key in map(self._key, texts) if key))

    def skills_in_text(self, text: str) -> list[str]:
        found: dict[str, None] = {}
        for line in text.lower().splitlines():
            words = re.findall(r"[\w+#.]+", line)
            for size in range(MAX_NGRAM, 0, -1):
                for start in range(len(words) - size + 1):
                    phrase = " ".join(words[start : start + size]).strip(".")
                    if phrase in self.known:
                        found.setdefault(phrase)
        return list(found)

    def named(self, text: str) -> str | None:
        key = self._key(text)
        return key if key in self.known else None

    def occupations(self, titles: Iterable[str]) -> list[str]:
        return []

    def related_skills(self, skill_ids: Iterable[str]) -> dict[str, dict[str, float]]:
        return {}

    def related_occupations(self, codes: Iterable[str]) -> dict[str, dict[str, float]]:
        return {}

    def skill_name(self, skill_id: str) -> str:
        return skill_id

    def occupation_name(self, code: str) -> str:
        return code


AnyVocabulary = Vocabulary | RawVocabulary


def _ambiguous(name: str, prose: set[str]) -> bool:
    """A one-word skill name that is also a plain word: very short, or used as a word in occupation descriptions."""
    if " " in name:
        return False
    return (name.isalpha() and len(name) <= SHORT_NAME) or name in prose
