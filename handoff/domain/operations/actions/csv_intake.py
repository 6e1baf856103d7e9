"""CSV batch upload of work items on one service, with a row report.

The file is UTF-8 (a byte-order mark is fine), comma-separated, with a header row.
Columns: ``title`` (required), ``description``, ``priority``, ``item_type``, ``queue``
(a queue name of the service; its first queue when empty), and one column per custom
field of the service, named like the field. Each row is raised on its own: a good row
is kept even when others are wrong, and each wrong row is reported with its line number
and a message per field. Problems with the file as a whole (not UTF-8, no header, an
unknown column, too many rows) refuse the file before any row is saved.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from handoff.domain.operations import selectors
from handoff.domain.operations.actions.items import create_item
from handoff.domain.operations.models import Service, WorkItem
from handoff.domain.operations.permissions import follows_items, require
from handoff.domain.tenancy.access import Actor

MAX_CSV_BYTES = 5 * 1024 * 1024
MAX_CSV_ROWS = 2000
FIXED_COLUMNS = ("title", "description", "priority", "item_type", "queue")


@dataclass(frozen=True)
class RejectedRow:
    line: int
    errors: dict[str, list[str]]


@dataclass
class CsvReport:
    accepted: list[tuple[int, WorkItem]] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.accepted) + len(self.rejected)


def _decode(data: bytes) -> str:
    if not data.strip():
        raise ValidationError({"file": "The file is empty."})
    if len(data) > MAX_CSV_BYTES:
        raise ValidationError({"file": f"The file is larger than {MAX_CSV_BYTES // (1024 * 1024)} MB."})
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError({"file": f"The file is not UTF-8 text (byte {exc.start + 1})."}) from exc
    if "\x00" in text:
        raise ValidationError({"file": "The file is not a text file."})
    return text


def read_rows(service: Service, data: bytes) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) pairs of a well-formed file; ValidationError on ``file`` otherwise."""
    reader = csv.DictReader(io.StringIO(_decode(data), newline=""))
    try:
        header = [name.strip() for name in reader.fieldnames or []]
        _check_header(service, header)
        reader.fieldnames = header
        rows: list[tuple[int, dict[str, str]]] = []
        for row in reader:
            if len(rows) >= MAX_CSV_ROWS:
                raise ValidationError({"file": f"Send at most {MAX_CSV_ROWS} rows per file."})
            if None in row:
                rows.append((reader.line_num, {"__extra__": "x"}))
                continue
            if any((value or "").strip() for value in row.values()):
                rows.append((reader.line_num, {k: (v or "").strip() for k, v in row.items()}))
    except csv.Error as exc:
        raise ValidationError({"file": f"The file is not valid CSV: {exc}."}) from exc
    if not rows:
        raise ValidationError({"file": "The file has a header but no rows."})
    return rows


def _check_header(service: Service, header: list[str]) -> None:
    custom = [str(entry["name"]) for entry in service.custom_fields or []]
    if "title" not in header:
        raise ValidationError({"file": "The header row must have a title column."})
    duplicated = sorted({name for name in header if header.count(name) > 1})
    if duplicated:
        raise ValidationError({"file": f"Columns named twice: {', '.join(duplicated)}."})
    unknown = [name for name in header if name not in FIXED_COLUMNS and name not in custom]
    if unknown:
        known = ", ".join([*FIXED_COLUMNS, *custom])
        raise ValidationError({"file": f"Unknown columns: {', '.join(unknown)} (this service takes: {known})."})


def _row_data(service: Service, row: dict[str, str], queues: dict[str, int]) -> dict[str, Any]:
    custom = {str(entry["name"]) for entry in service.custom_fields or []}
    data: dict[str, Any] = {"title": row.get("title", "")}
    for name in ("description", "priority", "item_type"):
        if row.get(name):
            data[name] = row[name]
    queue = row.get("queue", "")
    if queue:
        if queue not in queues:
            raise ValidationError({"queue": f"No queue named {queue!r} in this service."})
        data["queue_id"] = queues[queue]
    data["custom_fields"] = {name: value for name, value in row.items() if name in custom and value != ""}
    return data


def import_csv(actor: Actor, service: Service, data: bytes, *, now: datetime | None = None) -> CsvReport:
    """Raise one item per row of the file; the report lists the accepted and the rejected rows."""
    require(follows_items(actor), "Your role does not raise work items.")
    rows = read_rows(service, data)
    queues = {queue.name: queue.pk for queue in selectors.queues(actor, service)}
    moment = now or timezone.now()
    report = CsvReport()
    for line, row in rows:
        if "__extra__" in row:
            report.rejected.append(RejectedRow(line, {"row": ["This row has more values than the header."]}))
            continue
        try:
            item = create_item(actor, service.pk, _row_data(service, row, queues), now=moment)
        except ValidationError as error:
            report.rejected.append(RejectedRow(line, _messages(error)))
        except PermissionDenied:
            raise
        else:
            report.accepted.append((line, item))
    return report


def _messages(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {name: [str(m) for m in messages] for name, messages in error.message_dict.items()}
    return {"row": [str(m) for m in error.messages]}
