"""Webhook pages: a client's endpoints (URL, events, secret), and each endpoint's delivery log.

Client data: managed by client HR admins, account managers and provider admins (403 for other roles); a
foreign or missing endpoint is the same 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from handoff.domain.webhooks import actions, selectors
from handoff.interfaces.web.forms_webhooks import EndpointForm, NewEndpointForm
from handoff.interfaces.web.views.common import AuthenticatedHttpRequest, add_validation_errors, render_page

LOG_ROWS = 50


def _require_manager(request: AuthenticatedHttpRequest) -> None:
    if not selectors.manages_webhooks(request.user):
        raise PermissionDenied("Webhooks are managed by client HR admins, account managers and provider admins.")


@login_required
def webhook_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_manager(request)
    form = NewEndpointForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            endpoint = actions.create_endpoint(request.user, form.cleaned_data["client"].pk, form.action_data())
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Webhook endpoint added: copy its secret to verify signatures.")
            return redirect("web:webhook_detail", endpoint_id=endpoint.pk)
    context = {"form": form, "endpoints": list(selectors.endpoints(request.user))}
    return render_page(request, "web/webhooks/webhook_list.html", context, invalid=form.is_bound)


@login_required
def webhook_detail(request: AuthenticatedHttpRequest, endpoint_id: int) -> HttpResponse:
    _require_manager(request)
    endpoint = selectors.endpoint(request.user, endpoint_id)
    form = EndpointForm(request.POST or None, instance=endpoint)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_endpoint(request.user, endpoint, form.action_data())
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Webhook endpoint saved.")
            return redirect("web:webhook_detail", endpoint_id=endpoint.pk)
    deliveries = list(selectors.deliveries(request.user, endpoint)[:LOG_ROWS])
    context = {"endpoint": endpoint, "form": form, "deliveries": deliveries}
    return render_page(request, "web/webhooks/webhook_detail.html", context, invalid=form.is_bound)


@login_required
@require_POST
def webhook_rotate(request: AuthenticatedHttpRequest, endpoint_id: int) -> HttpResponse:
    _require_manager(request)
    endpoint = selectors.endpoint(request.user, endpoint_id)
    actions.rotate_secret(request.user, endpoint)
    messages.success(request, "A new secret was made: the old one no longer verifies.")
    return redirect("web:webhook_detail", endpoint_id=endpoint.pk)


@login_required
@require_POST
def webhook_delete(request: AuthenticatedHttpRequest, endpoint_id: int) -> HttpResponse:
    _require_manager(request)
    endpoint = selectors.endpoint(request.user, endpoint_id)
    actions.delete_endpoint(request.user, endpoint)
    messages.success(request, "Webhook endpoint deleted.")
    return redirect("web:webhook_list")
