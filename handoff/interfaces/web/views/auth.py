"""Signing in (throttled), signing out, changing one's password, and the admin's login door."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from handoff.domain.accounts import throttle
from handoff.domain.accounts.models import User
from handoff.interfaces.web.forms import LoginForm
from handoff.interfaces.web.views.common import AuthenticatedHttpRequest, render_page, safe_next

BAD_CREDENTIALS = "Invalid email or password."
THROTTLED_STATUS = 429


def _client_address(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def _throttled_message(seconds: int) -> str:
    return f"Too many failed attempts; try again in {seconds} second{'s' if seconds != 1 else ''}."


def _render_login(request: HttpRequest, form: LoginForm, next_url: str | None, status: int = 200) -> HttpResponse:
    return render(request, "web/login.html", {"form": form, "next": next_url or ""}, status=status)


def _attempt_login(request: HttpRequest, form: LoginForm, next_url: str | None) -> HttpResponse:
    email, address = form.cleaned_data["email"], _client_address(request)
    wait = throttle.seconds_to_wait(email, address)
    if wait > 0:
        form.add_error(None, _throttled_message(wait))
        return _render_login(request, form, next_url, status=THROTTLED_STATUS)
    user = authenticate(request, email=email, password=form.cleaned_data["password"])
    if not isinstance(user, User):
        throttle.record_failure(email, address)
        form.add_error(None, BAD_CREDENTIALS)
        return _render_login(request, form, next_url, status=400)
    throttle.record_success(email)
    login(request, user)  # rotates the session id
    return redirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def login_view(request: HttpRequest) -> HttpResponse:
    next_url = safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if request.method != "POST":
        return _render_login(request, LoginForm(), next_url)
    form = LoginForm(request.POST)
    if not form.is_valid():
        return _render_login(request, form, next_url, status=400)
    return _attempt_login(request, form, next_url)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, "You have signed out.")
    return redirect(settings.LOGOUT_REDIRECT_URL)


@sensitive_post_parameters()
@never_cache
@login_required
def password_change(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "web/account/password_change.html", {"form": PasswordChangeForm(request.user)})
    form = PasswordChangeForm(request.user, request.POST)
    if not form.is_valid():
        return render_page(request, "web/account/password_change.html", {"form": form}, invalid=True)
    user = form.save()
    update_session_auth_hash(request, user)
    messages.success(request, "Your password has been changed.")
    return redirect("web:home")


def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin site's login door: everyone signs in on the (throttled) login page."""
    next_url = safe_next(request, request.GET.get("next")) or reverse("admin:index")
    if not request.user.is_authenticated:
        return redirect_to_login(next_url, login_url=reverse("web:login"))
    if request.user.is_staff:
        return redirect(next_url)
    raise PermissionDenied("Only provider admins can open the administration.")
