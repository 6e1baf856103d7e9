"""Clients: the list, one client's page (engagements, account team), and the admin's create/edit forms."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from handoff.domain.engagements.actions import can_edit_engagements
from handoff.domain.engagements.selectors import bpo_engagements, rpo_engagements
from handoff.domain.tenancy import actions
from handoff.domain.tenancy.access import access_client, account_team, sees_pricing, visible_clients
from handoff.domain.tenancy.models import Client
from handoff.interfaces.web.forms import AccountTeamAssignForm, ClientForm
from handoff.interfaces.web.views.common import (
    INVALID_FORM_STATUS,
    AuthenticatedHttpRequest,
    add_validation_errors,
    render_page,
)


@login_required
def client_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    counts = Counter(bpo_engagements(user).values_list("client_id", flat=True))
    counts.update(rpo_engagements(user).values_list("client_id", flat=True))
    rows = [(client, counts.get(client.pk, 0)) for client in visible_clients(user)]
    return render(request, "web/clients/list.html", {"rows": rows, "can_manage": actions.can_manage_clients(user)})


def _team_context(
    request: AuthenticatedHttpRequest, client: Client, form: AccountTeamAssignForm | None = None
) -> dict[str, Any]:
    user = request.user
    team = list(account_team(user, client))
    can_manage = actions.can_manage_clients(user)
    if can_manage and form is None:
        form = AccountTeamAssignForm(exclude_ids=[member.user_id for member in team])
    return {"client": client, "team": team, "can_manage": can_manage, "assign_form": form}


def _detail_context(
    request: AuthenticatedHttpRequest, client: Client, form: AccountTeamAssignForm | None = None
) -> dict[str, Any]:
    user = request.user
    return {
        **_team_context(request, client, form),
        "bpo_list": list(bpo_engagements(user, client)),
        "rpo_list": list(rpo_engagements(user, client)),
        "show_pricing": sees_pricing(user),
        "can_edit": can_edit_engagements(user),
    }


@login_required
def client_detail(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    client = access_client(request.user, client_id)
    return render(request, "web/clients/detail.html", _detail_context(request, client))


def _posted(request: AuthenticatedHttpRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None


def _require_client_manager(request: AuthenticatedHttpRequest) -> None:
    if not actions.can_manage_clients(request.user):
        raise PermissionDenied("Only provider admins create and edit clients.")


@login_required
def client_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_client_manager(request)
    form = ClientForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            client = actions.create_client(request.user, form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, f"Client “{client.name}” created.")
            return redirect("web:client_detail", client_id=client.pk)
    context = {"form": form, "title": "New client", "client": None}
    return render_page(request, "web/clients/form.html", context, invalid=form.is_bound)


@login_required
def client_edit(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    client = access_client(request.user, client_id)
    _require_client_manager(request)
    form = ClientForm(_posted(request), instance=client)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_client(request.user, client, form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Client saved.")
            return redirect("web:client_detail", client_id=client.pk)
    context = {"form": form, "title": f"Edit {client.name}", "client": client}
    return render_page(request, "web/clients/form.html", context, invalid=form.is_bound)


def _team_response(
    request: AuthenticatedHttpRequest,
    client: Client,
    form: AccountTeamAssignForm | None = None,
    notice: str = "",
) -> HttpResponse:
    """After a team change: the team section alone for htmx, else back to (or re-render) the client page."""
    status = INVALID_FORM_STATUS if form is not None else 200
    if request.htmx:
        context = {**_team_context(request, client, form), "notice": notice}
        return render(request, "web/clients/_account_team.html", context, status=status)
    if notice:
        messages.success(request, notice)
    if form is None:
        return redirect("web:client_detail", client_id=client.pk)
    return render(request, "web/clients/detail.html", _detail_context(request, client, form), status=status)


@require_POST
@login_required
def account_team_assign(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    client = access_client(request.user, client_id)
    _require_client_manager(request)
    current = [member.user_id for member in account_team(request.user, client)]
    form = AccountTeamAssignForm(request.POST, exclude_ids=current)
    if not form.is_valid():
        return _team_response(request, client, form)
    try:
        assignment = actions.assign_to_account_team(request.user, client.pk, form.cleaned_data["user"].pk)
    except ValidationError as error:
        add_validation_errors(form, error)
        return _team_response(request, client, form)
    return _team_response(request, client, notice=f"{assignment.user} joined the account team.")


@require_POST
@login_required
def account_team_unassign(request: AuthenticatedHttpRequest, client_id: int, user_id: int) -> HttpResponse:
    client = access_client(request.user, client_id)
    _require_client_manager(request)
    if not actions.unassign_from_account_team(request.user, client.pk, user_id):
        raise Http404("Not on this account team")
    return _team_response(request, client, notice="Removed from the account team.")
