"""API tokens: each user lists, issues and revokes only their own; the secret is shown once."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from handoff.domain.accounts.models import ApiToken
from tests.interfaces.api.conftest import API, ApiClient, field_errors
from tests.personas import World

type ApiAs = Callable[[str], ApiClient]


def test_issue_returns_the_secret_once_and_it_works(world: World, api_as: ApiAs) -> None:
    api = api_as("recruiter_a")
    response = api.post("/tokens", {"name": "laptop script"})
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "laptop script"
    assert body["is_active"]
    secret = body["secret"]
    assert secret.startswith("hk_")
    assert body["prefix"] in secret
    assert (
        Client().get(f"{API}/me", HTTP_AUTHORIZATION=f"Bearer {secret}").json()["email"] == "recruiter_a@provider.test"
    )
    listed = api.get("/tokens").content.decode()
    assert "laptop script" in listed
    assert secret not in listed
    assert "secret" not in listed
    assert secret not in {token.digest for token in ApiToken.objects.filter(user=world.users["recruiter_a"])}


def test_list_shows_only_own_tokens(world: World, api_as: ApiAs) -> None:
    api_as("hr_admin_b").post("/tokens", {"name": "b's token"})
    api = api_as("hr_admin_a")
    names = {item["name"] for item in api.get("/tokens").json()["items"]}
    assert names == {"tests"}  # the one the test client issued for itself


def test_revoke_own_token(world: World, api_as: ApiAs) -> None:
    api = api_as("hr_admin_a")
    created = api.post("/tokens", {"name": "to revoke"}).json()
    response = api.delete(f"/tokens/{created['id']}")
    assert response.status_code == 204
    assert response.content == b""
    assert Client().get(f"{API}/me", HTTP_AUTHORIZATION=f"Bearer {created['secret']}").status_code == 401
    again = api.delete(f"/tokens/{created['id']}")
    assert again.status_code == 404
    listed = {item["id"]: item for item in api.get("/tokens").json()["items"]}
    assert listed[created["id"]]["is_active"] is False


def test_another_users_token_is_a_404_and_survives(world: World, api_as: ApiAs) -> None:
    owner = api_as("hr_admin_b")
    created = owner.post("/tokens", {"name": "b's"}).json()
    foreign = api_as("provider_admin").delete(f"/tokens/{created['id']}")
    missing = api_as("provider_admin").delete("/tokens/987654")
    assert foreign.status_code == missing.status_code == 404
    assert foreign.content == missing.content
    assert Client().get(f"{API}/me", HTTP_AUTHORIZATION=f"Bearer {created['secret']}").status_code == 200


def test_a_revoked_token_cannot_revoke_anything(world: World, api_as: ApiAs) -> None:
    api = api_as("hr_admin_a")
    own_id = api.get("/tokens").json()["items"][0]["id"]
    assert api.delete(f"/tokens/{own_id}").status_code == 204  # revokes the very token it is using
    assert api.get("/tokens").status_code == 401


def test_token_names_are_validated(api_as: ApiAs) -> None:
    api = api_as("hr_admin_a")
    response = api.post("/tokens", {"name": "x" * 101})
    assert response.status_code == 422
    assert set(field_errors(response)) == {"name"}
    assert api.post("/tokens", {}).json()["name"] == "API token"
    assert set(field_errors(api.post("/tokens", {"name": "ok", "user_id": 1}))) == {"user_id"}
