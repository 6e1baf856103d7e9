"""The client switcher: provider staff choose the active client, kept in the session only."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from handoff.domain.tenancy.access import access_client
from handoff.domain.tenancy.middleware import SESSION_KEY
from handoff.interfaces.web.views.common import AuthenticatedHttpRequest, safe_next

ALL_CLIENTS = ""


@require_POST
@login_required
def switch_client(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Set (or, with "all clients", clear) the active client; a client it cannot see is a 404."""
    if not request.user.is_provider:
        raise PermissionDenied("Client users work in their own company only.")
    chosen = request.POST.get("client_id", ALL_CLIENTS).strip()
    if chosen == ALL_CLIENTS:
        request.session.pop(SESSION_KEY, None)
    else:
        request.session[SESSION_KEY] = access_client(request.user, chosen).pk
    return redirect(safe_next(request, request.POST.get("next")) or "web:home")
