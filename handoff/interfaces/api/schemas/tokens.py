"""The caller's own API tokens."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field

from handoff.interfaces.api.schemas.base import InputSchema


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None
    is_active: bool


class TokenCreatedOut(TokenOut):
    secret: str = Field(description="The token itself: shown this once, never again.")


class TokenIn(InputSchema):
    name: str = Field("API token", max_length=100)
