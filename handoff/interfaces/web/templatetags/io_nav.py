"""Filters for the links to the import and webhook pages (shown only to the roles that may open them)."""

from __future__ import annotations

from django import template

from handoff.domain.recruiting.rules import works_talent_pool
from handoff.domain.tenancy.access import Actor
from handoff.domain.webhooks.selectors import manages_webhooks

register = template.Library()


@register.filter
def imports_candidates(user: Actor) -> bool:
    return works_talent_pool(user)


@register.filter
def manages_hooks(user: Actor) -> bool:
    return manages_webhooks(user)
