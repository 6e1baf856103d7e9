"""Intake (CSV upload, the inbound address), attachments, merging, SLA targets and breach risk."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field

from handoff.interfaces.api.schemas.base import InputSchema, ObjectId


class CsvRowError(Schema):
    field: str
    message: str


class CsvRejectedRow(Schema):
    line: int = Field(description="The line of the file (the header is line 1).")
    errors: list[CsvRowError]


class CsvAcceptedRow(Schema):
    line: int
    item_id: int


class CsvReportOut(Schema):
    total: int
    accepted: list[CsvAcceptedRow]
    rejected: list[CsvRejectedRow]


class IntakeAddressOut(Schema):
    service_id: int
    address: str


class AttachmentOut(Schema):
    id: int
    item_id: int
    name: str
    content_type: str
    size: int
    created_at: dt.datetime


class MergeIn(InputSchema):
    into_id: ObjectId = Field(description="The item this one (a duplicate) is merged into.")


class MergeOut(Schema):
    into_id: int
    merged_id: int
    messages_moved: int
    attachments_moved: int


class TargetOut(Schema):
    kind: str
    state: str
    deadline: dt.datetime | None
    warn_at: dt.datetime | None
    paused: bool
    met_at: dt.datetime | None


class RiskOut(Schema):
    probability: float = Field(description="Chance of missing the resolution deadline (0–1).")
    level: str
    expected_finish_minutes: float | None


class ItemSlaOut(Schema):
    item_id: int
    targets: list[TargetOut]
    risk: RiskOut | None


class QueueBoardOut(Schema):
    queue_id: int
    backlog: int
    in_hand: int
    waiting_on_client: int
    agents_serving: int
    mean_handling_minutes: float
    at_risk: list[int]
    breached: list[int]
