"""Background work of the career site: parsing the resumes applicants uploaded.

The apply form only sniffs the file (type and size, synchronously) and keeps it; parsing runs here, in
the engine's sandboxed subprocess, so that a slow or hostile file never holds up a request.
"""

from __future__ import annotations

from django.tasks import task

from handoff.domain.recruiting.careers import actions, selectors
from handoff.engines.resumes.runner import parse_resume


@task
def parse_career_resume(submission_id: int) -> str:
    """Parse one submission's resume and record the outcome; returns the parse status ("" when it is gone)."""
    submission = selectors.submission_for_task(submission_id)
    if submission is None:
        return ""
    with submission.resume.open("rb") as stored:
        data = stored.read()
    result = parse_resume(data, region=str(submission.client.country or "US"))
    return actions.record_parse(submission, ok=result.ok, profile=result.profile, reason=result.reason or "")
