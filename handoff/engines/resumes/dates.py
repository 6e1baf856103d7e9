"""Date ranges in resumes and total years of experience.

Rules:

- A date is ``Mon YYYY`` / ``Month YYYY`` (``Jan. 2019``, ``March 2018``),
  ``MM/YYYY``, ``YYYY-MM`` / ``YYYY/MM`` or ``YYYY``; it becomes a partial ISO
  date, ``YYYY-MM`` or ``YYYY``.
- A range is two dates joined by ``-``, ``–``, ``—``, ``to``, ``until`` (any
  whitespace, line breaks included, around the joiner); the end may be
  ``Present``/``Current``/``Now``/``Today``/``Ongoing``/``Date``, which gives
  ``end = None``.
- Years of experience: each period covers whole months, both ends included; a
  year-only start or end counts as January of that year; an open end is the
  reference month (``today``); ends after ``today`` are clamped to it; reversed
  periods are dropped. Overlapping periods are merged, so two jobs held at once
  count once. The result is months / 12, rounded to one decimal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH_WORD = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_YEAR = r"(?:19[5-9]\d|20\d\d)"
_DATE = (
    rf"(?:{_MONTH_WORD}\.?,?\s+'?{_YEAR}"
    rf"|(?:0?[1-9]|1[0-2])\s*/\s*{_YEAR}"
    rf"|{_YEAR}\s*[-/.]\s*(?:0[1-9]|1[0-2])(?!\d)"
    rf"|{_YEAR})"
)
_PRESENT = r"(?:present|current(?:ly)?|now|today|ongoing|date)"
_JOINER = r"\s*(?:-+|–|—|\bto\b|\buntil\b|\btill\b|\bthrough\b)\s*"
RANGE_RE = re.compile(rf"(?<![\w/])(?P<start>{_DATE}){_JOINER}(?P<end>{_DATE}|{_PRESENT})(?![\w/])", re.IGNORECASE)
_MONTH_YEAR_RE = re.compile(rf"(?P<month>{_MONTH_WORD})\.?,?\s+'?(?P<year>{_YEAR})", re.IGNORECASE)
_NUMERIC_MY_RE = re.compile(rf"(?P<month>0?[1-9]|1[0-2])\s*/\s*(?P<year>{_YEAR})")
_NUMERIC_YM_RE = re.compile(rf"(?P<year>{_YEAR})\s*[-/.]\s*(?P<month>0[1-9]|1[0-2])")
_YEAR_RE = re.compile(rf"(?P<year>{_YEAR})")


@dataclass(frozen=True, slots=True)
class DateRange:
    """A period with partial ISO dates; ``end`` is ``None`` for an ongoing one."""

    start: str
    end: str | None
    span: tuple[int, int] = (0, 0)


def parse_date(text: str) -> str | None:
    """One date as a partial ISO date (``YYYY-MM`` or ``YYYY``), or ``None``."""
    text = text.strip()
    for pattern in (_MONTH_YEAR_RE, _NUMERIC_MY_RE, _NUMERIC_YM_RE):
        match = pattern.fullmatch(text)
        if match:
            return f"{match['year']}-{_month_number(match['month']):02d}"
    match = _YEAR_RE.fullmatch(text)
    return match["year"] if match else None


def _month_number(token: str) -> int:
    return int(token) if token.isdigit() else _MONTHS[token[:3].lower()]


def find_ranges(text: str) -> list[DateRange]:
    """Every date range in ``text``, in order, with its character span."""
    ranges: list[DateRange] = []
    for match in RANGE_RE.finditer(text):
        start = parse_date(match["start"])
        end = parse_date(match["end"])
        if start is None or (end is None and not re.fullmatch(_PRESENT, match["end"], re.IGNORECASE)):
            continue
        ranges.append(DateRange(start, end, match.span()))
    return ranges


def parse_range(text: str) -> DateRange | None:
    """The first date range in ``text``, or ``None``."""
    found = find_ranges(text)
    return found[0] if found else None


def _month_index(iso: str) -> int:
    year, _, month = iso.partition("-")
    return int(year) * 12 + (int(month) if month else 1) - 1


def years_of_experience(periods: list[tuple[str, str | None]], today: date) -> float:
    """Total years covered by ``(start, end)`` periods, overlaps counted once."""
    now = today.year * 12 + today.month - 1
    spans: list[tuple[int, int]] = []
    for start, end in periods:
        first = _month_index(start)
        last = min(now, _month_index(end) if end else now)
        if first <= last:
            spans.append((first, last))
    return round(_merged_months(spans) / 12, 1)


def _merged_months(spans: list[tuple[int, int]]) -> int:
    total = 0
    current: tuple[int, int] | None = None
    for first, last in sorted(spans):
        if current and first <= current[1] + 1:
            current = (current[0], max(current[1], last))
            continue
        if current:
            total += current[1] - current[0] + 1
        current = (first, last)
    if current:
        total += current[1] - current[0] + 1
    return total
