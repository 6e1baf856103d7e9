"""Who plans staffing: provider admins, account managers and team leads (which clients: tenancy.access)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from handoff.domain.tenancy.access import Actor, real_user
from handoff.domain.tenancy.roles import StaffRole

PLANNER_ROLES = frozenset({StaffRole.ADMIN, StaffRole.ACCOUNT_MANAGER, StaffRole.TEAM_LEAD})
NOT_A_PLANNER = "Workforce planning is for provider admins, account managers and team leads."


def plans_workforce(actor: Actor) -> bool:
    person = real_user(actor)
    return person is not None and person.is_provider and person.role in PLANNER_ROLES


def require_planner(actor: Actor) -> None:
    """PermissionDenied unless the actor plans staffing; checked before any lookup, so it tells nothing of ids."""
    if not plans_workforce(actor):
        raise PermissionDenied(NOT_A_PLANNER)
