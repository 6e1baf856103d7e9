"""One HTTP POST of a webhook body (``urllib.request``; no redirects followed), timed, errors caught.

Addresses in private, loopback and link-local networks are refused unless ``WEBHOOK_ALLOW_PRIVATE_HOSTS``
is on (tests, or a provider running receivers next to the app): a client must not make the worker call
into the provider's own network.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

DEFAULT_TIMEOUT = 10.0
USER_AGENT = "handoff-webhooks/1"


@dataclass(frozen=True)
class Response:
    status_code: int | None
    duration_ms: int
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def _refused_host(url: str) -> str:
    """Why the URL may not be called ("" when it may)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "Only http and https URLs are called."
    if getattr(settings, "WEBHOOK_ALLOW_PRIVATE_HOSTS", False):
        return ""
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    except OSError:
        return f"The host {parts.hostname} cannot be resolved."
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            return f"The host {parts.hostname} is in a private network."
    return ""


def post(url: str, body: bytes, headers: dict[str, str], timeout: float = DEFAULT_TIMEOUT) -> Response:
    started = time.perf_counter()

    def elapsed() -> int:
        return int((time.perf_counter() - started) * 1000)

    refused = _refused_host(url)
    if refused:
        return Response(None, 0, refused)
    request = urllib.request.Request(  # noqa: S310 - http(s) only: _refused_host checked the scheme
        url, data=body, method="POST", headers={**headers, "Content-Type": "application/json", "User-Agent": USER_AGENT}
    )
    opener = urllib.request.build_opener(_NoRedirects)
    try:
        with opener.open(request, timeout=timeout) as answer:
            answer.read(1024)
            return Response(answer.status, elapsed())
    except urllib.error.HTTPError as error:
        return Response(error.code, elapsed(), f"HTTP {error.code} {error.reason}"[:300])
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        return Response(None, elapsed(), f"{type(error).__name__}: {reason}"[:300])
