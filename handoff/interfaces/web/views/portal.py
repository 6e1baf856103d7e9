"""The client portal (``/portal/``): a client's HR admins and hiring managers see their requisitions with pipeline
counts per stage, the submittals and approvals waiting for them, and the SLA clocks, and decide on submittals.
Also the recruiter's "submit to the client" form on an application."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect

from handoff.domain.recruiting import actions as recruiting_actions
from handoff.domain.recruiting import selectors as recruiting_selectors
from handoff.domain.recruiting.models import RequisitionStatus
from handoff.domain.recruiting.rules import works_talent_pool
from handoff.domain.recruiting.submittals import actions, selectors
from handoff.domain.tenancy.access import sees_salary_expectations
from handoff.domain.tenancy.roles import ClientRole
from handoff.engines.submittal_sla import format_hours
from handoff.interfaces.web.forms_portal import DecisionForm, SubmitForm
from handoff.interfaces.web.views.common import AuthenticatedHttpRequest, add_validation_errors, render_page

PORTAL_ROLES = frozenset({ClientRole.HR_ADMIN, ClientRole.HIRING_MANAGER})


def _require_portal(request: AuthenticatedHttpRequest) -> None:
    user = request.user
    if user.is_provider or user.role not in PORTAL_ROLES:
        raise PermissionDenied("The client portal is for the client's HR admins and hiring managers.")


def _stage_counts(user: object, requisition_ids: list[int]) -> dict[int, Counter[str]]:
    counts: dict[int, Counter[str]] = {pk: Counter() for pk in requisition_ids}
    rows = recruiting_selectors.applications(user).filter(requisition_id__in=requisition_ids)  # type: ignore[arg-type]
    for requisition_id, stage_name in rows.values_list("requisition_id", "stage__name"):
        counts[requisition_id][stage_name] += 1
    return counts


@login_required
def portal_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_portal(request)
    user = request.user
    requisitions = list(recruiting_selectors.requisitions(user).exclude(status=RequisitionStatus.CANCELLED))
    ids = [row.pk for row in requisitions]
    counts = _stage_counts(user, ids)
    clocks = selectors.first_submittal_clocks(user, requisitions)
    waiting = list(selectors.awaiting_decision(user))
    feedback = selectors.feedback_clocks(user, waiting)
    approvals = [
        row
        for row in requisitions
        if row.status == RequisitionStatus.PENDING_APPROVAL
        and recruiting_actions.may_change_status(user, row, RequisitionStatus.OPEN)
    ]
    context = {
        "requisitions": [(row, sorted(counts[row.pk].items()), clocks.get(row.pk)) for row in requisitions],
        "waiting": [(row, feedback[row.pk]) for row in waiting],
        "approvals": approvals,
        "summary": selectors.sla_summary(user),
        "format_hours": format_hours,
    }
    return render_page(request, "web/portal/home.html", context)


@login_required
def portal_submittal(request: AuthenticatedHttpRequest, submittal_id: int) -> HttpResponse:
    """A submittal as the client sees it, with the decision form (POST decides)."""
    user = request.user
    submittal = selectors.submittal(user, submittal_id)
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.decide(user, submittal, data["decision"], data["reason"], data["feedback"])
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Decision recorded; the recruiter has been told.")
            return redirect("web:portal_submittal", submittal_id=submittal.pk)
    submittal = selectors.submittal(user, submittal_id)
    book = selectors.target_book(user)
    context = {
        "submittal": submittal,
        "application": submittal.application,
        "candidate": submittal.application.candidate,
        "decisions": list(selectors.decisions(user, submittal)),
        "clock": selectors.feedback_clock(submittal, book),
        "form": form,
        "can_decide": submittal.is_open and actions.may_decide(user, submittal),
        "show_salary": sees_salary_expectations(user),
    }
    return render_page(request, "web/portal/submittal.html", context, invalid=request.method == "POST")


@login_required
def application_submit(request: AuthenticatedHttpRequest, application_id: int) -> HttpResponse:
    """The recruiter's form: submit a screened application to the client with a write-up."""
    user = request.user
    application = recruiting_selectors.application(user, application_id)
    if not works_talent_pool(user):
        raise PermissionDenied("Candidates are submitted by the provider's recruiting staff.")
    form = SubmitForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            submittal = actions.submit(user, application, form.cleaned_data["write_up"])
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, f"{application.candidate.full_name} submitted to {application.client.name}.")
            return redirect("web:application_detail", application_id=submittal.application_id)
    context = {
        "application": application,
        "form": form,
        "submittals": list(selectors.application_submittals(user, application.pk)),
    }
    return render_page(request, "web/portal/submit.html", context, invalid=request.method == "POST")
