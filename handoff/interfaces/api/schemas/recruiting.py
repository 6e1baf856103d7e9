"""Requisitions, candidates, applications and stage moves.

Skills travel as ``[{"name": "Python", "skill_id": null}]`` (input may also give plain names). A candidate's
``salary_expectation`` is null for roles that may not see it (hiring managers). Client users see candidates
only inside applications (``ApplicationOut.candidate``), never the talent pool.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Schema
from pydantic import Field, field_validator

from handoff.domain.engagements.models import Currency
from handoff.domain.recruiting.models import (
    Application,
    Candidate,
    CandidateSource,
    ConsentChannel,
    EmploymentType,
    Priority,
    RequisitionStatus,
)
from handoff.domain.recruiting.normalise import skill_entries
from handoff.domain.tenancy.access import sees_salary_expectations
from handoff.interfaces.api.schemas.base import InputSchema, ObjectId

Money = Decimal
SHORT_TEXT = 200


def _viewer_sees_salary(context: Any) -> bool:
    request = (context or {}).get("request")
    viewer = getattr(request, "auth", None)
    return viewer is not None and sees_salary_expectations(viewer)


class SkillIO(Schema):
    name: str = Field(min_length=1, max_length=100)
    skill_id: int | None = None


def _skills(value: Any) -> Any:
    """Plain names become skill entries; entries are kept (their ids are filled by normalisation)."""
    if not isinstance(value, list):
        return value
    return [skill_entries([item])[0] if isinstance(item, str) and item.strip() else item for item in value]


# --- requisitions ---------------------------------------------------------------------------------------------


class RequisitionOut(Schema):
    id: int
    client_id: int
    engagement_id: int
    title: str
    department: str
    location: str
    remote: bool
    allowed_countries: list[str]
    allowed_time_zones: list[str]
    employment_type: str
    headcount: int
    salary_min: Decimal | None
    salary_max: Decimal | None
    currency: str
    required_skills: list[SkillIO]
    preferred_skills: list[SkillIO]
    min_years_experience: int | None
    languages: list[str]
    hiring_manager_id: int | None
    target_start_date: dt.date | None
    priority: str
    status: str
    description: str
    created_at: dt.datetime
    updated_at: dt.datetime


class RequisitionEventOut(Schema):
    from_status: str
    to_status: str
    actor_id: int | None
    at: dt.datetime
    note: str


class _RequisitionFields(InputSchema):
    @field_validator("required_skills", "preferred_skills", mode="before", check_fields=False)
    @classmethod
    def _skill_names(cls, value: Any) -> Any:
        return _skills(value)


class RequisitionIn(_RequisitionFields):
    engagement_id: ObjectId = Field(description="An RPO engagement of the client; the requisition is that client's.")
    title: str = Field(min_length=1, max_length=SHORT_TEXT)
    department: str = Field("", max_length=120)
    location: str = Field("", max_length=SHORT_TEXT)
    remote: bool = False
    allowed_countries: list[str] = Field(default_factory=list)
    allowed_time_zones: list[str] = Field(default_factory=list)
    employment_type: EmploymentType = EmploymentType.FULL_TIME
    headcount: int = Field(1, ge=1, le=10_000)
    salary_min: Money | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    salary_max: Money | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    currency: Currency = Currency.USD
    required_skills: list[SkillIO] = Field(default_factory=list)
    preferred_skills: list[SkillIO] = Field(default_factory=list)
    min_years_experience: int | None = Field(None, ge=0, le=60)
    languages: list[str] = Field(default_factory=list)
    hiring_manager_id: ObjectId | None = None
    target_start_date: dt.date | None = None
    priority: Priority = Priority.NORMAL
    description: str = Field("", max_length=10_000)


class RequisitionPatch(_RequisitionFields):
    engagement_id: ObjectId | None = None
    title: str | None = Field(None, min_length=1, max_length=SHORT_TEXT)
    department: str | None = Field(None, max_length=120)
    location: str | None = Field(None, max_length=SHORT_TEXT)
    remote: bool | None = None
    allowed_countries: list[str] | None = None
    allowed_time_zones: list[str] | None = None
    employment_type: EmploymentType | None = None
    headcount: int | None = Field(None, ge=1, le=10_000)
    salary_min: Money | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    salary_max: Money | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    currency: Currency | None = None
    required_skills: list[SkillIO] | None = None
    preferred_skills: list[SkillIO] | None = None
    min_years_experience: int | None = Field(None, ge=0, le=60)
    languages: list[str] | None = None
    hiring_manager_id: ObjectId | None = None
    target_start_date: dt.date | None = None
    priority: Priority | None = None
    description: str | None = Field(None, max_length=10_000)


class StatusChangeIn(InputSchema):
    status: RequisitionStatus
    note: str = Field("", max_length=500)


# --- candidates -----------------------------------------------------------------------------------------------


class CandidateProfileOut(Schema):
    """What a client user sees of a candidate inside an application."""

    id: int
    full_name: str
    email: str
    phone: str
    profile_url: str
    city: str
    country: str
    headline: str
    work_history: list[Any]
    education: list[Any]
    skills: list[SkillIO]
    languages: list[str]
    years_experience: int | None
    notice_period_days: int | None
    salary_expectation: Decimal | None = Field(description="Null unless the caller's role may see it.")
    salary_currency: str

    @staticmethod
    def resolve_country(obj: Candidate) -> str:
        return str(obj.country.code or "")

    @staticmethod
    def resolve_salary_expectation(obj: Candidate, context: Any) -> Decimal | None:
        return obj.salary_expectation if _viewer_sees_salary(context) else None


class CandidateOut(CandidateProfileOut):
    """The talent-pool record (provider recruiting staff only)."""

    source: str
    consent_policy_version: str
    consent_date: dt.date | None
    consent_channel: str
    share_across_clients: bool
    origin_client_id: int | None
    tags: list[str]
    merged_into_id: int | None
    created_at: dt.datetime
    updated_at: dt.datetime


class _CandidateFields(InputSchema):
    @field_validator("skills", mode="before", check_fields=False)
    @classmethod
    def _skill_names(cls, value: Any) -> Any:
        return _skills(value)


class CandidateIn(_CandidateFields):
    full_name: str = Field(min_length=1, max_length=SHORT_TEXT)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=40)
    profile_url: str = Field("", max_length=300)
    city: str = Field("", max_length=120)
    country: str = Field("", max_length=2)
    headline: str = Field("", max_length=SHORT_TEXT)
    work_history: list[dict[str, Any]] = Field(default_factory=list)
    education: list[dict[str, Any]] = Field(default_factory=list)
    skills: list[SkillIO] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=list)
    years_experience: int | None = Field(None, ge=0, le=60)
    salary_expectation: Money | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    salary_currency: Currency | None = None
    notice_period_days: int | None = Field(None, ge=0, le=365)
    source: CandidateSource = CandidateSource.SOURCED
    consent_policy_version: str = Field("", max_length=40)
    consent_date: dt.date | None = None
    consent_channel: ConsentChannel | None = None
    share_across_clients: bool = False
    origin_client_id: ObjectId | None = None
    tags: list[str] = Field(default_factory=list)


class CandidatePatch(_CandidateFields):
    full_name: str | None = Field(None, min_length=1, max_length=SHORT_TEXT)
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=40)
    profile_url: str | None = Field(None, max_length=300)
    city: str | None = Field(None, max_length=120)
    country: str | None = Field(None, max_length=2)
    headline: str | None = Field(None, max_length=SHORT_TEXT)
    work_history: list[dict[str, Any]] | None = None
    education: list[dict[str, Any]] | None = None
    skills: list[SkillIO] | None = None
    languages: list[str] | None = None
    years_experience: int | None = Field(None, ge=0, le=60)
    salary_expectation: Money | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    salary_currency: Currency | None = None
    notice_period_days: int | None = Field(None, ge=0, le=365)
    source: CandidateSource | None = None
    consent_policy_version: str | None = Field(None, max_length=40)
    consent_date: dt.date | None = None
    consent_channel: ConsentChannel | None = None
    share_across_clients: bool | None = None
    origin_client_id: ObjectId | None = None
    tags: list[str] | None = None


class MergeIn(InputSchema):
    duplicate_id: ObjectId = Field(description="The profile folded into this one.")


# --- applications ---------------------------------------------------------------------------------------------


class StageOut(Schema):
    id: int
    key: str
    name: str
    position: int
    owner: str
    outcome: str
    stale_after_days: int | None


class ApplicationOut(Schema):
    id: int
    client_id: int
    requisition_id: int
    candidate: CandidateProfileOut
    stage: StageOut
    stage_entered_at: dt.datetime
    rejection_reason: str
    tags: list[str]
    created_at: dt.datetime

    @staticmethod
    def resolve_candidate(obj: Application) -> Candidate:
        return obj.candidate


class TransitionOut(Schema):
    id: int
    from_stage_id: int | None
    to_stage_id: int
    actor_id: int | None
    at: dt.datetime
    reason: str


class ApplicationIn(InputSchema):
    requisition_id: ObjectId
    candidate_id: ObjectId
    stage: str | None = Field(None, max_length=40, description="A stage key; the first stage when left out.")


class MoveIn(InputSchema):
    stage: str = Field(min_length=1, max_length=40, description="The key of a stage of the requisition's pipeline.")
    reason: str = Field("", max_length=300, description="Required when the stage is a rejection.")


class NoteIn(InputSchema):
    body: str = Field(min_length=1, max_length=5000)


class NoteOut(Schema):
    id: int
    author_id: int | None
    body: str
    created_at: dt.datetime
