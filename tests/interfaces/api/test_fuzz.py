"""Property-based fuzzing of the whole API from its own OpenAPI document (schemathesis).

Every operation is called with generated paths, queries and bodies, as a client A HR
admin and as an account manager of client A. No call may end in a server error or
answer outside its documented responses, and client B's marker never appears.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from handoff.domain.accounts.tokens import issue_token
from handoff.interfaces.api.api import api
from tests.personas import MARKER_B, World

# The document comes straight from the API object (no request, so no database at collection
# time); the calls go through the real WSGI application.
schema = schemathesis.openapi.from_dict(json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api"))))
schema.app = get_wsgi_application()

PERSONAS = ("hr_admin_a", "account_manager_a")
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Iterator[None]:
    """Requests go through the real WSGI handler, which closes "old" connections when a request
    ends; inside a test transaction that would close the test's own connection (as on PostgreSQL).
    Django's test client disconnects the same handler; so does this fixture."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def bearer_headers(world: World) -> dict[str, dict[str, str]]:
    return {
        persona: {"Authorization": f"Bearer {issue_token(world.users[persona], 'fuzz').secret}"} for persona in PERSONAS
    }


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_fails_on_generated_input(case: schemathesis.Case, bearer_headers: dict[str, dict[str, str]]) -> None:
    for persona in PERSONAS:
        response = case.call(headers=bearer_headers[persona])
        case.validate_response(response, checks=CHECKS)
        assert MARKER_B not in response.text, f"client B's data reached {persona}"
