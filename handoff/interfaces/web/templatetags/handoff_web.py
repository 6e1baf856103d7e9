"""Small display filters of the web pages."""

from __future__ import annotations

from django import template

from handoff.domain.engagements.models import WEEKDAYS, HiringStage, RpoEngagement

register = template.Library()


@register.filter
def stage_share(engagement: RpoEngagement) -> str:
    """How many of the hiring stages the provider owns: "3 of 6 stages"."""
    owned = len(set(engagement.provider_stages or []) & set(HiringStage.values))
    return f"{owned} of {len(HiringStage.values)} stages"


@register.filter
def working_hours(value: object) -> list[tuple[str, str]]:
    """A delivery center's week as (day, "09:00–12:30, 13:30–18:00") rows; closed days are omitted."""
    if not isinstance(value, dict):
        return []
    rows = []
    for day in WEEKDAYS:
        windows = value.get(day)
        windows = windows if isinstance(windows, list) else []
        spans = ", ".join(f"{w[0]}–{w[1]}" for w in windows if isinstance(w, list) and len(w) == 2)
        if spans:
            rows.append((day.capitalize(), spans))
    return rows
