"""Delivery set-up: services per BPO engagement, queues per service, center hours and local holidays."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema
from pydantic import Field

from handoff.engines.routing import AgentState
from handoff.interfaces.api.schemas.base import MAX_ID, MAX_INT, InputSchema, ObjectId


class ServiceIn(InputSchema):
    name: str = Field(max_length=200)
    description: str = ""
    custom_fields: list[dict[str, Any]] = Field(default_factory=list, description="The item custom-field schema.")
    sla_targets: dict[str, Any] = Field(default_factory=dict, description="SLA targets per priority.")
    is_active: bool = True


class ServicePatch(InputSchema):
    name: str | None = Field(default=None, max_length=200)
    description: str | None = None
    custom_fields: list[dict[str, Any]] | None = None
    sla_targets: dict[str, Any] | None = None
    is_active: bool | None = None


class ServiceOut(Schema):
    id: int
    client_id: int
    engagement_id: int
    name: str
    description: str
    custom_fields: list[dict[str, Any]]
    sla_targets: dict[str, Any]
    is_active: bool


class QueueIn(InputSchema):
    name: str = Field(max_length=200)
    required_skills: dict[str, int] = Field(default_factory=dict, description="Skill name to minimum level.")
    languages: list[str] = Field(default_factory=list)
    is_active: bool = True


class QueuePatch(InputSchema):
    name: str | None = Field(default=None, max_length=200)
    required_skills: dict[str, int] | None = None
    languages: list[str] | None = None
    is_active: bool | None = None


class QueueOut(Schema):
    id: int
    client_id: int
    service_id: int
    name: str
    required_skills: dict[str, int]
    languages: list[str]
    is_active: bool


class CenterHoursIn(InputSchema):
    working_hours: dict[str, list[list[str]]] = Field(
        description='Weekday to ordered, non-overlapping windows: {"mon": [["09:00", "12:30"], ["13:30", "18:00"]]}.'
    )


class CenterHoursOut(Schema):
    id: int
    name: str
    time_zone: str
    working_hours: dict[str, list[list[str]]]


class HolidayIn(InputSchema):
    date: dt.date
    name: str = Field(max_length=120)
    closed: bool = True


class HolidayOut(Schema):
    id: int
    center_id: int
    date: dt.date
    name: str
    closed: bool


# --- agent profiles (provider admins, team leads) and an agent's own state ---


class AgentPatch(InputSchema):
    center_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    skills: dict[str, int] | None = Field(default=None, description="Skill name to level (1-5), as queues name them.")
    languages: list[str] | None = None
    shift_start: dt.time | None = Field(default=None, description="Local time at the center; null with shift_end.")
    shift_end: dt.time | None = None
    concurrency: int | None = Field(default=None, le=MAX_INT, description="Items in hand at once (1-50).")
    state: AgentState | None = None
    certified_client_ids: list[ObjectId] | None = Field(
        default=None, description="Replaces the certifications among the caller's clients (others are untouched)."
    )


class AgentIn(AgentPatch):
    user_id: ObjectId
    center_id: int = Field(ge=1, le=MAX_ID)


class AgentOut(Schema):
    id: int
    user_id: int
    email: str
    name: str
    center_id: int
    skills: dict[str, int]
    languages: list[str]
    shift_start: dt.time | None
    shift_end: dt.time | None
    concurrency: int
    state: str
    certified_client_ids: list[int]

    @staticmethod
    def resolve_email(obj: Any) -> str:
        return str(obj.user.email)

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return str(obj.user.get_full_name())

    @staticmethod
    def resolve_certified_client_ids(obj: Any) -> list[int]:
        """The agent's certifications among the caller's clients only (prefetched by the selector)."""
        return sorted(row.client_id for row in getattr(obj, "visible_certifications", []))


class AgentStateIn(InputSchema):
    state: AgentState


class AgentStateOut(Schema):
    id: int
    user_id: int
    state: str
