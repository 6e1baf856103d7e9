"""The ServiceNow incident event log (UCI 498, Kaggle copy) as one row per incident, for the classifier bench.

The log has one row per update of an incident. An incident's *features* are its fields as the first
event recorded them (what was known when it was opened: contact type, location, category, subcategory,
symptom, configuration item, impact, urgency, priority, caller, opener); its *label* is the assignment
group of its last event (the group that worked it to the end). Dates are day/month/year.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

OPENING_FIELDS = (
    "contact_type",
    "location",
    "category",
    "subcategory",
    "u_symptom",
    "cmdb_ci",
    "impact",
    "urgency",
    "priority",
    "caller_id",
    "opened_by",
    "sys_created_by",
)
MISSING = "?"


@dataclass(frozen=True)
class Incident:
    number: str
    opened_at: datetime
    fields: dict[str, str]
    first_group: str
    group: str  # the last event's assignment group


def _rows(path: Path) -> Iterator[dict[str, str]]:
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            name = next(n for n in archive.namelist() if n.endswith(".csv"))
            with archive.open(name) as raw:
                yield from csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8"))
        return
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _when(text: str) -> datetime:
    return datetime.strptime(text.strip(), "%d/%m/%Y %H:%M")


def _modification(row: dict[str, str]) -> int:
    try:
        return int(row.get("sys_mod_count") or 0)
    except ValueError:
        return 0


def read_incidents(path: Path) -> list[Incident]:
    """Incidents with a known opening time and final assignment group, oldest first."""
    first: dict[str, dict[str, str]] = {}
    last: dict[str, dict[str, str]] = {}
    for row in _rows(path):
        number = row["number"]
        if number not in first or _modification(row) < _modification(first[number]):
            first[number] = row
        if number not in last or _modification(row) >= _modification(last[number]):
            last[number] = row
    incidents = []
    for number, opening in first.items():
        group = last[number].get("assignment_group", MISSING)
        if group in ("", MISSING) or not opening.get("opened_at"):
            continue
        fields = {name: opening.get(name, "") for name in OPENING_FIELDS if opening.get(name, MISSING) != MISSING}
        incidents.append(
            Incident(number, _when(opening["opened_at"]), fields, opening.get("assignment_group", MISSING), group)
        )
    return sorted(incidents, key=lambda incident: (incident.opened_at, incident.number))


def split_by_time(incidents: list[Incident], train_share: float = 0.8) -> tuple[list[Incident], list[Incident]]:
    """The earlier weeks for training, the later ones for testing (cut at a week boundary near the share)."""
    if not incidents:
        return [], []
    cut = incidents[min(int(len(incidents) * train_share), len(incidents) - 1)].opened_at
    monday = cut.isocalendar()
    boundary = datetime.fromisocalendar(monday.year, monday.week, 1)
    train = [incident for incident in incidents if incident.opened_at < boundary]
    test = [incident for incident in incidents if incident.opened_at >= boundary]
    return train, test
