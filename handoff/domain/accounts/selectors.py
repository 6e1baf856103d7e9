"""Reads of accounts: provider staff and a user's own API tokens."""

from __future__ import annotations

from django.db.models import QuerySet

from handoff.domain.accounts.models import ApiToken, User
from handoff.domain.tenancy.roles import UserKind


def provider_staff() -> QuerySet[User]:
    """Active provider staff (the people who may join account teams)."""
    return User.objects.filter(kind=UserKind.PROVIDER, is_active=True).order_by("full_name", "email")


def api_tokens(user: User) -> QuerySet[ApiToken]:
    """The user's own API tokens, newest first (revoked ones included)."""
    return ApiToken.objects.filter(user_id=user.pk).order_by("-created_at", "-pk")
