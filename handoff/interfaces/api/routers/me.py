"""GET /api/v1/me: who the caller is and what the caller may do."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from handoff.domain.engagements.actions import can_edit_engagements
from handoff.domain.tenancy.access import sees_pricing
from handoff.domain.tenancy.actions import can_manage_clients
from handoff.interfaces.api.auth import actor
from handoff.interfaces.api.schemas.errors import error_responses
from handoff.interfaces.api.schemas.me import MeOut

router = Router(tags=["me"])


@router.get("", response={200: MeOut, **error_responses()})
def get_me(request: HttpRequest) -> dict[str, Any]:
    user = actor(request)
    return {
        "id": user.pk,
        "email": user.email,
        "full_name": user.full_name,
        "kind": user.kind,
        "role": user.role,
        "client_id": user.client_id,
        "time_zone": user.time_zone,
        "is_provider_admin": user.is_provider_admin,
        "permissions": {
            "manage_clients": can_manage_clients(user),
            "edit_engagements": can_edit_engagements(user),
            "see_pricing": sees_pricing(user),
        },
    }
