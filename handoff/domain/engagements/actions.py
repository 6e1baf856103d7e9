"""Changes to engagements: atomic, permission-checked, validated by the model.

The actor must see the client (else 404, as for a missing client) and hold an
editing role (provider admin, or account manager on the client's account team).
Owner fields (``client``) are set here from the checked client, never from input.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from handoff.domain.engagements.models import BpoEngagement, Engagement, RpoEngagement
from handoff.domain.engagements.tasks import notify_account_team
from handoff.domain.tenancy.access import Actor, access_client
from handoff.domain.tenancy.models import Client
from handoff.domain.tenancy.roles import ENGAGEMENT_EDITOR_ROLES

PROTECTED_FIELDS = frozenset({"id", "pk", "client", "client_id", "created_at", "updated_at"})


def can_edit_engagements(actor: Actor) -> bool:
    """Whether the actor's role may edit engagements (of the clients the actor sees)."""
    return bool(getattr(actor, "is_provider", False) and getattr(actor, "role", None) in ENGAGEMENT_EDITOR_ROLES)


def _require_editor(actor: Actor, client_id: Any) -> Client:
    client = access_client(actor, client_id)
    if not can_edit_engagements(actor):
        raise PermissionDenied("Only provider admins and account managers edit engagements.")
    return client


def _assign(engagement: Engagement, data: dict[str, Any]) -> None:
    for field, value in data.items():
        if field in PROTECTED_FIELDS:
            continue
        setattr(engagement, field, value)


def _notify_after_commit(kind: str, engagement_id: int) -> None:
    """Queue the account-team e-mail once the creation is committed (never for a rolled-back one)."""
    transaction.on_commit(lambda: notify_account_team.enqueue(kind, engagement_id), robust=True)


def _validate_and_save[E: Engagement](engagement: E) -> E:
    engagement.prepare()
    engagement.full_clean()
    engagement.save()
    return engagement


@transaction.atomic
def create_bpo_engagement(actor: Actor, client_id: Any, data: dict[str, Any]) -> BpoEngagement:
    engagement = BpoEngagement(client=_require_editor(actor, client_id))
    _assign(engagement, data)
    _validate_and_save(engagement)
    _notify_after_commit("bpo", engagement.pk)
    return engagement


@transaction.atomic
def update_bpo_engagement(actor: Actor, engagement: BpoEngagement, data: dict[str, Any]) -> BpoEngagement:
    _require_editor(actor, engagement.client_id)
    _assign(engagement, data)
    return _validate_and_save(engagement)


@transaction.atomic
def create_rpo_engagement(actor: Actor, client_id: Any, data: dict[str, Any]) -> RpoEngagement:
    engagement = RpoEngagement(client=_require_editor(actor, client_id))
    _assign(engagement, data)
    _validate_and_save(engagement)
    _notify_after_commit("rpo", engagement.pk)
    return engagement


@transaction.atomic
def update_rpo_engagement(actor: Actor, engagement: RpoEngagement, data: dict[str, Any]) -> RpoEngagement:
    _require_editor(actor, engagement.client_id)
    _assign(engagement, data)
    return _validate_and_save(engagement)
