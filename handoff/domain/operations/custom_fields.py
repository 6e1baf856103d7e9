"""Per-service custom fields: a small typed spec, and the check of an item's values against it.

A service's spec is a list of fields::

    [{"name": "order_id", "label": "Order number", "type": "text", "required": true},
     {"name": "amount", "type": "number"},
     {"name": "channel", "type": "choice", "choices": ["email", "phone"], "required": true}]

Types: ``text``, ``integer``, ``number``, ``boolean``, ``date`` (``YYYY-MM-DD``) and
``choice`` (one of ``choices``). Values are checked field by field; every problem is
reported under ``custom_fields.<name>`` so that a form or the API can show it next to
the field. Unknown keys are refused rather than stored unseen.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError

FIELD_TYPES = ("text", "integer", "number", "boolean", "date", "choice")
NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_TEXT = 2000
SPEC_KEYS = frozenset({"name", "label", "type", "required", "choices"})

type Spec = list[dict[str, Any]]


def validate_spec(value: object) -> None:
    """The service's spec itself: a list of well-formed, uniquely named fields."""
    if not isinstance(value, list):
        raise ValidationError("Custom fields are a list of {name, type, required, choices} objects.")
    seen: set[str] = set()
    for position, entry in enumerate(value, start=1):
        if not isinstance(entry, dict) or not set(entry) <= SPEC_KEYS:
            raise ValidationError(f"Field {position}: only the keys {', '.join(sorted(SPEC_KEYS))} are allowed.")
        name = entry.get("name")
        if not isinstance(name, str) or not NAME.match(name):
            raise ValidationError(f"Field {position}: a name of lowercase letters, digits and _ is required.")
        if name in seen:
            raise ValidationError(f"Field {name!r} is defined twice.")
        seen.add(name)
        if entry.get("type") not in FIELD_TYPES:
            raise ValidationError(f"Field {name!r}: the type is one of {', '.join(FIELD_TYPES)}.")
        if not isinstance(entry.get("required", False), bool):
            raise ValidationError(f"Field {name!r}: required is true or false.")
        _check_choices(name, entry)


def _check_choices(name: str, entry: dict[str, Any]) -> None:
    choices = entry.get("choices")
    if entry["type"] == "choice":
        if not (isinstance(choices, list) and choices and all(isinstance(c, str) and c for c in choices)):
            raise ValidationError(f"Field {name!r}: a choice field lists its choices (non-empty texts).")
    elif choices is not None:
        raise ValidationError(f"Field {name!r}: only choice fields have choices.")


def clean_values(spec: Spec, values: object) -> dict[str, Any]:
    """The item's values, converted to their types; ValidationError naming each wrong field."""
    if values is None:
        values = {}
    if not isinstance(values, dict):
        raise ValidationError({"custom_fields": "Custom fields are an object of field name → value."})
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {}
    known = {entry["name"]: entry for entry in spec}
    for key in values:
        if key not in known:
            errors[f"custom_fields.{key}"] = "This service has no such field."
    for name, entry in known.items():
        raw = values.get(name)
        if raw is None or raw == "":
            if entry.get("required", False):
                errors[f"custom_fields.{name}"] = "This field is required."
            continue
        try:
            cleaned[name] = _converted(entry, raw)
        except ValueError as error:
            errors[f"custom_fields.{name}"] = str(error)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _converted(entry: dict[str, Any], raw: object) -> Any:
    kind = entry["type"]
    if kind == "text":
        return _text(raw)
    if kind == "integer":
        return _integer(raw)
    if kind == "number":
        return _number(raw)
    if kind == "boolean":
        return _boolean(raw)
    if kind == "date":
        return _date(raw)
    return _choice(entry["choices"], raw)


def _text(raw: object) -> str:
    if not isinstance(raw, str):
        raise ValueError("Enter text.")
    if len(raw) > MAX_TEXT or "\x00" in raw:
        raise ValueError(f"Enter at most {MAX_TEXT} characters of text.")
    return raw


def _integer(raw: object) -> int:
    if isinstance(raw, bool):
        raise ValueError("Enter a whole number.")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, str) and re.fullmatch(r"-?\d{1,15}", raw.strip()):
        return int(raw)
    raise ValueError("Enter a whole number.")


def _number(raw: object) -> float:
    if isinstance(raw, bool):
        raise ValueError("Enter a number.")
    try:
        number = float(raw) if isinstance(raw, int | float | str) else float("nan")
    except ValueError:
        number = float("nan")
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError("Enter a number.")
    return number


def _boolean(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.lower() in ("true", "on", "yes", "1", "false", "off", "no", "0"):
        return raw.lower() in ("true", "on", "yes", "1")
    raise ValueError("Enter true or false.")


def _date(raw: object) -> str:
    try:
        return dt.date.fromisoformat(raw).isoformat() if isinstance(raw, str) and len(raw) == 10 else _bad_date()
    except ValueError:
        return _bad_date()


def _bad_date() -> str:
    raise ValueError("Enter a date as YYYY-MM-DD.")


def _choice(choices: list[str], raw: object) -> str:
    if raw not in choices:
        raise ValueError(f"Choose one of: {', '.join(choices)}.")
    return str(raw)
