"""Keep the API's one error format for the 405 that django-ninja answers itself.

ninja's path view answers a method it has no operation for with Django's plain-text
``HttpResponseNotAllowed``, before any handler or exception hook of ours runs; this middleware
turns that response into the JSON error body every other API error has, keeping ``Allow``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from handoff.interfaces.api.errors import error_response

API_PREFIX = "/api/"
METHOD_NOT_ALLOWED = "Method not allowed."


class ApiMethodNotAllowedMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or not request.path.startswith(API_PREFIX):
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        json_response = error_response(405, METHOD_NOT_ALLOWED)
        if response.has_header("Allow"):
            json_response["Allow"] = response["Allow"]
        return json_response
