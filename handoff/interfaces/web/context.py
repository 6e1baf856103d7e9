"""Template context shared by every page: the navigation for the user's role."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict[str, Any]:
    return {"active_client": getattr(request, "active_client", None)}
