"""Workforce pages: a queue's forecast against actuals, requirement heatmap, live what-if and roster; the calculator.

The what-if form updates the requirement fragment through htmx (``hx-get`` on change, debounced); the same
URL without htmx renders the whole page, so the form also works without JavaScript. The roster (CP-SAT, a
few seconds) is a fragment of its own, loaded after the page.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from handoff.domain.operations.models import Queue
from handoff.domain.workforce import actions, planning, selectors
from handoff.domain.workforce.permissions import require_planner
from handoff.engines.staffing import Requirement
from handoff.interfaces.web.forms_workforce import (
    CalculatorForm,
    QueueWhatIfForm,
    ScenarioForm,
    WhatIfForm,
    bound_form,
)
from handoff.interfaces.web.views.common import AuthenticatedHttpRequest, render_page

CHART_DAYS = 7  # actuals shown before the forecast
HEAT_LEVELS = 6


@login_required
def workforce_queues(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The queues the user plans, each linking to its workforce page."""
    require_planner(request.user)
    return render_page(request, "web/workforce/queues.html", {"queues": list(selectors.planned_queues(request.user))})


@login_required
def workforce_queue(request: AuthenticatedHttpRequest, queue_id: int) -> HttpResponse:
    """The queue's page, or (htmx) only its requirement fragment for the what-if inputs."""
    queue = selectors.planned_queue(request.user, queue_id)
    form = bound_form(QueueWhatIfForm, request.GET)
    days = form.cleaned_data.get("days") or 2  # the forecast still shows while another field is wrong
    outlook, reason = _outlook(request, queue, int(days))
    context: dict[str, Any] = {"queue": queue, "form": form, "outlook": outlook, "no_forecast": reason}
    if not request.htmx:
        context["scenarios"] = [(s, urlencode(s.query())) for s in selectors.scenarios(request.user, queue)]
    needed = _needed(form, outlook.result.forecast.mean, planning.STEP_MINUTES) if outlook is not None else None
    if outlook is not None and needed is not None:
        context["grid"] = requirement_grid(outlook, needed)
    if request.htmx:
        return render_page(request, "web/workforce/_requirements.html", context, invalid=not form.is_valid())
    if outlook is not None:
        context["chart"] = forecast_chart(outlook)
        context["backtests"] = outlook.result.backtests
    return render_page(request, "web/workforce/queue.html", context, invalid=not form.is_valid())


@login_required
@require_POST
def workforce_scenario_save(request: AuthenticatedHttpRequest, queue_id: int) -> HttpResponse:
    """Save the what-if inputs under a name, then show the queue with them (or with the refusal as a message)."""
    queue = selectors.planned_queue(request.user, queue_id)
    form = ScenarioForm(request.POST)
    back = reverse("web:workforce_queue", kwargs={"queue_id": queue.pk})
    fields = [name for name in QueueWhatIfForm.base_fields if name in request.POST]
    query = urlencode({name: request.POST[name] for name in fields})
    if not form.is_valid():
        problems = "; ".join(f"{label}: {message}" for label, message in form.field_errors())
        messages.error(request, f"The scenario was not saved. {problems}")
        return redirect(f"{back}?{query}")
    try:
        scenario = actions.save_scenario(request.user, queue.pk, form.cleaned_data["name"], form.inputs)
    except ValidationError as error:
        messages.error(request, "The scenario was not saved. " + " ".join(error.messages))
        return redirect(f"{back}?{query}")
    messages.success(request, f"Saved the scenario “{scenario.name}”.")
    return redirect(f"{back}?{urlencode({**scenario.query(), 'days': form.cleaned_data['days']})}")


@login_required
def workforce_roster(request: AuthenticatedHttpRequest, queue_id: int) -> HttpResponse:
    """The roster fragment: the center's agents on shifts covering the requirement (htmx, or a page of its own)."""
    queue = selectors.planned_queue(request.user, queue_id)
    form = bound_form(QueueWhatIfForm, request.GET)
    context: dict[str, Any] = {"queue": queue, "form": form}
    if form.is_valid():
        outlook, reason = _outlook(request, queue, form.cleaned_data["days"])
        context["no_forecast"] = reason
        needed = _needed(form, outlook.result.forecast.mean, planning.STEP_MINUTES) if outlook is not None else None
        if outlook is not None and needed is not None:
            outcome = planning.roster(queue, outlook, needed.scheduled_agents)
            context["outcome"] = outcome
            context["grid"] = roster_grid(outlook, outcome)
    template = "web/workforce/_roster.html" if request.htmx else "web/workforce/roster_page.html"
    return render_page(request, template, context, invalid=not form.is_valid())


@login_required
def staffing_calculator(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Agents per interval for calls typed in (no queue): the what-if for provider staff."""
    require_planner(request.user)
    form = bound_form(CalculatorForm, request.GET, extra={"calls": "40 80 120 100"})
    context: dict[str, Any] = {"form": form}
    result = _needed(form, form.inputs.calls, form.inputs.interval_minutes) if form.is_valid() else None
    if result is not None:
        context["rows"] = calculator_rows(form.inputs.calls, result)
        context["model"] = result.model
    template = "web/workforce/_calculator_result.html" if request.htmx else "web/workforce/calculator.html"
    return render_page(request, template, context, invalid=not form.is_valid())


def _needed(form: WhatIfForm, calls: Sequence[float] | planning.FloatArray, minutes: float) -> Requirement | None:
    """Agents per interval, or None with the engine's refusal put on the form (a limit the checks missed)."""
    if not form.is_valid():
        return None
    try:
        return planning.requirements(calls, form.inputs, minutes)
    except ValueError as error:
        form.add_error(None, str(error))
        return None


def _outlook(request: AuthenticatedHttpRequest, queue: Queue, days: int) -> tuple[planning.QueueOutlook | None, str]:
    try:
        return planning.queue_outlook(request.user, queue, days=days), ""
    except planning.NotEnoughHistory as error:
        return None, str(error)


# --- what the templates draw ---------------------------------------------------------------------------------


def _label(moment: datetime) -> str:
    return moment.strftime("%a %d %b %H:%M")


def forecast_chart(outlook: planning.QueueOutlook) -> dict[str, Any]:
    """Line chart data: the last week's actuals, then the forecast mean inside its 80 % band."""
    history, result = outlook.history, outlook.result.forecast
    shown = min(len(history.values), CHART_DAYS * outlook.slots_per_day)
    first = history.end - history.step * shown
    actual = [None if math.isnan(v) else float(v) for v in history.values[-shown:]]
    band = result.interval(0.8)
    ahead = len(result.mean)
    moments = [first + history.step * i for i in range(shown + ahead)]
    pad: list[float | None] = [None] * shown
    return {
        "labels": [_label(m.astimezone(outlook.zone)) for m in moments],
        "actual": actual + [None] * ahead,
        "forecast": pad + [round(float(v), 2) for v in result.mean],
        "lower": pad + [round(float(v), 2) for v in band.lower],
        "upper": pad + [round(float(v), 2) for v in band.upper],
        "model": result.model,
    }


@dataclass(frozen=True)
class HeatCell:
    agents: int
    raw: int
    calls: float
    level: int


@dataclass(frozen=True)
class HeatRow:
    day: str
    cells: list[HeatCell]


@dataclass(frozen=True)
class RequirementGrid:
    """Agents (with shrinkage) per day × interval, their colour level, and the peak and total."""

    times: list[str]
    rows: list[HeatRow]
    peak_agents: int
    peak_raw_agents: int
    agent_hours: float
    model: str

    @property
    def model_label(self) -> str:
        return "Erlang A (callers abandon)" if self.model == "erlang_a" else "Erlang C (nobody abandons)"


def requirement_grid(outlook: planning.QueueOutlook, requirement: Requirement) -> RequirementGrid:
    slots = outlook.slots_per_day
    step = timedelta(minutes=planning.STEP_MINUTES)
    scheduled, raw = requirement.scheduled_agents, requirement.raw_agents
    calls = outlook.result.forecast.mean
    peak = int(scheduled.max(initial=0))
    rows = [
        HeatRow(
            day=day.strftime("%a %d %b"),
            cells=[
                HeatCell(
                    int(scheduled[i]), int(raw[i]), round(float(calls[i]), 1), _heat_level(int(scheduled[i]), peak)
                )
                for i in range(d * slots, (d + 1) * slots)
            ],
        )
        for d, day in enumerate(outlook.day_dates())
    ]
    times = [(datetime.min + step * s).strftime("%H:%M") for s in range(slots)]
    hours = float(scheduled.sum()) * planning.STEP_MINUTES / 60
    return RequirementGrid(times, rows, peak, int(raw.max(initial=0)), hours, requirement.model)


def _heat_level(agents: int, peak: int) -> int:
    if agents <= 0 or peak <= 0:
        return 0
    return max(1, math.ceil(agents / peak * (HEAT_LEVELS - 1)))


@dataclass(frozen=True)
class RosterCell:
    text: str
    overnight: bool


@dataclass(frozen=True)
class RosterRow:
    agent: str
    cells: list[list[RosterCell]]
    hours: float


def roster_grid(outlook: planning.QueueOutlook, outcome: planning.RosterOutcome) -> dict[str, Any]:
    """Agents × days with each shift's local times; a shift ending after midnight is marked overnight."""
    if outcome.roster is None:
        return {}
    days = outlook.day_dates()
    rows = []
    for agent in outcome.agents:
        shifts = outcome.roster.for_agent(str(agent.pk))
        cells: list[list[RosterCell]] = [[] for _ in days]
        for shift in shifts:
            start, end = shift.start.astimezone(outlook.zone), shift.end.astimezone(outlook.zone)
            overnight = end.date() > start.date()
            text = f"{start:%H:%M}–{end:%H:%M}" + (" (+1)" if overnight else "")
            cells[shift.day].append(RosterCell(text, overnight))
        rows.append(RosterRow(str(agent.user), cells, sum(s.paid_hours for s in shifts)))
    coverage = outcome.roster.coverage[0] if outcome.roster.coverage else None
    required = int(coverage.required.sum()) if coverage is not None else 0
    return {
        "days": [d.strftime("%a %d %b") for d in days],
        "rows": rows,
        "under": outcome.roster.under_coverage,
        "covered_pct": 100 * (1 - outcome.roster.under_coverage / required) if required else 100.0,
        "lp_gap_pct": _percent(outcome.gaps.lp_gap) if outcome.gaps else None,
        "status": outcome.roster.status,
        "seconds": outcome.roster.wall_seconds,
    }


def _percent(share: float) -> float | None:
    return 100 * share if math.isfinite(share) else None


def calculator_rows(calls: tuple[float, ...], result: Requirement) -> list[dict[str, Any]]:
    """One row per interval: calls, agents raw and with shrinkage, and what they achieve (shares as %)."""
    rows = []
    for i, offered in enumerate(calls):
        figures = vars(result.interval(i))
        shares = {f"{name}_pct": 100 * figures[name] for name in ("service_level", "occupancy", "p_wait", "p_abandon")}
        rows.append({"index": i + 1, "calls": offered, **figures, **shares})
    return rows
