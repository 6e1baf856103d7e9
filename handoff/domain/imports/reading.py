"""Reading uploaded files: which format a file is, its header, its rows, and a first guess of the mapping.

Nothing here touches the database. A file that is not what it claims to be, or too big, is refused with a
message a person can act on; a malformed row is reported as that row's problem and the rest is read.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from handoff.domain.imports.models import FileFormat

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_COLUMNS = 200
MAX_CELL = 10_000
XLSX_MAGIC = b"PK\x03\x04"
SNIFF_BYTES = 64 * 1024

# candidate field → its label in the mapping form
TARGET_FIELDS: dict[str, str] = {
    "full_name": "Full name",
    "first_name": "First name",
    "last_name": "Last name",
    "email": "E-mail",
    "phone": "Phone",
    "profile_url": "Profile URL",
    "city": "City",
    "country": "Country",
    "headline": "Headline",
    "skills": "Skills (comma separated)",
    "languages": "Languages (comma separated)",
    "years_experience": "Years of experience",
    "salary_expectation": "Salary expectation",
    "salary_currency": "Salary currency",
    "notice_period_days": "Notice period (days)",
    "source": "Source",
    "tags": "Tags (comma separated)",
    "consent_policy_version": "Consent: policy version",
    "consent_date": "Consent: date",
    "consent_channel": "Consent: channel",
    "share_across_clients": "Consent to be shared across clients",
}

# normalised header → field (the first guess; the person may change it)
HEADER_GUESSES: dict[str, str] = {
    **{key.replace("_", ""): key for key in TARGET_FIELDS},
    "name": "full_name",
    "fullname": "full_name",
    "candidate": "full_name",
    "candidatename": "full_name",
    "firstname": "first_name",
    "givenname": "first_name",
    "forename": "first_name",
    "lastname": "last_name",
    "surname": "last_name",
    "familyname": "last_name",
    "mail": "email",
    "emailaddress": "email",
    "phonenumber": "phone",
    "mobile": "phone",
    "telephone": "phone",
    "tel": "phone",
    "linkedin": "profile_url",
    "linkedinurl": "profile_url",
    "url": "profile_url",
    "profile": "profile_url",
    "town": "city",
    "location": "city",
    "countrycode": "country",
    "title": "headline",
    "jobtitle": "headline",
    "currenttitle": "headline",
    "skill": "skills",
    "skillset": "skills",
    "language": "languages",
    "experience": "years_experience",
    "yearsofexperience": "years_experience",
    "salary": "salary_expectation",
    "expectedsalary": "salary_expectation",
    "currency": "salary_currency",
    "noticeperiod": "notice_period_days",
    "notice": "notice_period_days",
    "tag": "tags",
    "consentversion": "consent_policy_version",
    "policyversion": "consent_policy_version",
    "consentdate": "consent_date",
    "consentchannel": "consent_channel",
    "sharing": "share_across_clients",
    "shareacrossclients": "share_across_clients",
}


class ImportFileError(ValueError):
    """The file as a whole cannot be imported (its message is shown as it is)."""


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]  # cells as text, one list per data row (blank rows left out)
    row_numbers: list[int]  # the number of each row in the file (1 is the first row after the header)


def max_bytes() -> int:
    return int(getattr(settings, "IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def detect_format(filename: str, data: bytes) -> str:
    """The format of an upload, from its name and checked against its content."""
    size_limit = max_bytes()
    if len(data) > size_limit:
        raise ImportFileError(
            f"The file is {len(data) / 1e6:.1f} MB; at most {size_limit / 1e6:.0f} MB can be imported."
        )
    if not data.strip():
        raise ImportFileError("The file is empty.")
    name = filename.lower()
    if name.endswith(".xlsx"):
        if not data.startswith(XLSX_MAGIC) or not zipfile.is_zipfile(io.BytesIO(data)):
            raise ImportFileError("This .xlsx file is not an Excel workbook.")
        return FileFormat.XLSX
    if name.endswith(".json"):
        return FileFormat.JSON_RESUME
    if name.endswith((".csv", ".txt", ".tsv")):
        if b"\x00" in data[:SNIFF_BYTES] or data.startswith(XLSX_MAGIC):
            raise ImportFileError("This file is not a text CSV file (it holds binary data).")
        return FileFormat.CSV
    raise ImportFileError("Choose a .csv, .xlsx or .json (JSON Resume) file.")


def decode_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError("The file is not UTF-8 (or Windows-1252) text.")


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()[:MAX_CELL]


def _table(header: list[str], body: Iterator[tuple[int, list[str]]]) -> Table:
    headers = [cell.strip() for cell in header]
    while headers and not headers[-1]:
        headers.pop()
    if not headers:
        raise ImportFileError("The first row must name the columns; it is empty.")
    if len(headers) > MAX_COLUMNS:
        raise ImportFileError(f"The file has {len(headers)} columns; at most {MAX_COLUMNS} are read.")
    if len({h.lower() for h in headers if h}) != len([h for h in headers if h]):
        raise ImportFileError("Two columns have the same name: rename one of them.")
    rows: list[list[str]] = []
    numbers: list[int] = []
    for number, cells in body:
        if any(cell.strip() for cell in cells):
            rows.append(cells)
            numbers.append(number)
    return Table(headers, rows, numbers)


def read_csv(data: bytes) -> Table:
    text = decode_text(data)
    try:
        dialect: Any = csv.Sniffer().sniff(text[:SNIFF_BYTES], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = next(reader)
    except StopIteration as exc:
        raise ImportFileError("The file is empty.") from exc
    except csv.Error as exc:
        raise ImportFileError(f"The header row cannot be read: {exc}.") from exc

    def body() -> Iterator[tuple[int, list[str]]]:
        number = 0
        while True:
            number += 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error:
                yield number, ["\x00malformed"]
                continue
            yield number, [cell[:MAX_CELL] for cell in cells]

    return _table(header, body())


def read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a broken workbook
        raise ImportFileError("The workbook cannot be opened: it is damaged or not an .xlsx file.") from exc
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise ImportFileError("The first sheet of the workbook is empty.")
        body = ((number, [_cell_text(value) for value in row]) for number, row in enumerate(rows, start=1))
        return _table([_cell_text(value) for value in header], body)
    finally:
        workbook.close()


def read_table(file_format: str, data: bytes) -> Table:
    if file_format == FileFormat.CSV:
        return read_csv(data)
    if file_format == FileFormat.XLSX:
        return read_xlsx(data)
    raise ImportFileError("This format has no columns to map.")


def read_json_resumes(data: bytes) -> list[Any]:
    """The resumes of a JSON Resume file: one resume object, or a list of them."""
    try:
        document = json.loads(decode_text(data))
    except json.JSONDecodeError as exc:
        raise ImportFileError(f"The file is not valid JSON (line {exc.lineno}, column {exc.colno}).") from exc
    resumes = document if isinstance(document, list) else [document]
    if not resumes:
        raise ImportFileError("The file holds no resume.")
    return resumes


def _header_key(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower())


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """Header → field for the headers that look like a candidate field (each field taken once)."""
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for header in headers:
        field = HEADER_GUESSES.get(_header_key(header), "")
        if field and field not in taken:
            mapping[header] = field
            taken.add(field)
    return mapping


def check_mapping(headers: list[str], mapping: dict[str, str]) -> dict[str, str]:
    """The mapping without unmapped columns; a ValueError naming the problem when it cannot be used."""
    chosen = {header: field for header, field in mapping.items() if field}
    unknown_headers = sorted(set(chosen) - set(headers))
    if unknown_headers:
        raise ValueError(f"The file has no column {', '.join(unknown_headers)}.")
    unknown_fields = sorted(set(chosen.values()) - set(TARGET_FIELDS))
    if unknown_fields:
        raise ValueError(f"Unknown candidate field: {', '.join(unknown_fields)}.")
    fields = list(chosen.values())
    repeated = sorted({field for field in fields if fields.count(field) > 1})
    if repeated:
        raise ValueError(f"Two columns go to the same field: {', '.join(TARGET_FIELDS[f] for f in repeated)}.")
    if "full_name" not in fields and "first_name" not in fields and "last_name" not in fields:
        raise ValueError("Map a column to the full name (or to the first and last names).")
    if not {"email", "phone", "profile_url"} & set(fields):
        raise ValueError("Map a column to the e-mail, the phone or the profile URL.")
    return chosen
