"""Add the ESCO classification (official CSV export, English) to an O*NET taxonomy.

Read from the folder when present: ``skills_en.csv`` (the full skill pillar) and the skill
collections (``transversalSkillsCollection_en.csv``, ``languageSkillsCollection_en.csv``,
``ictSkillsCollection_en.csv`` …, any ``*SkillsCollection_en.csv``), and ``occupations_en.csv``.
Alternative labels are separated by new lines (``skills_en``, ``occupations_en``) or by `` | ``
(the collections); both are accepted.

Rules, chosen so ESCO adds vocabulary without duplicating O*NET:
- an ESCO skill whose preferred label equals an O*NET skill's name is not added again: its
  labels become aliases of the O*NET skill; any other becomes ``esco:<uuid>`` with its alternative
  labels as aliases (an alias already taken keeps its first owner) and its first broader concept
  as its group;
- an ESCO occupation is linked to an O*NET occupation when its preferred label matches, as a
  job title, the title or an alternate title of exactly one O*NET occupation; its labels then join
  that occupation's alternate titles and ``occupation_links`` records the pair. ESCO has no
  crosswalk to O*NET-SOC, so unmatched occupations are left out rather than guessed.

ESCO is © European Union, reused under the Commission's reuse policy: see ``CREDIT``.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from handoff.engines.taxonomy.model import Skill, Taxonomy
from handoff.engines.taxonomy.text import normalise, normalise_title

SKILLS_FILE = "skills_en.csv"
OCCUPATIONS_FILE = "occupations_en.csv"
COLLECTIONS_GLOB = "*SkillsCollection_en.csv"
CREDIT = (
    "This product uses the ESCO classification of the European Commission "
    "(ESCO — European Skills, Competences, Qualifications and Occupations; © European Union), "
    "reused under the Commission's reuse policy (Decision 2011/833/EU)."
)
_LABEL_SEPARATOR = re.compile(r"\s*\|\s*|\n")


def add_esco(taxonomy: Taxonomy, folder: Path) -> Taxonomy:
    """The taxonomy with ESCO's skills and linked occupation labels added (changed in place and returned)."""
    folder = Path(folder)
    files = [folder / SKILLS_FILE, *sorted(folder.glob(COLLECTIONS_GLOB))]
    if not any(path.is_file() for path in [*files, folder / OCCUPATIONS_FILE]):
        raise FileNotFoundError(f"{folder} holds no ESCO CSV ({SKILLS_FILE}, {OCCUPATIONS_FILE} or collections).")
    names = {normalise(skill.name): skill.id for skill in taxonomy.skills.values()}
    for path in files:
        if path.is_file():
            for row in _records(path):
                _add_skill(taxonomy, names, row)
    if (folder / OCCUPATIONS_FILE).is_file():
        _link_occupations(taxonomy, folder / OCCUPATIONS_FILE)
    taxonomy.sources["esco"] = _version(folder)
    taxonomy.invalidate()
    return taxonomy


def _version(folder: Path) -> str:
    found = re.search(r"v\d+(?:[._]\d+)*", folder.name)
    return found.group(0).replace("_", ".") if found else "unknown"


def _records(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or not {"conceptUri", "preferredLabel"} <= set(reader.fieldnames):
            raise ValueError(f"{path.name}: not an ESCO export (needs conceptUri and preferredLabel columns).")
        yield from reader


def labels(text: str | None) -> list[str]:
    """The alternative labels of one cell, split on new lines or ``|``."""
    return [label.strip() for label in _LABEL_SEPARATOR.split(text or "") if label.strip()]


def _uuid(uri: str) -> str:
    return uri.rstrip("/").rsplit("/", 1)[-1]


def _add_skill(taxonomy: Taxonomy, names: dict[str, str], row: dict[str, str]) -> None:
    label = (row.get("preferredLabel") or "").strip()
    if not label or not row.get("conceptUri"):
        return
    key = normalise(label)
    skill_id = names.get(key)
    if skill_id is None:
        skill_id = f"esco:{_uuid(row['conceptUri'])}"
        if skill_id in taxonomy.skills:
            return
        taxonomy.skills[skill_id] = Skill(skill_id, label, "esco")
        names[key] = skill_id
        broader = labels(row.get("broaderConceptUri"))
        if broader:
            group = f"esco:{_uuid(broader[0])}"
            taxonomy.skill_groups[skill_id] = {group}
            taxonomy.group_names.setdefault(group, (labels(row.get("broaderConceptPT")) or [group])[0])
    for alias in labels(row.get("altLabels")):
        alias_key = normalise(alias)
        if alias_key and alias_key not in names:
            taxonomy.skill_aliases.setdefault(alias_key, skill_id)


def _link_occupations(taxonomy: Taxonomy, path: Path) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for code, occupation in taxonomy.occupations.items():
        owners[normalise_title(occupation.title)].add(code)
        for title in taxonomy.alternate_titles.get(code, []):
            owners[normalise_title(title)].add(code)
    for row in _records(path):
        matched = owners.get(normalise_title(row.get("preferredLabel") or ""), set())
        if len(matched) != 1:
            continue
        code = next(iter(matched))
        taxonomy.occupation_links[row["conceptUri"]] = code
        known = {normalise_title(title) for title in taxonomy.alternate_titles.get(code, [])}
        for label in [row["preferredLabel"], *labels(row.get("altLabels"))]:
            if normalise_title(label) not in known:
                taxonomy.alternate_titles.setdefault(code, []).append(label.strip())
                known.add(normalise_title(label))
