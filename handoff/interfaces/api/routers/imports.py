"""Candidate imports: upload a file (multipart), set its column mapping, follow its progress, read its report.

Provider data: only the provider staff who work the talent pool may import or see imports (403 on upload,
404 on a job, an empty list otherwise).
"""

import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import File, Form, Router
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from handoff.domain.imports import actions, reading, selectors
from handoff.domain.imports.models import ImportJob, ImportRowIssue
from handoff.domain.recruiting.rules import works_talent_pool
from handoff.interfaces.api.auth import actor
from handoff.interfaces.api.pagination import PageNumberPagination
from handoff.interfaces.api.schemas.base import ObjectId
from handoff.interfaces.api.schemas.errors import error_responses
from handoff.interfaces.api.schemas.imports import ImportIssueOut, ImportJobOut, MappingIn

router = Router(tags=["Imports"])
WRITE_ERRORS = error_responses(400, 403, 404, 413, 422)


def _mapping(text: str) -> dict[str, str] | None:
    if not text.strip():
        return None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError({"mapping": "A JSON object of column header → candidate field."}) from exc
    if not (isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())):
        raise ValidationError({"mapping": "A JSON object of column header → candidate field."})
    return value


@router.post("", response={202: ImportJobOut, **WRITE_ERRORS})
def post_import(request: HttpRequest, file: File[UploadedFile], mapping: Form[str] = "") -> Status[ImportJob]:
    """Upload a CSV, XLSX or JSON Resume file. A CSV/XLSX without ``mapping`` waits for one (the guess is in
    ``mapping``); with it, or a JSON Resume, the import is queued (poll ``GET /imports/{job_id}``)."""
    user = actor(request)
    if not works_talent_pool(user):
        raise PermissionDenied("Candidates are imported by the provider's recruiting staff.")
    data = file.read(reading.max_bytes() + 1)
    job = actions.start_import(user, file.name or "upload", data, _mapping(mapping))
    return Status(202, selectors.job(user, job.pk))


@router.get("", response={200: list[ImportJobOut], **error_responses(422)})
@paginate(PageNumberPagination)
def list_imports(request: HttpRequest) -> QuerySet[ImportJob]:
    return selectors.jobs(actor(request))


@router.get("/{job_id}", response={200: ImportJobOut, **error_responses(404, 422)})
def get_import(request: HttpRequest, job_id: ObjectId) -> ImportJob:
    return selectors.job(actor(request), job_id)


@router.post("/{job_id}/mapping", response={202: ImportJobOut, **WRITE_ERRORS})
def post_import_mapping(request: HttpRequest, job_id: ObjectId, payload: MappingIn) -> Status[ImportJob]:
    user = actor(request)
    job = selectors.job(user, job_id)
    actions.confirm_mapping(user, job, payload.mapping)
    return Status(202, selectors.job(user, job.pk))


@router.get("/{job_id}/report", response={200: list[ImportIssueOut], **error_responses(404, 422)})
@paginate(PageNumberPagination)
def list_import_report(request: HttpRequest, job_id: ObjectId) -> QuerySet[ImportRowIssue]:
    """The rows rejected (with their reasons) and those accepted with a warning; the counts are on the job."""
    user = actor(request)
    return selectors.issues(user, selectors.job(user, job_id))
