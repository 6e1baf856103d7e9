"""Read the O*NET database text release (tab-separated files) into a ``Taxonomy``.

Files read from the folder (names as published, e.g. ``db_29_2_text.zip``):
``Occupation Data.txt`` (required), ``Alternate Titles.txt``, ``Related Occupations.txt``,
``Technology Skills.txt`` and ``Read Me.txt`` (for the version) when present. Columns are
found by their header names, so added columns do not break the reader; a missing required
column raises ``TaxonomyFormatError`` naming the file and the column.

Skills are the "Example" entries of Technology Skills (e.g. "Microsoft Excel"), identified as
``onet:<slug>``; their commodity codes become their groups. Aliases are derived, and each alias
goes to the skill listed for the most occupations when several claim it:
- a trailing acronym, and the name without it ("Structured query language SQL" → "sql",
  "structured query language"), and a bracketed part ("Python Tools for Visual Studio (PTVS)");
- the name without a leading vendor ("Microsoft Excel" → "excel", "Oracle Java" → "java");
- a few common synonyms (``SKILL_SYNONYMS``: "js" → JavaScript, "k8s" → Kubernetes, ...).
An alias equal to another skill's own name is never added.

The content is O*NET® by USDOL/ETA, CC BY 4.0: see ``CREDIT``.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from handoff.engines.taxonomy.model import Occupation, Skill, Taxonomy
from handoff.engines.taxonomy.text import normalise, slug, title_variants

OCCUPATION_DATA = "Occupation Data.txt"
ALTERNATE_TITLES = "Alternate Titles.txt"
RELATED_OCCUPATIONS = "Related Occupations.txt"
TECHNOLOGY_SKILLS = "Technology Skills.txt"
READ_ME = "Read Me.txt"

CREDIT_TEMPLATE = (
    "This product includes information from the O*NET® {version} Database by the U.S. Department of Labor, "
    "Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. "
    "O*NET® is a trademark of USDOL/ETA."
)
DEFAULT_VERSION = "29.2"

VENDORS = frozenset(
    {
        "microsoft",
        "adobe",
        "oracle",
        "ibm",
        "sap",
        "google",
        "apple",
        "amazon",
        "autodesk",
        "atlassian",
        "apache",
        "salesforce",
        "intuit",
        "cisco",
        "vmware",
        "sas",
        "esri",
    }
)
SKILL_SYNONYMS: dict[str, str] = {
    "js": "javascript",
    "ecmascript": "javascript",
    "ts": "typescript",
    "k8s": "kubernetes",
    "postgres": "postgresql",
    "ms excel": "microsoft excel",
    "ms word": "microsoft word",
    "ms office": "microsoft office software",
    "ms access": "microsoft access",
    "powerpoint": "microsoft powerpoint",
    "reactjs": "react",
    "react.js": "react",
    "nodejs": "node.js",
    "vue": "vue.js",
    "golang": "go",
    "aws": "amazon web services aws software",
    "gcp": "google cloud software",
    "sfdc": "salesforce software",
}
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")


class TaxonomyFormatError(ValueError):
    """A release file is missing or lacks a column the loader needs."""


def credit(version: str = DEFAULT_VERSION) -> str:
    """The attribution the CC BY 4.0 licence asks for, for the given release."""
    return CREDIT_TEMPLATE.format(version=version)


CREDIT = credit()


def load_onet(folder: Path) -> Taxonomy:
    """The taxonomy of one O*NET text release folder."""
    folder = Path(folder)
    if not (folder / OCCUPATION_DATA).is_file():
        raise TaxonomyFormatError(f"{folder} holds no {OCCUPATION_DATA!r}: not an O*NET text release folder.")
    taxonomy = Taxonomy(sources={"onet": read_version(folder)})
    for code, title, description in _rows(folder / OCCUPATION_DATA, ("O*NET-SOC Code", "Title", "Description")):
        taxonomy.occupations[code] = Occupation(code, title, description)
    _load_alternate_titles(taxonomy, folder / ALTERNATE_TITLES)
    _load_related(taxonomy, folder / RELATED_OCCUPATIONS)
    _load_technology_skills(taxonomy, folder / TECHNOLOGY_SKILLS)
    add_derived_aliases(taxonomy)
    return taxonomy


def read_version(folder: Path) -> str:
    """The release number from "Read Me.txt" ("O*NET 29.2 Database"), else the folder's default."""
    readme = folder / READ_ME
    if readme.is_file():
        found = re.search(r"O\*NET\s+([\d.]+)\s+Database", readme.read_text(encoding="utf-8", errors="replace"))
        if found:
            return found.group(1)
    return DEFAULT_VERSION


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[list[str]]:
    """The named columns of a tab-separated O*NET file, row by row (blank lines skipped)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = [name.strip() for name in next(reader, [])]
        missing = [name for name in columns if name not in header]
        if missing:
            raise TaxonomyFormatError(f"{path.name}: missing column(s) {', '.join(missing)}.")
        positions = [header.index(name) for name in columns]
        width = max(positions) + 1
        for row in reader:
            if len(row) >= width:
                yield [row[position].strip() for position in positions]


def _load_alternate_titles(taxonomy: Taxonomy, path: Path) -> None:
    if not path.is_file():
        return
    titles: dict[str, list[str]] = defaultdict(list)
    shorts: dict[str, list[str]] = defaultdict(list)
    for code, title, short in _rows(path, ("O*NET-SOC Code", "Alternate Title", "Short Title")):
        if code not in taxonomy.occupations or not title:
            continue
        titles[code].append(title)
        if short and short.lower() != "n/a":
            shorts[code].append(short)
    taxonomy.alternate_titles = dict(titles)
    taxonomy.short_titles = dict(shorts)


def _load_related(taxonomy: Taxonomy, path: Path) -> None:
    if not path.is_file():
        return
    ranked: dict[str, list[tuple[int, str]]] = defaultdict(list)
    columns = ("O*NET-SOC Code", "Related O*NET-SOC Code", "Index")
    for code, related, index in _rows(path, columns):
        if code in taxonomy.occupations and related in taxonomy.occupations and index.isdigit():
            ranked[code].append((int(index), related))
    taxonomy.related_occupations = {code: [rel for _, rel in sorted(pairs)] for code, pairs in ranked.items()}


def _load_technology_skills(taxonomy: Taxonomy, path: Path) -> None:
    if not path.is_file():
        return
    columns = ("O*NET-SOC Code", "Example", "Commodity Code", "Commodity Title", "Hot Technology")
    links: dict[str, set[str]] = defaultdict(set)
    for code, example, commodity, commodity_title, hot in _rows(path, columns):
        if code not in taxonomy.occupations or not example:
            continue
        skill_id = f"onet:{slug(example)}"
        taxonomy.skills.setdefault(skill_id, Skill(skill_id, example, "onet"))
        links[code].add(skill_id)
        if commodity:
            taxonomy.skill_groups.setdefault(skill_id, set()).add(commodity)
            taxonomy.group_names.setdefault(commodity, commodity_title)
        if hot.upper() == "Y":
            taxonomy.hot_skills.add(skill_id)
    taxonomy.occupation_skills = dict(links)
    taxonomy.invalidate()


def skill_alias_candidates(name: str) -> list[str]:
    """The derived aliases of one O*NET example name (see the module docstring), normalised."""
    candidates: list[str] = []
    for variant in title_variants(name):
        words = variant.split()
        if len(words) >= 3 and _ACRONYM.match(words[-1]):
            candidates += [words[-1], " ".join(words[:-1])]
        if len(words) >= 2 and normalise(words[0]) in VENDORS:
            candidates.append(" ".join(words[1:]))
        candidates.append(variant)
    keys = [normalise(candidate) for candidate in candidates]
    return [key for key in dict.fromkeys(keys) if key and key != normalise(name)]


def add_derived_aliases(taxonomy: Taxonomy) -> None:
    """Give each O*NET skill its derived aliases and the curated synonyms (popular skill wins a shared alias)."""
    names = {normalise(skill.name): skill.id for skill in taxonomy.skills.values()}
    claims: dict[str, list[str]] = defaultdict(list)
    for skill in taxonomy.skills.values():
        if skill.source == "onet":
            for alias in skill_alias_candidates(skill.name):
                claims[alias].append(skill.id)
    for alias, target in SKILL_SYNONYMS.items():
        if target in names:
            claims[alias] = [names[target]]
    for alias, skill_ids in claims.items():
        if alias in names or alias in taxonomy.skill_aliases:
            continue
        taxonomy.skill_aliases[alias] = max(skill_ids, key=lambda sid: (len(taxonomy.skill_occupations(sid)), sid))
