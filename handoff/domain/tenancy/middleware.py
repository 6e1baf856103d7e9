"""The active client of a request: from the session only, checked on every request.

Provider staff choose it with the client switcher; client users always have
their own. A header or parameter never chooses it.

On PostgreSQL a second middleware scopes the request's transaction to the user
(row-level security, the second wall).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse

from handoff.domain.tenancy import rls
from handoff.domain.tenancy.access import visible_clients
from handoff.domain.tenancy.models import Client
from handoff.domain.tenancy.roles import UserKind

SESSION_KEY = "active_client_id"


def active_client_for(request: HttpRequest) -> Client | None:
    user = request.user
    if not getattr(user, "is_authenticated", False):
        return None
    clients = visible_clients(user)
    if getattr(user, "kind", None) == UserKind.CLIENT:
        return clients.first()
    chosen = request.session.get(SESSION_KEY)
    if chosen is None:
        return None
    client = clients.filter(pk=chosen).first()
    if client is None:
        request.session.pop(SESSION_KEY, None)
    return client


class ActiveClientMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.active_client = active_client_for(request)  # type: ignore[attr-defined]
        return self.get_response(request)


class RowLevelSecurityMiddleware:
    """On PostgreSQL, run each request in a transaction scoped to its user (see :mod:`handoff.domain.tenancy.rls`).

    The role, bypass and client ids are ``SET LOCAL``: they end with the transaction, so a pooled
    connection carries nothing to the next request. A 5xx response rolls back. When the request
    runs inside an outer transaction (tests), it is a savepoint and the previous scope is put back.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not rls.enforced():
            return self.get_response(request)
        nested = connection.in_atomic_block
        with transaction.atomic():
            before = rls.set_local_scope(request.user)
            setattr(request, rls.REQUEST_FLAG, True)
            response = self.get_response(request)
            if response.status_code >= 500:
                transaction.set_rollback(True)  # also undoes the SET LOCALs of a nested request
            elif nested and not connection.needs_rollback:
                rls.restore_scope(before)
        return response
