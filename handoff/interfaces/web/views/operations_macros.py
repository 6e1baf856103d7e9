"""Macros: their set-up pages (list, create, edit, deactivate) and the picker of an item's page.

The picker is a GET form: with htmx, choosing a macro swaps in the reply box filled with the macro's
text for this item (``_macro_reply.html``); without it, the same GET answers the whole item page with
that box. "Apply" posts the (possibly edited) text, which ``apply_macro`` sends with the macro's status.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from handoff.domain.engagements.selectors import bpo_engagements
from handoff.domain.operations import selectors
from handoff.domain.operations.actions import macros as actions
from handoff.domain.operations.models import Macro, WorkItem
from handoff.domain.tenancy.access import Actor, access_client, real_user
from handoff.domain.tenancy.models import Client
from handoff.interfaces.web.forms_operations_macros import MacroApplyForm, MacroForm
from handoff.interfaces.web.views.common import (
    AuthenticatedHttpRequest,
    active_client,
    add_validation_errors,
    render_page,
)
from handoff.interfaces.web.views.operations import _render_item

FIELD_NAMES = {"service": "service_id"}


def _require_setup(actor: Actor) -> None:
    person = real_user(actor)
    if person is None or not person.is_provider or person.role not in actions.MACRO_ROLES:
        raise PermissionDenied(actions.SETUP_MESSAGE)


def _bpo_clients(request: AuthenticatedHttpRequest) -> list[Client]:
    """The clients with a BPO engagement the user sees (the active client only, when one is chosen)."""
    chosen = active_client(request)
    clients: dict[int, Client] = {}
    for engagement in bpo_engagements(request.user, chosen).order_by("client__name", "pk"):
        clients.setdefault(engagement.client_id, engagement.client)
    return list(clients.values())


@login_required
def setup_macros(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every macro of the clients the user sets up, per client, with its use count."""
    _require_setup(request.user)
    clients = _bpo_clients(request)
    rows = list(selectors.macros(request.user).filter(client__in=[c.pk for c in clients]))
    context = {"clients": [(client, [m for m in rows if m.client_id == client.pk]) for client in clients]}
    return render_page(request, "web/operations/setup_macros.html", context)


def _form(request: AuthenticatedHttpRequest, client: Client, initial: dict[str, Any] | None = None) -> MacroForm:
    services = selectors.services(request.user, client)
    return MacroForm(request.POST if request.method == "POST" else None, initial=initial, services=services)


def _save(request: AuthenticatedHttpRequest, form: MacroForm, save: Any) -> Macro | None:
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        macro: Macro = save(form.action_data())
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            error = ValidationError({FIELD_NAMES.get(f, f): e for f, e in error.error_dict.items()})
        add_validation_errors(form, error)
        return None
    return macro


@login_required
def setup_macro_create(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    client = access_client(request.user, client_id)
    _require_setup(request.user)
    form = _form(request, client)
    macro = _save(request, form, lambda data: actions.create_macro(request.user, client.pk, data))
    if macro is not None:
        messages.success(request, "Macro created.")
        return redirect("web:setup_macros")
    context = {"form": form, "client": client, "macro": None}
    return render_page(request, "web/operations/setup_macro.html", context, invalid=form.is_bound)


@login_required
def setup_macro_edit(request: AuthenticatedHttpRequest, macro_id: int) -> HttpResponse:
    macro = selectors.macro(request.user, macro_id)
    _require_setup(request.user)
    fields = ("title", "kind", "body", "set_status", "is_active")
    initial = {field: getattr(macro, field) for field in fields} | {"service_id": macro.service_id or ""}
    form = _form(request, macro.client, initial)
    if _save(request, form, lambda data: actions.update_macro(request.user, macro, data)) is not None:
        messages.success(request, "Saved.")
        return redirect("web:setup_macro_edit", macro_id=macro.pk)
    context = {"form": form, "client": macro.client, "macro": macro}
    return render_page(request, "web/operations/setup_macro.html", context, invalid=form.is_bound)


@login_required
@require_POST
def setup_macro_deactivate(request: AuthenticatedHttpRequest, macro_id: int) -> HttpResponse:
    macro = selectors.macro(request.user, macro_id)
    actions.deactivate_macro(request.user, macro)
    messages.success(request, f"{macro.title}: deactivated.")
    return redirect("web:setup_macros")


# --- on an item's page ----------------------------------------------------------------------------------------


def _reply_box(
    request: AuthenticatedHttpRequest,
    item: WorkItem,
    macro: Macro | None,
    form: MacroApplyForm | None,
    *,
    invalid: bool = False,
) -> HttpResponse:
    """The filled reply box alone (htmx) or within the item's page; 400 when it carries errors."""
    reply = {"macro": macro, "form": form} if macro is not None and form is not None else None
    context: dict[str, object] = {"item": item, "macro_reply": reply, "invalid": invalid}
    if request.htmx:
        return render(request, "web/operations/_macro_reply.html", context, status=400 if invalid else 200)
    return _render_item(request, item, extra=context)


def _form_errors(form: MacroApplyForm, error: ValidationError) -> None:
    """The action's errors on the body, or above the box (the macro, the status change)."""
    problems = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
    for field, texts in problems.items():
        form.add_error("body" if field == "body" else None, texts)


@login_required
def work_item_macro_preview(request: AuthenticatedHttpRequest, item_id: int) -> HttpResponse:
    """``?macro=<id>``: the reply box filled with the macro's text for this item; no macro: an empty box."""
    item = selectors.work_item(request.user, item_id)
    chosen = request.GET.get("macro", "")
    if not chosen:
        return _reply_box(request, item, None, None)
    macro = selectors.macro(request.user, chosen)
    try:
        text = actions.preview(request.user, item, macro)
    except ValidationError as error:
        form = MacroApplyForm({"macro": macro.pk, "body": "-"})
        form.is_valid()
        _form_errors(form, error)
        return _reply_box(request, item, macro, form, invalid=True)
    return _reply_box(request, item, macro, MacroApplyForm(initial={"macro": macro.pk, "body": text}))


@login_required
@require_POST
def work_item_macro_apply(request: AuthenticatedHttpRequest, item_id: int) -> HttpResponse:
    """Post the macro's (edited) text on the item and set the macro's status."""
    item = selectors.work_item(request.user, item_id)
    form = MacroApplyForm(request.POST)
    if not form.is_valid():
        chosen = form.cleaned_data.get("macro") or request.POST.get("macro")
        macro = selectors.macro(request.user, chosen)  # 404 for a missing, foreign or malformed one
        return _reply_box(request, item, macro, form, invalid=True)
    macro = selectors.macro(request.user, form.cleaned_data["macro"])
    try:
        actions.apply_macro(request.user, item, macro, body=form.cleaned_data["body"])
    except ValidationError as error:
        _form_errors(form, error)
        return _reply_box(request, item, macro, form, invalid=True)
    messages.success(request, f"{macro.title}: applied.")
    return redirect("web:work_item_detail", item_id=item.pk)
