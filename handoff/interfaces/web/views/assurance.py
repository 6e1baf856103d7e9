"""Assurance pages: the checker queue and a change (approve / reject), the maker's change form, QA (plan, weekly
sample, scorecard, calibration), CSAT results, and the public CSAT survey page (signed link, no sign-in)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from handoff.domain.assurance import selectors
from handoff.domain.assurance.actions.csat import LinkProblem, answer_survey, open_link
from handoff.domain.assurance.actions.makerchecker import approve_change, reject_change, submit_change
from handoff.domain.assurance.actions.qa import draw_week_sample, review_sample, set_qa_plan, week_start
from handoff.domain.assurance.models import ChangeRequest, QaSample
from handoff.domain.assurance.permissions import is_maker, is_reviewer, needs_checker, sees_results
from handoff.domain.operations import selectors as operations
from handoff.domain.operations.permissions import is_worker
from handoff.domain.tenancy import rls
from handoff.interfaces.web.forms_assurance import ChangeForm, CsatForm, QaPlanForm, RejectForm, ScorecardForm
from handoff.interfaces.web.views.common import (
    AuthenticatedHttpRequest,
    act_and_tell,
    add_validation_errors,
    render_page,
)

LINK_PAGES = {
    LinkProblem.INVALID: (
        "This link is not valid",
        "The link is incomplete or has been altered. Use the link from the e-mail exactly as it was sent.",
    ),
    LinkProblem.EXPIRED: (
        "This link has expired",
        "Survey links work for a limited time after the request was resolved. Thank you all the same.",
    ),
    LinkProblem.USED: ("You already answered", "This survey has been answered; each link works once. Thank you!"),
}
MAX_LISTED = 200


# --- maker-checker ------------------------------------------------------------------------------------------


@login_required
def checker_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not is_worker(request.user):
        raise PermissionDenied("The checker queue is for provider staff.")
    context = {
        "changes": list(selectors.pending_changes(request.user)[:MAX_LISTED]),
        "recent": list(selectors.changes(request.user).exclude(state="pending")[:20]),
        "can_check": is_reviewer(request.user),
        "my_items": list(selectors.my_maker_checker_items(request.user)[:MAX_LISTED]),
    }
    return render(request, "web/assurance/checker_queue.html", context)


def _render_change(
    request: AuthenticatedHttpRequest, change: ChangeRequest, reject_form: RejectForm | None = None
) -> HttpResponse:
    keys = sorted(set(change.before) | set(change.after))
    context = {
        "change": change,
        "diff": [
            (k, change.before.get(k), change.after.get(k), change.before.get(k) != change.after.get(k)) for k in keys
        ],
        "audit": list(selectors.audit_trail(request.user, change)),
        "can_check": is_reviewer(request.user) and change.maker_id != request.user.pk and change.state == "pending",
        "own": change.maker_id == request.user.pk,
        "reject_form": reject_form or RejectForm(),
    }
    return render_page(request, "web/assurance/change.html", context, invalid=bool(reject_form and reject_form.errors))


@login_required
def change_detail(request: AuthenticatedHttpRequest, change_id: int) -> HttpResponse:
    return _render_change(request, selectors.change(request.user, change_id))


@login_required
@require_POST
def change_approve(request: AuthenticatedHttpRequest, change_id: int) -> HttpResponse:
    change = selectors.change(request.user, change_id)
    act_and_tell(request, lambda: approve_change(request.user, change), "Change approved and applied.")
    return redirect("web:change_detail", change_id=change.pk)


@login_required
@require_POST
def change_reject(request: AuthenticatedHttpRequest, change_id: int) -> HttpResponse:
    change = selectors.change(request.user, change_id)
    form = RejectForm(request.POST)
    if not form.is_valid():
        return _render_change(request, change, form)
    try:
        reject_change(request.user, change, form.cleaned_data["reason"])
    except ValidationError as error:
        add_validation_errors(form, error)
        return _render_change(request, change, form)
    messages.success(request, "Change rejected.")
    return redirect("web:change_detail", change_id=change.pk)


@login_required
def change_submit(request: AuthenticatedHttpRequest, item_id: int) -> HttpResponse:
    """The maker's form: the item's custom field values, to be checked by someone else."""
    item = operations.work_item(request.user, item_id)
    if not is_maker(request.user):
        raise PermissionDenied("Only provider staff who work items submit changes.")
    posted = request.POST if request.method == "POST" else None
    form = ChangeForm(posted, item=item)
    if posted is not None and form.is_valid():
        try:
            change = submit_change(request.user, item, form.values(), note=form.cleaned_data.get("note", ""))
        except ValidationError as error:
            form.add_action_errors(error)
        else:
            messages.success(request, "Change submitted: a checker will approve or reject it.")
            return redirect("web:change_detail", change_id=change.pk)
    context = {
        "item": item,
        "form": form,
        "needs_checker": needs_checker(item.service),
        "history": list(selectors.item_changes(request.user, item)),
    }
    return render_page(request, "web/assurance/change_form.html", context, invalid=form.is_bound)


# --- QA -----------------------------------------------------------------------------------------------------


def _require_results(request: AuthenticatedHttpRequest) -> None:
    if not sees_results(request.user):
        raise PermissionDenied("QA and CSAT results are for reviewers, account managers and process owners.")


@login_required
def qa_overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_results(request)
    context = {
        "services": list(selectors.qa_services(request.user)),
        "csat_services": selectors.csat_by_service(request.user),
        "csat_agents": selectors.csat_by_agent(request.user),
        "can_review": is_reviewer(request.user),
    }
    return render(request, "web/assurance/qa_overview.html", context)


def _week(request: HttpRequest) -> dt.date:
    try:
        return week_start(dt.date.fromisoformat(request.GET.get("week", "")))
    except ValueError:
        return week_start(dt.date.today())


@login_required
def qa_service(request: AuthenticatedHttpRequest, service_id: int) -> HttpResponse:
    _require_results(request)
    service = selectors.qa_service(request.user, service_id)
    week = _week(request)
    plan = selectors.qa_plan(request.user, service)
    criteria = list(selectors.criteria(request.user, service))
    posted = request.POST if request.method == "POST" else None
    plan_form = QaPlanForm(
        posted,
        initial={
            "share_percent": plan.share_percent if plan else 5,
            "criteria": "\n".join(f"{c.key}, {c.label}, {c.weight}, {c.max_points}" for c in criteria),
        },
    )
    if posted is not None:
        if not is_reviewer(request.user):
            raise PermissionDenied("Only team leads, QA analysts and provider admins set up QA.")
        if plan_form.is_valid():
            try:
                set_qa_plan(request.user, service, plan_form.cleaned_data["share_percent"], plan_form.criteria_list())
            except ValidationError as error:
                add_validation_errors(plan_form, error)
            else:
                messages.success(request, "QA plan saved.")
                return redirect("web:qa_service", service_id=service.pk)
    context = {
        "service": service,
        "plan": plan,
        "criteria": criteria,
        "week": week,
        "previous_week": week - dt.timedelta(days=7),
        "next_week": week + dt.timedelta(days=7),
        "samples": list(selectors.samples(request.user, service, week)),
        "can_review": is_reviewer(request.user),
        "plan_form": plan_form,
    }
    return render_page(request, "web/assurance/qa_service.html", context, invalid=plan_form.is_bound)


@login_required
@require_POST
def qa_draw(request: AuthenticatedHttpRequest, service_id: int) -> HttpResponse:
    service = selectors.qa_service(request.user, service_id)
    week = _week(request)
    try:
        drawn = draw_week_sample(request.user, service, week)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The sample of the week of {week:%d %b %Y} holds {len(drawn)} items.")
    return redirect(f"{reverse('web:qa_service', kwargs={'service_id': service.pk})}?week={week.isoformat()}")


def _render_sample(request: AuthenticatedHttpRequest, sample: QaSample, form: ScorecardForm | None) -> HttpResponse:
    reviews = list(selectors.reviews(request.user, sample))
    mine = any(review.reviewer_id == request.user.pk for review in reviews)
    can_score = is_reviewer(request.user) and not mine and sample.agent_id != request.user.pk
    criteria = list(selectors.criteria(request.user, sample.service))
    context = {
        "sample": sample,
        "reviews": reviews,
        "calibration": selectors.calibration(request.user, sample),
        "form": (form or ScorecardForm(criteria=criteria)) if can_score else None,
    }
    return render_page(request, "web/assurance/qa_sample.html", context, invalid=bool(form and form.errors))


@login_required
def qa_sample(request: AuthenticatedHttpRequest, sample_id: int) -> HttpResponse:
    _require_results(request)
    sample = selectors.sample(request.user, sample_id)
    if request.method != "POST":
        return _render_sample(request, sample, None)
    if not is_reviewer(request.user):
        raise PermissionDenied("Only team leads, QA analysts and provider admins score items.")
    form = ScorecardForm(request.POST, criteria=list(selectors.criteria(request.user, sample.service)))
    if form.is_valid():
        try:
            review_sample(request.user, sample, form.points(), form.cleaned_data.get("comment", ""))
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Scorecard saved.")
            return redirect("web:qa_sample", sample_id=sample.pk)
    return _render_sample(request, sample, form)


# --- CSAT (public) ------------------------------------------------------------------------------------------


def csat_survey(request: HttpRequest, survey_token: str) -> HttpResponse:
    """The survey page of a signed link: anyone holding it answers once; a bad link gets a page that says why."""
    opened = open_link(survey_token)
    if opened.survey is not None:
        rls.scope_to_public_client(request, opened.survey.client_id)
    if opened.problem is not None or opened.survey is None:
        title, text = LINK_PAGES[opened.problem or LinkProblem.INVALID]
        status = 410 if opened.problem in (LinkProblem.EXPIRED, LinkProblem.USED) else 404
        return render(request, "web/assurance/csat_link.html", {"title": title, "text": text}, status=status)
    form = CsatForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            answer_survey(opened.survey, form.cleaned_data["score"], form.cleaned_data.get("comment", ""))
        except ValidationError:
            title, text = LINK_PAGES[LinkProblem.USED]
            return render(request, "web/assurance/csat_link.html", {"title": title, "text": text}, status=410)
        return render(request, "web/assurance/csat_link.html", {"title": "Thank you", "text": "Your answer is saved."})
    context = {"form": form, "number": opened.survey.item_id}
    return render_page(request, "web/assurance/csat_survey.html", context, invalid=form.is_bound)
