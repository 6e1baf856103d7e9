"""The active client of a request: from the session only, checked on every request.

Provider staff choose it with the client switcher; client users always have
their own. A header or parameter never chooses it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

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
