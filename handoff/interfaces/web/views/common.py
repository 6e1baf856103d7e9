"""Helpers every web view shares: the signed-in user, the active client, form error mapping."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.middleware import HtmxDetails

from handoff.domain.accounts.models import User
from handoff.domain.tenancy.models import Client

INVALID_FORM_STATUS = 400


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a view behind login_required: the user is a real User."""

    user: User
    htmx: HtmxDetails


def active_client(request: HttpRequest) -> Client | None:
    """The client chosen in the session (provider staff) or the user's own (client users)."""
    client = getattr(request, "active_client", None)
    return client if isinstance(client, Client) else None


def safe_next(request: HttpRequest, candidate: str | None) -> str | None:
    """The redirect target if it stays on this site, else None."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return None


def add_validation_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put an action's ValidationError on the form: on the field it names, or on the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def render_page(request: HttpRequest, template: str, context: dict[str, Any], *, invalid: bool = False) -> HttpResponse:
    """Render a page; a re-rendered invalid form answers 400 so that bad input is never a 2xx."""
    return render(request, template, context, status=INVALID_FORM_STATUS if invalid else 200)


def act_and_tell(request: HttpRequest, action: Callable[[], object], success: str) -> bool:
    """Run a POST-and-redirect view's action: a refusal becomes the page's error message, else ``success``."""
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    messages.success(request, success)
    return True
