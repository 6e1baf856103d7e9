"""The placeholders of a macro's text: ``{{ requester_name }}`` and a few others, filled in one pass.

A small substitution, not a template engine: only the names below are known, nothing is evaluated,
and a value that itself contains ``{{ … }}`` is not expanded again. A text naming any other
placeholder is refused on save (``validate_template``), so rendering never meets an unknown one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.core.exceptions import ValidationError

PLACEHOLDERS: dict[str, str] = {
    "requester_name": "who raised the item, or the sender of its email",
    "item_reference": "the item's number, e.g. #1042",
    "item_title": "the item's title",
    "agent_name": "the person applying the macro",
    "service_name": "the item's service",
}
# {{ name }} with optional spaces inside the braces; anything between double braces counts as a placeholder
PATTERN = re.compile(r"\{\{\s*(.*?)\s*\}\}", re.DOTALL)


def names_in(text: str) -> list[str]:
    """The placeholder names a text uses, in order of first use."""
    seen: dict[str, None] = {}
    for match in PATTERN.finditer(text):
        seen.setdefault(match.group(1), None)
    return list(seen)


def validate_template(text: str) -> None:
    unknown = [name for name in names_in(text) if name not in PLACEHOLDERS]
    if unknown:
        shown = ", ".join("{{ " + name + " }}" for name in unknown)
        known = ", ".join("{{ " + name + " }}" for name in PLACEHOLDERS)
        raise ValidationError(f"Unknown placeholder {shown}; use {known}.", code="unknown_placeholder")


def render(text: str, values: Mapping[str, str]) -> str:
    """The text with each known placeholder replaced by its value (an unknown one is left as written)."""

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        return values[name] if name in PLACEHOLDERS and name in values else match.group(0)

    return PATTERN.sub(fill, text)
