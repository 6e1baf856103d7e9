"""Recruiter capacity API schemas: hires by a date in, the measured funnel and the weekly team out."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Schema
from pydantic import Field

from handoff.domain.workforce.capacity import CapacityOutcome, Figure, plan_weeks
from handoff.interfaces.api.schemas.base import InputSchema


class CapacityIn(InputSchema):
    """Shares are fractions (0.5 for 50 %); overrides replace the measured (or default) figures."""

    hires: int = Field(description="Hires to make (at least 1).")
    deadline: date = Field(description="The date by which the hires have accepted.")
    start: date | None = Field(default=None, description="First week of the plan; today when left out.")
    conversions: dict[str, float] = Field(
        default_factory=dict, description='Conversion overrides by stage key, e.g. {"interview": 0.4}.'
    )
    throughput: float | None = Field(default=None, description="Override: stage moves per recruiter-week.")
    max_ramp: int = Field(default=2, description="Recruiters who may join or leave the team in one week.")
    current_recruiters: int = Field(default=0, description="Recruiters on the engagement today.")


class FigureOut(Schema):
    value: float
    source: str = Field(description="measured, default (too few samples) or override.")
    samples: int
    measured: float | None


class FunnelStageOut(Schema):
    key: str
    name: str
    reached: int
    conversion: FigureOut
    days_in_stage: FigureOut


class PlanWeekOut(Schema):
    start: date
    sourced: float
    work_recruiter_weeks: float
    recruiters: int


class CapacityOut(Schema):
    rpo_id: int
    since: datetime
    funnel: list[FunnelStageOut]
    throughput: FigureOut
    stage_volumes: dict[str, int]
    recruiters_needed: int
    recruiter_weeks: int
    workload_recruiter_weeks: float
    lead_time_days: float
    weeks: list[PlanWeekOut]


def _figure(figure: Figure) -> FigureOut:
    return FigureOut(value=figure.value, source=figure.source, samples=figure.samples, measured=figure.measured)


def capacity_out(outcome: CapacityOutcome) -> CapacityOut:
    """The plan as the API answers it: the funnel with its overrides, then the weekly team."""
    plan = outcome.plan
    return CapacityOut(
        rpo_id=outcome.engagement.pk,
        since=outcome.funnel.since,
        funnel=[
            FunnelStageOut(
                key=stage.key,
                name=stage.name,
                reached=stage.reached,
                conversion=_figure(outcome.conversions.get(stage.key, stage.conversion)),
                days_in_stage=_figure(stage.days_in_stage),
            )
            for stage in outcome.funnel.stages
        ],
        throughput=_figure(outcome.throughput),
        stage_volumes=plan.stage_volumes,
        recruiters_needed=plan.peak_recruiters,
        recruiter_weeks=plan.recruiter_weeks,
        workload_recruiter_weeks=plan.workload_recruiter_weeks,
        lead_time_days=plan.lead_time_days,
        weeks=[
            PlanWeekOut(start=w.start, sourced=w.sourced, work_recruiter_weeks=w.work, recruiters=w.recruiters)
            for w in plan_weeks(plan)
        ],
    )
