"""Refuse a request body over the size limit before any of it is read.

Every upload field checks its own limit (resumes 10 MB, attachments 10 MB, imports 20 MB, …),
but only after Django has received the whole body. This middleware answers ``413`` from the
declared ``Content-Length`` alone, so an oversized upload is turned away before it is read,
parsed or spooled to disk: JSON in the API's error format under ``/api/``, the error page
elsewhere. A body without ``Content-Length`` (chunked) is not read by Django's WSGI request at
all, so it cannot get past this either. ``REQUEST_MAX_BYTES`` sets the limit (default 26 MB: the
largest upload the product takes, an e-mail of 25 MB, plus its form).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from handoff.interfaces.api.errors import error_response

DEFAULT_MAX_BYTES = 26 * 1024 * 1024
API_PREFIX = "/api/"


def max_request_bytes() -> int:
    return int(getattr(settings, "REQUEST_MAX_BYTES", DEFAULT_MAX_BYTES))


def declared_length(request: HttpRequest) -> int:
    """The body length the client declared, 0 when absent or not a number (Django then reads nothing)."""
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def readable_size(size: int) -> str:
    megabytes, kilobytes = size / (1024 * 1024), size // 1024
    return f"{megabytes:g} MB" if megabytes >= 1 else f"{kilobytes} KB"


class RequestSizeLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = max_request_bytes()
        if declared_length(request) <= limit:
            return self.get_response(request)
        size = readable_size(limit)
        if request.path.startswith(API_PREFIX):
            return error_response(413, f"The request body is larger than {size}.")
        return render(request, "413.html", {"limit": size}, status=413)
