"""Who may do what in operations (the roles; which clients is tenancy.access's decision)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from handoff.domain.tenancy.access import Actor, real_user
from handoff.domain.tenancy.roles import ClientRole, StaffRole

# Provider staff who set up services and queues (as for engagements) and who manage agents.
SETUP_ROLES = frozenset({StaffRole.ADMIN, StaffRole.ACCOUNT_MANAGER})
AGENT_MANAGER_ROLES = frozenset({StaffRole.ADMIN, StaffRole.TEAM_LEAD})
# Provider staff who work items: change status, write notes, assign.
WORKER_ROLES = frozenset(
    {StaffRole.ADMIN, StaffRole.ACCOUNT_MANAGER, StaffRole.BPO_AGENT, StaffRole.TEAM_LEAD, StaffRole.QA_ANALYST}
)
# Client users who follow their BPO work: raise items, read them, reply.
CLIENT_ITEM_ROLES = frozenset({ClientRole.PROCESS_OWNER, ClientRole.HR_ADMIN})


def is_worker(actor: Actor) -> bool:
    person = real_user(actor)
    return person is not None and person.is_provider and person.role in WORKER_ROLES


def follows_items(actor: Actor) -> bool:
    """Whether the actor may read and raise work items of the clients it sees."""
    person = real_user(actor)
    if person is None:
        return False
    return person.role in WORKER_ROLES if person.is_provider else person.role in CLIENT_ITEM_ROLES


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def require_role(actor: Actor, roles: frozenset[StaffRole], message: str) -> None:
    person = real_user(actor)
    require(person is not None and person.is_provider and person.role in roles, message)
