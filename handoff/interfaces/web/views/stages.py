"""The pipeline stage template pages: a client's client-wide template and an RPO engagement's own stages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect

from handoff.domain.engagements.models import RpoEngagement
from handoff.domain.engagements.selectors import rpo_engagement
from handoff.domain.recruiting.models import PipelineStage, StageOwner
from handoff.domain.recruiting.stages import actions as stages
from handoff.domain.tenancy.access import access_client
from handoff.interfaces.web.views.common import AuthenticatedHttpRequest, add_validation_errors, render_page


class StageForm(forms.Form):
    name = forms.CharField(max_length=80)
    owner = forms.ChoiceField(choices=StageOwner.choices, initial=StageOwner.PROVIDER)
    stale_after_days = forms.IntegerField(
        required=False, min_value=1, max_value=365, label="Stale after (days)", help_text="Empty: never stale."
    )


def _row_form(row: PipelineStage, data: Any = None) -> StageForm:
    initial = {"name": row.name, "owner": row.owner, "stale_after_days": row.stale_after_days}
    return StageForm(data, initial=initial, prefix=f"stage-{row.pk}")


def _apply(request: AuthenticatedHttpRequest, client_id: int, engagement: RpoEngagement | None) -> StageForm | None:
    """Carry out the posted operation; the add form back when its input is refused (to show the errors)."""
    operation = request.POST.get("op", "")
    if operation == "defaults":
        stages.start_from_defaults(request.user, client_id, engagement)
        messages.success(request, "The template now has the default stages.")
        return None
    if operation == "add":
        form = StageForm(request.POST, prefix="new")
        if not form.is_valid():
            return form
        try:
            row = stages.add_stage(request.user, client_id, engagement, form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
            return form
        messages.success(request, f"Added {row.name}.")
        return None
    row = stages.stage(request.user, request.POST.get("stage"))
    if row.client_id != client_id or row.engagement_id != (engagement.pk if engagement else None):
        raise ValidationError("That stage belongs to another template.")
    if operation in ("up", "down"):
        stages.move_stage(request.user, row, operation)
    elif operation == "delete":
        stages.delete_stage(request.user, row)
        messages.success(request, f"Deleted {row.name}.")
    elif operation == "update":
        form = _row_form(row, request.POST)
        if not form.is_valid():
            raise ValidationError(
                [f"{field}: {message}" for field, errors in form.errors.items() for message in errors]
            )
        stages.update_stage(request.user, row, form.cleaned_data)
        messages.success(request, f"Saved {row.name}.")
    else:
        raise ValidationError("Unknown operation.")
    return None


def _page(request: AuthenticatedHttpRequest, client_id: int, engagement: RpoEngagement | None) -> HttpResponse:
    client = access_client(request.user, client_id)
    if not stages.edits_stages(request.user):
        raise PermissionDenied("Stage templates are edited by client HR admins and the client's recruiting team.")
    add_form = StageForm(prefix="new")
    invalid = False
    if request.method == "POST":
        try:
            refused = _apply(request, client.pk, engagement)
        except ValidationError as error:
            invalid = True
            for message in error.messages:
                messages.error(request, message)
        else:
            if refused is None:
                return redirect(request.path)
            add_form, invalid = refused, True
    rows = list(stages.template_stages(request.user, client.pk, engagement))
    context = {
        "client": client,
        "engagement": engagement,
        "rows": [(row, _row_form(row)) for row in rows],
        "add_form": add_form,
    }
    return render_page(request, "web/stages/template.html", context, invalid=invalid)


@login_required
def client_stages(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    return _page(request, client_id, None)


@login_required
def rpo_stages(request: AuthenticatedHttpRequest, rpo_id: int) -> HttpResponse:
    engagement = rpo_engagement(request.user, rpo_id)
    return _page(request, engagement.client_id, engagement)
