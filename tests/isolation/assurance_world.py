"""Assurance rows for the isolation world: per client an accounting service whose items went through
maker-checker (one approved and resolved, one change still pending), a QA plan, a sampled item with a
scorecard, and a CSAT survey of the resolved item.

Client B's rows carry its marker (titles, notes, reasons, comments), so a page or an API answer that shows
them to a persona of client A is caught as a leak. The public CSAT page is probed with client A's link only
(a signed token has no "foreign id": B's valid link is B's to use, whoever holds it).
"""

from __future__ import annotations

from django.utils import timezone

from handoff.domain.accounts.models import User
from handoff.domain.assurance.actions.csat import survey_token
from handoff.domain.assurance.actions.makerchecker import approve_change, submit_change
from handoff.domain.assurance.actions.qa import draw_week_sample, review_sample, set_qa_plan
from handoff.domain.assurance.models import ChangeRequest, ChangeState, CsatSurvey, QaSample
from handoff.domain.engagements.models import ProcessType
from handoff.domain.operations.actions.claims import assign
from handoff.domain.operations.actions.items import change_status, create_item
from handoff.domain.operations.models import ItemStatus
from handoff.domain.tenancy.models import Client
from tests import factories
from tests.factories_operations import QueueFactory, ServiceFactory
from tests.personas import MARKER_A, MARKER_B, World

FIELDS = [{"name": "amount", "type": "number", "required": True}]
CRITERIA = [
    {"key": "accuracy", "label": "Accuracy", "weight": 60, "max_points": 5},
    {"key": "tone", "label": "Tone", "weight": 40, "max_points": 5},
]


def _ledger(world: World, client: Client, marker: str, agent: User, owner: User) -> None:
    admin = world.users["provider_admin"]
    engagement = factories.BpoEngagementFactory(
        client=client, name=f"Ledger {marker}", process_type=ProcessType.ACCOUNTING
    )
    service = ServiceFactory(engagement=engagement, name=f"Payables {marker}", custom_fields=FIELDS)
    QueueFactory(service=service, name=f"Invoices {marker}")
    now = timezone.now()
    done = create_item(owner, service.pk, {"title": f"Invoice {marker}-DONE", "custom_fields": {"amount": 10}})
    assign(admin, done, agent.pk)
    change = submit_change(agent, done, {"amount": 12.5}, note=f"From the scan {marker}-NOTE")
    approve_change(admin, change)
    change_status(agent, done, ItemStatus.RESOLVED)
    waiting = create_item(owner, service.pk, {"title": f"Invoice {marker}-WAIT", "custom_fields": {"amount": 20}})
    assign(admin, waiting, agent.pk)
    submit_change(agent, waiting, {"amount": 21.0}, note=f"Credit note {marker}-PENDING")
    set_qa_plan(admin, service, 100, CRITERIA)
    [sample] = draw_week_sample(admin, service, now.date())
    review_sample(admin, sample, {"accuracy": 4, "tone": 5}, f"Well handled {marker}-REVIEW")
    if marker == MARKER_B:  # A's survey stays unanswered: the public page is probed with its link
        CsatSurvey.objects.filter(item=done).update(comment=f"Thanks {marker}-CSAT", score=5, answered_at=now)


def build_assurance(world: World) -> None:
    agent_b = User.objects.get(email="bpo.agent.b@provider.test")
    _ledger(world, world.client_a, MARKER_A, world.users["bpo_agent_a"], world.users["process_owner_a"])
    _ledger(world, world.client_b, MARKER_B, agent_b, world.users["process_owner_b"])


def pending_change_ids(client_a: Client, client_b: Client) -> tuple[str, str]:
    rows = ChangeRequest.objects.filter(state=ChangeState.PENDING).order_by("pk")
    return _pk(rows.filter(client=client_a).first()), _pk(rows.filter(client=client_b).first())


def sample_ids(client_a: Client, client_b: Client) -> tuple[str, str]:
    rows = QaSample.objects.order_by("pk")
    return _pk(rows.filter(client=client_a).first()), _pk(rows.filter(client=client_b).first())


def survey_link_a(client_a: Client) -> str:
    """Client A's (unanswered) survey token: the public page is probed with it."""
    survey = CsatSurvey.objects.filter(client=client_a).order_by("pk").first()
    return survey_token(survey) if survey is not None else "no-survey"


def _pk(row: object) -> str:
    return str(getattr(row, "pk", "987654321"))
