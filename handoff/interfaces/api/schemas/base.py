"""Base classes of the API's schemas, and the bounds every id and count is checked against."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

from ninja import Schema
from pydantic import ConfigDict, Field, field_validator

# Largest value a database id or integer column holds (bigint / SQLite INTEGER): bigger ones are input errors,
# caught here, before they reach a query that would overflow.
MAX_ID = 2**63 - 1
MAX_INT = 2_147_483_647

ObjectId = Annotated[int, Field(ge=1, le=MAX_ID)]


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list | tuple):
        return any(_has_nul(item) for item in value)
    return False


class InputSchema(Schema):
    """A request body: unknown fields are errors (owner fields such as ``client_id`` cannot be smuggled in)."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _reject_nul_characters(cls, value: Any) -> Any:
        if _has_nul(value):
            raise ValueError("Text may not contain NUL characters.")
        return value


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def model_data(payload: Schema, *, exclude: set[str] | None = None) -> dict[str, Any]:
    """The fields the caller sent (defaults of unsent fields left to the model), enums as plain values."""
    data = payload.model_dump(exclude_unset=True, exclude=exclude)
    return {field: _plain(value) for field, value in data.items()}
