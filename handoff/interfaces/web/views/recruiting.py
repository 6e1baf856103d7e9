"""Recruiting pages: requisitions (with approval and history), the kanban board and list of each requisition's
applications, application pages (what client users see of a candidate), and the provider's talent pool."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from handoff.domain.recruiting import actions, rules, selectors
from handoff.domain.recruiting.models import (
    ACTIVE_REQUISITION_STATUSES,
    Application,
    Candidate,
    Requisition,
    RequisitionStatus,
    StageOutcome,
)
from handoff.domain.tenancy.access import sees_salary_expectations
from handoff.interfaces.web.recruiting_forms import (
    AddApplicationForm,
    ApplicationFilterForm,
    BulkForm,
    CandidateForm,
    MergeForm,
    MoveForm,
    NoteForm,
    RequisitionForm,
    StatusForm,
)
from handoff.interfaces.web.views.common import (
    AuthenticatedHttpRequest,
    active_client,
    add_validation_errors,
    render_page,
)

STATUS_ACTIONS: dict[str, str] = {
    RequisitionStatus.PENDING_APPROVAL: "Submit for approval",
    RequisitionStatus.OPEN: "Approve and open",
    RequisitionStatus.DRAFT: "Send back to draft",
    RequisitionStatus.ON_HOLD: "Put on hold",
    RequisitionStatus.FILLED: "Mark filled",
    RequisitionStatus.CANCELLED: "Cancel",
}
MOVE_FAILED_STATUS = 422  # htmx swaps the message in (base.html), and the board reverts the card on any non-2xx


def _posted(request: AuthenticatedHttpRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- requisitions ---------------------------------------------------------------------------------------------


@login_required
def requisition_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    user, chosen = request.user, active_client(request)
    status = request.GET.get("status", "")
    rows = selectors.requisitions_with_counts(user, chosen)
    if status in RequisitionStatus.values:
        rows = rows.filter(status=status)
    context = {
        "requisitions": list(rows),
        "statuses": RequisitionStatus.choices,
        "status": status,
        "chosen_client": chosen,
        "can_raise": rules.raises_requisitions(user),
    }
    return render(request, "web/recruiting/requisition_list.html", context)


def _save_requisition(
    request: AuthenticatedHttpRequest, form: RequisitionForm, save: Callable[[], Requisition], title: str
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            requisition = save()
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, f"Requisition “{requisition.title}” saved.")
            return redirect("web:requisition_detail", requisition_id=requisition.pk)
    context = {"form": form, "title": title}
    return render_page(request, "web/recruiting/requisition_form.html", context, invalid=form.is_bound)


@login_required
def requisition_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not rules.raises_requisitions(request.user):
        raise PermissionDenied("Requisitions are raised by client HR admins and by recruiters.")
    form = RequisitionForm(_posted(request), actor=request.user)

    def save() -> Requisition:
        data = form.action_data()
        return actions.create_requisition(request.user, data["engagement"].client_id, data)

    return _save_requisition(request, form, save, "New requisition")


@login_required
def requisition_edit(request: AuthenticatedHttpRequest, requisition_id: int) -> HttpResponse:
    requisition = selectors.requisition(request.user, requisition_id)
    if not rules.raises_requisitions(request.user):
        raise PermissionDenied("Requisitions are edited by client HR admins and by recruiters.")
    form = RequisitionForm(_posted(request), instance=requisition, actor=request.user)

    def save() -> Requisition:
        return actions.update_requisition(request.user, requisition, form.action_data())

    return _save_requisition(request, form, save, f"Edit {requisition.title}")


def _status_buttons(user: Any, requisition: Requisition) -> list[tuple[str, str]]:
    return [
        (status, label)
        for status, label in STATUS_ACTIONS.items()
        if actions.may_change_status(user, requisition, status)
    ]


@login_required
def requisition_detail(request: AuthenticatedHttpRequest, requisition_id: int) -> HttpResponse:
    user = request.user
    requisition = selectors.requisition(user, requisition_id)
    context = {
        "requisition": requisition,
        "events": list(selectors.requisition_events(user, requisition)),
        "status_buttons": _status_buttons(user, requisition),
        "approving_side": rules.approving_side(requisition.engagement),
        "can_approve": rules.approves(user, requisition),
        "can_edit": rules.raises_requisitions(user),
        "can_add": rules.works_talent_pool(user) and requisition.status in ACTIVE_REQUISITION_STATUSES,
        "add_form": AddApplicationForm(),
        "status_form": StatusForm(),
    }
    return render(request, "web/recruiting/requisition_detail.html", context)


@login_required
@require_POST
def requisition_status(request: AuthenticatedHttpRequest, requisition_id: int) -> HttpResponse:
    requisition = selectors.requisition(request.user, requisition_id)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a status.")
        return redirect("web:requisition_detail", requisition_id=requisition.pk)
    try:
        changed = actions.change_requisition_status(
            request.user, requisition, form.cleaned_data["status"], form.cleaned_data["note"]
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, f"The requisition is now {changed.get_status_display().lower()}.")
    return redirect("web:requisition_detail", requisition_id=requisition.pk)


# --- the board and the list -----------------------------------------------------------------------------------


@login_required
def requisition_board(request: AuthenticatedHttpRequest, requisition_id: int) -> HttpResponse:
    user = request.user
    requisition = selectors.requisition(user, requisition_id)
    columns = selectors.board(user, requisition)
    now = timezone.now()
    stale = {card.pk for column in columns for card in column.cards if selectors.is_stale(card, now)}
    context = {
        "requisition": requisition,
        "columns": columns,
        "stale": stale,
        "can_move": rules.works_pipelines(user) and requisition.status in ACTIVE_REQUISITION_STATUSES,
        "application_base": _application_base(),
    }
    return render(request, "web/recruiting/board.html", context)


def _application_base() -> str:
    """The path before an application's id ("/recruiting/applications/"): 2,000 cards, not 4,000 reverse() calls."""
    path = reverse("web:application_detail", kwargs={"application_id": 0})
    return path.removesuffix("0/")


@login_required
def requisition_applications(request: AuthenticatedHttpRequest, requisition_id: int) -> HttpResponse:
    user = request.user
    requisition = selectors.requisition(user, requisition_id)
    filters_form = ApplicationFilterForm(request.GET or None)
    filters = selectors.ApplicationFilters()
    if filters_form.is_valid():
        data = filters_form.cleaned_data
        filters = selectors.ApplicationFilters(
            stage=data["stage"], tag=data["tag"], search=data["q"], stale_only=data["stale"], order=data["order"] or ""
        )
    now = timezone.now()
    rows = list(selectors.filter_applications(selectors.requisition_applications(user, requisition), filters))
    stale = {row.pk for row in rows if selectors.is_stale(row, now)}
    if filters.stale_only:
        rows = [row for row in rows if row.pk in stale]
    context = {
        "requisition": requisition,
        "applications": rows,
        "stale": stale,
        "stages": selectors.pipeline(user, requisition),
        "filters_form": filters_form,
        "filters": filters,
        "can_move": rules.works_pipelines(user) and requisition.status in ACTIVE_REQUISITION_STATUSES,
    }
    return render(request, "web/recruiting/applications.html", context)


@login_required
@require_POST
def application_add(request: AuthenticatedHttpRequest, requisition_id: int) -> HttpResponse:
    requisition = selectors.requisition(request.user, requisition_id)
    form = AddApplicationForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the id of a candidate of the talent pool.")
        return redirect("web:requisition_detail", requisition_id=requisition.pk)
    candidate = selectors.candidate(request.user, form.cleaned_data["candidate"])
    try:
        actions.add_application(request.user, requisition, candidate)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("web:requisition_detail", requisition_id=requisition.pk)
    messages.success(request, f"{candidate.full_name} added to “{requisition.title}”.")
    return redirect("web:requisition_board", requisition_id=requisition.pk)


@login_required
@require_POST
def application_bulk(request: AuthenticatedHttpRequest, requisition_id: int) -> HttpResponse:
    user = request.user
    requisition = selectors.requisition(user, requisition_id)
    own = {row.pk: row for row in selectors.requisition_applications(user, requisition)}
    form = BulkForm(request.POST, application_ids=list(own))
    back = reverse("web:requisition_applications", kwargs={"requisition_id": requisition.pk})
    if not form.is_valid():
        messages.error(request, " ".join(str(error) for errors in form.errors.values() for error in errors))
        return redirect(back)
    chosen = [own[pk] for pk in form.cleaned_data["applications"]]
    try:
        done = actions.bulk_apply(user, chosen, form.cleaned_data["operation"], form.cleaned_data["value"])
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, f"{done} application{'s' if done != 1 else ''} updated.")
    return redirect(back)


# --- applications ---------------------------------------------------------------------------------------------


@login_required
def application_detail(request: AuthenticatedHttpRequest, application_id: int) -> HttpResponse:
    user = request.user
    application = selectors.application(user, application_id)
    context = {
        "application": application,
        "candidate": application.candidate,
        "requisition": application.requisition,
        "notes": list(selectors.application_notes(user, application)),
        "transitions": list(selectors.application_transitions(user, application)),
        "stages": selectors.pipeline(user, application.requisition),
        "show_salary": sees_salary_expectations(user),
        "can_work": rules.works_pipelines(user),
        "can_move": rules.works_pipelines(user) and application.requisition.status in ACTIVE_REQUISITION_STATUSES,
        "is_stale": selectors.is_stale(application),
        "note_form": NoteForm(),
        "pool_link": rules.works_talent_pool(user),
    }
    return render(request, "web/recruiting/application_detail.html", context)


def _move_answer(request: AuthenticatedHttpRequest, application: Application, message: str, ok: bool) -> HttpResponse:
    if request.htmx:
        status = 200 if ok else MOVE_FAILED_STATUS
        context = {"message": message, "ok": ok}
        return render(request, "web/recruiting/_move_result.html", context, status=status)
    (messages.success if ok else messages.error)(request, message)
    return redirect("web:application_detail", application_id=application.pk)


@login_required
@require_POST
def application_move(request: AuthenticatedHttpRequest, application_id: int) -> HttpResponse:
    """A stage move: from the board (htmx: a status line, or 422 so the card goes back) or the detail page."""
    application = selectors.application(request.user, application_id)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _move_answer(request, application, "Choose a stage.", ok=False)
    try:
        moved = actions.move_application(
            request.user, application, form.cleaned_data["stage"], form.cleaned_data["reason"]
        )
    except ValidationError as error:
        return _move_answer(request, application, _error_text(error), ok=False)
    except PermissionDenied as denied:
        return _move_answer(request, application, str(denied), ok=False)
    return _move_answer(request, moved, f"{moved.candidate.full_name} moved to {moved.stage.name}.", ok=True)


@login_required
@require_POST
def application_note(request: AuthenticatedHttpRequest, application_id: int) -> HttpResponse:
    application = selectors.application(request.user, application_id)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            actions.add_application_note(request.user, application, form.cleaned_data["body"])
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, "Note added.")
    else:
        messages.error(request, "Write a note (at most 5,000 characters).")
    return redirect("web:application_detail", application_id=application.pk)


# --- the talent pool ------------------------------------------------------------------------------------------


def _require_pool(request: AuthenticatedHttpRequest) -> None:
    if not rules.works_talent_pool(request.user):
        raise PermissionDenied("The talent pool is the provider's recruiting staff's.")


@login_required
def candidate_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_pool(request)
    text = request.GET.get("q", "").strip()[:100]
    rows = list(selectors.search_candidates(request.user, text)[:200])
    return render(request, "web/recruiting/candidate_list.html", {"candidates": rows, "q": text})


@login_required
def candidate_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_pool(request)
    form = CandidateForm(_posted(request), actor=request.user)
    duplicates: list[selectors.DuplicateMatch] = []
    if request.method == "POST" and form.is_valid():
        data = form.action_data()
        try:
            candidate = actions.create_candidate(request.user, data)
        except ValidationError as error:
            add_validation_errors(form, error)
            duplicates = selectors.find_duplicates(request.user, _contact_details(data))
        else:
            messages.success(request, f"{candidate.full_name} added to the talent pool.")
            return redirect("web:candidate_detail", candidate_id=candidate.pk)
    context = {"form": form, "title": "New candidate", "duplicates": duplicates}
    return render_page(request, "web/recruiting/candidate_form.html", context, invalid=form.is_bound)


def _contact_details(data: dict[str, Any]) -> selectors.ContactDetails:
    return selectors.ContactDetails(
        full_name=str(data.get("full_name") or ""),
        email=str(data.get("email") or ""),
        phone=str(data.get("phone") or ""),
        profile_url=str(data.get("profile_url") or ""),
        city=str(data.get("city") or ""),
        country=str(data.get("country") or ""),
    )


def _similar(request: AuthenticatedHttpRequest, candidate: Candidate) -> list[selectors.DuplicateMatch]:
    fields = ("full_name", "email", "phone", "profile_url", "city", "country")
    details = _contact_details({field: getattr(candidate, field) for field in fields})
    return selectors.find_duplicates(request.user, details, exclude_pk=candidate.pk)


@login_required
def candidate_detail(request: AuthenticatedHttpRequest, candidate_id: int) -> HttpResponse:
    _require_pool(request)
    user = request.user
    candidate = selectors.candidate(user, candidate_id)
    context = {
        "candidate": candidate,
        "applications": list(selectors.candidate_applications(user, candidate)),
        "timeline": selectors.candidate_timeline(user, candidate),
        "duplicates": [] if candidate.is_merged else _similar(request, candidate),
        "note_form": NoteForm(),
        "show_salary": sees_salary_expectations(user),
        "hired": StageOutcome.HIRED,
    }
    return render(request, "web/recruiting/candidate_detail.html", context)


@login_required
def candidate_edit(request: AuthenticatedHttpRequest, candidate_id: int) -> HttpResponse:
    _require_pool(request)
    candidate = selectors.candidate(request.user, candidate_id)
    form = CandidateForm(_posted(request), instance=candidate, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_candidate(request.user, candidate, form.action_data())
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, f"{candidate.full_name}'s profile saved.")
            return redirect("web:candidate_detail", candidate_id=candidate.pk)
    context = {"form": form, "title": f"Edit {candidate.full_name}", "duplicates": []}
    return render_page(request, "web/recruiting/candidate_form.html", context, invalid=form.is_bound)


@login_required
@require_POST
def candidate_note(request: AuthenticatedHttpRequest, candidate_id: int) -> HttpResponse:
    _require_pool(request)
    candidate = selectors.candidate(request.user, candidate_id)
    form = NoteForm(request.POST)
    if form.is_valid():
        actions.add_candidate_note(request.user, candidate, form.cleaned_data["body"])
        messages.success(request, "Internal note added.")
    else:
        messages.error(request, "Write a note (at most 5,000 characters).")
    return redirect("web:candidate_detail", candidate_id=candidate.pk)


@login_required
@require_POST
def candidate_merge(request: AuthenticatedHttpRequest, candidate_id: int) -> HttpResponse:
    _require_pool(request)
    keep = selectors.candidate(request.user, candidate_id)
    form = MergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the id of the duplicate profile.")
        return redirect("web:candidate_detail", candidate_id=keep.pk)
    duplicate = selectors.candidate(request.user, form.cleaned_data["duplicate"])
    try:
        actions.merge_candidates(request.user, keep, duplicate)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, f"{duplicate.full_name} (#{duplicate.pk}) merged into this profile.")
    return redirect("web:candidate_detail", candidate_id=keep.pk)
