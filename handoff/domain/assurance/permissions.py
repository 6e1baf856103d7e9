"""Who may do what in assurance (which clients is tenancy.access's decision).

Agents (and any staff who work items) make changes; team leads, QA analysts and provider admins check them
and review quality; the client's process owners read the QA and CSAT results of their own client.
A maker never checks their own change, whatever their role (no admin or superuser bypass).
"""

from __future__ import annotations

from handoff.domain.engagements.models import ProcessType
from handoff.domain.operations.models import Service
from handoff.domain.operations.permissions import is_worker, require
from handoff.domain.tenancy.access import Actor, real_user
from handoff.domain.tenancy.roles import ClientRole, StaffRole

MAKER_CHECKER_PROCESSES = frozenset({ProcessType.ACCOUNTING, ProcessType.PAYROLL})
REVIEWER_ROLES = frozenset({StaffRole.ADMIN, StaffRole.TEAM_LEAD, StaffRole.QA_ANALYST})
RESULT_STAFF_ROLES = frozenset({*REVIEWER_ROLES, StaffRole.ACCOUNT_MANAGER})
RESULT_CLIENT_ROLES = frozenset({ClientRole.PROCESS_OWNER})

__all__ = ["is_maker", "is_reviewer", "needs_checker", "require", "sees_results"]


def needs_checker(service: Service) -> bool:
    """Accounting and payroll services: an item needs a second person's approval before it is resolved."""
    return service.engagement.process_type in MAKER_CHECKER_PROCESSES


def is_maker(actor: Actor) -> bool:
    return is_worker(actor)


def is_reviewer(actor: Actor) -> bool:
    """Checkers of maker-checker changes and QA reviewers: team leads, QA analysts, provider admins."""
    person = real_user(actor)
    return person is not None and person.is_provider and person.role in REVIEWER_ROLES


def sees_results(actor: Actor) -> bool:
    """QA scores and CSAT: reviewers, account managers, and the client's process owners."""
    person = real_user(actor)
    if person is None:
        return False
    return person.role in (RESULT_STAFF_ROLES if person.is_provider else RESULT_CLIENT_ROLES)
