"""Who runs automation: provider admins, account managers and team leads of the client (tenancy decides which)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from handoff.domain.tenancy.access import Actor, real_user
from handoff.domain.tenancy.roles import StaffRole

AUTOMATION_ROLES = frozenset({StaffRole.ADMIN, StaffRole.ACCOUNT_MANAGER, StaffRole.TEAM_LEAD})
NOT_AN_AUTOMATOR = "Automation is set up by provider admins, account managers and team leads."


def automates(actor: Actor) -> bool:
    person = real_user(actor)
    return person is not None and person.is_provider and person.role in AUTOMATION_ROLES


def require_automator(actor: Actor) -> None:
    """PermissionDenied unless the actor sets up automation (checked before any lookup)."""
    if not automates(actor):
        raise PermissionDenied(NOT_AN_AUTOMATOR)
