"""Background work about engagements, run by the task worker (never inside a request).

Actions enqueue these with ``transaction.on_commit`` so that a task never runs for
a change that was rolled back, and never before the change is visible to the worker.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db.models import Q, QuerySet
from django.tasks import task
from django.urls import reverse

from handoff.domain.accounts.models import User
from handoff.domain.engagements.models import BpoEngagement, EngagementStatus, HiringStage, RpoEngagement
from handoff.domain.engagements.selectors import engagement_for_task
from handoff.domain.tenancy.models import Client
from handoff.domain.tenancy.roles import ClientRole, UserKind

# Besides the account team, the client users told about a new engagement: the people who will work with it.
CLIENT_AUDIENCE: dict[str, tuple[ClientRole, ...]] = {
    "bpo": (ClientRole.PROCESS_OWNER,),
    "rpo": (ClientRole.HR_ADMIN, ClientRole.HIRING_MANAGER),
}


@task
def notify_account_team(engagement_kind: str, engagement_id: int) -> int:
    """E-mail the client's account team and the client's people concerned about a new engagement.

    One message per recipient (no one sees the others' addresses); commercial
    terms are left out, since not every recipient may see them. Returns the
    number of messages sent (0 when the engagement no longer exists).
    """
    engagement = engagement_for_task(engagement_kind, engagement_id)
    if engagement is None:
        return 0
    subject = f"New {engagement_kind.upper()} engagement for {engagement.client.name}: {engagement.name}"
    body = _body(engagement_kind, engagement)
    addresses = _audience(engagement.client, CLIENT_AUDIENCE[engagement_kind]).values_list("email", flat=True)
    messages = [EmailMessage(subject, body, None, [address]) for address in addresses]
    if not messages:
        return 0
    return mailers.default.send_messages(messages) or 0


def _audience(client: Client, client_roles: tuple[ClientRole, ...]) -> QuerySet[User]:
    """Active members of the client's account team, and the client's users in these roles."""
    on_team = Q(kind=UserKind.PROVIDER, assignments__client=client)
    client_people = Q(kind=UserKind.CLIENT, client=client, role__in=client_roles)
    return User.objects.filter(on_team | client_people, is_active=True).distinct().order_by("email")


def _body(kind: str, engagement: BpoEngagement | RpoEngagement) -> str:
    details = _bpo_details(engagement) if isinstance(engagement, BpoEngagement) else _rpo_details(engagement)
    lines = [
        f"A new engagement has been set up for {engagement.client.name}.",
        "",
        f"Engagement: {engagement.name}",
        *details,
        f"Status: {EngagementStatus(engagement.status).label}",
        f"Starts: {engagement.start_date:%d %b %Y}",
        "",
        f"See it in handoff: {_link(kind, engagement.pk)}",
    ]
    return "\n".join(lines) + "\n"


def _link(kind: str, pk: int) -> str:
    path = reverse(f"web:{kind}_detail", kwargs={f"{kind}_id": pk})
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def _bpo_details(engagement: BpoEngagement) -> list[str]:
    center = engagement.delivery_center
    location = engagement.location()
    return [
        f"Process: {engagement.get_process_type_display()} ({engagement.get_office_display()})",
        f"Delivered from: {center.name}, {center.city} ({location.location}, {location.reason})",
        f"SLA: first response {engagement.sla_first_response_minutes} business minutes, "
        f"resolution {engagement.sla_resolution_hours} business hours, {engagement.sla_service_level_pct}% of items",
    ]


def _rpo_details(engagement: RpoEngagement) -> list[str]:
    lines = [f"Model: {engagement.get_model_display()}"]
    if engagement.client_stages():
        lines.append(f"Stages run by the provider: {_stage_labels(engagement.provider_stages)}")
        lines.append(f"Stages kept by the client's HR team: {_stage_labels(engagement.client_stages())}")
    if engagement.target_headcount:
        lines.append(f"Target headcount: {engagement.target_headcount}")
    if engagement.window_start and engagement.window_end:
        lines.append(f"Hiring window: {engagement.window_start:%d %b %Y} – {engagement.window_end:%d %b %Y}")
    return lines


def _stage_labels(stages: list[str]) -> str:
    return ", ".join(str(HiringStage(stage).label) for stage in stages)
