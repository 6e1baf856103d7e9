"""A small BPO desk for the operations tests: one client, its service and queue, an agent, a process owner."""

from __future__ import annotations

from dataclasses import dataclass

from handoff.domain.accounts.models import User
from handoff.domain.engagements.models import BpoEngagement
from handoff.domain.operations.models import AgentCertification, AgentProfile, Queue, Service
from handoff.domain.tenancy.models import Client
from handoff.domain.tenancy.roles import ClientRole, StaffRole
from tests import factories
from tests.factories_operations import AgentProfileFactory, CertificationFactory, QueueFactory, ServiceFactory

CUSTOM_FIELDS = [
    {"name": "order_id", "label": "Order number", "type": "text", "required": True},
    {"name": "amount", "type": "number"},
    {"name": "channel", "type": "choice", "choices": ["email", "phone"], "required": True},
    {"name": "refund_date", "type": "date"},
    {"name": "vip", "type": "boolean"},
    {"name": "units", "type": "integer"},
]
VALID_VALUES = {"order_id": "A-1001", "channel": "email"}


@dataclass
class Desk:
    client: Client
    engagement: BpoEngagement
    service: Service
    queue: Queue
    agent: User
    profile: AgentProfile
    owner: User  # the client's process owner
    lead: User  # a team lead on the account team


def staff_on(client: Client, email: str, role: str) -> User:
    user = factories.StaffFactory(email=email, role=role)
    factories.AssignmentFactory(client=client, user=user)
    return user


def agent_on(client: Client, email: str, **profile: object) -> tuple[User, AgentProfile]:
    user = staff_on(client, email, StaffRole.BPO_AGENT)
    agent = AgentProfileFactory(user=user, **profile)
    CertificationFactory(agent=agent, client=client)
    return user, agent


def build_desk(name: str = "Acme") -> Desk:
    client = factories.ClientFactory(name=name)
    engagement = factories.BpoEngagementFactory(client=client, sla_first_response_minutes=60, sla_resolution_hours=8)
    service = ServiceFactory(engagement=engagement, custom_fields=CUSTOM_FIELDS)
    queue = QueueFactory(service=service, required_skills={"refunds": 2}, languages=["en"])
    agent, profile = agent_on(client, f"agent@{name.lower()}.provider.test", skills={"refunds": 3})
    owner = factories.ClientUserFactory(client=client, role=ClientRole.PROCESS_OWNER, email=f"po@{name.lower()}.test")
    lead = staff_on(client, f"lead@{name.lower()}.provider.test", StaffRole.TEAM_LEAD)
    return Desk(client, engagement, service, queue, agent, profile, owner, lead)


@dataclass
class TwoDesks:
    a: Desk
    b: Desk


def build_two_desks(*, a_certified_for_b: bool = False) -> TwoDesks:
    """Two clients' desks; client B's queues alone require "chargebacks"."""
    a, b = build_desk("Acme"), build_desk("Beta")
    QueueFactory(service=b.service, required_skills={"chargebacks": 2})
    if a_certified_for_b:
        CertificationFactory(agent=a.profile, client=b.client)  # A's agent also works for client B
    return TwoDesks(a, b)


def certified(profile: AgentProfile) -> set[int]:
    """The ids of the clients the agent is certified for."""
    return set(AgentCertification.objects.filter(agent=profile).values_list("client_id", flat=True))
