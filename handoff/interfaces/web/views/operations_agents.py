"""Agent set-up pages (provider admins and team leads): the agents with filters, and one agent's profile.

The certifications shown and offered are those of the editor's clients only; the skill names
are checked by the action against the names the queues require.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect

from handoff.domain.engagements.selectors import delivery_centers
from handoff.domain.operations import agent_skills, selectors
from handoff.domain.operations.actions import setup
from handoff.domain.operations.models import AgentProfile
from handoff.domain.operations.permissions import AGENT_MANAGER_ROLES, require_role
from handoff.domain.tenancy.access import visible_clients
from handoff.interfaces.web.forms_operations_agents import AgentFilterForm, AgentForm, agent_initial
from handoff.interfaces.web.views.common import AuthenticatedHttpRequest, render_page

MANAGERS_ONLY = "Only provider admins and team leads manage agents."
MAX_LISTED = 500


def _apply_errors(form: forms.Form, error: ValidationError) -> None:
    for field, problems in error.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)


def _save(request: AuthenticatedHttpRequest, form: AgentForm, user: Any) -> AgentProfile | None:
    """Run the action with the form's values; its field errors go on the form (nothing is saved then)."""
    if request.method != "POST" or not form.is_valid():
        return None
    clients = [client.pk for client in form.cleaned_data["certified_clients"]]
    try:
        return setup.save_agent_profile(request.user, user, form.profile_data(), certified_client_ids=clients)
    except ValidationError as error:
        _apply_errors(form, error)
        return None


def _vocabulary(request: AuthenticatedHttpRequest) -> list[str]:
    return sorted(agent_skills.vocabulary(request.user))


@login_required
def setup_agents(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The agents, filtered by center, state and skill."""
    require_role(request.user, AGENT_MANAGER_ROLES, MANAGERS_ONLY)
    filters = AgentFilterForm(request.GET or None, centers=delivery_centers())
    rows = selectors.managed_agents(request.user)
    if filters.is_valid():
        chosen = filters.cleaned_data
        rows = selectors.managed_agents(
            request.user,
            center_id=chosen["center"].pk if chosen["center"] else None,
            state=chosen["state"] or None,
            skill=chosen["skill"].strip() or None,
        )
    elif filters.is_bound:
        rows = rows.none()
    context = {
        "filters": filters,
        "agents": list(rows[:MAX_LISTED]),
        "can_add": selectors.agent_candidates(request.user).exists(),
    }
    return render_page(
        request, "web/operations/setup_agents.html", context, invalid=filters.is_bound and not filters.is_valid()
    )


@login_required
def setup_agent_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_role(request.user, AGENT_MANAGER_ROLES, MANAGERS_ONLY)
    form = AgentForm(
        request.POST or None,
        centers=delivery_centers(),
        clients=visible_clients(request.user).order_by("name"),
        candidates=selectors.agent_candidates(request.user),
    )
    user = form.cleaned_data.get("user") if form.is_bound and form.is_valid() else None
    profile = _save(request, form, user)
    if profile is not None:
        messages.success(request, "Agent profile created.")
        return redirect("web:setup_agent_edit", agent_id=profile.pk)
    context = {"form": form, "agent": None, "vocabulary": _vocabulary(request)}
    return render_page(request, "web/operations/setup_agent.html", context, invalid=form.is_bound)


@login_required
def setup_agent_edit(request: AuthenticatedHttpRequest, agent_id: int) -> HttpResponse:
    require_role(request.user, AGENT_MANAGER_ROLES, MANAGERS_ONLY)
    agent = selectors.managed_agent(request.user, agent_id)
    certified = [certification.client for certification in getattr(agent, "visible_certifications", [])]
    form = AgentForm(
        request.POST or None,
        initial=agent_initial(agent, certified),
        centers=delivery_centers(),
        clients=visible_clients(request.user).order_by("name"),
    )
    if _save(request, form, agent.user) is not None:
        messages.success(request, "Saved.")
        return redirect("web:setup_agent_edit", agent_id=agent.pk)
    context = {"form": form, "agent": agent, "vocabulary": _vocabulary(request)}
    return render_page(request, "web/operations/setup_agent.html", context, invalid=form.is_bound)
