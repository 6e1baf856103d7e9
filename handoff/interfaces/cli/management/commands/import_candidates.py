"""`handoff import_candidates FILE`: import candidates into the talent pool, with a progress bar.

    handoff import_candidates people.csv                       # the mapping guessed from the header
    handoff import_candidates people.xlsx --mapping "Mail=email,Who=full_name"
    handoff import_candidates resumes.json --user recruiter@provider.example
    handoff import_candidates people.csv --report rejected.json   # every rejected or flagged row, as JSON

The run is the same as the page's (same checks, dedupe and report) but in this process, not the worker.
``--user`` names the provider staff member recorded as the importer (default: the first provider admin).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from handoff.domain.accounts.models import User
from handoff.domain.imports import actions
from handoff.domain.imports.models import FileFormat, ImportJob
from handoff.domain.tenancy.roles import StaffRole


def parse_mapping(text: str) -> dict[str, str]:
    """``"Header=field,Other=field"`` → {"Header": "field", ...}."""
    mapping: dict[str, str] = {}
    for part in filter(None, (item.strip() for item in text.split(","))):
        header, sep, field = part.rpartition("=")
        if not sep or not header.strip():
            raise CommandError(f"--mapping: “{part}” is not HEADER=field.")
        mapping[header.strip()] = field.strip()
    return mapping


class Command(BaseCommand):
    help = "Import candidates from a CSV, XLSX or JSON Resume file into the talent pool."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--mapping", default="", help='Column mapping, "Header=field,Header=field" (default: guessed).'
        )
        parser.add_argument(
            "--user", default="", help="E-mail of the importing staff member (default: a provider admin)."
        )
        parser.add_argument("--report", type=Path, help="Write the rejected and flagged rows to this JSON file.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        user = _user(options["user"])
        given = parse_mapping(options["mapping"]) if options["mapping"] else None
        try:
            job = actions.start_import(user, path.name, path.read_bytes(), background=False)
            if job.file_format != FileFormat.JSON_RESUME:
                actions.confirm_mapping(user, job, given if given is not None else job.mapping, background=False)
        except (ValidationError, PermissionDenied) as error:
            raise CommandError(" ".join(getattr(error, "messages", [str(error)]))) from error
        self.stdout.write(f"Mapping: {json.dumps(job.mapping, ensure_ascii=False)}")
        with tqdm(total=job.total_rows, unit="row", disable=options["no_progress"], file=self.stderr._out) as bar:
            counters = actions.run_import(job, progress=bar.update)
        self.stdout.write(
            f"Import #{job.pk}: {counters.processed} rows read, {counters.accepted} accepted, "
            f"{counters.rejected} rejected, {counters.flagged} with a warning."
        )
        if options["report"] is not None:
            _write_report(job, options["report"])
            self.stdout.write(f"Report written to {options['report']}.")


def _user(email: str) -> User:
    rows = User.objects.filter(is_active=True)
    user = (
        rows.filter(email__iexact=email).first() if email else rows.filter(role=StaffRole.ADMIN).order_by("pk").first()
    )
    if user is None:
        raise CommandError(f"No active user {email}." if email else "No provider admin: name one with --user.")
    return user


def _write_report(job: ImportJob, path: Path) -> None:
    rows = [
        {"row": issue.row_number, "outcome": issue.outcome, "label": issue.label, "reasons": issue.reasons}
        for issue in job.issues.all()
    ]
    path.write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")
