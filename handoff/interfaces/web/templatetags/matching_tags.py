"""Template helpers of the matching pages."""

from __future__ import annotations

from django import template

from handoff.domain.recruiting.rules import works_talent_pool
from handoff.domain.tenancy.access import Actor

register = template.Library()


@register.filter
def sees_matches(user: Actor) -> bool:
    """Whether the user works the talent pool (top matches, suggested jobs); client users never do."""
    return works_talent_pool(user)
