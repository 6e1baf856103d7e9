"""Heuristic section detection.

A heading is a short line (at most five words, optionally ending in ``:``)
whose letters, lower-cased, match a known heading such as ``Work History`` or
``Technical Skills``. ``Skills: Python, SQL`` is a heading with inline content.
Lines before the first heading form the ``header`` section.
"""

from __future__ import annotations

import re

HEADINGS: dict[str, tuple[str, ...]] = {
    "work": (
        "experience", "work experience", "professional experience", "work history", "employment",
        "employment history", "career history", "relevant experience", "professional background",
        "experience history", "work", "career", "positions held", "professional history",
    ),
    "education": (
        "education", "education and training", "academic background", "academic qualifications",
        "qualifications", "education history", "educational background", "academic history", "training",
    ),
    "skills": (
        "skills", "technical skills", "key skills", "core skills", "core competencies", "competencies",
        "skill highlights", "skills and abilities", "areas of expertise", "expertise", "technologies",
        "technical proficiencies", "tools", "highlights", "professional skills", "computer skills",
        "skills summary", "summary of skills", "skill areas", "core qualifications", "it skills", "soft skills",
        "hard skills",
    ),
    "languages": ("languages", "language skills", "language", "spoken languages", "language proficiency"),
    "summary": ("summary", "professional summary", "profile", "objective", "career objective", "about me",
                "executive summary", "career overview", "career focus", "executive profile", "professional profile",
                "overview"),
    "other": (
        "certifications", "certificates", "certification", "licenses", "projects", "awards", "honors",
        "accomplishments", "achievements", "interests", "hobbies", "references", "publications", "volunteer",
        "volunteer experience", "activities", "affiliations", "additional information", "personal information",
        "memberships", "presentations", "core accomplishments", "professional affiliations",
        "activities and honors", "contact", "contact information", "courses", "leadership",
    ),
}  # fmt: skip
_LOOKUP = {phrase: section for section, phrases in HEADINGS.items() for phrase in phrases}
_MAX_HEADING_WORDS = 5


def normalise_heading(line: str) -> str:
    """Lower-case letters and single spaces; ``&`` reads as ``and``."""
    text = line.replace("&", " and ").lower()
    return " ".join(re.sub(r"[^a-z ]+", " ", text).split())


def heading_of(line: str) -> tuple[str, str] | None:
    """``(section, inline content)`` when ``line`` is a heading, else ``None``."""
    stripped = line.strip().strip("•▪●◦‣*#=_").strip()
    head, colon, rest = stripped.partition(":")
    if len(head.split()) > _MAX_HEADING_WORDS:
        return None
    section = _LOOKUP.get(normalise_heading(head))
    if section is None:
        return None
    return section, rest.strip() if colon else ""


def split_sections(lines: list[str]) -> dict[str, list[str]]:
    """Lines grouped by section; a repeated section keeps appending."""
    sections: dict[str, list[str]] = {"header": []}
    current = "header"
    for line in lines:
        found = heading_of(line)
        if found:
            current, inline = found
            sections.setdefault(current, [])
            if inline:
                sections[current].append(inline)
            continue
        sections[current].append(line)
    return sections
