"""Delivery set-up pages (services, queues, a center's hours and holidays) and the process owner's SLA page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect

from handoff.domain.engagements.models import DeliveryCenter
from handoff.domain.engagements.selectors import bpo_engagement, bpo_engagements, delivery_centers
from handoff.domain.operations import selectors
from handoff.domain.operations.actions import setup
from handoff.domain.operations.attainment import sla_attainment
from handoff.domain.operations.models import CenterHoliday, Service
from handoff.domain.operations.permissions import AGENT_MANAGER_ROLES, SETUP_ROLES, follows_items, require_role
from handoff.domain.tenancy.access import Actor, real_user
from handoff.interfaces.web.views.common import AuthenticatedHttpRequest, render_page

JSON_ATTRS = {"rows": 4, "spellcheck": "false"}


class ServiceForm(forms.Form):
    name = forms.CharField(max_length=200)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    sla_targets = forms.JSONField(
        required=False,
        widget=forms.Textarea(attrs=JSON_ATTRS),
        help_text='Per priority, e.g. {"urgent": {"first_response_minutes": 15, "resolution_minutes": 240}}.',
    )
    custom_fields = forms.JSONField(
        required=False,
        widget=forms.Textarea(attrs=JSON_ATTRS),
        help_text='A list, e.g. [{"name": "order_id", "type": "text", "required": true}].',
    )
    is_active = forms.BooleanField(required=False, initial=True)


class QueueForm(forms.Form):
    name = forms.CharField(max_length=200)
    required_skills = forms.JSONField(
        required=False, widget=forms.Textarea(attrs=JSON_ATTRS), help_text='Skill to minimum level: {"refunds": 2}.'
    )
    languages = forms.JSONField(required=False, widget=forms.Textarea(attrs=JSON_ATTRS), help_text='["en", "es"]')
    is_active = forms.BooleanField(required=False, initial=True)


class HoursForm(forms.Form):
    working_hours = forms.JSONField(
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        help_text='Several windows a day: {"mon": [["09:00", "12:30"], ["13:30", "18:00"]], ...}.',
    )


class HolidayForm(forms.Form):
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    name = forms.CharField(max_length=120)
    closed = forms.BooleanField(required=False, initial=True, help_text="Unticked: worked as a normal day.")


def _has_role(actor: Actor, roles: frozenset[Any]) -> bool:
    person = real_user(actor)
    return person is not None and person.is_provider and person.role in roles


def _apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Put the action's field errors on the form's fields (others on the form itself)."""
    for field, problems in error.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)


def _cleaned(form: forms.Form, empty: dict[str, Any]) -> dict[str, Any]:
    return {
        field: (empty[field] if field in empty and value is None else value)
        for field, value in form.cleaned_data.items()
    }


def _save(form: forms.Form, request: AuthenticatedHttpRequest, save: Any, done: str) -> bool:
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save()
    except ValidationError as error:
        _apply_errors(form, error)
        return False
    messages.success(request, done)
    return True


@login_required
def setup_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Engagements with their services and queues (admins, account managers); centers (admins, team leads)."""
    can_services = _has_role(request.user, SETUP_ROLES)
    can_centers = _has_role(request.user, AGENT_MANAGER_ROLES)
    if not (can_services or can_centers):
        raise PermissionDenied("Only provider admins, account managers and team leads set up delivery.")
    engagements = list(bpo_engagements(request.user)) if can_services else []
    services = list(selectors.services(request.user).prefetch_related("queues")) if can_services else []
    context = {
        "engagements": [(e, [s for s in services if s.engagement_id == e.pk]) for e in engagements],
        "centers": list(delivery_centers()) if can_centers else [],
    }
    return render_page(request, "web/operations/setup_home.html", context)


def _service_initial(service: Service) -> dict[str, Any]:
    fields = ("name", "description", "sla_targets", "custom_fields", "is_active")
    return {field: getattr(service, field) for field in fields}


@login_required
def setup_service_create(request: AuthenticatedHttpRequest, bpo_id: int) -> HttpResponse:
    engagement = bpo_engagement(request.user, bpo_id)
    require_role(request.user, SETUP_ROLES, "Only provider admins and account managers set up services.")
    form = ServiceForm(request.POST or None)
    empty: dict[str, Any] = {"sla_targets": {}, "custom_fields": []}
    created: list[Service] = []

    def save() -> None:
        created.append(setup.create_service(request.user, engagement.pk, _cleaned(form, empty)))

    if _save(form, request, save, "Service created."):
        return redirect("web:setup_service_edit", service_id=created[0].pk)
    context = {"form": form, "engagement": engagement, "service": None}
    return render_page(request, "web/operations/setup_service.html", context, invalid=form.is_bound)


@login_required
def setup_service_edit(request: AuthenticatedHttpRequest, service_id: int) -> HttpResponse:
    service = selectors.service(request.user, service_id)
    require_role(request.user, SETUP_ROLES, "Only provider admins and account managers set up services.")
    form = ServiceForm(request.POST or None, initial=_service_initial(service))
    empty: dict[str, Any] = {"sla_targets": {}, "custom_fields": []}
    if _save(form, request, lambda: setup.update_service(request.user, service, _cleaned(form, empty)), "Saved."):
        return redirect("web:setup_service_edit", service_id=service.pk)
    queues = list(selectors.queues(request.user, service))
    context = {"form": form, "engagement": service.engagement, "service": service, "queues": queues}
    return render_page(request, "web/operations/setup_service.html", context, invalid=form.is_bound)


@login_required
def setup_queue_create(request: AuthenticatedHttpRequest, service_id: int) -> HttpResponse:
    service = selectors.service(request.user, service_id)
    require_role(request.user, SETUP_ROLES, "Only provider admins and account managers set up queues.")
    form = QueueForm(request.POST or None)
    empty: dict[str, Any] = {"required_skills": {}, "languages": []}
    if _save(form, request, lambda: setup.create_queue(request.user, service, _cleaned(form, empty)), "Queue created."):
        return redirect("web:setup_service_edit", service_id=service.pk)
    context = {"form": form, "service": service, "queue": None}
    return render_page(request, "web/operations/setup_queue.html", context, invalid=form.is_bound)


@login_required
def setup_queue_edit(request: AuthenticatedHttpRequest, queue_id: int) -> HttpResponse:
    queue = selectors.queue(request.user, queue_id)
    require_role(request.user, SETUP_ROLES, "Only provider admins and account managers set up queues.")
    initial = {f: getattr(queue, f) for f in ("name", "required_skills", "languages", "is_active")}
    form = QueueForm(request.POST or None, initial=initial)
    empty: dict[str, Any] = {"required_skills": {}, "languages": []}
    if _save(form, request, lambda: setup.update_queue(request.user, queue, _cleaned(form, empty)), "Saved."):
        return redirect("web:setup_service_edit", service_id=queue.service_id)
    context = {"form": form, "service": queue.service, "queue": queue}
    return render_page(request, "web/operations/setup_queue.html", context, invalid=form.is_bound)


def _center(center_id: int) -> DeliveryCenter:
    center = delivery_centers().filter(pk=center_id).first()
    if center is None:
        raise Http404("No such delivery center.")
    return center


@login_required
def setup_center(request: AuthenticatedHttpRequest, center_id: int) -> HttpResponse:
    """A center's weekly windows and its local holidays (provider admins, team leads)."""
    center = _center(center_id)
    require_role(request.user, AGENT_MANAGER_ROLES, "Only provider admins and team leads edit center calendars.")
    posted = request.POST.get("form", "") if request.method == "POST" else ""
    hours = HoursForm(request.POST if posted == "hours" else None, initial={"working_hours": center.working_hours})
    holiday = HolidayForm(request.POST if posted == "holiday" else None)
    if posted == "hours":
        ok = _save(
            hours,
            request,
            lambda: setup.set_center_hours(request.user, center, hours.cleaned_data["working_hours"]),
            "Hours saved.",
        )
    elif posted == "holiday":
        data = holiday.cleaned_data if holiday.is_valid() else {}
        ok = _save(
            holiday,
            request,
            lambda: setup.add_center_holiday(request.user, center, data["date"], data["name"], closed=data["closed"]),
            "Holiday saved.",
        )
    else:
        ok = False
    if ok:
        return redirect("web:setup_center", center_id=center.pk)
    context = {
        "center": center,
        "hours_form": hours,
        "holiday_form": holiday,
        "holidays": CenterHoliday.objects.filter(center=center).order_by("date"),
    }
    return render_page(request, "web/operations/setup_center.html", context, invalid=bool(posted))


@login_required
def sla_attainment_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The client's items and SLA attainment per service over the last 30 days (process owners)."""
    if not follows_items(request.user):
        raise PermissionDenied("Your role does not follow work items.")
    context = {"rows": sla_attainment(request.user), "items": list(selectors.work_items(request.user)[:100])}
    return render_page(request, "web/operations/sla_attainment.html", context)
