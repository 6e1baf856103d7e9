"""Delivery set-up: services per BPO engagement, queues per service, center hours and local holidays."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema
from pydantic import Field

from handoff.interfaces.api.schemas.base import InputSchema


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
