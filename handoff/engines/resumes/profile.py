"""Resume text → JSON Resume profile (basics, work, education, skills, languages).

Work entries are anchored on date ranges inside the work section: the text
before the range on its line, or else the nearest earlier line that is not a
bullet, is the entry's header. A header split by ``|``, `` – ``, ``,`` or
``at`` gives employer and position (the part with a job-title word is the
position); a header without a separator is the position, and a short line just
after the range, when there is one, is the employer. When a range stands alone
and the line before it is nothing or a sentence of the previous entry (dates
first layouts), the next two short lines are the position and the employer. A
pair where only the employer has a job-title word is swapped.

``meta.handoff.yearsOfExperience`` holds the total from non-overlapping work
periods (see ``dates``).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from handoff.engines.resumes import contacts
from handoff.engines.resumes.dates import find_ranges, years_of_experience
from handoff.engines.resumes.sections import heading_of, split_sections

JsonDict = dict[str, Any]
PARSER_VERSION = "handoff-resumes/1"
_BULLETS = "•▪●◦‣∙·*-–—➢►✓"
_TITLE_WORDS = frozenset(
    [
        "engineer",
        "developer",
        "manager",
        "analyst",
        "accountant",
        "technician",
        "teacher",
        "director",
        "assistant",
        "specialist",
        "consultant",
        "coordinator",
        "intern",
        "officer",
        "administrator",
        "designer",
        "scientist",
        "representative",
        "associate",
        "clerk",
        "supervisor",
        "nurse",
        "president",
        "architect",
        "lead",
        "head",
        "agent",
        "advisor",
        "auditor",
        "bookkeeper",
        "cashier",
        "chef",
        "editor",
        "instructor",
        "lecturer",
        "operator",
        "owner",
        "partner",
        "programmer",
        "recruiter",
        "researcher",
        "tester",
        "trainer",
        "writer",
        "executive",
        "controller",
        "buyer",
        "planner",
        "producer",
        "strategist",
        "therapist",
        "attorney",
        "paralegal",
    ]
)
_INSTITUTION = re.compile(r"universit|college|school|institut|academy|polytechnic|conservatory|\bHS\b", re.I)
_DEGREE = re.compile(
    r"\b(bachelor|master|doctor|ph\.?d|mba|b\.?s\.?c?|m\.?s\.?c?|b\.?a\.?|m\.?a\.?|b\.?eng|m\.?eng|associate|"
    r"diploma|certificate|high school|ged|degree|licen[cs]e)\b",
    re.I,
)
_SPLIT_ITEMS = re.compile(r"\s*(?:[,;|•▪●·]|\s{3,}|\t)\s*")
_FLUENCY = re.compile(r"^(?P<lang>[A-Za-zÀ-ÿ ]+?)\s*(?:[(:–—-]\s*(?P<level>[^)]*)\)?)?$")
_MAX_SKILL_CHARS = 60
_MAX_HEADER_WORDS = 10
_LANGUAGE_LIST = re.compile(r"\s+[–—-]\s+|\s*/\s*")
_FLUENCY_WORDS = frozenset(
    [
        "native",
        "fluent",
        "basic",
        "intermediate",
        "advanced",
        "conversational",
        "professional",
        "elementary",
        "limited",
        "beginner",
        "proficient",
        "bilingual",
        "working",
        "good",
        "excellent",
        "mother",
        "tongue",
        "full",
    ]
)


def parse_profile(text: str, region: str = "US", today: date | None = None) -> JsonDict:
    """Build a JSON Resume dict from resume text; ``region`` is the default phone region."""
    lines = [_clean(line) for line in text.splitlines()]
    sections = split_sections(lines)
    work = parse_work(sections.get("work", []))
    periods = [(item["startDate"], item.get("endDate")) for item in work if "startDate" in item]
    years = years_of_experience(periods, today or date.today())
    return {
        "basics": parse_basics(text, sections["header"] or lines[:10], region),
        "work": work,
        "education": parse_education(sections.get("education", [])),
        "skills": [{"name": name} for name in parse_items(sections.get("skills", []))],
        "languages": parse_languages(sections.get("languages", [])),
        "meta": {"handoff": {"parser": PARSER_VERSION, "yearsOfExperience": years}},
    }


def _clean(line: str) -> str:
    return " ".join(line.replace("\xa0", " ").replace("\u200b", "").split())


def _strip_bullet(line: str) -> str:
    return line.lstrip(_BULLETS + " ").strip()


def _is_bullet(line: str) -> bool:
    return bool(line) and line[0] in _BULLETS


def parse_basics(text: str, header: list[str], region: str) -> JsonDict:
    head_text = "\n".join(header)
    basics: JsonDict = {}
    name = contacts.find_name([line for line in header if line])
    email = contacts.find_email(head_text) or contacts.find_email(text)
    phone = contacts.find_phone(head_text, region) or contacts.find_phone(text[:3000], region)
    location = contacts.find_location(header[:12])
    for key, value in (("name", name), ("email", email), ("phone", phone), ("location", location)):
        if value:
            basics[key] = value
    profiles, other = _split_links(contacts.find_links(text))
    if profiles:
        basics["profiles"] = profiles
    if other:
        basics["url"] = other[0]
    return basics


def _split_links(links: list[str]) -> tuple[list[JsonDict], list[str]]:
    profiles: list[JsonDict] = []
    other: list[str] = []
    for url in links:
        network = contacts.network_of(url)
        if network:
            profiles.append({"network": network, "username": contacts.username_of(url), "url": url})
        else:
            other.append(url)
    return profiles, other


def parse_work(lines: list[str]) -> list[JsonDict]:
    joined = "\n".join(lines)
    items: list[JsonDict] = []
    for found in find_ranges(joined):
        line_start = joined.rfind("\n", 0, found.span[0]) + 1
        line_end = joined.find("\n", found.span[1])
        prefix = _trim_separators(joined[line_start : found.span[0]])
        suffix = _trim_separators(joined[found.span[1] : line_end if line_end >= 0 else len(joined)])
        previous = _previous_line(joined[:line_start])
        if not prefix and not suffix and _is_description(previous):
            position, employer = [*_next_short_lines(joined[found.span[1] :]), "", ""][:2]
        else:
            employer, position = split_header(prefix or suffix or previous)
            if not employer and not suffix:
                employer = _next_short_line(joined[found.span[1] :])
        if _has_title_word(employer) and not _has_title_word(position):
            employer, position = position, employer
        item: JsonDict = {"startDate": found.start}
        if found.end:
            item["endDate"] = found.end
        if employer:
            item["name"] = employer
        if position:
            item["position"] = position
        items.append(item)
    return items


def _trim_separators(text: str) -> str:
    return text.strip().strip("|,;:()[]–—- \t").strip()


def _previous_line(text: str) -> str:
    for line in reversed(text.splitlines()):
        if line.strip() and not _is_bullet(line) and not find_ranges(line):
            return _trim_separators(line)
    return ""


def _is_description(line: str) -> bool:
    """No header line before a date range: nothing, or a sentence from the previous entry."""
    return not line or line.endswith(".") or len(line.split()) > _MAX_HEADER_WORDS


def _next_short_lines(text: str, limit: int = 2) -> list[str]:
    """Up to ``limit`` short non-bullet lines right after a date range (dates-first layouts)."""
    found: list[str] = []
    for raw in text.splitlines()[1:8]:
        line = _trim_separators(raw)
        if not line:
            continue
        if len(line) > 60 or _is_bullet(raw.strip()) or line.endswith(".") or find_ranges(line):
            break
        found.append(line)
        if len(found) == limit:
            break
    return found


def _next_short_line(text: str) -> str:
    for line in text.splitlines()[1:4]:
        line = _trim_separators(line)
        if line:
            return line if len(line) <= 60 and not _is_bullet(line) and not line.endswith(".") else ""
    return ""


def split_header(header: str) -> tuple[str, str]:
    """``(employer, position)`` from a work entry's header line."""
    if not header:
        return "", ""
    at = re.split(r"\s+at\s+|\s+@\s+", header, maxsplit=1)
    if len(at) == 2:
        return _first_piece(at[1]), at[0].strip()
    parts = [part for part in re.split(r"\s*\|\s*|\s+[–—/]\s+|\s+-\s+|\t", header) if part.strip()]
    pieces = [piece.strip() for piece in ",".join(parts).split(",") if piece.strip()]
    if len(pieces) < 2:
        return "", header
    first, last = pieces[0], pieces[-1]
    if _has_title_word(first) and not _has_title_word(last):
        return last, first
    return first, last


def _first_piece(text: str) -> str:
    return re.split(r",|\s+[|–—]\s+", text)[0].strip()


def _has_title_word(text: str) -> bool:
    return any(word in _TITLE_WORDS for word in re.findall(r"[a-z]+", text.lower()))


def parse_education(lines: list[str]) -> list[JsonDict]:
    entries: list[JsonDict] = []
    current: JsonDict = {}
    for raw in lines:
        line = _strip_bullet(raw)
        if not line:
            continue
        if _INSTITUTION.search(line) and "institution" in current:
            entries.append(current)
            current = {}
        _add_education_fields(current, line)
    if current:
        entries.append(current)
    return [entry for entry in entries if "institution" in entry or "studyType" in entry]


def _add_education_fields(entry: JsonDict, line: str) -> None:
    ranges = find_ranges(line)
    if ranges and "startDate" not in entry:
        entry["startDate"] = ranges[0].start
        if ranges[0].end:
            entry["endDate"] = ranges[0].end
        line = _trim_separators(line[: ranges[0].span[0]] + line[ranges[0].span[1] :])
    if _INSTITUTION.search(line) and "institution" not in entry:
        entry["institution"] = _first_piece(line)
    elif _DEGREE.search(line) and "studyType" not in entry:
        study, _, area = line.partition(" in ")
        entry["studyType"] = _trim_separators(study)
        if area:
            entry["area"] = _trim_separators(re.split(r",|\s+[|–—-]\s+", area)[0])


def parse_items(lines: list[str]) -> list[str]:
    """Distinct list items from bullet or comma-separated lines, in order."""
    seen: dict[str, str] = {}
    for line in lines:
        for item in _SPLIT_ITEMS.split(_strip_bullet(line)):
            item = _trim_separators(item)
            if 1 < len(item) <= _MAX_SKILL_CHARS and not heading_of(item):
                seen.setdefault(item.lower(), item)
    return list(seen.values())


def parse_languages(lines: list[str]) -> list[JsonDict]:
    languages: list[JsonDict] = []
    for item in _split_language_lists(parse_items(lines)):
        match = _FLUENCY.match(item)
        if not match or len(match["lang"].split()) > 3:
            continue
        entry: JsonDict = {"language": match["lang"].strip()}
        if match["level"]:
            entry["fluency"] = match["level"].strip()
        languages.append(entry)
    return languages


def _split_language_lists(items: list[str]) -> list[str]:
    """``Spanish - English - Portuguese`` is three languages, ``English - Native`` one with a level."""
    split: list[str] = []
    for item in items:
        parts = [part.strip() for part in _LANGUAGE_LIST.split(item)]
        if len(parts) > 1 and all(_looks_like_language(part) for part in parts):
            split.extend(parts)
        else:
            split.append(item)
    return split


def _looks_like_language(text: str) -> bool:
    words = text.split()
    return len(words) == 1 and text[:1].isupper() and text.isalpha() and text.lower() not in _FLUENCY_WORDS
