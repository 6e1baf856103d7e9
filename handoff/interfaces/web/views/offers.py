"""Offer pages (terms, approval chain, versions, letter, sending), onboarding progress, hire surveys, the
client's offer settings, and the candidate's public pages reached by signed link (no login)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from handoff.domain.offers import actions, letters, links, selectors
from handoff.domain.offers.actions import onboarding, surveys
from handoff.domain.offers.models import Offer, OfferStatus, TaskSide
from handoff.domain.recruiting import selectors as recruiting_selectors
from handoff.domain.tenancy import rls
from handoff.engines.resumes.sniff import MAX_UPLOAD_BYTES
from handoff.interfaces.web.forms_offers import (
    ChecklistItemForm,
    DecisionForm,
    DocumentForm,
    HireSurveyForm,
    OfferSettingsForm,
    OfferTermsForm,
)
from handoff.interfaces.web.views.common import (
    AuthenticatedHttpRequest,
    act_and_tell,
    active_client,
    add_validation_errors,
    render_page,
)

LINK_PROBLEMS = {
    links.LinkProblem.TAMPERED: "This link is not valid: it may have been cut short or changed. Use the link "
    "from your e-mail exactly as it is, or ask your recruiter for a new one.",
    links.LinkProblem.EXPIRED: "This offer has expired. Please contact your recruiter if you are still interested.",
    links.LinkProblem.USED: "This link has already been used or replaced by a newer one: your answer is recorded. "
    "Contact your recruiter if something is not right.",
}


def _pdf_response(pdf: bytes, name: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- offers (signed in) -----------------------------------------------------------------------------------------


@login_required
def offer_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    rows = list(selectors.offers(request.user)[:200])
    quality = selectors.quality_of_hire(selectors.surveys(request.user))
    waiting = list(selectors.awaiting_offer(request.user)[:50]) if actions.makes_offers(request.user) else []
    return render(request, "web/offers/list.html", {"offers": rows, "quality": quality, "waiting": waiting})


@login_required
def offer_create(request: AuthenticatedHttpRequest, application_id: int) -> HttpResponse:
    application = recruiting_selectors.application(request.user, application_id)
    requisition = application.requisition
    initial = {"title": requisition.title, "currency": requisition.currency, "base_salary": requisition.salary_min}
    form = OfferTermsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            offer = actions.create_offer(request.user, application, form.terms())
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            _warn_below_range(request, offer)
            messages.success(request, "Offer created: it now goes through the approval chain.")
            return redirect("web:offer_detail", offer_id=offer.pk)
    context = {"form": form, "application": application, "requisition": requisition}
    return render_page(request, "web/offers/terms.html", context, invalid=form.is_bound)


def _warn_below_range(request: HttpRequest, offer: Offer) -> None:
    warning = actions.below_range_warning(offer, selectors.current_version(offer))
    if warning:
        messages.warning(request, warning)


def _detail_context(request: AuthenticatedHttpRequest, offer: Offer) -> dict[str, object]:
    versions = list(selectors.versions(offer))
    current = versions[-1] if versions else None
    state = actions.engine_offer(offer)
    onboarding_row = getattr(offer, "onboarding", None) if offer.status == OfferStatus.ACCEPTED else None
    return {
        "offer": offer,
        "versions": versions,
        "current": current,
        "approvals": list(selectors.approvals(offer)),
        "step": state.current_step,
        "warning": actions.below_range_warning(offer, current) if current else "",
        "decision_form": DecisionForm(),
        "onboarding": onboarding_row,
        "progress": selectors.progress(onboarding_row) if onboarding_row else None,
    }


@login_required
def offer_detail(request: AuthenticatedHttpRequest, offer_id: int) -> HttpResponse:
    offer = selectors.offer(request.user, offer_id)
    return render(request, "web/offers/detail.html", _detail_context(request, offer))


@login_required
def offer_terms(request: AuthenticatedHttpRequest, offer_id: int) -> HttpResponse:
    """Change the terms: a new version, and the chain starts again."""
    offer = selectors.offer(request.user, offer_id)
    current = selectors.current_version(offer)
    initial = {name: getattr(current, name) for name in actions.TERM_FIELDS}
    form = OfferTermsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            offer = actions.change_terms(request.user, offer, form.terms())
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            _warn_below_range(request, offer)
            messages.success(request, "Terms saved as a new version: the approval chain starts again.")
            return redirect("web:offer_detail", offer_id=offer.pk)
    context = {
        "form": form,
        "application": offer.application,
        "requisition": offer.application.requisition,
        "offer": offer,
    }
    return render_page(request, "web/offers/terms.html", context, invalid=form.is_bound)


@login_required
@require_POST
def offer_decide(request: AuthenticatedHttpRequest, offer_id: int) -> HttpResponse:
    offer = selectors.offer(request.user, offer_id)
    form = DecisionForm(request.POST)
    if form.is_valid():
        comment = form.cleaned_data["comment"]
        try:
            if form.cleaned_data["decision"] == "approve":
                actions.approve(request.user, offer, comment)
            else:
                actions.reject(request.user, offer, comment)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Decision recorded.")
            return redirect("web:offer_detail", offer_id=offer.pk)
    context = _detail_context(request, offer) | {"decision_form": form}
    return render_page(request, "web/offers/detail.html", context, invalid=True)


@login_required
@require_POST
def offer_send(request: AuthenticatedHttpRequest, offer_id: int) -> HttpResponse:
    offer = selectors.offer(request.user, offer_id)
    act_and_tell(
        request,
        lambda: actions.send_offer(request.user, offer),
        "Offer sent to the candidate with the letter and an accept/decline link.",
    )
    return redirect("web:offer_detail", offer_id=offer.pk)


@login_required
@require_POST
def offer_withdraw(request: AuthenticatedHttpRequest, offer_id: int) -> HttpResponse:
    offer = selectors.offer(request.user, offer_id)
    act_and_tell(request, lambda: actions.withdraw(request.user, offer), "Offer withdrawn.")
    return redirect("web:offer_detail", offer_id=offer.pk)


@login_required
def offer_letter(request: AuthenticatedHttpRequest, offer_id: int) -> HttpResponse:
    offer = selectors.offer(request.user, offer_id)
    version = selectors.current_version(offer)
    pdf = letters.letter_pdf(actions.letter_template_of(offer.client_id), offer, version)
    return _pdf_response(pdf, f"offer-{offer.pk}-v{version.number}.pdf")


@login_required
def offer_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The active client's approval chain, letter template and onboarding checklist."""
    client = active_client(request)
    if client is None:
        messages.info(request, "Choose a client first.")
        return redirect("web:home")
    if not actions.edits_offer_settings(request.user):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("Offer settings are kept by client HR admins and account managers.")
    found = selectors.offer_settings(request.user, client)
    initial = {"letter_template": letters.DEFAULT_TEMPLATE}
    if found is not None:
        initial = {"chain": ", ".join(step["role"] for step in found.chain), "letter_template": found.letter_template}
    posted = request.method == "POST"
    which = request.POST.get("form") if posted else None
    form = OfferSettingsForm(request.POST if which == "settings" else None, initial=initial)
    item_form = ChecklistItemForm(request.POST if which == "checklist" else None)
    invalid = False
    if which == "settings":
        if form.is_valid():
            try:
                actions.save_offer_settings(request.user, client.pk, form.roles(), form.cleaned_data["letter_template"])
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, "Offer settings saved.")
                return redirect("web:offer_settings")
        invalid = True
    elif which == "checklist":
        if item_form.is_valid():
            try:
                onboarding.add_checklist_item(request.user, client.pk, item_form.cleaned_data)
            except ValidationError as error:
                add_validation_errors(item_form, error)
            else:
                messages.success(request, "Checklist task added.")
                return redirect("web:offer_settings")
        invalid = True
    context = {
        "client": client,
        "form": form,
        "item_form": item_form,
        "items": list(selectors.checklist(request.user, client)),
    }
    return render_page(request, "web/offers/settings.html", context, invalid=invalid)


# --- onboarding and surveys (signed in) --------------------------------------------------------------------------


@login_required
def onboarding_detail(request: AuthenticatedHttpRequest, onboarding_id: int) -> HttpResponse:
    row = selectors.onboarding(request.user, onboarding_id)
    context = {
        "onboarding": row,
        "tasks": list(selectors.tasks_of(row)),
        "progress": selectors.progress(row),
        "candidate_link": request.build_absolute_uri(_reverse_onboarding(onboarding.candidate_token(row)))
        if actions.makes_offers(request.user)
        else "",
        "surveys": list(selectors.surveys(request.user).filter(onboarding=row)),
    }
    return render(request, "web/offers/onboarding.html", context)


def _reverse_onboarding(token: str) -> str:
    from django.urls import reverse

    return reverse("web:onboarding_candidate", kwargs={"onboarding_token": token})


@login_required
@require_POST
def onboarding_task_complete(request: AuthenticatedHttpRequest, onboarding_task_id: int) -> HttpResponse:
    task = selectors.onboarding_task(request.user, onboarding_task_id)
    done = request.POST.get("done", "1") == "1"
    act_and_tell(request, lambda: onboarding.complete_task(request.user, task, done=done), f"“{task.title}” updated.")
    return redirect("web:onboarding_detail", onboarding_id=task.onboarding_id)


@login_required
def hire_survey(request: AuthenticatedHttpRequest, hire_survey_id: int) -> HttpResponse:
    survey = selectors.survey(request.user, hire_survey_id)
    form = HireSurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            surveys.answer_survey(request.user, survey, form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Thank you: your answers are recorded.")
            return redirect("web:offer_list")
    return render_page(request, "web/offers/survey.html", {"survey": survey, "form": form}, invalid=form.is_bound)


# --- the candidate's pages (signed links, no login) ---------------------------------------------------------------


def _link_problem(request: HttpRequest, problem: links.LinkProblem) -> HttpResponse:
    status = 410 if problem != links.LinkProblem.TAMPERED else 400
    return render(request, "web/offers/link_problem.html", {"message": LINK_PROBLEMS[problem]}, status=status)


def offer_respond(request: HttpRequest, offer_token: str) -> HttpResponse:
    """The candidate reads the offer and accepts or declines it (decision, time and address recorded)."""
    try:
        offer = actions.offer_from_token(offer_token)
    except links.LinkError as error:
        return _link_problem(request, error.problem)
    rls.scope_to_public_client(request, offer.client_id)
    if request.method == "POST":
        choice = request.POST.get("decision")
        if choice not in ("accept", "decline"):
            context = {"offer": offer, "version": selectors.current_version(offer), "token": offer_token}
            context["error"] = "Choose accept or decline."
            return render(request, "web/offers/respond.html", context, status=400)
        try:
            offer = actions.respond(offer_token, accept=choice == "accept", ip=request.META.get("REMOTE_ADDR"))
        except links.LinkError as error:
            return _link_problem(request, error.problem)
        context = {"offer": offer, "accepted": choice == "accept"}
        if choice == "accept":
            context["onboarding_url"] = _reverse_onboarding(onboarding.candidate_token(offer.onboarding))
        return render(request, "web/offers/responded.html", context)
    version = selectors.current_version(offer)
    return render(request, "web/offers/respond.html", {"offer": offer, "version": version, "token": offer_token})


def offer_respond_letter(request: HttpRequest, offer_token: str) -> HttpResponse:
    try:
        offer = actions.offer_from_token(offer_token)
    except links.LinkError as error:
        return _link_problem(request, error.problem)
    rls.scope_to_public_client(request, offer.client_id)
    version = selectors.current_version(offer)
    pdf = letters.letter_pdf(actions.letter_template_of(offer.client_id), offer, version)
    return _pdf_response(pdf, f"offer-v{version.number}.pdf")


def onboarding_candidate(request: HttpRequest, onboarding_token: str) -> HttpResponse:
    """The new hire's checklist: their tasks (documents uploaded here) and everyone's progress."""
    try:
        row = onboarding.onboarding_from_token(onboarding_token)
    except links.LinkError as error:
        return _link_problem(request, error.problem)
    rls.scope_to_public_client(request, row.client_id)
    form = DocumentForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            upload = form.cleaned_data.get("document")
            try:
                if upload is not None:
                    if upload.size > MAX_UPLOAD_BYTES:
                        raise ValidationError({"document": "The file is larger than 10 MB."})
                    onboarding.upload_document(row, form.cleaned_data["task"], upload.name, upload.read())
                else:
                    onboarding.candidate_complete(row, form.cleaned_data["task"])
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, "Thank you: the task is done.")
                return redirect("web:onboarding_candidate", onboarding_token=onboarding_token)
    tasks = list(selectors.tasks_of(row))
    context = {
        "onboarding": row,
        "mine": [task for task in tasks if task.side == TaskSide.CANDIDATE],
        "progress": selectors.progress(row),
        "form": form,
        "token": onboarding_token,
    }
    return render(request, "web/offers/candidate_onboarding.html", context, status=status)
