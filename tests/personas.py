"""The personas every permission and isolation test iterates over, built once per test.

Two clients (A and B), each with its HR admin, hiring manager and process owner;
provider staff assigned to client A only (recruiter, account manager, BPO agent,
team lead); a provider admin who sees both; an outsider (provider staff assigned
to no client); and anonymous. Each client owns one BPO and one RPO engagement and
carries a marker string that must never appear in another client's responses.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser

from handoff.domain.accounts.models import User
from handoff.domain.engagements.models import BpoEngagement, RpoEngagement
from handoff.domain.recruiting.models import Application, Candidate, Requisition
from handoff.domain.tenancy.models import Client
from handoff.domain.tenancy.roles import ClientRole, StaffRole
from tests import factories

MARKER_A = "ZQXA-ACME-MARKER"
MARKER_B = "ZQXB-BETA-MARKER"


@dataclass
class World:
    client_a: Client
    client_b: Client
    bpo_a: BpoEngagement
    bpo_b: BpoEngagement
    rpo_a: RpoEngagement
    rpo_b: RpoEngagement
    users: dict[str, User] = field(default_factory=dict)
    recruiting: RecruitingWorld = field(init=False)

    def persona(self, name: str) -> User | AnonymousUser:
        return AnonymousUser() if name == "anonymous" else self.users[name]


@dataclass(frozen=True)
class RecruitingWorld:
    """An open requisition per client and one pool candidate (consented to sharing) applied to both."""

    requisition_a: Requisition
    requisition_b: Requisition
    candidate: Candidate
    application_a: Application
    application_b: Application


# persona name -> the client whose data it may see ("A", "B", "both" or None)
PERSONA_SCOPE: dict[str, str | None] = {
    "hr_admin_a": "A",
    "hiring_manager_a": "A",
    "process_owner_a": "A",
    "hr_admin_b": "B",
    "recruiter_a": "A",
    "account_manager_a": "A",
    "bpo_agent_a": "A",
    "provider_admin": "both",
    "outsider": None,
    "anonymous": None,
}


def build_world() -> World:
    client_a = factories.ClientFactory(name=f"Acme {MARKER_A}", country="US", time_zone="America/New_York")
    client_b = factories.ClientFactory(name=f"Beta {MARKER_B}", country="VN", time_zone="Asia/Ho_Chi_Minh")
    world = World(
        client_a=client_a,
        client_b=client_b,
        bpo_a=factories.BpoEngagementFactory(client=client_a, name=f"Care {MARKER_A}"),
        bpo_b=factories.BpoEngagementFactory(client=client_b, name=f"Care {MARKER_B}"),
        rpo_a=factories.RpoEngagementFactory(client=client_a, name=f"Hiring {MARKER_A}"),
        rpo_b=factories.RpoEngagementFactory(client=client_b, name=f"Hiring {MARKER_B}"),
    )
    clients = {"a": client_a, "b": client_b}
    client_roles: tuple[tuple[str, str], ...] = (
        ("hr_admin", ClientRole.HR_ADMIN),
        ("hiring_manager", ClientRole.HIRING_MANAGER),
        ("process_owner", ClientRole.PROCESS_OWNER),
    )
    for name, role in client_roles:
        for suffix in ("a", "b"):
            world.users[f"{name}_{suffix}"] = factories.ClientUserFactory(
                email=f"{name}.{suffix}@example.test", role=role, client=clients[suffix]
            )
    for name, staff_role in (
        ("recruiter_a", StaffRole.RECRUITER),
        ("account_manager_a", StaffRole.ACCOUNT_MANAGER),
        ("bpo_agent_a", StaffRole.BPO_AGENT),
    ):
        user = factories.StaffFactory(email=f"{name}@provider.test", role=staff_role)
        factories.AssignmentFactory(client=client_a, user=user)
        world.users[name] = user
    world.users["provider_admin"] = factories.StaffFactory(email="admin@provider.test", role=StaffRole.ADMIN)
    world.users["outsider"] = factories.StaffFactory(email="outsider@provider.test", role=StaffRole.RECRUITER)
    world.recruiting = recruiting_world(world)
    return world


def recruiting_world(world: World) -> RecruitingWorld:
    """Marked requisitions, notes and tags of each client on one shared candidate (built through the actions)."""
    from tests.recruiting import build_recruiting

    return build_recruiting(world)
