"""Engagements (BPO and RPO): list, detail, create and edit; and the delivery centers they run from."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse

from handoff.domain.engagements import actions, selectors
from handoff.domain.engagements.models import BpoEngagement, HiringStage, RpoEngagement
from handoff.domain.tenancy.access import sees_pricing
from handoff.interfaces.web.forms import BpoEngagementForm, RpoEngagementForm
from handoff.interfaces.web.views.common import (
    AuthenticatedHttpRequest,
    active_client,
    add_validation_errors,
    render_page,
)

type EngagementForm = BpoEngagementForm | RpoEngagementForm


@login_required
def engagement_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    user, chosen = request.user, active_client(request)
    context = {
        "bpo_list": list(selectors.bpo_engagements(user, chosen)),
        "rpo_list": list(selectors.rpo_engagements(user, chosen)),
        "chosen_client": chosen,
        "show_pricing": sees_pricing(user),
        "can_edit": actions.can_edit_engagements(user),
    }
    return render(request, "web/engagements/list.html", context)


@login_required
def bpo_detail(request: AuthenticatedHttpRequest, bpo_id: int) -> HttpResponse:
    engagement = selectors.bpo_engagement(request.user, bpo_id)
    context = {
        "engagement": engagement,
        "location": engagement.location(),
        "show_pricing": sees_pricing(request.user),
        "can_edit": actions.can_edit_engagements(request.user),
    }
    return render(request, "web/engagements/bpo_detail.html", context)


def stage_rows(engagement: RpoEngagement) -> list[tuple[str, bool]]:
    """Each hiring stage with whether the provider (True) or the client's HR (False) owns it."""
    owned = set(engagement.provider_stages or [])
    return [(label, value in owned) for value, label in HiringStage.choices]


@login_required
def rpo_detail(request: AuthenticatedHttpRequest, rpo_id: int) -> HttpResponse:
    engagement = selectors.rpo_engagement(request.user, rpo_id)
    context = {
        "engagement": engagement,
        "stages": stage_rows(engagement),
        "show_pricing": sees_pricing(request.user),
        "can_edit": actions.can_edit_engagements(request.user),
    }
    return render(request, "web/engagements/rpo_detail.html", context)


def detail_url(engagement: BpoEngagement | RpoEngagement) -> str:
    if isinstance(engagement, BpoEngagement):
        return reverse("web:bpo_detail", kwargs={"bpo_id": engagement.pk})
    return reverse("web:rpo_detail", kwargs={"rpo_id": engagement.pk})


def _require_editor(request: AuthenticatedHttpRequest) -> None:
    if not actions.can_edit_engagements(request.user):
        raise PermissionDenied("Only provider admins and account managers edit engagements.")


def _posted(request: AuthenticatedHttpRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None


def _save_form(
    request: AuthenticatedHttpRequest,
    form: EngagementForm,
    save: Callable[[], BpoEngagement | RpoEngagement],
    context: dict[str, Any],
) -> HttpResponse:
    """Validate, call the action, then redirect to the engagement; or re-render the form with its errors."""
    if request.method == "POST" and form.is_valid():
        try:
            engagement = save()
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, f"Engagement “{engagement.name}” saved.")
            return redirect(detail_url(engagement))
    return render_page(request, "web/engagements/form.html", {"form": form, **context}, invalid=form.is_bound)


@login_required
def bpo_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_editor(request)
    form = BpoEngagementForm(_posted(request), actor=request.user, initial_client=active_client(request))

    def save() -> BpoEngagement:
        client = form.cleaned_data["client"]
        return actions.create_bpo_engagement(request.user, client.pk, form.action_data())

    return _save_form(request, form, save, {"title": "New BPO engagement", "kind": "bpo"})


@login_required
def bpo_edit(request: AuthenticatedHttpRequest, bpo_id: int) -> HttpResponse:
    engagement = selectors.bpo_engagement(request.user, bpo_id)
    _require_editor(request)
    form = BpoEngagementForm(_posted(request), instance=engagement, actor=request.user)

    def save() -> BpoEngagement:
        return actions.update_bpo_engagement(request.user, engagement, form.action_data())

    context = {"title": f"Edit {engagement.name}", "kind": "bpo", "engagement": engagement}
    return _save_form(request, form, save, context)


@login_required
def rpo_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_editor(request)
    form = RpoEngagementForm(_posted(request), actor=request.user, initial_client=active_client(request))

    def save() -> RpoEngagement:
        client = form.cleaned_data["client"]
        return actions.create_rpo_engagement(request.user, client.pk, form.action_data())

    return _save_form(request, form, save, {"title": "New RPO engagement", "kind": "rpo"})


@login_required
def rpo_edit(request: AuthenticatedHttpRequest, rpo_id: int) -> HttpResponse:
    engagement = selectors.rpo_engagement(request.user, rpo_id)
    _require_editor(request)
    form = RpoEngagementForm(_posted(request), instance=engagement, actor=request.user)

    def save() -> RpoEngagement:
        return actions.update_rpo_engagement(request.user, engagement, form.action_data())

    context = {"title": f"Edit {engagement.name}", "kind": "rpo", "engagement": engagement}
    return _save_form(request, form, save, context)


@login_required
def delivery_center_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "web/engagements/delivery_centers.html", {"centers": list(selectors.delivery_centers())})
