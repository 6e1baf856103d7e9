"""Calling the API as a persona: django.test.Client with a fresh Bearer token per persona."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from handoff.domain.accounts.models import User
from handoff.domain.accounts.tokens import issue_token
from tests.personas import World

API = "/api/v1"


class ApiClient:
    """A django.test.Client that sends JSON and an ``Authorization: Bearer`` header (none when anonymous)."""

    def __init__(self, user: User | None = None, client: Client | None = None) -> None:
        self.client = client or Client()
        self.user = user
        self.headers: dict[str, Any] = {}  # e.g. HTTP_AUTHORIZATION
        if user is not None:
            self.headers["HTTP_AUTHORIZATION"] = f"Bearer {issue_token(user, 'tests').secret}"

    def get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        return self.client.get(API + path, params or {}, **self.headers)

    def post(self, path: str, body: Any) -> Any:
        return self.client.post(API + path, json.dumps(body), content_type="application/json", **self.headers)

    def patch(self, path: str, body: Any) -> Any:
        return self.client.patch(API + path, json.dumps(body), content_type="application/json", **self.headers)

    def delete(self, path: str) -> Any:
        return self.client.delete(API + path, **self.headers)

    def raw(self, method: str, path: str, data: str | bytes) -> Any:
        send = getattr(self.client, method.lower())
        return send(API + path, data, content_type="application/json", **self.headers)


@pytest.fixture
def api_as(world: World) -> Callable[[str], ApiClient]:
    """``api_as("hr_admin_a").get("/clients")``; ``api_as("anonymous")`` sends no credentials."""

    def make(persona: str) -> ApiClient:
        return ApiClient(None if persona == "anonymous" else world.users[persona])

    return make


def field_errors(response: Any) -> dict[str, str]:
    """{"field": "message"} of an error response (asserting the error format on the way)."""
    body = response.json()
    assert set(body) == {"detail", "errors"}
    assert isinstance(body["detail"], str)
    assert body["detail"]
    for error in body["errors"]:
        assert set(error) == {"field", "message"}
    return {error["field"]: error["message"] for error in body["errors"]}
