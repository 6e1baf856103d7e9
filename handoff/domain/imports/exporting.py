"""Exports of the talent pool the actor may see: CSV, XLSX, or JSON Resume (a list of resumes)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from handoff.domain.imports import jsonresume
from handoff.domain.imports.reading import TARGET_FIELDS
from handoff.domain.recruiting.models import Candidate
from handoff.domain.tenancy.access import Actor, sees_salary_expectations

EXPORT_FIELDS = [name for name in TARGET_FIELDS if name not in ("first_name", "last_name")]
SALARY_FIELDS = ("salary_expectation", "salary_currency")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")  # CSV injection: a cell a spreadsheet would run


def export_fields(actor: Actor) -> list[str]:
    return [name for name in EXPORT_FIELDS if name not in SALARY_FIELDS or sees_salary_expectations(actor)]


def _cell(candidate: Candidate, name: str) -> str:
    value: Any = getattr(candidate, name)
    if name == "skills":
        return ", ".join(str(item["name"]) for item in value)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


NUMBER_LIKE = re.compile(r"[+\-]?[\d\s().\-]+")


def _safe(text: str) -> str:
    """A cell a spreadsheet would take for a formula gets a leading quote (phone numbers and amounts do not)."""
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) and not NUMBER_LIKE.fullmatch(text) else text


def table_rows(actor: Actor, candidates: Iterable[Candidate]) -> Iterator[list[str]]:
    fields = export_fields(actor)
    yield [TARGET_FIELDS[name] for name in fields]
    for candidate in candidates:
        yield [_safe(_cell(candidate, name)) for name in fields]


def to_csv(actor: Actor, candidates: Iterable[Candidate]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(table_rows(actor, candidates))
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(actor: Actor, candidates: Iterable[Candidate]) -> bytes:
    from openpyxl import Workbook  # type: ignore[import-untyped]

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Candidates")
    for row in table_rows(actor, candidates):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_json_resumes(actor: Actor, candidates: Iterable[Candidate]) -> bytes:
    documents = []
    for candidate in candidates:
        document = jsonresume.to_json_resume(candidate)
        if not sees_salary_expectations(actor):
            handoff = document.get("meta", {}).get("handoff", {})
            for name in SALARY_FIELDS:
                handoff.pop(name, None)
        documents.append(document)
    return json.dumps(documents, ensure_ascii=False, indent=2).encode("utf-8")
