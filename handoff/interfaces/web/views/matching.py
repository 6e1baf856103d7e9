"""Matching pages: the "Top matches" tab of a requisition, "Suggested jobs" on a candidate, a client's weights.

Reads go through ``domain.matching.selectors`` (talent-pool staff only, requisitions scoped to the
actor's clients); the weights form saves through ``domain.matching.actions``.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from handoff.domain.matching import actions, selectors
from handoff.domain.matching.models import MAX_WEIGHT, MatchWeights
from handoff.domain.tenancy.access import access_client
from handoff.engines.matching import FACTORS
from handoff.interfaces.web.views.common import AuthenticatedHttpRequest, add_validation_errors, render_page


@login_required
def top_matches(request: AuthenticatedHttpRequest, requisition_id: int) -> HttpResponse:
    blind = request.GET.get("blind") == "1"
    found = selectors.top_matches(request.user, requisition_id, blind=blind)
    context = {"requisition": found.requisition, "found": found, "tab": "matches"}
    return render(request, "web/matching/top_matches.html", context)


@login_required
def suggested_jobs(request: AuthenticatedHttpRequest, candidate_id: int) -> HttpResponse:
    found = selectors.suggested_jobs(request.user, candidate_id)
    template = "web/matching/_suggested_jobs.html" if request.htmx else "web/matching/suggested_jobs.html"
    return render(request, template, {"found": found, "candidate": found.candidate})


class WeightsForm(forms.ModelForm[MatchWeights]):
    class Meta:
        model = MatchWeights
        fields = [*FACTORS, "blind"]
        help_texts = dict.fromkeys(FACTORS, f"Relative weight, 0 to {MAX_WEIGHT:g}; 0 turns the factor off.")


@login_required
def client_weights(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    user = request.user
    client = access_client(user, client_id)
    current = selectors.client_weights(user, client)
    form = WeightsForm(request.POST if request.method == "POST" else None, instance=current)
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.save_weights(user, client.pk, {name: form.cleaned_data[name] for name in form.fields})
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, "Matching weights saved.")
                return redirect("web:matching_weights", client_id=client.pk)
        return render_page(request, "web/matching/weights.html", {"client": client, "form": form}, invalid=True)
    return render(request, "web/matching/weights.html", {"client": client, "form": form})
