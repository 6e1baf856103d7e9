"""BPO operations rows for the isolation world: per client a service, a queue, an item with a reply and a note.

Client B's rows carry its marker, so a page or an API answer that shows them to a persona of
client A is caught as a leak; the agent of client A is certified for A (and an agent for B for B).
"""

from __future__ import annotations

from django.db.models import Model

from handoff.domain.accounts.models import User
from handoff.domain.engagements.models import BpoEngagement
from handoff.domain.operations.actions.attachments import add_attachment
from handoff.domain.operations.actions.items import add_message, change_status, create_item
from handoff.domain.operations.models import Macro, MessageKind, Queue, Service, WorkItem
from handoff.domain.tenancy.roles import StaffRole
from tests import factories
from tests.factories_operations import (
    AgentProfileFactory,
    CertificationFactory,
    QueueFactory,
    ServiceFactory,
)
from tests.personas import MARKER_A, MARKER_B, World

FIELDS = [{"name": "order_id", "type": "text", "required": False}]


def _desk(bpo: BpoEngagement, marker: str, agent: User) -> None:
    client = bpo.client
    service = ServiceFactory(engagement=bpo, name=f"Refunds {marker}", custom_fields=FIELDS)
    QueueFactory(service=service, name=f"Tier one {marker}")
    CertificationFactory(agent=AgentProfileFactory(user=agent, skills={"refunds": 3}), client=client)
    item = create_item(
        agent,
        service.pk,
        {
            "title": f"Refund {marker}-ITEM",
            "description": f"Order lost {marker}",
            "custom_fields": {"order_id": marker},
        },
    )
    add_message(agent, item, MessageKind.REPLY, f"We are on it {marker}-REPLY")
    add_message(agent, item, MessageKind.NOTE, f"Internal {marker}-NOTE")
    add_attachment(agent, item, f"receipt-{marker}.txt", f"Receipt {marker}-FILE".encode())
    change_status(agent, item, "waiting_client")
    Macro.objects.create(client=client, service=service, title=f"Macro {marker}", body=f"Canned {marker}-MACRO")


def build_operations(world: World) -> None:
    _desk(world.bpo_a, MARKER_A, world.users["bpo_agent_a"])
    agent_b = factories.StaffFactory(email="bpo.agent.b@provider.test", role=StaffRole.BPO_AGENT)
    factories.AssignmentFactory(client=world.client_b, user=agent_b)
    _desk(world.bpo_b, MARKER_B, agent_b)


def operations_params() -> dict[str, str]:
    """Client B's operations ids under the names a view or the API reads them from (for the probes' bodies)."""
    service = Service.objects.filter(name=f"Refunds {MARKER_B}").first()
    queue = Queue.objects.filter(name=f"Tier one {MARKER_B}").first()
    item = WorkItem.objects.filter(title=f"Refund {MARKER_B}-ITEM").first()
    macro = Macro.objects.filter(title=f"Macro {MARKER_B}").first()
    ids: dict[str, Model | None] = {"service_id": service, "service": service, "queue_id": queue, "queue": queue}
    ids |= {"parent_id": item, "macro_id": macro, "macro": macro}
    return {name: str(row.pk) for name, row in ids.items() if row is not None}
