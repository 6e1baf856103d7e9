"""Submittals (with their SLA clock) and in-app notifications."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field

from handoff.domain.recruiting.submittals.models import MAX_WRITE_UP, Decision
from handoff.interfaces.api.schemas.base import InputSchema, ObjectId


class SubmittalIn(InputSchema):
    application_id: ObjectId
    write_up: str = Field(min_length=1, max_length=MAX_WRITE_UP)


class DecisionIn(InputSchema):
    decision: Decision
    reason: str = Field("", max_length=300, description="Required to reject.")
    feedback: str = Field("", max_length=MAX_WRITE_UP)


class DecisionOut(Schema):
    id: int
    decision: str
    reason: str
    feedback: str
    actor_id: int | None
    at: dt.datetime


class ClockOut(Schema):
    elapsed_hours: float
    target_hours: float
    running: bool
    overdue: bool


class SubmittalOut(Schema):
    id: int
    client_id: int
    application_id: int
    requisition_id: int
    candidate_name: str
    write_up: str
    status: str
    submitted_by_id: int | None
    submitted_at: dt.datetime
    first_decided_at: dt.datetime | None
    decided_at: dt.datetime | None
    reason: str
    feedback: str
    feedback_clock: ClockOut


class NotificationOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    url: str
    created_at: dt.datetime
    read_at: dt.datetime | None
