from __future__ import annotations

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return HttpResponse("home")


def login_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("login")


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("web:login")
