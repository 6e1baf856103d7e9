"""What row-level security adds to a request's query count, for the tests that count queries.

On PostgreSQL every request runs in a transaction scoped by ``RowLevelSecurityMiddleware``
(see handoff/domain/tenancy/rls.py). In production that is one query (the scope); an API token
re-scopes the request once the user is known (one more, two for a user who is not a provider
admin). Inside a test's transaction the request's transaction is a savepoint (SAVEPOINT and
RELEASE) and the previous scope is put back afterwards (one more). On SQLite: nothing.
"""

from __future__ import annotations

from django.db import connection

WEB = 4  # SAVEPOINT, scope, restore, RELEASE
API_TOKEN = WEB + 2  # bypass back on, re-scope to the token's user


def rls_request_queries(*, via_token: bool) -> int:
    """The most queries row-level security adds to one request made inside a test's transaction."""
    if connection.vendor != "postgresql":
        return 0
    return API_TOKEN if via_token else WEB
