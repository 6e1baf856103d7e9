"""Schemas of candidate imports: a job's status and counters, and the rows of its report."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field

from handoff.interfaces.api.schemas.base import InputSchema


class ImportJobOut(Schema):
    id: int
    filename: str
    file_format: str
    status: str
    headers: list[str]
    mapping: dict[str, str]
    total_rows: int
    processed_rows: int
    accepted_rows: int
    rejected_rows: int
    flagged_rows: int
    percent: int
    error: str
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None


class ImportIssueOut(Schema):
    row_number: int
    outcome: str
    reasons: list[str]
    label: str


class MappingIn(InputSchema):
    mapping: dict[str, str] = Field(
        description="Column header → candidate field; an empty field leaves the column out."
    )
