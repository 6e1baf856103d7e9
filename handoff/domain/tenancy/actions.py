"""Changes to clients and their account teams: provider admins only.

Each action checks the actor itself (a client the actor cannot see is a 404,
as for a missing one; a role that may not act is PermissionDenied), validates
through the model (ValidationError with field errors) and runs atomically.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from handoff.domain.accounts.models import User
from handoff.domain.tenancy.access import Actor, access_client
from handoff.domain.tenancy.models import AccountAssignment, Client
from handoff.domain.tenancy.roles import UserKind

CLIENT_FIELDS = ("name", "legal_name", "country", "time_zone", "industry", "size", "is_active")


def can_manage_clients(actor: Actor) -> bool:
    """Whether the actor may create and edit clients and their account teams (provider admins)."""
    return bool(getattr(actor, "is_active", False) and getattr(actor, "is_provider_admin", False))


def _require_admin(actor: Actor) -> None:
    if not can_manage_clients(actor):
        raise PermissionDenied("Only provider admins manage clients and account teams.")


def _assign(client: Client, data: dict[str, Any]) -> list[str]:
    changed = [field for field in CLIENT_FIELDS if field in data]
    for field in changed:
        setattr(client, field, data[field])
    return changed


@transaction.atomic
def create_client(actor: Actor, data: dict[str, Any]) -> Client:
    _require_admin(actor)
    client = Client()
    _assign(client, data)
    client.full_clean()
    client.save()
    return client


@transaction.atomic
def update_client(actor: Actor, client: Client, data: dict[str, Any]) -> Client:
    _require_admin(actor)
    client = access_client(actor, client.pk)
    changed = _assign(client, data)
    client.full_clean()
    if changed:
        client.save(update_fields=changed)
    return client


def _staff_member(user_id: Any) -> User:
    try:
        member = User.objects.filter(pk=int(user_id), kind=UserKind.PROVIDER, is_active=True).first()
    except (TypeError, ValueError):
        member = None
    if member is None:
        raise ValidationError({"user": "Choose an active member of the provider staff."})
    return member


@transaction.atomic
def assign_to_account_team(actor: Actor, client_id: Any, user_id: Any) -> AccountAssignment:
    """Put a provider staff member on a client's account team (idempotent)."""
    client = access_client(actor, client_id)
    _require_admin(actor)
    member = _staff_member(user_id)
    assignment, _created = AccountAssignment.objects.get_or_create(client=client, user=member)
    return assignment


@transaction.atomic
def unassign_from_account_team(actor: Actor, client_id: Any, user_id: Any) -> bool:
    """Take a staff member off a client's account team; False when they were not on it."""
    client = access_client(actor, client_id)
    _require_admin(actor)
    try:
        member_id = int(user_id)
    except (TypeError, ValueError):
        return False
    deleted, _per_model = AccountAssignment.objects.filter(client=client, user_id=member_id).delete()
    return deleted > 0
