"""Deliberately broken views, used only to prove that the harness catches each kind of leak."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import include, path

from handoff.domain.engagements.models import BpoEngagement
from handoff.domain.engagements.selectors import bpo_engagement


def shows_any_engagement(request: HttpRequest, bpo_id: int) -> HttpResponse:
    """Unscoped: shows B's engagement by id (and crashes on a missing one)."""
    return HttpResponse(BpoEngagement.objects.get(pk=bpo_id).name)


def tells_foreign_from_missing(request: HttpRequest, bpo_id: int) -> HttpResponse:
    """403 for someone else's engagement, 404 for a missing one: the difference itself leaks."""
    if BpoEngagement.objects.filter(pk=bpo_id).exists():
        return HttpResponse("not yours", status=403)
    raise Http404


def writes_from_the_body(request: HttpRequest) -> HttpResponse:
    """Takes the client from the request body and writes into that client's engagements."""
    client_id = request.POST.get("client_id") or request.GET.get("client_id")
    if request.method == "POST" and client_id:
        BpoEngagement.objects.filter(client_id=client_id).update(notes="overwritten")
    return HttpResponse("ok")


def open_to_anyone(request: HttpRequest) -> HttpResponse:
    return HttpResponse("welcome")


def scoped_detail(request: HttpRequest, bpo_id: int) -> HttpResponse:
    return HttpResponse(bpo_engagement(request.user, bpo_id).name)


urlpatterns = [
    path("shows/<int:bpo_id>/", shows_any_engagement, name="shows"),
    path("tells/<int:bpo_id>/", tells_foreign_from_missing, name="tells"),
    path("writes/", writes_from_the_body, name="writes"),
    path("anyone/", open_to_anyone, name="anyone"),
    path("scoped/<int:bpo_id>/", scoped_detail, name="scoped"),
    path("", include("handoff.urls")),  # the real pages too: the 404 page links to them
]
