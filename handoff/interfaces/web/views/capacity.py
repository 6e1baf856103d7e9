"""Recruiter capacity page of an RPO engagement: the measured funnel and the weekly recruiter team for N hires.

A GET shows the funnel and an empty form; submitting (GET with the inputs, htmx or not) adds the plan. The
engagement is looked up through the workforce capacity selector, so a foreign id answers 404 like a missing one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils import timezone

from handoff.domain.engagements.models import RpoEngagement
from handoff.domain.workforce import capacity
from handoff.interfaces.web.forms_capacity import CapacityForm
from handoff.interfaces.web.views.common import AuthenticatedHttpRequest, render_page

DEFAULT_WEEKS = 12


@login_required
def capacity_page(request: AuthenticatedHttpRequest, rpo_id: int) -> HttpResponse:
    """The page (or, for htmx, only its result fragment)."""
    engagement = capacity.capacity_engagement(request.user, rpo_id)
    today = timezone.localdate()
    funnel = capacity.measured_funnel(request.user, engagement, today - dt.timedelta(days=365))
    submitted = "hires" in request.GET
    initial = {"start": today, "deadline": today + dt.timedelta(weeks=DEFAULT_WEEKS), "max_ramp": 2}
    form = CapacityForm(request.GET if submitted else None, initial=initial, funnel=funnel)
    context: dict[str, Any] = {"engagement": engagement, "funnel": funnel, "form": form}
    if submitted and form.is_valid():
        outcome = _plan(request, engagement, form)
        if outcome is not None:
            context.update(outcome=outcome, weeks=capacity.plan_weeks(outcome.plan))
    invalid = submitted and not form.is_valid()
    template = "web/workforce/_capacity_result.html" if request.htmx else "web/workforce/capacity.html"
    return render_page(request, template, context, invalid=invalid)


def _plan(
    request: AuthenticatedHttpRequest, engagement: RpoEngagement, form: CapacityForm
) -> capacity.CapacityOutcome | None:
    """The plan, or None with the refusal (naming the constraint) put on the form's field."""
    data = form.cleaned_data
    try:
        return capacity.capacity_plan(
            request.user,
            engagement,
            data["hires"],
            data["deadline"],
            data["start"],
            conversions=form.conversions(),
            throughput=data.get("throughput"),
            max_ramp=data["max_ramp"],
        )
    except ValidationError as error:
        form.put_errors(error)
        return None
