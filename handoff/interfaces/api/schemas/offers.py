"""Schemas of offers, onboarding tasks and hire surveys."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from ninja import Schema
from pydantic import Field

from handoff.interfaces.api.schemas.base import InputSchema, ObjectId

Money = Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)]
Currency = Annotated[str, Field(min_length=3, max_length=3)]


class OfferIn(InputSchema):
    application_id: ObjectId
    title: Annotated[str, Field(min_length=1, max_length=200)]
    start_date: dt.date
    base_salary: Money
    currency: Currency
    bonus: Money | None = None
    equity: Annotated[str, Field(max_length=300)] = ""
    benefits: Annotated[str, Field(max_length=2000)] = ""
    expires_on: dt.date


class OfferPatch(InputSchema):
    title: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    start_date: dt.date | None = None
    base_salary: Money | None = None
    currency: Currency | None = None
    bonus: Money | None = None
    equity: Annotated[str, Field(max_length=300)] | None = None
    benefits: Annotated[str, Field(max_length=2000)] | None = None
    expires_on: dt.date | None = None


class DecisionIn(InputSchema):
    comment: Annotated[str, Field(max_length=500)] = ""


class OfferVersionOut(Schema):
    number: int
    title: str
    offer_date: dt.date
    start_date: dt.date
    base_salary: Decimal
    currency: str
    bonus: Decimal
    equity: str
    benefits: str
    expires_on: dt.date
    below_range: bool
    created_at: dt.datetime


class OfferApprovalOut(Schema):
    version: int
    step: int
    role: str
    label: str
    actor_id: int | None
    approved: bool
    comment: str
    at: dt.datetime


class StepOut(Schema):
    role: str
    label: str


class OfferOut(Schema):
    id: int
    client_id: int
    application_id: int
    status: str
    chain: list[StepOut]
    next_step: StepOut | None
    version: OfferVersionOut | None
    warning: str
    sent_at: dt.datetime | None
    decided_at: dt.datetime | None
    created_at: dt.datetime


class OnboardingOut(Schema):
    id: int
    client_id: int
    offer_id: int
    start_date: dt.date
    tasks_done: int
    tasks_total: int


class OnboardingTaskOut(Schema):
    id: int
    onboarding_id: int
    title: str
    kind: str
    side: str
    due_on: dt.date
    document_name: str
    completed_at: dt.datetime | None


class TaskCompleteIn(InputSchema):
    done: bool = True


class HireSurveyOut(Schema):
    id: int
    onboarding_id: int
    milestone_days: int
    due_on: dt.date
    respondent_id: int | None
    sent_at: dt.datetime | None
    answered_at: dt.datetime | None
    performance_rating: int | None
    satisfaction: int | None
    still_employed: bool | None


class HireSurveyIn(InputSchema):
    performance_rating: Annotated[int, Field(ge=1, le=5)]
    satisfaction: Annotated[int, Field(ge=1, le=5)]
    still_employed: bool


class QualityOut(Schema):
    hires: int
    answered: int
    performance: float | None
    satisfaction: float | None
    retention: float | None
    quality_of_hire: float | None
    retention_90: float | None
    cohort_90: int
