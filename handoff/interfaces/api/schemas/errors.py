"""The one error body of the API."""

from __future__ import annotations

from ninja import Schema


class FieldErrorOut(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    """{"detail": "<message>", "errors": [{"field": "<dotted field>", "message": "..."}]}."""

    detail: str
    errors: list[FieldErrorOut]


# Every operation needs a caller (401) and is rate-limited per user (429).
ALWAYS = (401, 429)


def error_responses(*codes: int) -> dict[int, type[ErrorOut]]:
    """The documented error responses of an operation (plus 401 and 429), for its ``response={...}`` mapping."""
    return dict.fromkeys(sorted({*codes, *ALWAYS}), ErrorOut)
