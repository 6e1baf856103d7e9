"""Workforce API: one interval's staffing, and a queue's forecast and requirements (provider planners only).

A queue is looked up through the workforce selectors, scoped to the caller's clients: a foreign queue id
answers exactly like a missing one (404). Bad inputs answer 422 naming the field, like ``handoff staffing``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router

from handoff.domain.workforce import capacity, planning, selectors
from handoff.domain.workforce.inputs import StaffingInputs, checked_inputs
from handoff.domain.workforce.permissions import require_planner
from handoff.domain.workforce.planning import FloatArray
from handoff.engines.staffing import Requirement
from handoff.interfaces.api.auth import actor
from handoff.interfaces.api.errors import FieldRenames
from handoff.interfaces.api.schemas.base import ObjectId
from handoff.interfaces.api.schemas.capacity import CapacityIn, CapacityOut, capacity_out
from handoff.interfaces.api.schemas.errors import error_responses
from handoff.interfaces.api.schemas.workforce import (
    BacktestOut,
    ForecastIntervalOut,
    ForecastOut,
    RequirementIntervalOut,
    RequirementsOut,
    StaffingIn,
    StaffingOut,
)

router = Router(tags=["Workforce"])


@router.post("/capacity/{rpo_id}", response={200: CapacityOut, **error_responses(400, 403, 404, 422)})
def post_capacity(request: HttpRequest, rpo_id: ObjectId, payload: CapacityIn) -> CapacityOut:
    """Recruiters needed week by week to make ``hires`` by ``deadline`` on an RPO engagement, from its measured
    funnel (figures on too few samples fall back to defaults, and say so)."""
    engagement = capacity.capacity_engagement(actor(request), rpo_id)
    outcome = capacity.capacity_plan(
        actor(request),
        engagement,
        payload.hires,
        payload.deadline,
        payload.start,
        conversions=payload.conversions,
        throughput=payload.throughput,
        max_ramp=payload.max_ramp,
        current_recruiters=payload.current_recruiters,
    )
    return capacity_out(outcome)


@router.post("/staffing", response={200: StaffingOut, **error_responses(400, 403, 422)})
def post_staffing(request: HttpRequest, payload: StaffingIn) -> StaffingOut:
    """Agents needed for one interval of one queue (Erlang C, or Erlang A with ``patience``)."""
    require_planner(actor(request))
    with FieldRenames({"interval_minutes": "interval"}):
        inputs = checked_inputs(
            aht=payload.aht,
            target=payload.target,
            within=payload.within,
            asa=payload.asa,
            max_occupancy=payload.max_occupancy,
            max_abandonment=payload.max_abandonment,
            shrinkage=payload.shrinkage,
            patience=payload.patience,
            interval_minutes=payload.interval,
            calls=[payload.calls],
        )
    figures = _requirement(inputs, inputs.calls, inputs.interval_minutes).interval(0)
    return StaffingOut(
        model=figures.model,
        traffic_erlangs=figures.traffic,
        agents_raw=figures.raw_agents,
        agents_with_shrinkage=figures.scheduled_agents,
        shrinkage=float(inputs.shrinkage),
        answer_within_seconds=inputs.targets.answer_within_seconds,
        service_level=figures.service_level,
        asa_seconds=figures.asa_seconds,
        occupancy=figures.occupancy,
        p_wait=figures.p_wait,
        p_abandon=figures.p_abandon,
    )


@router.get("/queues/{queue_id}/forecast", response={200: ForecastOut, **error_responses(403, 404, 422)})
def get_queue_forecast(request: HttpRequest, queue_id: ObjectId, days: int = 2) -> ForecastOut:
    """The queue's forecast per 30 minutes from today's local midnight, with 80 % and 95 % intervals."""
    outlook = _outlook(request, queue_id, days)
    result = outlook.result.forecast
    bands = (result.interval(0.8), result.interval(0.95))
    return ForecastOut(
        queue_id=outlook.queue.pk,
        model=result.model,
        time_zone=str(outlook.zone),
        step_minutes=planning.STEP_MINUTES,
        intervals=[
            ForecastIntervalOut(
                start=result.start + result.step * i,
                mean=float(result.mean[i]),
                lower_80=float(bands[0].lower[i]),
                upper_80=float(bands[0].upper[i]),
                lower_95=float(bands[1].lower[i]),
                upper_95=float(bands[1].upper[i]),
            )
            for i in range(len(result.mean))
        ],
        backtests=[
            BacktestOut(model=b.model, mase=_finite(b.mase), wape=_finite(b.wape)) for b in outlook.result.backtests
        ],
    )


@router.get("/queues/{queue_id}/requirements", response={200: RequirementsOut, **error_responses(403, 404, 422)})
def get_queue_requirements(
    request: HttpRequest,
    queue_id: ObjectId,
    aht: float,
    target: float | None = None,
    within: float = 20.0,
    asa: float | None = None,
    max_occupancy: float | None = None,
    max_abandonment: float | None = None,
    shrinkage: float = 0.0,
    patience: float | None = None,
    days: int = 2,
) -> RequirementsOut:
    """Agents per 30 minutes for the queue's forecast under these handling, targets and shrinkage."""
    inputs = checked_inputs(
        aht=aht,
        target=target,
        within=within,
        asa=asa,
        max_occupancy=max_occupancy,
        max_abandonment=max_abandonment,
        shrinkage=shrinkage,
        patience=patience,
        interval_minutes=planning.STEP_MINUTES,
    )
    outlook = _outlook(request, queue_id, days)
    result = outlook.result.forecast
    needed = _requirement(inputs, result.mean, planning.STEP_MINUTES)
    step = timedelta(minutes=planning.STEP_MINUTES)
    intervals = []
    for i in range(len(result.mean)):
        figures = needed.interval(i)
        intervals.append(
            RequirementIntervalOut(
                start=result.start + step * i,
                calls=float(result.mean[i]),
                agents_raw=figures.raw_agents,
                agents_with_shrinkage=figures.scheduled_agents,
                service_level=figures.service_level,
                asa_seconds=figures.asa_seconds,
                occupancy=figures.occupancy,
                p_wait=figures.p_wait,
                p_abandon=figures.p_abandon,
            )
        )
    return RequirementsOut(
        queue_id=outlook.queue.pk,
        model=needed.model,
        shrinkage=float(inputs.shrinkage),
        peak_agents_with_shrinkage=int(needed.scheduled_agents.max(initial=0)),
        intervals=intervals,
    )


def _outlook(request: HttpRequest, queue_id: int, days: int) -> planning.QueueOutlook:
    """The queue's outlook; 404 for a queue the caller cannot see, 422 when it cannot be forecast."""
    user = actor(request)
    queue = selectors.planned_queue(user, queue_id)
    if not 1 <= days <= planning.MAX_FORECAST_DAYS:
        raise ValidationError({"days": f"days must be 1 to {planning.MAX_FORECAST_DAYS}"})
    try:
        return planning.queue_outlook(user, queue, days=days)
    except planning.NotEnoughHistory as error:
        raise ValidationError({"queue_id": str(error)}) from error


def _requirement(inputs: StaffingInputs, calls: Sequence[float] | FloatArray, interval_minutes: float) -> Requirement:
    try:
        return planning.requirements(calls, inputs, interval_minutes)
    except ValueError as error:  # an engine limit the checks did not foresee: still the caller's input
        raise ValidationError({"__all__": str(error)}) from error


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None
