"""Import pages (upload → column mapping → progress polled with htmx → report) and the talent-pool export.

Provider data: only the staff who work the talent pool reach these pages (403 for anyone else).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from handoff.domain.imports import actions, exporting, selectors
from handoff.domain.imports.models import ImportJob, JobStatus
from handoff.domain.imports.reading import max_bytes
from handoff.domain.recruiting import rules, search
from handoff.interfaces.web.forms_imports import ExportForm, MappingForm, UploadForm
from handoff.interfaces.web.views.common import AuthenticatedHttpRequest, add_validation_errors, render_page

REPORT_ROWS = 500
EXPORT_LIMIT = 100_000
EXPORT_TYPES = {
    "csv": ("text/csv; charset=utf-8", "csv", exporting.to_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", exporting.to_xlsx),
    "json": ("application/json", "json", exporting.to_json_resumes),
}


def _require_pool(request: AuthenticatedHttpRequest) -> None:
    if not rules.works_talent_pool(request.user):
        raise PermissionDenied("Candidates are imported and exported by the provider's recruiting staff.")


@login_required
def import_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_pool(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = actions.start_import(request.user, upload.name, upload.read(max_bytes() + 1))
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            return redirect("web:import_detail", job_id=job.pk)
    context = {
        "form": form,
        "jobs": list(selectors.jobs(request.user)[:50]),
        "export_form": ExportForm(),
        "max_mb": max_bytes() // 1_000_000,
    }
    return render_page(request, "web/imports/import_list.html", context, invalid=form.is_bound)


def _mapping_form(request: AuthenticatedHttpRequest, job: ImportJob) -> MappingForm:
    data = request.POST if request.method == "POST" else None
    return MappingForm(data, headers=job.headers, mapping=job.mapping)


@login_required
def import_detail(request: AuthenticatedHttpRequest, job_id: int) -> HttpResponse:
    _require_pool(request)
    job = selectors.job(request.user, job_id)
    form = _mapping_form(request, job) if job.status == JobStatus.MAPPING else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            actions.confirm_mapping(request.user, job, form.mapping())
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, f"The import of {job.filename} is queued.")
            return redirect("web:import_detail", job_id=job.pk)
    context = {"job": job, "form": form, "issues": list(selectors.issues(request.user, job)[:REPORT_ROWS])}
    return render_page(request, "web/imports/import_detail.html", context, invalid=bool(form and form.is_bound))


@login_required
@require_GET
def import_progress(request: AuthenticatedHttpRequest, job_id: int) -> HttpResponse:
    """The progress block (htmx polls it every second until the job is finished)."""
    _require_pool(request)
    job = selectors.job(request.user, job_id)
    context = {"job": job, "issues": list(selectors.issues(request.user, job)[:REPORT_ROWS]) if job.is_finished else []}
    return render(request, "web/imports/_progress.html", context)


@login_required
@require_GET
def candidate_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The candidates the actor may see (optionally those matching ``q``), as CSV, XLSX or JSON Resume."""
    _require_pool(request)
    form = ExportForm(request.GET)
    if not form.is_valid():
        messages.error(request, "Choose CSV, XLSX or JSON Resume.")
        return redirect("web:import_list")
    content_type, extension, render_file = EXPORT_TYPES[form.cleaned_data["format"]]
    rows = search.search_candidates(request.user, form.cleaned_data["q"])
    data = render_file(request.user, rows.order_by("pk")[:EXPORT_LIMIT])
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="candidates.{extension}"'
    return response
