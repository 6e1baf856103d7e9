"""Who may do what with interviews.

Plans, proposals, bookings, slot offers, reschedules and cancellations are made by the people who run the
client's hiring: provider admins, account managers and recruiters on the client's team, and the client's HR
admins and hiring managers. Interviewers (anyone seated on an interview) see their own interviews and write
their own scorecards. The actions also check that the actor sees the client.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from handoff.domain.tenancy.access import Actor, real_user
from handoff.domain.tenancy.roles import ClientRole, StaffRole, UserKind

if TYPE_CHECKING:
    from handoff.domain.accounts.models import User
    from handoff.domain.tenancy.models import Client

SCHEDULER_ROLES = frozenset(
    {StaffRole.ADMIN, StaffRole.ACCOUNT_MANAGER, StaffRole.RECRUITER, ClientRole.HR_ADMIN, ClientRole.HIRING_MANAGER}
)


def schedules_interviews(actor: Actor) -> bool:
    """Edits plans, proposes and books interviews, offers slots, reschedules and cancels."""
    person = real_user(actor)
    return person is not None and person.role in SCHEDULER_ROLES


def possible_interviewers(client: Client) -> QuerySet[User]:
    """Active client users of this client, provider staff on its account team, and provider admins."""
    from handoff.domain.accounts.models import User

    of_client = Q(kind=UserKind.CLIENT, client=client)
    on_team = Q(kind=UserKind.PROVIDER, assignments__client=client)
    admins = Q(kind=UserKind.PROVIDER, role=StaffRole.ADMIN)
    return User.objects.filter(of_client | on_team | admins, is_active=True).distinct().order_by("full_name")
