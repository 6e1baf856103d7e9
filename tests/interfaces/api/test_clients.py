"""Clients: each persona sees its own; provider admins create and edit; account teams."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from handoff.domain.tenancy.models import Client
from tests.interfaces.api.conftest import ApiClient, field_errors
from tests.personas import PERSONA_SCOPE, World

type ApiAs = Callable[[str], ApiClient]

PERSONAS = sorted(PERSONA_SCOPE)


def expected_clients(world: World, persona: str) -> set[int]:
    scope = PERSONA_SCOPE[persona]
    return {"A": {world.client_a.pk}, "B": {world.client_b.pk}, "both": {world.client_a.pk, world.client_b.pk}}.get(
        scope or "", set()
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_list_shows_the_visible_clients(world: World, api_as: ApiAs, persona: str) -> None:
    response = api_as(persona).get("/clients")
    if persona == "anonymous":
        assert response.status_code == 401
        return
    assert response.status_code == 200
    assert {item["id"] for item in response.json()["items"]} == expected_clients(world, persona)


@pytest.mark.parametrize("persona", PERSONAS)
def test_detail_is_200_when_visible_and_404_otherwise(world: World, api_as: ApiAs, persona: str) -> None:
    api = api_as(persona)
    for client in (world.client_a, world.client_b):
        response = api.get(f"/clients/{client.pk}")
        if persona == "anonymous":
            assert response.status_code == 401
        elif client.pk in expected_clients(world, persona):
            assert response.status_code == 200
            assert response.json()["name"] == client.name
        else:
            assert response.status_code == 404


def test_detail_fields(world: World, api_as: ApiAs) -> None:
    body = api_as("hr_admin_b").get(f"/clients/{world.client_b.pk}").json()
    assert body["country"] == "VN"
    assert body["time_zone"] == "Asia/Ho_Chi_Minh"
    assert set(body) == {
        "id",
        "name",
        "legal_name",
        "country",
        "time_zone",
        "industry",
        "size",
        "is_active",
        "created_at",
    }


NEW_CLIENT = {"name": "Gamma Foods", "legal_name": "Gamma Foods GmbH", "country": "DE", "time_zone": "Europe/Berlin"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_provider_admins_create_clients(world: World, api_as: ApiAs, persona: str) -> None:
    response = api_as(persona).post("/clients", NEW_CLIENT)
    expected = {"provider_admin": 201, "anonymous": 401}.get(persona, 403)
    assert response.status_code == expected
    assert Client.objects.filter(name="Gamma Foods").exists() == (expected == 201)
    if expected == 201:
        body = response.json()
        assert (body["country"], body["industry"], body["size"]) == ("DE", "other", "50-249")


def test_create_validates_fields(api_as: ApiAs) -> None:
    response = api_as("provider_admin").post(
        "/clients",
        {"name": "", "legal_name": "x", "country": "XX", "time_zone": "Mars/Olympus", "industry": "piracy"},
    )
    assert response.status_code == 422
    assert set(field_errors(response)) == {"industry"}  # the schema speaks first
    response = api_as("provider_admin").post(
        "/clients", {"name": "", "legal_name": "x", "country": "XX", "time_zone": "Mars/Olympus"}
    )
    assert response.status_code == 422
    assert set(field_errors(response)) == {"name", "country", "time_zone"}


def test_create_refuses_unknown_fields(api_as: ApiAs) -> None:
    response = api_as("provider_admin").post("/clients", {**NEW_CLIENT, "id": 1, "created_at": "2020-01-01"})
    assert response.status_code == 422
    assert set(field_errors(response)) == {"id", "created_at"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_provider_admins_edit_clients(world: World, api_as: ApiAs, persona: str) -> None:
    response = api_as(persona).patch(f"/clients/{world.client_a.pk}", {"legal_name": "Acme Holdings"})
    if persona == "anonymous":
        expected = 401
    elif world.client_a.pk not in expected_clients(world, persona):
        expected = 404
    else:
        expected = 200 if persona == "provider_admin" else 403
    assert response.status_code == expected
    world.client_a.refresh_from_db()
    assert (world.client_a.legal_name == "Acme Holdings") == (expected == 200)


def test_patch_changes_only_the_fields_sent(world: World, api_as: ApiAs) -> None:
    response = api_as("provider_admin").patch(f"/clients/{world.client_b.pk}", {"industry": "retail"})
    assert response.status_code == 200
    body = response.json()
    assert (body["industry"], body["name"], body["country"]) == ("retail", world.client_b.name, "VN")


def test_patch_validates(world: World, api_as: ApiAs) -> None:
    api = api_as("provider_admin")
    response = api.patch(f"/clients/{world.client_a.pk}", {"country": "ZZ", "name": None})
    assert response.status_code == 422
    assert set(field_errors(response)) == {"country", "name"}
    assert api.patch(f"/clients/{world.client_a.pk}", {"name": world.client_b.name}).status_code == 409


@pytest.mark.parametrize("persona", PERSONAS)
def test_account_team(world: World, api_as: ApiAs, persona: str) -> None:
    response = api_as(persona).get(f"/clients/{world.client_a.pk}/account-team")
    if persona == "anonymous":
        assert response.status_code == 401
    elif world.client_a.pk not in expected_clients(world, persona):
        assert response.status_code == 404
    else:
        assert response.status_code == 200
        members = {(m["email"], m["role"]) for m in response.json()["items"]}
        assert members == {
            ("recruiter_a@provider.test", "recruiter"),
            ("account_manager_a@provider.test", "account_manager"),
            ("bpo_agent_a@provider.test", "bpo_agent"),
        }


def test_client_b_has_no_account_team(world: World, api_as: ApiAs) -> None:
    assert api_as("provider_admin").get(f"/clients/{world.client_b.pk}/account-team").json()["count"] == 0
