"""Who may call the API: Bearer tokens, the web's session (with CSRF), nobody else."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from handoff.domain.accounts.tokens import issue_token, revoke_token
from handoff.interfaces.api.api import user_throttle
from tests.interfaces.api.conftest import API, ApiClient, field_errors
from tests.personas import World


def test_no_credentials_is_a_401_in_the_error_format(world: World) -> None:
    response = Client().get(f"{API}/me")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert field_errors(response) == {}
    assert "Bearer" in response.json()["detail"]


@pytest.mark.parametrize(
    "header",
    ["Bearer nonsense", "Bearer hk_000000000000_wrong", "Bearer ", "Token abc", "Basic dXNlcjpwYXNz", "Bearer"],
)
def test_bad_credentials_are_a_401(world: World, header: str) -> None:
    response = Client().get(f"{API}/me", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert field_errors(response) == {}


def test_a_token_with_a_tampered_secret_is_refused(world: World) -> None:
    secret = issue_token(world.users["hr_admin_a"], "t").secret
    response = Client().get(f"{API}/me", HTTP_AUTHORIZATION=f"Bearer {secret[:-2]}xx")
    assert response.status_code == 401


def test_a_valid_token_authenticates_its_user(world: World) -> None:
    user = world.users["hiring_manager_a"]
    secret = issue_token(user, "t").secret
    response = Client().get(f"{API}/me", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    assert response.json()["email"] == user.email


def test_a_revoked_token_is_a_401(world: World) -> None:
    user = world.users["hr_admin_a"]
    issued = issue_token(user, "t")
    assert Client().get(f"{API}/me", HTTP_AUTHORIZATION=f"Bearer {issued.secret}").status_code == 200
    assert revoke_token(user, issued.token.pk)
    response = Client().get(f"{API}/me", HTTP_AUTHORIZATION=f"Bearer {issued.secret}")
    assert response.status_code == 401
    assert response.json()["detail"] == "Invalid or revoked API token."


def test_an_inactive_users_token_is_a_401(world: World) -> None:
    user = world.users["recruiter_a"]
    secret = issue_token(user, "t").secret
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert Client().get(f"{API}/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


def test_session_authenticates_reads(world: World) -> None:
    client = Client()
    client.force_login(world.users["hr_admin_a"])
    response = client.get(f"{API}/clients")
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["items"]] == [world.client_a.pk]


def test_a_bad_token_is_refused_even_with_a_valid_session(world: World) -> None:
    client = Client()
    client.force_login(world.users["provider_admin"])
    assert client.get(f"{API}/me").status_code == 200
    assert client.get(f"{API}/me", HTTP_AUTHORIZATION="Bearer hk_bad_token").status_code == 401


def test_session_writes_need_the_csrf_token(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["provider_admin"])
    body = json.dumps({"name": "from htmx"})
    refused = client.post(f"{API}/tokens", body, content_type="application/json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]

    client.get("/api/docs")  # any page that renders a CSRF token sets the cookie
    token = client.cookies["csrftoken"].value
    accepted = client.post(f"{API}/tokens", body, content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 201


def test_token_writes_need_no_csrf_token(world: World) -> None:
    client = ApiClient(world.users["provider_admin"], Client(enforce_csrf_checks=True))
    assert client.post("/tokens", {"name": "cli"}).status_code == 201


def test_anonymous_writes_are_a_401_not_a_csrf_403(world: World) -> None:
    response = Client(enforce_csrf_checks=True).post(f"{API}/tokens", "{}", content_type="application/json")
    assert response.status_code == 401


def test_there_is_no_password_endpoint(world: World) -> None:
    for path in ("/login", "/auth/login", "/token", "/tokens/login"):
        response = Client().post(
            API + path, json.dumps({"email": "x", "password": "y"}), content_type="application/json"
        )
        assert response.status_code in {401, 404, 405}
        assert response.status_code != 200


def test_too_many_requests_is_a_429_with_retry_after(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(user_throttle, "num_requests", 2)
    api = ApiClient(world.users["hr_admin_a"])
    assert [api.get("/me").status_code for _ in range(2)] == [200, 200]
    response = api.get("/me")
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert field_errors(response) == {}
    other = ApiClient(world.users["hr_admin_b"])
    assert other.get("/me").status_code == 200  # the limit is per user
