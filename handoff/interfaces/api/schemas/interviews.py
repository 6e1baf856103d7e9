"""Interview plans, availability, proposals, bookings, slot offers and scorecards.

Times are ISO 8601 with their offset (stored and answered in UTC). Availability windows are wall-clock
``HH:MM`` in the person's own zone; ``end`` may be ``24:00``.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import Field, field_validator

from handoff.domain.interviews.models import InterviewStatus, RoundKind
from handoff.interfaces.api.schemas.base import InputSchema, ObjectId

ZONE = Field(min_length=1, max_length=64)
HHMM = Field(pattern=r"^\d{2}:\d{2}$")


class InterviewerIO(InputSchema):
    user_id: ObjectId
    required: bool = True


class CompetencyIn(InputSchema):
    source: Literal["skill", "culture_fit", "potential", "custom"]
    label: str = Field(default="", max_length=100)


class RoundIn(InputSchema):
    kind: RoundKind
    title: str = Field(min_length=1, max_length=120)
    duration_minutes: int = Field(ge=1, le=1440)
    interviewers: list[InterviewerIO] = Field(max_length=20)
    competencies: list[CompetencyIn] = Field(max_length=30)


class PlanIn(InputSchema):
    rounds: list[RoundIn] = Field(max_length=10)


class CompetencyOut(Schema):
    key: str
    label: str
    source: str


class InterviewerOut(Schema):
    user_id: int
    name: str
    required: bool


class RoundOut(Schema):
    id: int
    position: int
    kind: str
    title: str
    duration_minutes: int
    interviewers: list[InterviewerOut]
    competencies: list[CompetencyOut]


class PlanOut(Schema):
    id: int
    requisition_id: int
    rounds: list[RoundOut]


class WindowIO(InputSchema):
    weekday: int = Field(ge=0, le=6)
    start: str = HHMM
    end: str = HHMM


class ExceptionIO(InputSchema):
    day: dt.date
    unavailable: bool = False
    extra: list[tuple[str, str]] = Field(default_factory=list, max_length=10)


class AvailabilityIn(InputSchema):
    time_zone: str = ZONE
    weekly: list[WindowIO] = Field(max_length=50)
    exceptions: list[ExceptionIO] = Field(default_factory=list, max_length=200)


class AvailabilityOut(Schema):
    time_zone: str
    weekly: list[dict[str, object]]
    exceptions: list[dict[str, object]]


class ProposalIn(InputSchema):
    round_ids: list[ObjectId] = Field(default_factory=list, max_length=10)
    candidate_time_zone: str = Field(default="", max_length=64)
    days: int = Field(default=14, ge=1, le=42)
    count: int = Field(default=5, ge=1, le=20)


class PlacedRoundOut(Schema):
    title: str
    start: dt.datetime
    end: dt.datetime


class SlotOut(Schema):
    start: dt.datetime
    end: dt.datetime
    rounds: list[PlacedRoundOut]


class ProposalsOut(Schema):
    slots: list[SlotOut]
    reason: str  # why nothing fits, when ``slots`` is empty


def _aware(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        raise ValueError("give the time with its offset, e.g. 2030-01-07T14:00:00Z")
    return value


class BookIn(InputSchema):
    start: dt.datetime
    round_ids: list[ObjectId] = Field(default_factory=list, max_length=10)
    candidate_time_zone: str = Field(default="", max_length=64)
    meeting_url: str = Field(default="", max_length=500)

    _start = field_validator("start")(_aware)


class OfferIn(InputSchema):
    starts: list[dt.datetime] = Field(min_length=1, max_length=10)
    round_ids: list[ObjectId] = Field(default_factory=list, max_length=10)
    candidate_time_zone: str = Field(default="", max_length=64)
    meeting_url: str = Field(default="", max_length=500)

    @field_validator("starts")
    @classmethod
    def _starts_aware(cls, value: list[dt.datetime]) -> list[dt.datetime]:
        return [_aware(item) for item in value]


class OfferOut(Schema):
    id: int
    application_id: int
    slots: list[dict[str, str]]
    candidate_time_zone: str
    expires_at: dt.datetime
    used_at: dt.datetime | None
    link: str


class RescheduleIn(InputSchema):
    start: dt.datetime

    _start = field_validator("start")(_aware)


class InterviewOut(Schema):
    id: int
    application_id: int
    round_id: int
    round_title: str
    start: dt.datetime
    end: dt.datetime
    status: InterviewStatus
    meeting_url: str
    ics_uid: str
    sequence: int
    panel: str
    interviewer_ids: list[int]


class RatingIO(InputSchema):
    competency_key: str = Field(min_length=1, max_length=140)
    score: int = Field(ge=-1000, le=1000)
    evidence: str = Field(default="", max_length=4000)


class ScorecardIn(InputSchema):
    ratings: list[RatingIO] = Field(max_length=50)
    recommendation: int | None = Field(default=None, ge=1, le=4)
    notes: str = Field(default="", max_length=4000)
    submit: bool = False


class ScorecardOut(Schema):
    id: int
    interview_id: int
    interviewer_id: int
    ratings: list[dict[str, object]]
    recommendation: int | None
    notes: str
    submitted_at: dt.datetime | None


class CompetencySummaryOut(Schema):
    key: str
    scores: dict[str, int]
    mean: float | None
    spread: int
    disagreement: bool


class SummaryOut(Schema):
    competencies: list[CompetencySummaryOut]
    recommendations: dict[str, int]
    recommendation_split: bool
    flagged: bool
