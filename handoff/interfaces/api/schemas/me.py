"""The caller's own account."""

from __future__ import annotations

from ninja import Schema


class MePermissionsOut(Schema):
    manage_clients: bool
    edit_engagements: bool
    see_pricing: bool


class MeOut(Schema):
    id: int
    email: str
    full_name: str
    kind: str
    role: str
    client_id: int | None
    time_zone: str
    is_provider_admin: bool
    permissions: MePermissionsOut
