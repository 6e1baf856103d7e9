"""Assurance: maker-checker changes and their audit, QA plans, samples and scorecards, calibration, CSAT.

Owner fields (``client_id``, ``maker``, ``checker``, ``reviewer``) are never input: they come from the item and
the caller.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Schema
from pydantic import Field

from handoff.interfaces.api.schemas.base import InputSchema, ObjectId


class ChangeIn(InputSchema):
    item_id: ObjectId
    custom_fields: dict[str, Any] = Field(description="The proposed values (checked against the service's fields).")
    note: str = Field("", max_length=2000)


class RejectIn(InputSchema):
    reason: str = Field(min_length=1, max_length=2000)


class ChangeOut(Schema):
    id: int
    client_id: int
    item_id: int
    maker_id: int
    submitted_at: dt.datetime
    before: dict[str, Any]
    after: dict[str, Any]
    note: str
    state: str = Field(description="pending, approved or rejected.")
    checker_id: int | None
    decided_at: dt.datetime | None
    reason: str


class AuditOut(Schema):
    id: int
    change_id: int
    item_id: int
    actor_id: int
    at: dt.datetime
    action: str
    before: dict[str, Any]
    after: dict[str, Any]
    reason: str


class CriterionIn(InputSchema):
    key: str = Field(min_length=1, max_length=40, pattern=r"^[-a-zA-Z0-9_]+$")
    label: str = Field("", max_length=120)
    weight: int = Field(ge=1, le=100)
    max_points: int = Field(5, ge=1, le=10)


class QaPlanIn(InputSchema):
    share_percent: int = Field(ge=1, le=100, description="Share of each agent's resolved items sampled weekly.")
    criteria: list[CriterionIn] = Field(min_length=1, max_length=20)


class CriterionOut(Schema):
    key: str
    label: str
    weight: int
    max_points: int


class QaPlanOut(Schema):
    service_id: int
    share_percent: int
    criteria: list[CriterionOut]


class DrawIn(InputSchema):
    week: dt.date | None = Field(None, description="Any day of the week (UTC); this week when left out.")


class QaSampleOut(Schema):
    id: int
    client_id: int
    service_id: int
    item_id: int
    agent_id: int
    week: dt.date
    drawn_at: dt.datetime


class ReviewIn(InputSchema):
    points: dict[str, int] = Field(description="Points per criterion key, 0 to the criterion's maximum.")
    comment: str = Field("", max_length=4000)


class ReviewOut(Schema):
    id: int
    sample_id: int
    reviewer_id: int
    points: dict[str, int]
    score: Decimal = Field(description="Weighted score, 0–100.")
    comment: str
    created_at: dt.datetime


class GapOut(Schema):
    key: str
    first: int
    second: int
    difference: int
    gap_percent: float


class CalibrationOut(Schema):
    sample_id: int
    first_review_id: int
    second_review_id: int
    first_score: float
    second_score: float
    score_difference: float
    exact_agreement: float = Field(description="Share of criteria both reviewers scored alike (0–1).")
    agreement: float = Field(description="100 minus the weighted mean gap per criterion (0–100).")
    criteria: list[GapOut]


class CsatRowOut(Schema):
    id: int | None
    name: str
    responses: int
    satisfied: int
    percent: float | None = Field(description="Answers of 4–5 over answers, in percent.")
