"""Property-based fuzzing of the whole API from its own OpenAPI document (schemathesis).

Every operation is called with generated paths, queries and bodies, as a client A HR
admin and as an account manager of client A. No call may end in a server error or
answer outside its documented responses, and client B's marker never appears.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from handoff.domain.accounts.tokens import issue_token
from tests.personas import MARKER_B, World

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())

PERSONAS = ("hr_admin_a", "account_manager_a")
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


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
