"""The public advisor (questionnaire, results, PDF, proposal request) and the provider's advisor pages
(leads and their conversion; rate card and assumption versions)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from uuid import UUID

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_POST
from ninja.throttling import AnonRateThrottle

from handoff.domain.advisor import actions, codec, selectors
from handoff.domain.advisor.evaluation import Evaluation, assumptions_for
from handoff.domain.advisor.models import AdvisorReport, Lead
from handoff.domain.engagements.models import DeliveryCenter, ProcessType
from handoff.domain.engagements.selectors import delivery_centers
from handoff.domain.tenancy.models import CompanySize, Industry
from handoff.engines.advisor import AnswerError, Assumptions
from handoff.engines.advisor.rules import (
    ENTERPRISE_MIN_HIRES,
    GROWTH_SURGE_RATIO,
    HARD_TO_FILL_MANY,
    RPO_MIN_HIRES,
    SURGE_PEAK_SHARE,
)
from handoff.engines.delivery_location import Place
from handoff.interfaces.web.forms import ClientForm
from handoff.interfaces.web.forms_advisor import (
    BUSINESS_QUESTIONS,
    HIRING_QUESTIONS,
    PRIORITY_QUESTIONS,
    PROCESS_LABELS,
    AssumptionsForm,
    LeadStatusForm,
    ProposalForm,
    QuestionnaireForm,
)
from handoff.interfaces.web.views.common import AuthenticatedHttpRequest, add_validation_errors, render_page

RULES = {
    "RPO_MIN_HIRES": RPO_MIN_HIRES,
    "HARD_TO_FILL_MANY": f"{HARD_TO_FILL_MANY:.0%}",
    "SURGE_PEAK_SHARE": f"{SURGE_PEAK_SHARE:.0%}",
    "GROWTH_SURGE_RATIO": f"{GROWTH_SURGE_RATIO:.0%}",
    "ENTERPRISE_MIN_HIRES": ENTERPRISE_MIN_HIRES,
}


# --- the questionnaire ---------------------------------------------------------------------------------------

# Public pages that write (a report per answer, a lead per proposal): limited per client address, like the API.
PUBLIC_WRITE_RATE = getattr(settings, "ADVISOR_API_RATE_LIMIT", getattr(settings, "API_RATE_LIMIT", "1000/m"))


def public_writes_limited(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A POST beyond the rate answers 429 with a message, before anything is saved."""

    @wraps(view)
    def limited(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "POST" and not AnonRateThrottle(PUBLIC_WRITE_RATE).allow_request(request):
            return HttpResponse(
                "Too many answers from your address in a short time: please wait a minute and send again.",
                status=429,
                content_type="text/plain; charset=utf-8",
            )
        return view(request, *args, **kwargs)

    return limited


@public_writes_limited
def advisor_form(request: HttpRequest) -> HttpResponse:
    """The questionnaire; a valid one is advised, saved and shown at its own URL."""
    form = QuestionnaireForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            answers = codec.answers_from_data(form.answers_data())
            saved, _evaluation = actions.save_report(answers)
        except AnswerError as error:
            form.add_error(form.field_for(error.field), error.message[:1].upper() + error.message[1:] + ".")
        else:
            return redirect("web:advisor_report", report_id=saved.pk)
    context = {
        "form": form,
        "business": form.section(BUSINESS_QUESTIONS),
        "hiring": form.section(HIRING_QUESTIONS),
        "priorities": form.section(PRIORITY_QUESTIONS),
        "process_groups": form.process_groups(),
        "rules": RULES,
    }
    return render_page(request, "web/advisor/form.html", context, invalid=form.is_bound)


# --- results -------------------------------------------------------------------------------------------------


def _prospect_assumptions(saved: AdvisorReport, evaluation: Evaluation) -> Assumptions:
    """The assumptions before the prospect's own edits (what the edits are compared with)."""
    business = evaluation.answers.business
    kinds = {str(process.kind) for process in evaluation.answers.processes}
    place = Place(business.country, business.time_zone)
    return assumptions_for(place, saved.assumption_set, evaluation.rate_card, {}, kinds)


def _assumptions_form(saved: AdvisorReport, evaluation: Evaluation, data: Any = None) -> AssumptionsForm:
    form = AssumptionsForm(
        data, assumptions=_prospect_assumptions(saved, evaluation), countries=[evaluation.answers.business.country]
    )
    if data is None:
        form.initial = _initial_from(form, evaluation.assumptions)
    return form


def _initial_from(form: AssumptionsForm, assumptions: Assumptions) -> dict[str, Any]:
    """The form's values for these (possibly edited) assumptions."""
    shown = AssumptionsForm(
        assumptions=assumptions,
        countries=[key.rsplit("__", 1)[-1] for key in form.fields if key.startswith(codec.COUNTRY_KEYED)],
    )
    return {key: field.initial for key, field in shown.fields.items()}


def bpo_rows(evaluation: Evaluation) -> list[dict[str, Any]]:
    costs = {item.index: item for item in evaluation.advice.bpo_costs}
    return [
        {
            "advice": process,
            "label": PROCESS_LABELS[process.process.kind],
            "costs": costs.get(process.index),
            "center": evaluation.centers.get(process.index),
        }
        for process in evaluation.advice.processes
    ]


def report_context(saved: AdvisorReport, evaluation: Evaluation, **forms_: Any) -> dict[str, Any]:
    advice = evaluation.advice
    return {
        "report": saved,
        "evaluation": evaluation,
        "advice": advice,
        "answers": evaluation.answers,
        "currency": evaluation.assumptions.currency,
        "bpo_rows": bpo_rows(evaluation),
        "assumptions_form": forms_.get("assumptions_form") or _assumptions_form(saved, evaluation),
        "proposal_form": forms_.get("proposal_form") or ProposalForm(),
        "proposal_sent": forms_.get("proposal_sent", False),
        "edited": bool(saved.overrides),
    }


def advisor_report(request: HttpRequest, report_id: UUID) -> HttpResponse:
    saved = selectors.report(report_id)
    return render(request, "web/advisor/report.html", report_context(saved, selectors.evaluation_of(saved)))


@require_POST
@public_writes_limited
def advisor_rerun(request: HttpRequest, report_id: UUID) -> HttpResponse:
    """Re-run with the prospect's edited assumptions: a new report (same versions) at its own URL."""
    saved = selectors.report(report_id)
    evaluation = selectors.evaluation_of(saved)
    form = _assumptions_form(saved, evaluation, request.POST)
    if form.is_valid():
        try:
            rerun, new_evaluation = actions.save_report(evaluation.answers, form.values(), based_on=saved)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            url = reverse("web:advisor_report", kwargs={"report_id": rerun.pk})
            if getattr(request, "htmx", False):
                response = render(request, "web/advisor/_results.html", report_context(rerun, new_evaluation))
                response["HX-Push-Url"] = url
                return response
            return redirect(url)
    context = report_context(saved, evaluation, assumptions_form=form)
    template = "web/advisor/_results.html" if getattr(request, "htmx", False) else "web/advisor/report.html"
    return render_page(request, template, context, invalid=True)


def advisor_pdf(request: HttpRequest, report_id: UUID) -> HttpResponse:
    """The report as a PDF (WeasyPrint, from a Django template), downloaded under a readable file name."""
    saved = selectors.report(report_id)
    evaluation = selectors.evaluation_of(saved)
    html = render_to_string("web/advisor/report_pdf.html", report_context(saved, evaluation), request=request)
    from weasyprint import HTML  # type: ignore[import-untyped]  # heavy (about 1 s): loaded on the first PDF only

    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="handoff-advice-{str(saved.pk)[:8]}.pdf"'
    return response


@require_POST
@public_writes_limited
def advisor_proposal(request: HttpRequest, report_id: UUID) -> HttpResponse:
    """The prospect asks for a proposal: a lead for the account managers."""
    saved = selectors.report(report_id)
    form = ProposalForm(request.POST)
    if form.is_valid():
        try:
            actions.submit_lead(saved, form.cleaned_data, request.META.get("REMOTE_ADDR"))
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Thank you: an account manager will contact you about a proposal.")
            return redirect(reverse("web:advisor_report", kwargs={"report_id": saved.pk}) + "#proposal")
    context = report_context(saved, selectors.evaluation_of(saved), proposal_form=form)
    return render_page(request, "web/advisor/report.html", context, invalid=True)


# --- leads (provider admins and account managers) ------------------------------------------------------------


@login_required
def lead_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "web/advisor/leads.html", {"leads": list(selectors.leads(request.user)[:500])})


def _client_initial(lead: Lead) -> dict[str, Any]:
    business = lead.report.answers.get("business", {})
    industry = str(business.get("industry", ""))
    return {
        "name": lead.company,
        "legal_name": lead.company,
        "country": business.get("country"),
        "time_zone": business.get("time_zone"),
        "industry": industry if industry in Industry.values else Industry.OTHER,
        "size": _size(int(business.get("employees") or 1)),
        "is_active": True,
    }


def _size(employees: int) -> str:
    for limit, size in (
        (10, CompanySize.MICRO),
        (50, CompanySize.SMALL),
        (250, CompanySize.MEDIUM),
        (1000, CompanySize.LARGE),
    ):
        if employees < limit:
            return size
    return CompanySize.ENTERPRISE


@login_required
def lead_detail(request: AuthenticatedHttpRequest, lead_id: int) -> HttpResponse:
    lead = selectors.lead(request.user, lead_id)
    form = ClientForm(request.POST if request.method == "POST" else None, initial=_client_initial(lead))
    if request.method == "POST" and form.is_valid():
        try:
            converted = actions.convert_lead(request.user, lead.pk, form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, f"{converted.company} is now a client, with draft engagements from the advice.")
            assert converted.client_id is not None
            return redirect("web:client_detail", client_id=converted.client_id)
    evaluation = selectors.evaluation_of(lead.report)
    context = {
        "lead": lead,
        "form": form,
        "status_form": LeadStatusForm(initial={"status": lead.status}),
        **report_context(lead.report, evaluation),
    }
    return render_page(request, "web/advisor/lead_detail.html", context, invalid=form.is_bound)


@login_required
@require_POST
def lead_status(request: AuthenticatedHttpRequest, lead_id: int) -> HttpResponse:
    """Mark a lead contacted or declined (or new again); conversion has its own form."""
    form = LeadStatusForm(request.POST)
    if form.is_valid():
        try:
            lead = actions.set_lead_status(request.user, lead_id, form.cleaned_data["status"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{lead.company}: {lead.get_status_display().lower()}.")
    else:
        selectors.lead(request.user, lead_id)  # a lead the user may not see is refused before the form is judged
        messages.error(request, "Choose a status.")
    return redirect("web:lead_detail", lead_id=lead_id)


# --- rate card and assumptions (provider admins) -------------------------------------------------------------


class RateCardLineForm(forms.Form):
    delivery_center = forms.ModelChoiceField(queryset=DeliveryCenter.objects.none(), required=False)
    process_kind = forms.ChoiceField(choices=[("", "—"), *ProcessType.choices], required=False)
    rate_low = forms.DecimalField(min_value=0, max_digits=12, decimal_places=2, required=False)
    rate_high = forms.DecimalField(min_value=0, max_digits=12, decimal_places=2, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["delivery_center"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = delivery_centers()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        given = [
            name
            for name in ("delivery_center", "process_kind", "rate_low", "rate_high")
            if data.get(name) not in (None, "")
        ]
        if given and len(given) < 4:
            raise ValidationError("Fill in the center, the process and both rates, or leave the row empty.")
        return data


RateCardLineFormSet = forms.formset_factory(RateCardLineForm, extra=3, max_num=200)


class RateCardHeaderForm(forms.Form):
    currency = forms.CharField(max_length=3, initial="USD")
    note = forms.CharField(max_length=300, required=False, label="What changed")
    illustrative = forms.BooleanField(required=False, label="Illustrative (demo values, not a quote)")


def _require_pricing_admin(request: AuthenticatedHttpRequest) -> None:
    if not selectors.can_edit_pricing(request.user):
        raise PermissionDenied("Only provider admins edit rate cards and assumptions.")


@login_required
def rate_card(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The current rate card as an editable table; saving publishes a new version (old ones stay as they were)."""
    _require_pricing_admin(request)
    current = selectors.current_rate_card_with_lines()
    initial = [
        {
            "delivery_center": line.delivery_center,
            "process_kind": line.process_kind,
            "rate_low": line.rate_low,
            "rate_high": line.rate_high,
        }
        for line in (selectors.rate_card_lines(current) if current else [])
    ]
    posted = request.POST if request.method == "POST" else None
    header = RateCardHeaderForm(
        posted,
        initial={
            "currency": current.currency if current else "USD",
            "illustrative": bool(current and current.illustrative),
        },
    )
    formset = RateCardLineFormSet(posted, initial=initial, prefix="lines")
    if posted is not None and header.is_valid() and formset.is_valid():
        lines = [form.cleaned_data for form in formset if form.cleaned_data.get("delivery_center")]
        try:
            card = actions.publish_rate_card(request.user, lines, **header.cleaned_data)
        except ValidationError as error:
            add_validation_errors(header, error)
        else:
            messages.success(request, f"Rate card version {card.version} published.")
            return redirect("web:rate_card")
    context = {"header": header, "formset": formset, "current": current, "versions": list(selectors.rate_cards()[:50])}
    return render_page(request, "web/advisor/rate_card.html", context, invalid=posted is not None)


class AssumptionSetHeaderForm(forms.Form):
    note = forms.CharField(max_length=300, required=False, label="What changed")
    illustrative = forms.BooleanField(required=False, label="Illustrative (demo values, not market data)")


def _changed_from_defaults(assumptions: Assumptions) -> dict[str, Any]:
    defaults = Assumptions()
    names = [
        name
        for name in codec.plain(assumptions)
        if codec.plain(getattr(assumptions, name)) != codec.plain(getattr(defaults, name))
    ]
    return {name: codec.plain(getattr(assumptions, name)) for name in names}


@login_required
def assumption_set(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The current assumptions as a form; saving publishes a new version."""
    _require_pricing_admin(request)
    current_set = selectors.current_assumption_set()
    current = codec.apply_values(Assumptions(), current_set.values) if current_set else Assumptions()
    posted = request.POST if request.method == "POST" else None
    form = AssumptionsForm(posted, assumptions=current, countries=sorted(current.in_house_cost_per_fte_year))
    header = AssumptionSetHeaderForm(
        posted, initial={"illustrative": bool(current_set is None or current_set.illustrative)}
    )
    if posted is not None and form.is_valid() and header.is_valid():
        try:
            edited = codec.apply_values(current, form.values())
            published = actions.publish_assumption_set(
                request.user, _changed_from_defaults(edited), **header.cleaned_data
            )
        except ValueError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, f"Assumptions version {published.version} published.")
            return redirect("web:assumption_set")
    context = {
        "form": form,
        "header": header,
        "current": current_set,
        "versions": list(selectors.assumption_sets()[:50]),
    }
    return render_page(request, "web/advisor/assumptions.html", context, invalid=posted is not None)
