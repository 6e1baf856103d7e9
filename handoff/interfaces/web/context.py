"""Template context shared by every page: the navigation for the user's role and the client switcher."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from handoff.domain.accounts.models import User
from handoff.domain.tenancy.access import visible_clients
from handoff.domain.tenancy.roles import ALL_ROLES


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    active: bool


# label, URL name, the URL names (besides itself) under which the item counts as the current section
type NavEntry = tuple[str, str, frozenset[str]]

ENGAGEMENT_PAGES = frozenset(
    {"engagement_list", "bpo_detail", "bpo_edit", "bpo_create", "rpo_detail", "rpo_edit", "rpo_create"}
)
CLIENT_PAGES = frozenset({"client_list", "client_detail", "client_edit", "client_create"})

STAFF_NAV: tuple[NavEntry, ...] = (
    ("Home", "home", frozenset()),
    ("Clients", "client_list", CLIENT_PAGES),
    ("Engagements", "engagement_list", ENGAGEMENT_PAGES),
    ("Delivery centers", "delivery_center_list", frozenset()),
    ("API tokens", "token_list", frozenset()),
)
CLIENT_USER_NAV: tuple[NavEntry, ...] = (
    ("Home", "home", frozenset()),
    ("Engagements", "engagement_list", ENGAGEMENT_PAGES),
    ("API tokens", "token_list", frozenset()),
)


def _current_url_name(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    return match.url_name or "" if match is not None and match.namespace == "web" else ""


def nav_items(request: HttpRequest, user: User) -> list[NavItem]:
    current = _current_url_name(request)
    entries = STAFF_NAV if user.is_provider else CLIENT_USER_NAV
    items = [
        NavItem(label, reverse(f"web:{name}"), current == name or current in pages) for label, name, pages in entries
    ]
    if not user.is_provider and user.client_id is not None:
        team_url = reverse("web:client_detail", kwargs={"client_id": user.client_id}) + "#account-team"
        items.insert(2, NavItem("Account team", team_url, current == "client_detail"))
    if user.is_provider_admin:
        items.append(NavItem("Admin", reverse("admin:index"), active=False))
    return items


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    active_client = getattr(request, "active_client", None)
    if not isinstance(user, User) or not user.is_authenticated:
        return {"active_client": None, "nav_items": [], "switcher_clients": None}
    return {
        "active_client": active_client,
        "nav_items": nav_items(request, user),
        "role_label": ALL_ROLES.get(user.role, user.role),
        # Provider staff choose the active client; client users never get a switcher.
        "switcher_clients": visible_clients(user).only("pk", "name") if user.is_provider else None,
    }
