"""Forms of the web pages: they validate input; actions do the changes."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404

from handoff.domain.accounts.models import User
from handoff.domain.accounts.selectors import provider_staff
from handoff.domain.engagements.models import BpoEngagement, DeliveryCenter, HiringStage, RpoEngagement
from handoff.domain.engagements.selectors import delivery_centers
from handoff.domain.tenancy.access import access_client, visible_clients
from handoff.domain.tenancy.models import Client

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

if TYPE_CHECKING:  # ModelForm is generic for the type checker only
    _ClientModelForm = forms.ModelForm[Client]
    _BpoModelForm = forms.ModelForm[BpoEngagement]
    _RpoModelForm = forms.ModelForm[RpoEngagement]
else:
    _ClientModelForm = _BpoModelForm = _RpoModelForm = forms.ModelForm


class LoginForm(forms.Form):
    email = forms.EmailField(
        max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})
    )
    password = forms.CharField(
        strip=False, max_length=4096, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()


class ClientForm(_ClientModelForm):
    class Meta:
        model = Client
        fields: ClassVar = ["name", "legal_name", "country", "time_zone", "industry", "size", "is_active"]


class AccountTeamAssignForm(forms.Form):
    user = forms.ModelChoiceField(queryset=User.objects.none(), label="Staff member", empty_label="Choose…")

    def __init__(self, *args: Any, exclude_ids: list[int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = provider_staff().exclude(pk__in=exclude_ids or [])


class TokenCreateForm(forms.Form):
    name = forms.CharField(max_length=100, required=False, help_text="What the token is for, e.g. “payroll sync”.")


class ClientChoiceMixin:
    """For the engagement forms: on create, the client is chosen among the actor's visible clients."""

    actor: User
    fields: dict[str, forms.Field]
    initial: MutableMapping[str, Any]
    cleaned_data: dict[str, Any]

    def add_client_choice(self, actor: User, initial_client: Client | None) -> None:
        self.actor = actor
        choices = [("", "Choose a client…"), *visible_clients(actor).values_list("pk", "name")]
        self.fields = {"client": forms.ChoiceField(choices=choices, label="Client"), **self.fields}
        if initial_client is not None:
            self.initial.setdefault("client", initial_client.pk)

    def clean_client(self) -> Client:
        try:
            return access_client(self.actor, self.cleaned_data.get("client"))
        except Http404 as exc:
            raise ValidationError("Choose one of your clients.") from exc

    def action_data(self) -> dict[str, Any]:
        """The cleaned values the action applies (the client goes separately)."""
        return {name: value for name, value in self.cleaned_data.items() if name != "client"}


class BpoEngagementForm(ClientChoiceMixin, _BpoModelForm):
    class Meta:
        model = BpoEngagement
        fields: ClassVar = [
            "name",
            "status",
            "process_type",
            "office",
            "delivery_center",
            "start_date",
            "end_date",
            "sla_first_response_minutes",
            "sla_resolution_hours",
            "sla_service_level_pct",
            "pricing_model",
            "rate",
            "currency",
            "notes",
        ]
        widgets: ClassVar = {
            "start_date": DATE_WIDGET,
            "end_date": DATE_WIDGET,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        labels: ClassVar = {"rate": "Rate (in the currency below)"}

    def __init__(self, *args: Any, actor: User, initial_client: Client | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance._state.adding:
            self.add_client_choice(actor, initial_client)
        center = self.fields["delivery_center"]
        assert isinstance(center, forms.ModelChoiceField)
        current = [self.instance.delivery_center_id] if self.instance.delivery_center_id else []
        center.queryset = (delivery_centers() | DeliveryCenter.objects.filter(pk__in=current)).distinct()
        if self.instance._state.adding:
            office = self.fields["office"]
            office.required = False
            office.help_text = "Leave empty to derive it from the process type."


class RpoEngagementForm(ClientChoiceMixin, _RpoModelForm):
    provider_stages = forms.MultipleChoiceField(
        choices=HiringStage.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Stages the provider owns",
        help_text="Hybrid engagements only: enterprise and on-demand engagements give the provider every stage.",
    )

    class Meta:
        model = RpoEngagement
        fields: ClassVar = [
            "name",
            "status",
            "model",
            "provider_stages",
            "target_headcount",
            "window_start",
            "window_end",
            "start_date",
            "end_date",
            "pricing_model",
            "fee_amount",
            "currency",
            "notes",
        ]
        widgets: ClassVar = {
            "start_date": DATE_WIDGET,
            "end_date": DATE_WIDGET,
            "window_start": DATE_WIDGET,
            "window_end": DATE_WIDGET,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        labels: ClassVar = {
            "model": "RPO model",
            "target_headcount": "Target headcount (on-demand)",
            "window_start": "Hiring window starts (on-demand)",
            "window_end": "Hiring window ends (on-demand)",
            "fee_amount": "Fee (in the currency below)",
        }

    def __init__(self, *args: Any, actor: User, initial_client: Client | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance._state.adding:
            self.add_client_choice(actor, initial_client)
