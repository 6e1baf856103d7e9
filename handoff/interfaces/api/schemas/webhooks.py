"""Schemas of webhook endpoints, their deliveries and the attempts of each delivery."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema
from pydantic import AnyHttpUrl, Field

from handoff.domain.webhooks.models import WebhookEvent
from handoff.interfaces.api.schemas.base import InputSchema, ObjectId


class EndpointOut(Schema):
    id: int
    client_id: int
    url: str
    description: str
    events: list[str]
    active: bool
    secret: str = Field(description="The HMAC-SHA256 key of X-Handoff-Signature (seen by webhook managers).")
    created_at: dt.datetime


class EndpointIn(InputSchema):
    client_id: ObjectId
    url: AnyHttpUrl
    description: str = Field(default="", max_length=200)
    events: list[WebhookEvent] = Field(min_length=1, max_length=len(WebhookEvent.values))
    active: bool = True


class EndpointPatch(InputSchema):
    url: AnyHttpUrl | None = None
    description: str | None = Field(default=None, max_length=200)
    events: list[WebhookEvent] | None = Field(default=None, min_length=1, max_length=len(WebhookEvent.values))
    active: bool | None = None
    rotate_secret: bool = False


class AttemptOut(Schema):
    number: int
    at: dt.datetime
    status_code: int | None
    duration_ms: int
    error: str


class DeliveryOut(Schema):
    id: int
    uid: str
    event: str
    status: str
    attempts: int
    last_status_code: int | None
    next_attempt_at: dt.datetime | None
    created_at: dt.datetime
    finished_at: dt.datetime | None
    payload: dict[str, Any]
    attempt_log: list[AttemptOut]

    @staticmethod
    def resolve_uid(obj: Any) -> str:
        return str(obj.uid)

    @staticmethod
    def resolve_attempt_log(obj: Any) -> list[Any]:
        return list(getattr(obj, "attempt_rows", []))  # prefetched by the selectors
