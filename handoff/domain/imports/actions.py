"""Importing candidates into the talent pool: upload → mapping → a background run with a report.

``start_import`` checks the file (type, size, header) and guesses the mapping; ``confirm_mapping`` queues
the run (after commit); ``run_import`` (the task's body, and the command's) reads the rows in batches,
converts and validates each like a typed candidate, refuses exact duplicates of the pool or of earlier
rows (normalised e-mail, E.164 phone, profile URL: the rules of ``recruiting.actions.create_candidate``),
saves the rest in bulk with a "created" event each, and counts progress after every batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from handoff.domain.imports import jsonresume, reading, rows
from handoff.domain.imports.models import FileFormat, ImportJob, ImportRowIssue, JobStatus, RowOutcome
from handoff.domain.recruiting.models import Candidate, CandidateEvent, CandidateEventKind
from handoff.domain.recruiting.rules import works_talent_pool
from handoff.domain.taxonomy.models import Skill, SkillAlias
from handoff.domain.tenancy.access import Actor, real_user
from handoff.engines.taxonomy.text import normalise as normalise_skill_text

BATCH_SIZE = 1000
MAX_ISSUES_STORED = 10_000

type Progress = Callable[[int], None]


def _require_pool_worker(actor: Actor) -> None:
    if not works_talent_pool(actor):
        raise PermissionDenied("Candidates are imported by the provider's recruiting staff.")


@transaction.atomic
def start_import(
    actor: Actor, filename: str, data: bytes, mapping: dict[str, str] | None = None, *, background: bool = True
) -> ImportJob:
    """A new job for an uploaded file: waiting for its mapping (CSV, XLSX), or queued (JSON Resume, or a
    mapping given with the upload). A file that cannot be imported is a ValidationError on ``file``."""
    _require_pool_worker(actor)
    try:
        file_format = reading.detect_format(filename, data)
        headers, total = _inspect(file_format, data)
    except reading.ImportFileError as error:
        raise ValidationError({"file": str(error)}) from error
    job = ImportJob(
        created_by=real_user(actor),
        filename=filename[:255],
        file_format=file_format,
        content=data,
        headers=headers,
        mapping=reading.guess_mapping(headers),
        total_rows=total,
    )
    job.save()
    if file_format == FileFormat.JSON_RESUME:
        _queue(job, background=background)
    elif mapping is not None:
        confirm_mapping(actor, job, mapping, background=background)
    return job


def _inspect(file_format: str, data: bytes) -> tuple[list[str], int]:
    if file_format == FileFormat.JSON_RESUME:
        return [], len(reading.read_json_resumes(data))
    table = reading.read_table(file_format, data)
    if not table.rows:
        raise reading.ImportFileError("The file has a header row but no candidates.")
    return table.headers, len(table.rows)


@transaction.atomic
def confirm_mapping(actor: Actor, job: ImportJob, mapping: dict[str, str], *, background: bool = True) -> ImportJob:
    _require_pool_worker(actor)
    locked = ImportJob.objects.select_for_update().defer("content").get(pk=job.pk)
    if locked.status != JobStatus.MAPPING:
        raise ValidationError({"mapping": "This import has already been started."})
    try:
        chosen = reading.check_mapping(locked.headers, mapping)
    except ValueError as error:
        raise ValidationError({"mapping": str(error)}) from error
    locked.mapping = chosen
    locked.save(update_fields=["mapping"])
    _queue(locked, background=background)
    job.mapping, job.status = locked.mapping, locked.status
    return job


def _queue(job: ImportJob, *, background: bool) -> None:
    """Queued for the worker (after commit), or left for the caller to run (the command line)."""
    job.status = JobStatus.QUEUED
    job.save(update_fields=["status"])
    if background:
        transaction.on_commit(lambda: _enqueue(job.pk), robust=True)


def _enqueue(job_id: int) -> None:
    from handoff.domain.imports.tasks import run_import_job  # the tasks import these actions

    run_import_job.enqueue(job_id)


# --- the run --------------------------------------------------------------------------------------------------


@dataclass
class Item:
    row_number: int
    values: dict[str, Any] | None  # None: the row itself is malformed (``problem`` says why)
    extras: dict[str, Any] | None = None
    problem: str = ""


def skill_lookup() -> rows.SkillLookup:
    ids = {
        normalise_skill_text(name): pk for pk, name in Skill.objects.filter(is_current=True).values_list("pk", "name")
    }
    ids.update(dict(SkillAlias.objects.values_list("alias", "skill_id")))
    return rows.SkillLookup(ids=ids, known_ids=frozenset(ids.values()))


def pool_keys() -> rows.DuplicateKeys:
    keys = rows.DuplicateKeys()
    columns = ("pk", "email_normalised", "phone_e164", "profile_url_normalised")
    for pk, email, phone, url in (
        Candidate.objects.filter(merged_into__isnull=True).values_list(*columns).iterator(chunk_size=5000)
    ):
        if email:
            keys.email.setdefault(email, pk)
        if phone:
            keys.phone.setdefault(phone, pk)
        if url:
            keys.profile_url.setdefault(url, pk)
    return keys


def _table_items(job: ImportJob) -> Iterator[Item]:
    table = reading.read_table(job.file_format, bytes(job.content))
    width = len(table.headers)
    columns = {index: job.mapping[header] for index, header in enumerate(table.headers) if job.mapping.get(header)}
    for number, cells in zip(table.row_numbers, table.rows, strict=True):
        if cells == ["\x00malformed"]:
            yield Item(number, None, problem="malformed row: the CSV quoting is broken.")
        elif _malformed(cells, width, job.file_format):
            yield Item(number, None, problem=f"malformed row: {len(cells)} cells, but the header names {width}.")
        else:
            yield Item(number, {field: cells[index] for index, field in columns.items() if index < len(cells)})


def _malformed(cells: list[str], width: int, file_format: str) -> bool:
    """More cells than columns (unless the extra ones are blank), or fewer in a CSV (a spreadsheet pads)."""
    if len(cells) > width:
        return any(cell.strip() for cell in cells[width:])
    return len(cells) < width and file_format == FileFormat.CSV


def _resume_items(job: ImportJob) -> Iterator[Item]:
    for number, document in enumerate(reading.read_json_resumes(bytes(job.content)), start=1):
        errors = jsonresume.schema_errors(document)
        if errors or not isinstance(document, dict):
            yield Item(number, None, problem="not a valid JSON Resume: " + "; ".join(errors or ["not an object"]))
            continue
        values, extras = jsonresume.from_json_resume(document)
        yield Item(number, values, extras)


def items_of(job: ImportJob) -> Iterator[Item]:
    return _resume_items(job) if job.file_format == FileFormat.JSON_RESUME else _table_items(job)


@dataclass
class Counters:
    processed: int = 0
    accepted: int = 0
    rejected: int = 0
    flagged: int = 0


class _Batch:
    def __init__(self, job: ImportJob, actor_id: int | None) -> None:
        self.job, self.actor_id = job, actor_id
        self.candidates: list[Candidate] = []
        self.issues: list[ImportRowIssue] = []
        self.counters = Counters()
        self.stored_issues = 0

    def issue(self, number: int, outcome: str, reasons: list[str], label: str) -> None:
        if self.stored_issues < MAX_ISSUES_STORED:
            self.issues.append(
                ImportRowIssue(job=self.job, row_number=number, outcome=outcome, reasons=reasons, label=label[:200])
            )
            self.stored_issues += 1

    @transaction.atomic
    def flush(self) -> None:
        created = Candidate.objects.bulk_create(self.candidates, batch_size=BATCH_SIZE)
        now = timezone.now()
        CandidateEvent.objects.bulk_create(
            [
                CandidateEvent(
                    candidate=row,
                    kind=CandidateEventKind.CREATED,
                    actor_id=self.actor_id,
                    at=now,
                    detail={"import": self.job.pk},
                )
                for row in created
            ],
            batch_size=BATCH_SIZE,
        )
        ImportRowIssue.objects.bulk_create(self.issues, batch_size=BATCH_SIZE)
        counters = self.counters
        ImportJob.objects.filter(pk=self.job.pk).update(
            processed_rows=counters.processed,
            accepted_rows=counters.accepted,
            rejected_rows=counters.rejected,
            flagged_rows=counters.flagged,
        )
        self.candidates, self.issues = [], []


def run_import(job: ImportJob, progress: Progress | None = None) -> Counters:
    """Import the job's rows once (the first caller claims it); the counters are stored after every batch."""
    claimed = ImportJob.objects.filter(pk=job.pk, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        raise ValidationError("This import is not waiting to run.")
    batch = _Batch(job, job.created_by_id)
    try:
        _run(job, batch, progress)
    except reading.ImportFileError as error:
        _finish(job, JobStatus.FAILED, str(error))
        return batch.counters
    _finish(job, JobStatus.DONE, "")
    return batch.counters


def _run(job: ImportJob, batch: _Batch, progress: Progress | None) -> None:
    lookup, keys = skill_lookup(), pool_keys()
    for item in items_of(job):
        _one(item, lookup, keys, batch)
        batch.counters.processed += 1
        if batch.counters.processed % BATCH_SIZE == 0:
            batch.flush()
            if progress is not None:
                progress(BATCH_SIZE)
    batch.flush()
    if progress is not None and batch.counters.processed % BATCH_SIZE:
        progress(batch.counters.processed % BATCH_SIZE)


def _one(item: Item, lookup: rows.SkillLookup, keys: rows.DuplicateKeys, batch: _Batch) -> None:
    counters = batch.counters
    if item.values is None:
        counters.rejected += 1
        batch.issue(item.row_number, RowOutcome.REJECTED, [item.problem], "")
        return
    converted = rows.convert(item.values, lookup, json_extras=item.extras)
    reasons = list(converted.reasons)
    if converted.candidate is not None:
        reasons += keys.duplicate_reasons(converted.candidate)
    if reasons or converted.candidate is None:
        counters.rejected += 1
        batch.issue(item.row_number, RowOutcome.REJECTED, reasons, converted.label)
        return
    candidate = converted.candidate
    candidate.created_by_id = batch.actor_id
    keys.add(candidate, f"row {item.row_number} of this file")
    batch.candidates.append(candidate)
    counters.accepted += 1
    if converted.warnings:
        counters.flagged += 1
        batch.issue(item.row_number, RowOutcome.FLAGGED, converted.warnings, converted.label)


def _finish(job: ImportJob, status: str, error: str) -> None:
    ImportJob.objects.filter(pk=job.pk).update(status=status, error=error[:500], finished_at=timezone.now())
    job.refresh_from_db(
        fields=["status", "error", "finished_at", "processed_rows", "accepted_rows", "rejected_rows", "flagged_rows"]
    )
