"""Workforce API schemas: one interval's staffing (as ``handoff staffing``), a queue's forecast and requirements."""

from __future__ import annotations

from datetime import datetime

from ninja import Schema
from pydantic import Field

from handoff.interfaces.api.schemas.base import InputSchema


class StaffingIn(InputSchema):
    """The inputs of ``handoff staffing``; shares are fractions (0.8 for 80 %)."""

    calls: float = Field(description="Calls offered in the interval.")
    interval: float = Field(default=30.0, description="Interval length in minutes.")
    aht: float = Field(description="Average handle time in seconds.")
    target: float | None = Field(default=None, description="Service level: share answered within `within` (0.8).")
    within: float = Field(default=20.0, description="Service-level threshold in seconds.")
    asa: float | None = Field(default=None, description="Maximum average speed of answer in seconds.")
    max_occupancy: float | None = Field(default=None, description="Maximum occupancy as a share (0.85).")
    max_abandonment: float | None = Field(default=None, description="Maximum abandonment share (needs patience).")
    shrinkage: float = Field(default=0.0, description="Shrinkage as a share (0.3).")
    patience: float | None = Field(default=None, description="Mean caller patience in seconds: Erlang A.")


class StaffingOut(Schema):
    model: str
    traffic_erlangs: float
    agents_raw: int
    agents_with_shrinkage: int
    shrinkage: float
    answer_within_seconds: float
    service_level: float
    asa_seconds: float
    occupancy: float
    p_wait: float
    p_abandon: float


class ForecastIntervalOut(Schema):
    start: datetime
    mean: float
    lower_80: float
    upper_80: float
    lower_95: float
    upper_95: float


class BacktestOut(Schema):
    model: str
    mase: float | None
    wape: float | None


class ForecastOut(Schema):
    queue_id: int
    model: str
    time_zone: str
    step_minutes: int
    intervals: list[ForecastIntervalOut]
    backtests: list[BacktestOut]


class RequirementIntervalOut(Schema):
    start: datetime
    calls: float
    agents_raw: int
    agents_with_shrinkage: int
    service_level: float
    asa_seconds: float
    occupancy: float
    p_wait: float
    p_abandon: float


class RequirementsOut(Schema):
    queue_id: int
    model: str
    shrinkage: float
    peak_agents_with_shrinkage: int
    intervals: list[RequirementIntervalOut]
