"""Forms of the macro pages: a macro's set-up, and applying one on an item (the reply box it fills)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms

from handoff.domain.operations.models import ItemStatus, MessageKind, Service
from handoff.domain.operations.placeholders import PLACEHOLDERS

PLACEHOLDER_HELP = "Placeholders: " + ", ".join(f"{{{{ {name} }}}} ({what})" for name, what in PLACEHOLDERS.items())
STATUS_CHOICES = [("", "Leave the status as it is"), *[(s.value, s.label) for s in ItemStatus if s != ItemStatus.NEW]]


class MacroForm(forms.Form):
    title = forms.CharField(max_length=200)
    service_id = forms.ChoiceField(label="Service", required=False)
    kind = forms.ChoiceField(choices=MessageKind.choices, initial=MessageKind.REPLY, widget=forms.RadioSelect)
    body = forms.CharField(
        max_length=20000, widget=forms.Textarea(attrs={"rows": 6}), label="Text", help_text=PLACEHOLDER_HELP
    )
    set_status = forms.ChoiceField(choices=STATUS_CHOICES, required=False, label="Then set the status")
    is_active = forms.BooleanField(required=False, initial=True, label="Active")

    def __init__(self, *args: Any, services: Iterable[Service] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["service_id"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "All the client's services"), *[(str(s.pk), s.name) for s in services]]

    def action_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["service_id"] = data.get("service_id") or None
        return data


class MacroApplyForm(forms.Form):
    macro = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    body = forms.CharField(max_length=20000, widget=forms.Textarea(attrs={"rows": 6}), label="Message")
