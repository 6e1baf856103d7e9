"""Template filters of the advisor pages."""

from __future__ import annotations

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def money(value: object) -> str:
    """A whole amount with thousands separators: 12345.6 → "12,346"; anything else unchanged."""
    if isinstance(value, int | float | Decimal):
        return f"{float(value):,.0f}"
    return str(value)
