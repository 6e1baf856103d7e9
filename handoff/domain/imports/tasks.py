"""Background runs of confirmed imports (enqueued after the commit that confirmed them)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.tasks import task

from handoff.domain.imports import actions, selectors
from handoff.domain.imports.models import JobStatus


@task
def run_import_job(job_id: int) -> dict[str, int]:
    """Run one queued import; returns its counters (empty when the job is gone or already run)."""
    job = selectors.job_for_task(job_id)
    if job is None or job.status != JobStatus.QUEUED:
        return {}
    try:
        counters = actions.run_import(job)
    except ValidationError:  # another worker claimed it first
        return {}
    return {"accepted": counters.accepted, "rejected": counters.rejected, "flagged": counters.flagged}
