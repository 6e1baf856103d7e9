"""Template context shared by every page: the navigation for the user's role and the client switcher."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from handoff.domain.accounts.models import User
from handoff.domain.advisor.selectors import can_see_leads
from handoff.domain.assurance.permissions import sees_results
from handoff.domain.automation.permissions import automates
from handoff.domain.operations import permissions as operations_permissions
from handoff.domain.recruiting import rules as recruiting_rules
from handoff.domain.tenancy.access import visible_clients
from handoff.domain.tenancy.roles import ALL_ROLES
from handoff.domain.workforce.permissions import plans_workforce


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
WORKFORCE_PAGES = frozenset({"workforce_queues", "workforce_queue", "workforce_roster", "staffing_calculator"})
LEAD_PAGES = frozenset({"lead_list", "lead_detail", "rate_card", "assumption_set"})

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
    _add_recruiting_items(items, current, user)
    _add_operations_items(items, current, user)
    if plans_workforce(user):  # forecasts, requirements, rosters: admins, account managers, team leads
        items.append(NavItem("Workforce", reverse("web:workforce_queues"), current in WORKFORCE_PAGES))
    if automates(user):  # rules and the classifier: admins, account managers, team leads
        items.append(NavItem("Automation", reverse("web:automation_home"), current.startswith("automation_")))
    if sees_results(user) or operations_permissions.is_worker(user):  # QA, CSAT, the checker queue (assurance)
        page = "web:qa_overview" if sees_results(user) else "web:checker_queue"
        items.append(NavItem("Quality", reverse(page), current.startswith(("qa_", "change", "checker"))))
    if can_see_leads(user):  # the advisor's leads: provider admins and account managers
        items.append(NavItem("Leads", reverse("web:lead_list"), current in LEAD_PAGES))
    if user.is_provider_admin:
        items.append(NavItem("Admin", reverse("admin:index"), active=False))
    return items


REQUISITION_PAGES = frozenset(
    {
        *("requisition_create", "requisition_detail", "requisition_edit", "requisition_board"),
        *("requisition_applications", "application_detail"),
    }
)
CANDIDATE_PAGES = frozenset({"candidate_create", "candidate_detail", "candidate_edit"})


def _add_recruiting_items(items: list[NavItem], current: str, user: User) -> None:
    """Requisitions for those who raise them or work pipelines; the talent pool for the provider's recruiters."""
    entries: list[NavItem] = []
    if recruiting_rules.works_pipelines(user) or recruiting_rules.raises_requisitions(user):
        active = current == "requisition_list" or current in REQUISITION_PAGES
        entries.append(NavItem("Requisitions", reverse("web:requisition_list"), active))
    if recruiting_rules.works_talent_pool(user):
        active = current == "candidate_list" or current in CANDIDATE_PAGES
        entries.append(NavItem("Talent pool", reverse("web:candidate_list"), active))
    tokens_url = reverse("web:token_list")
    at = next((index for index, item in enumerate(items) if item.url == tokens_url), len(items))
    items[at:at] = entries


WORK_ITEM_PAGES = frozenset({"work_item_list", "work_item_detail", "work_item_create"})


def _add_operations_items(items: list[NavItem], current: str, user: User) -> None:
    """Work items for those who follow BPO work; the agent's queue for provider staff who work items."""
    entries: list[NavItem] = []
    if operations_permissions.follows_items(user):
        entries.append(NavItem("Work items", reverse("web:work_item_list"), current in WORK_ITEM_PAGES))
    if operations_permissions.is_worker(user):
        entries.append(NavItem("My queue", reverse("web:my_queue"), current == "my_queue"))
    tokens_url = reverse("web:token_list")
    at = next((index for index, item in enumerate(items) if item.url == tokens_url), len(items))
    items[at:at] = entries


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
