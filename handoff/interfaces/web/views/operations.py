"""BPO operations pages: the items list, the agent's queue with "Next item", an item with its conversation, intake."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from handoff.domain.assurance.permissions import needs_checker
from handoff.domain.operations import selectors
from handoff.domain.operations.actions.claims import AlreadyTaken, assign_to_me, claim_next
from handoff.domain.operations.actions.items import add_message, change_status, create_item, fill_custom_fields
from handoff.domain.operations.actions.missing_fields import labelled, missing_fields
from handoff.domain.operations.actions.setup import set_my_state
from handoff.domain.operations.models import MessageKind, WorkItem
from handoff.domain.operations.permissions import follows_items, is_worker
from handoff.engines.routing import AgentState
from handoff.interfaces.web.forms_operations import (
    ClientMessageForm,
    CustomFieldsForm,
    IntakeForm,
    MessageForm,
    StatusForm,
    add_field_errors,
)
from handoff.interfaces.web.views.common import AuthenticatedHttpRequest, active_client, render_page

MAX_LISTED = 200


def _item_url(item: WorkItem) -> HttpResponse:
    return redirect("web:work_item_detail", item_id=item.pk)


@login_required
def work_item_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The items of the active client (provider staff) or of the user's own client (process owners)."""
    user, chosen = request.user, active_client(request)
    context = {
        "items": list(selectors.work_items(user, chosen)[:MAX_LISTED]),
        "services": list(selectors.services(user, chosen)) if follows_items(user) else [],
        "chosen_client": chosen,
        "is_worker": is_worker(user),
    }
    return render(request, "web/operations/items.html", context)


@login_required
def my_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The agent's desk: state, items in hand, and the "Next item" button."""
    if not is_worker(request.user):
        raise PermissionDenied("The queue is for provider staff who work items.")
    context = {
        "profile": selectors.agent_profile(request.user),
        "items": list(selectors.my_items(request.user)),
        "states": list(AgentState),
    }
    return render(request, "web/operations/my_queue.html", context)


@login_required
@require_POST
def next_item(request: AuthenticatedHttpRequest) -> HttpResponse:
    claim = claim_next(request.user)
    if claim.item is None:
        messages.info(request, claim.reason)
        return redirect("web:my_queue")
    messages.success(request, f"You took #{claim.item.pk}.")
    return _item_url(claim.item)


@login_required
@require_POST
def my_state(request: AuthenticatedHttpRequest) -> HttpResponse:
    state = request.POST.get("state", "")
    if state not in AgentState.__members__.values():
        messages.error(request, "Choose available, busy, away or offline.")
    else:
        set_my_state(request.user, state)
        messages.success(request, f"You are now {state}.")
    return redirect("web:my_queue")


@login_required
def work_item_detail(request: AuthenticatedHttpRequest, item_id: int) -> HttpResponse:
    item = selectors.work_item(request.user, item_id)
    return _render_item(request, item)


def _render_item(
    request: AuthenticatedHttpRequest,
    item: WorkItem,
    message_form: MessageForm | ClientMessageForm | None = None,
    status_form: StatusForm | None = None,
    fields_form: CustomFieldsForm | None = None,
    extra: dict[str, object] | None = None,
) -> HttpResponse:
    worker = is_worker(request.user)
    missing = missing_fields(item)
    context = {
        "item": item,
        "conversation": list(selectors.messages(request.user, item)),
        "history": list(selectors.status_history(request.user, item)) if worker else [],
        "children": list(selectors.children(request.user, item)),
        "custom_values": _custom_rows(item),
        "is_worker": worker,
        "message_form": message_form or (MessageForm() if worker else ClientMessageForm()),
        "status_form": status_form or StatusForm(initial={"status": item.status}),
        "missing_fields": labelled(item, missing),
        "fields_form": fields_form
        or (CustomFieldsForm(item=item) if worker and missing and not needs_checker(item.service) else None),
        "macros": list(selectors.macros_for_item(request.user, item)) if worker else [],  # the macro picker
        **(extra or {}),
    }
    invalid = any(form is not None and form.errors for form in (message_form, status_form, fields_form))
    invalid = invalid or bool(context.get("invalid"))
    return render_page(request, "web/operations/item.html", context, invalid=invalid)


def _custom_rows(item: WorkItem) -> list[tuple[str, object]]:
    labels = {str(e["name"]): str(e.get("label") or e["name"]) for e in item.service.custom_fields or []}
    values = item.custom_fields if isinstance(item.custom_fields, dict) else {}
    return [(labels.get(str(name), str(name)), value) for name, value in values.items()]


@login_required
@require_POST
def work_item_message(request: AuthenticatedHttpRequest, item_id: int) -> HttpResponse:
    item = selectors.work_item(request.user, item_id)
    form: MessageForm | ClientMessageForm = (
        MessageForm(request.POST) if is_worker(request.user) else ClientMessageForm(request.POST)
    )
    if not form.is_valid():
        return _render_item(request, item, message_form=form)
    kind = form.cleaned_data.get("kind", MessageKind.REPLY)
    try:
        add_message(request.user, item, kind, form.cleaned_data["body"])
    except ValidationError as error:
        form.add_error(None, error)
        return _render_item(request, item, message_form=form)
    messages.success(request, "Internal note added." if kind == MessageKind.NOTE else "Reply sent.")
    return _item_url(item)


@login_required
@require_POST
def work_item_status(request: AuthenticatedHttpRequest, item_id: int) -> HttpResponse:
    item = selectors.work_item(request.user, item_id)
    form = StatusForm(request.POST)
    if not form.is_valid():
        return _render_item(request, item, status_form=form)
    try:
        change_status(request.user, item, form.cleaned_data["status"])
    except ValidationError as error:
        add_field_errors(form, error)  # custom_fields.<name> of a missing field: shown above the form
        return _render_item(request, item, status_form=form)
    messages.success(request, "Status changed.")
    return _item_url(item)


@login_required
@require_POST
def work_item_fields(request: AuthenticatedHttpRequest, item_id: int) -> HttpResponse:
    """Provider staff fill an item's custom fields (an item raised by email comes without them)."""
    item = selectors.work_item(request.user, item_id)
    if not is_worker(request.user):
        raise PermissionDenied("Only provider staff who work items edit their fields.")
    form = CustomFieldsForm(request.POST, item=item)
    if form.is_valid():
        try:
            fill_custom_fields(request.user, item, form.values())
        except ValidationError as error:
            form.add_action_errors(error)
        else:
            messages.success(request, "Fields saved.")
            return _item_url(item)
    return _render_item(request, item, fields_form=form)


@login_required
@require_POST
def work_item_assign_to_me(request: AuthenticatedHttpRequest, item_id: int) -> HttpResponse:
    item = selectors.work_item(request.user, item_id)
    try:
        assign_to_me(request.user, item)
    except AlreadyTaken as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "The item is yours.")
    return _item_url(item)


@login_required
def work_item_create(request: AuthenticatedHttpRequest, service_id: int) -> HttpResponse:
    """The intake form of one service, with the service's own fields."""
    service = selectors.service(request.user, service_id)
    if not follows_items(request.user):
        raise PermissionDenied("Your role does not raise work items.")
    posted = request.POST if request.method == "POST" else None
    form = IntakeForm(posted, service=service, queues=selectors.queues(request.user, service))
    if posted is not None and form.is_valid():
        try:
            item = create_item(request.user, service.pk, form.action_data())
        except ValidationError as error:
            form.add_action_errors(error)
        else:
            messages.success(request, f"Item #{item.pk} raised.")
            return _item_url(item)
    return render_page(request, "web/operations/intake.html", {"form": form, "service": service}, invalid=form.is_bound)
