"""Operations pages of intake and item extras: CSV upload per service, attachments, merging, team-lead boards."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from handoff.domain.operations import selectors
from handoff.domain.operations.actions.attachments import MAX_ATTACHMENT_BYTES, add_attachment
from handoff.domain.operations.actions.csv_intake import CsvReport, import_csv
from handoff.domain.operations.actions.email_intake import address_of
from handoff.domain.operations.actions.merge import merge_items
from handoff.domain.operations.permissions import follows_items, is_worker
from handoff.domain.tenancy.roles import StaffRole
from handoff.interfaces.web.download import attachment_response
from handoff.interfaces.web.views.common import AuthenticatedHttpRequest, active_client, render_page

BOARD_ROLES = frozenset({StaffRole.ADMIN, StaffRole.ACCOUNT_MANAGER, StaffRole.TEAM_LEAD})


class CsvUploadForm(forms.Form):
    file = forms.FileField(label="CSV file", help_text="UTF-8, a header row: title, description, priority, …")


class AttachmentForm(forms.Form):
    file = forms.FileField(label="File", help_text=f"Up to {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB.")


@login_required
def service_csv_upload(request: AuthenticatedHttpRequest, service_id: int) -> HttpResponse:
    """Upload a CSV of items on one service; the page then lists accepted and rejected rows."""
    service = selectors.service(request.user, service_id)
    if not follows_items(request.user):
        raise PermissionDenied("Your role does not raise work items.")
    form = CsvUploadForm(request.POST or None, request.FILES or None)
    report: CsvReport | None = None
    if request.method == "POST" and form.is_valid():
        try:
            report = import_csv(request.user, service, form.cleaned_data["file"].read())
        except ValidationError as error:
            form.add_error("file", error.message_dict.get("file", error.messages))
    columns = ["title", "description", "priority", "item_type", "queue"]
    columns += [str(entry["name"]) for entry in service.custom_fields or []]
    context = {
        "service": service,
        "form": form,
        "report": report,
        "columns": columns,
        "intake_address": address_of(service),
    }
    invalid = form.is_bound and (bool(form.errors) or (report is not None and not report.accepted))
    return render_page(request, "web/operations/csv_upload.html", context, invalid=invalid)


@login_required
@require_POST
def work_item_attach(request: AuthenticatedHttpRequest, item_id: int) -> HttpResponse:
    item = selectors.work_item(request.user, item_id)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Choose a file to attach.")
    else:
        upload = form.cleaned_data["file"]
        try:
            attachment = add_attachment(request.user, item, upload.name or "file", upload.read())
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{attachment.name} attached.")
    return redirect("web:work_item_detail", item_id=item.pk)


@login_required
def work_item_attachment(request: AuthenticatedHttpRequest, item_id: int, attachment_id: int) -> HttpResponse:
    item = selectors.work_item(request.user, item_id)
    return attachment_response(selectors.attachment(request.user, item, attachment_id))


@login_required
@require_POST
def work_item_merge(request: AuthenticatedHttpRequest, item_id: int) -> HttpResponse:
    """Merge this item (a duplicate) into the item named in ``into``."""
    duplicate = selectors.work_item(request.user, item_id)
    if not is_worker(request.user):
        raise PermissionDenied("Only provider staff who work items merge them.")
    into = request.POST.get("into", "").strip().lstrip("#")
    try:
        target = selectors.work_item(request.user, into)
    except Http404:
        messages.error(request, f"There is no item #{into} you can see; nothing was merged.")
        return redirect("web:work_item_detail", item_id=duplicate.pk)
    try:
        merge_items(request.user, target, duplicate)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("web:work_item_detail", item_id=duplicate.pk)
    messages.success(request, f"#{duplicate.pk} was merged into #{target.pk}.")
    return redirect("web:work_item_detail", item_id=target.pk)


def _require_board(request: AuthenticatedHttpRequest) -> None:
    if not (request.user.is_provider and request.user.role in BOARD_ROLES):
        raise PermissionDenied("Queue boards are for team leads, account managers and provider admins.")


@login_required
def queue_boards(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The team lead's workspace: each queue of the active client (or of every client) with its numbers."""
    _require_board(request)
    queues = list(selectors.client_queues(request.user, active_client(request))[:30])
    boards = [selectors.team_lead_board(request.user, queue) for queue in queues]
    return render(request, "web/operations/queue_boards.html", {"boards": boards})


@login_required
def queue_board(request: AuthenticatedHttpRequest, queue_id: int) -> HttpResponse:
    queue = selectors.queue(request.user, queue_id)
    _require_board(request)
    context = {
        "board": selectors.team_lead_board(request.user, queue),
        "agents": list(selectors.queue_agents(request.user, queue)),
    }
    return render(request, "web/operations/queue_board.html", context)
