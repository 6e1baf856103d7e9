"""GET /v1/me: the caller and what the caller may do."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.interfaces.api.conftest import ApiClient
from tests.personas import World

type ApiAs = Callable[[str], ApiClient]


@pytest.mark.parametrize(
    ("persona", "client_side", "manage_clients", "edit_engagements", "see_pricing"),
    [
        ("provider_admin", None, True, True, True),
        ("account_manager_a", None, False, True, True),
        ("recruiter_a", None, False, False, False),
        ("hr_admin_a", "a", False, False, True),
        ("hiring_manager_a", "a", False, False, False),
        ("process_owner_b", "b", False, False, False),
    ],
)
def test_me(
    world: World,
    api_as: ApiAs,
    persona: str,
    client_side: str | None,
    manage_clients: bool,
    edit_engagements: bool,
    see_pricing: bool,
) -> None:
    user = world.users[persona]
    body = api_as(persona).get("/me").json()
    assert (body["id"], body["email"], body["role"]) == (user.pk, user.email, user.role)
    assert body["client_id"] == (getattr(world, f"client_{client_side}").pk if client_side else None)
    assert body["permissions"] == {
        "manage_clients": manage_clients,
        "edit_engagements": edit_engagements,
        "see_pricing": see_pricing,
    }
