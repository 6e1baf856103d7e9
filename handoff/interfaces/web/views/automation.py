"""Automation pages: the active client's rules (list, edit with a live dry run), automation rate, classifier.

Everything is for the client chosen in the session (provider staff switch clients at the top); the rule edit
form previews its rule over the client's latest items through htmx (``hx-post`` on change, nothing saved).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from handoff.domain.automation import actions, selectors
from handoff.domain.automation.actions import classifier as classify
from handoff.domain.automation.models import Rule
from handoff.domain.automation.permissions import require_automator
from handoff.domain.operations import selectors as operations_selectors
from handoff.domain.tenancy.models import Client
from handoff.interfaces.web.forms_automation import RuleForm, TrainForm
from handoff.interfaces.web.views.common import (
    AuthenticatedHttpRequest,
    active_client,
    add_validation_errors,
    render_page,
)

NO_CLIENT = "web/automation/no_client.html"


def _services(request: AuthenticatedHttpRequest, client: Client) -> list[tuple[int, str]]:
    return [(s.pk, s.name) for s in operations_selectors.services(request.user, client)]


@login_required
def automation_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The client's rules, its automation rate, its classifier versions and the latest suggestions."""
    require_automator(request.user)
    client = active_client(request)
    if client is None:
        return render_page(request, NO_CLIENT, {})
    return render_page(request, "web/automation/home.html", _home_context(request, client, TrainForm()))


def _home_context(request: AuthenticatedHttpRequest, client: Client, form: TrainForm) -> dict[str, Any]:
    user = request.user
    rate = selectors.automation_rate(user, client)
    return {
        "client": client,
        "rules": list(selectors.rules(user, client)),
        "rate": rate,
        "rate_percent": rate.rate * 100,
        "classifiers": list(selectors.classifier_models(user, client)[:10]),
        "suggestions": list(selectors.suggestions(user, client)[:20]),
        "runs": list(selectors.rule_runs(user, client)[:20]),
        "train_form": form,
    }


def _rule_page(request: AuthenticatedHttpRequest, client: Client, rule: Rule | None) -> HttpResponse:
    services = _services(request, client)
    if request.method == "POST":
        form = RuleForm(request.POST, services=services)
        if form.is_valid():
            try:
                if rule is None:
                    rule = actions.create_rule(request.user, client.pk, form.rule_data())
                else:
                    actions.update_rule(request.user, rule, form.rule_data())
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, f"Rule “{rule.name}” saved.")
                return redirect("web:automation_home")
        return render_page(
            request, "web/automation/rule.html", {"form": form, "rule": rule, "client": client}, invalid=True
        )
    initial = _initial(rule) if rule is not None else {"order": 100, "is_active": True, "conditions": {}}
    form = RuleForm(initial=initial, services=services)
    return render_page(request, "web/automation/rule.html", {"form": form, "rule": rule, "client": client})


def _initial(rule: Rule) -> dict[str, Any]:
    return {
        "name": rule.name,
        "service_id": rule.service_id,
        "trigger": rule.trigger,
        "order": rule.order,
        "is_active": rule.is_active,
        "stop": rule.stop,
        "conditions": rule.conditions,
        "actions": rule.actions,
    }


@login_required
def automation_rule_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_automator(request.user)
    client = active_client(request)
    if client is None:
        return render_page(request, NO_CLIENT, {})
    return _rule_page(request, client, None)


@login_required
def automation_rule_edit(request: AuthenticatedHttpRequest, rule_id: int) -> HttpResponse:
    rule = selectors.rule(request.user, rule_id)
    return _rule_page(request, rule.client, rule)


@login_required
@require_POST
def automation_rule_preview(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The dry run of the rule in the form (a fragment): matched items and their changes; nothing is written."""
    require_automator(request.user)
    client = active_client(request)
    if client is None:
        return render_page(request, NO_CLIENT, {})
    form = RuleForm(request.POST, services=_services(request, client))
    context: dict[str, Any] = {"form": form, "preview": None}
    if form.is_valid():
        try:
            context["preview"] = actions.dry_run(request.user, client.pk, form.rule_data())
        except ValidationError as error:
            add_validation_errors(form, error)
    return render_page(request, "web/automation/_preview.html", context)


@login_required
@require_POST
def automation_classifier_train(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_automator(request.user)
    client = active_client(request)
    if client is None:
        return render_page(request, NO_CLIENT, {})
    form = TrainForm(request.POST)
    if form.is_valid():
        try:
            classify.request_training(
                request.user, client.pk, form.cleaned_data["target"], form.cleaned_data.get("threshold")
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Training queued: the new version appears here when the worker has run it.")
            return redirect("web:automation_home")
    return render_page(request, "web/automation/home.html", _home_context(request, client, form), invalid=True)
