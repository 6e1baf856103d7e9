"""In-app notifications: the list, the unread badge in the nav (loaded by htmx), marking read; and a client's
e-mail templates (with the defaults shown where the client has none)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from handoff.domain.notifications import actions, selectors, templating
from handoff.domain.notifications.models import TemplateKey
from handoff.interfaces.web.forms_portal import TemplateForm
from handoff.interfaces.web.views.common import (
    AuthenticatedHttpRequest,
    active_client,
    add_validation_errors,
    render_page,
    safe_next,
)

MAX_LISTED = 100


@login_required
def notification_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    rows = list(selectors.notifications(request.user)[:MAX_LISTED])
    return render_page(request, "web/notifications/list.html", {"notifications": rows})


@login_required
def notification_badge(request: AuthenticatedHttpRequest) -> HttpResponse:
    count = selectors.unread_count(request.user)
    return render(request, "web/notifications/_badge.html", {"count": count})


@login_required
@require_POST
def notification_read(request: AuthenticatedHttpRequest, notification_id: int) -> HttpResponse:
    notification = selectors.notification(request.user, notification_id)
    actions.mark_read(request.user, notification)
    target = safe_next(request, notification.url) if request.POST.get("open") else None
    return redirect(target or "web:notification_list")


@login_required
@require_POST
def notification_read_all(request: AuthenticatedHttpRequest) -> HttpResponse:
    done = actions.mark_all_read(request.user)
    messages.success(request, f"{done} notification{'s' if done != 1 else ''} marked read.")
    return redirect("web:notification_list")


@login_required
def email_templates(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The active client's templates, one form per key (the default where the client has none)."""
    client = active_client(request)
    if client is None:
        messages.error(request, "Choose a client first.")
        return redirect("web:home")
    own = {row.key: row for row in selectors.templates(request.user, client)}
    failed: dict[str, TemplateForm] = {}
    if request.method == "POST":
        key = request.POST.get("key", "")
        form = TemplateForm(request.POST)
        if key not in TemplateKey.values and key not in own:
            key = ""
        try:
            if not key:
                raise ValidationError({"key": "Choose one of the templates."})
            if request.POST.get("reset"):
                actions.reset_template(request.user, client.pk, key)
                messages.success(request, "Template reset to the default.")
                return redirect("web:email_templates")
            if form.is_valid():
                actions.save_template(request.user, client.pk, key, **form.cleaned_data)
                messages.success(request, "Template saved.")
                return redirect("web:email_templates")
        except ValidationError as error:
            add_validation_errors(form, error)
        except PermissionDenied:
            raise
        failed[key] = form
    entries = []
    for key, label in TemplateKey.choices:
        row = own.get(key)
        wording = templating.Wording(row.subject, row.body) if row else templating.DEFAULTS[key]
        form = failed.get(key) or TemplateForm(initial={"subject": wording.subject, "body": wording.body})
        entries.append({"key": key, "label": label, "custom": row is not None, "form": form})
    return render_page(
        request, "web/notifications/templates.html", {"entries": entries, "client": client}, invalid=bool(failed)
    )
