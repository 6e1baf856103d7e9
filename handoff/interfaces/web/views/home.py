"""The home page: one per role, each showing what that role works with today."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from handoff.domain.accounts.selectors import provider_staff
from handoff.domain.engagements.actions import can_edit_engagements
from handoff.domain.engagements.models import BpoEngagement, RpoEngagement, RpoModel
from handoff.domain.engagements.selectors import bpo_engagements, delivery_centers, rpo_engagements
from handoff.domain.tenancy.access import account_team, sees_pricing, visible_clients
from handoff.domain.tenancy.models import Client
from handoff.domain.tenancy.roles import ClientRole, StaffRole
from handoff.engines.delivery_location import DeliveryLocation
from handoff.interfaces.web.views.common import AuthenticatedHttpRequest, active_client


@dataclass(frozen=True)
class HomePage:
    title: str
    lead: str
    shows_bpo: bool = True
    shows_rpo: bool = True


HOME_PAGES: dict[str, HomePage] = {
    StaffRole.ADMIN: HomePage("Provider overview", "Everything the provider runs, across every client."),
    StaffRole.ACCOUNT_MANAGER: HomePage("Your accounts", "The clients you manage and their engagements."),
    StaffRole.RECRUITER: HomePage("Recruiting desk", "Your clients' recruitment programmes.", shows_bpo=False),
    StaffRole.SOURCER: HomePage("Sourcing desk", "The recruitment programmes you source for.", shows_bpo=False),
    StaffRole.BPO_AGENT: HomePage("Agent desk", "The processes you deliver for your clients.", shows_rpo=False),
    StaffRole.TEAM_LEAD: HomePage("Team overview", "The processes your team delivers.", shows_rpo=False),
    StaffRole.QA_ANALYST: HomePage("Quality desk", "The processes whose quality you review.", shows_rpo=False),
    ClientRole.HR_ADMIN: HomePage("Your outsourcing", "Your company's engagements and account team."),
    ClientRole.HIRING_MANAGER: HomePage("Hiring overview", "Your company's recruitment programmes."),
    ClientRole.PROCESS_OWNER: HomePage("Process overview", "Your company's outsourced processes."),
}


@dataclass
class ClientCard:
    """One client with its engagements, as a staff member's home lists them."""

    client: Client
    bpo: list[BpoEngagement] = field(default_factory=list)
    rpo: list[RpoEngagement] = field(default_factory=list)


def _client_cards(request: AuthenticatedHttpRequest, page: HomePage) -> list[ClientCard]:
    user, chosen = request.user, active_client(request)
    clients = [chosen] if chosen is not None else list(visible_clients(user))
    cards = {client.pk: ClientCard(client) for client in clients}
    bpo_rows = bpo_engagements(user, chosen) if page.shows_bpo else []
    rpo_rows = rpo_engagements(user, chosen) if page.shows_rpo else []
    for bpo in bpo_rows:
        if bpo.client_id in cards:
            cards[bpo.client_id].bpo.append(bpo)
    for rpo in rpo_rows:
        if rpo.client_id in cards:
            cards[rpo.client_id].rpo.append(rpo)
    return list(cards.values())


def _chart(title: str, labels: list[str], values: list[int]) -> dict[str, Any]:
    return {"title": title, "labels": labels, "values": values, "rows": list(zip(labels, values, strict=True))}


def _portfolio_charts(user: Any) -> dict[str, dict[str, Any]]:
    """Chart data for the admin home: BPO engagements by delivery location, RPO engagements by model."""
    locations = Counter(engagement.location().location.value for engagement in bpo_engagements(user))
    models = Counter(rpo_engagements(user).values_list("model", flat=True))
    return {
        "bpo_locations": _chart(
            "BPO engagements by delivery location",
            [location.value.capitalize() for location in DeliveryLocation],
            [locations.get(location.value, 0) for location in DeliveryLocation],
        ),
        "rpo_models": _chart(
            "RPO engagements by model",
            [RpoModel(value).label.split(" (")[0] for value in RpoModel.values],
            [models.get(value, 0) for value in RpoModel.values],
        ),
    }


def _admin_context(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    user = request.user
    return {
        "charts": _portfolio_charts(user),
        "counts": {
            "clients": visible_clients(user).count(),
            "bpo_engagements": bpo_engagements(user).count(),
            "rpo_engagements": rpo_engagements(user).count(),
            "delivery_centers": delivery_centers().count(),
            "staff": provider_staff().count(),
        },
    }


def _staff_context(request: AuthenticatedHttpRequest, page: HomePage) -> dict[str, Any]:
    return {"cards": _client_cards(request, page)}


def _client_user_context(request: AuthenticatedHttpRequest, page: HomePage) -> dict[str, Any]:
    user = request.user
    company = user.client
    assert company is not None
    return {
        "company": company,
        "bpo_list": list(bpo_engagements(user, company)) if page.shows_bpo else [],
        "rpo_list": list(rpo_engagements(user, company)) if page.shows_rpo else [],
        "team": list(account_team(user, company)),
    }


def _template_and_context(request: AuthenticatedHttpRequest, page: HomePage) -> tuple[str, dict[str, Any]]:
    user = request.user
    if user.is_provider_admin:
        return "web/home/admin.html", _admin_context(request)
    if user.is_provider:
        return "web/home/staff.html", _staff_context(request, page)
    return "web/home/client.html", _client_user_context(request, page)


@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    page = HOME_PAGES.get(user.role, HomePage("Home", ""))
    template, context = _template_and_context(request, page)
    context.update(
        page=page,
        role=user.role,
        show_pricing=sees_pricing(user),
        can_edit=can_edit_engagements(user),
        chosen_client=active_client(request),
    )
    return render(request, template, context)
