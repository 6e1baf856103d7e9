"""Import jobs: one uploaded file of candidates, its column mapping, its progress and its report.

Candidates are the provider's (the talent pool), so an import job is provider data too: it is seen by the
provider staff who work the pool. The file is kept in the row (``content``) so that any worker can run it.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models


class FileFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "Excel (XLSX)"
    JSON_RESUME = "json_resume", "JSON Resume"


class JobStatus(models.TextChoices):
    MAPPING = "mapping", "Waiting for the column mapping"
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class RowOutcome(models.TextChoices):
    REJECTED = "rejected", "Rejected"
    FLAGGED = "flagged", "Accepted with a warning"


class ImportJob(models.Model):
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    filename = models.CharField(max_length=255)
    file_format = models.CharField(max_length=12, choices=FileFormat.choices)
    content = models.BinaryField(editable=False)
    headers = models.JSONField(default=list, blank=True)
    mapping = models.JSONField(default=dict, blank=True, help_text="Column header → candidate field.")
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.MAPPING)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    accepted_rows = models.PositiveIntegerField(default=0)
    rejected_rows = models.PositiveIntegerField(default=0)
    flagged_rows = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Import of {self.filename}"

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def percent(self) -> int:
        return 100 if self.is_finished else int(100 * self.processed_rows / self.total_rows) if self.total_rows else 0


class ImportRowIssue(models.Model):
    """A row that was rejected (with its reasons) or accepted with a warning (unknown skills, ...)."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="issues")
    row_number = models.PositiveIntegerField(help_text="1 is the first row after the header.")
    outcome = models.CharField(max_length=10, choices=RowOutcome.choices)
    reasons = models.JSONField(default=list)
    label = models.CharField(max_length=200, blank=True, help_text="Name or e-mail of the row, to find it.")

    class Meta:
        ordering: ClassVar = ["row_number", "pk"]

    def __str__(self) -> str:
        return f"Row {self.row_number}: {self.outcome}"
