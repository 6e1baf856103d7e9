from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from handoff.domain.tenancy import actions
from handoff.domain.tenancy.access import account_team, visible_clients
from tests.personas import World

NEW_CLIENT = {"name": "Gamma", "legal_name": "Gamma SA", "country": "FR", "time_zone": "Europe/Paris"}


def test_admin_creates_and_updates_a_client(world: World) -> None:
    admin = world.users["provider_admin"]
    client = actions.create_client(admin, NEW_CLIENT)
    assert client in visible_clients(admin)
    actions.update_client(admin, client, {"legal_name": "Gamma SAS", "id": 12345})
    client.refresh_from_db()
    assert client.legal_name == "Gamma SAS"
    assert client.pk != 12345  # only client fields are applied


@pytest.mark.parametrize("persona", ["account_manager_a", "recruiter_a", "hr_admin_a", "anonymous"])
def test_only_admins_create_clients(world: World, persona: str) -> None:
    with pytest.raises(PermissionDenied):
        actions.create_client(world.persona(persona), NEW_CLIENT)
    with pytest.raises(PermissionDenied):
        actions.update_client(world.persona(persona), world.client_a, {"legal_name": "x"})


def test_client_validation_errors_name_their_fields(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        actions.create_client(world.users["provider_admin"], {**NEW_CLIENT, "name": world.client_a.name, "country": ""})
    assert set(error.value.message_dict) == {"name", "country"}


def test_admin_assigns_and_unassigns_account_team_members(world: World) -> None:
    admin, outsider = world.users["provider_admin"], world.users["outsider"]
    first = actions.assign_to_account_team(admin, world.client_b.pk, outsider.pk)
    again = actions.assign_to_account_team(admin, world.client_b.pk, outsider.pk)
    assert first.pk == again.pk  # idempotent
    assert world.client_b in visible_clients(outsider)
    assert actions.unassign_from_account_team(admin, world.client_b.pk, outsider.pk) is True
    assert actions.unassign_from_account_team(admin, world.client_b.pk, outsider.pk) is False
    assert world.client_b not in visible_clients(outsider)


@pytest.mark.parametrize("who", ["hr_admin_b", "missing", "malformed", "inactive"])
def test_only_active_provider_staff_join_a_team(world: World, who: str) -> None:
    if who == "inactive":
        world.users["outsider"].is_active = False
        world.users["outsider"].save(update_fields=["is_active"])
    user_id = {
        "hr_admin_b": world.users["hr_admin_b"].pk,
        "missing": 999_999,
        "malformed": "x",
        "inactive": world.users["outsider"].pk,
    }[who]
    with pytest.raises(ValidationError) as error:
        actions.assign_to_account_team(world.users["provider_admin"], world.client_b.pk, user_id)
    assert "user" in error.value.message_dict
    assert not account_team(world.users["provider_admin"], world.client_b).exists()


def test_team_changes_check_the_client_then_the_role(world: World) -> None:
    manager = world.users["account_manager_a"]
    with pytest.raises(Http404):
        actions.assign_to_account_team(manager, world.client_b.pk, world.users["outsider"].pk)
    with pytest.raises(PermissionDenied):
        actions.assign_to_account_team(manager, world.client_a.pk, world.users["outsider"].pk)
    with pytest.raises(PermissionDenied):
        actions.unassign_from_account_team(manager, world.client_a.pk, world.users["recruiter_a"].pk)
