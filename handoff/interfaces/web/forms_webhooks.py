"""Forms of the webhook pages."""

from __future__ import annotations

from typing import Any

from django import forms

from handoff.domain.tenancy.access import Actor, visible_clients
from handoff.domain.tenancy.models import Client
from handoff.domain.webhooks.models import WebhookEndpoint, WebhookEvent


class EndpointForm(forms.ModelForm):  # type: ignore[type-arg]
    events = forms.MultipleChoiceField(
        choices=WebhookEvent.choices, widget=forms.CheckboxSelectMultiple, label="Events"
    )

    class Meta:
        model = WebhookEndpoint
        fields = ("url", "description", "events", "active")
        labels = {"url": "URL"}

    def action_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class NewEndpointForm(EndpointForm):
    client: forms.ModelChoiceField[Client] = forms.ModelChoiceField(queryset=Client.objects.none(), label="Client")

    class Meta(EndpointForm.Meta):
        fields = ("url", "description", "events", "active")

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["client"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = visible_clients(actor).order_by("name")
        self.order_fields(["client", "url", "description", "events", "active"])
