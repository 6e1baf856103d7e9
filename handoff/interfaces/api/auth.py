"""Who is calling: a per-user API token (``Authorization: Bearer <token>``) or the web's own session.

- A request that carries an ``Authorization`` header is judged by it alone: a bad, revoked or non-Bearer
  credential is a 401 even when a session cookie is present too.
- Without it, the Django session is used (ninja's ``django_auth``), with Django's CSRF check on unsafe
  methods, so the web's htmx calls work and a cross-site form cannot.
- Nobody authenticated: 401, in the API's error format (see errors.py).

Passwords are never accepted here: password login (and its throttling) belongs to the web login page.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, SessionAuth
from ninja.throttling import SimpleRateThrottle

from handoff.domain.accounts.models import User
from handoff.domain.accounts.tokens import authenticate_token
from handoff.domain.tenancy.rls import rescope

BAD_TOKEN = "Invalid or revoked API token."  # noqa: S105 - a message, not a secret


class BearerTokenAuth(HttpBearer):
    """``Authorization: Bearer hk_…``, checked by :func:`handoff.domain.accounts.tokens.authenticate_token`."""

    def __call__(self, request: HttpRequest) -> User | None:
        header = request.headers.get(self.header)
        if not header:
            return None  # let the session try
        scheme, _, raw = header.strip().partition(" ")
        if scheme.lower() != self.openapi_scheme:
            raise AuthenticationError(message="Unsupported Authorization scheme: use Bearer <token>.")
        return self.authenticate(request, raw.strip())

    def authenticate(self, request: HttpRequest, token: str) -> User:
        user = authenticate_token(token) if token else None
        if user is None:
            raise AuthenticationError(message=BAD_TOKEN)
        rescope(request, user)  # the row-level security scope was set before the token was read
        return user


class SessionCsrfAuth(SessionAuth):
    """ninja's ``django_auth`` (session cookie, CSRF-checked), asked only once a session user is there.

    Checking CSRF first (as ninja does) would answer an anonymous POST with 403 "CSRF" instead of 401.
    """

    def __call__(self, request: HttpRequest) -> Any:
        if not getattr(request.user, "is_authenticated", False):
            return None
        return super().__call__(request)


token_auth = BearerTokenAuth()
session_auth = SessionCsrfAuth(csrf=True)


def actor(request: HttpRequest) -> User:
    """The authenticated user of an API request (auth has run: every operation requires it)."""
    user = getattr(request, "auth", None)
    if not isinstance(user, User):  # pragma: no cover - ninja never calls a handler unauthenticated
        raise AuthenticationError()
    return user


class PerUserThrottle(SimpleRateThrottle):
    """A rate limit per authenticated user (keyed on the user id, not on the user's display name)."""

    scope = "api-user"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        user = getattr(request, "auth", None)
        if not isinstance(user, User):
            return None
        return self.cache_format % {"scope": self.scope, "ident": user.pk}
