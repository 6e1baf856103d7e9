"""Forms of the operations pages: the intake form built from a service's custom fields, replies, status."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from handoff.domain.operations.models import ItemStatus, ItemType, MessageKind, Priority, Queue, Service, WorkItem

CUSTOM_PREFIX = "cf_"


def custom_field_values(cleaned_data: dict[str, Any]) -> dict[str, Any]:
    """The filled custom fields of a cleaned form, by field name (dates as ISO text)."""
    return {
        name.removeprefix(CUSTOM_PREFIX): value.isoformat() if isinstance(value, dt.date) else value
        for name, value in cleaned_data.items()
        if name.startswith(CUSTOM_PREFIX) and value not in ("", None)
    }


def _custom_field(entry: dict[str, Any]) -> forms.Field:
    """A form field for one entry of a service's spec (the action checks the values again)."""
    label = entry.get("label") or entry["name"].replace("_", " ").capitalize()
    required = bool(entry.get("required", False))
    kind = entry["type"]
    if kind == "choice":
        choices = [("", "—"), *((choice, choice) for choice in entry["choices"])]
        return forms.ChoiceField(label=label, required=required, choices=choices)
    if kind == "boolean":
        return forms.BooleanField(label=label, required=False)
    if kind == "date":
        return forms.DateField(label=label, required=required, widget=forms.DateInput(attrs={"type": "date"}))
    if kind == "integer":
        return forms.IntegerField(label=label, required=required)
    if kind == "number":
        return forms.FloatField(label=label, required=required, widget=forms.NumberInput(attrs={"step": "any"}))
    return forms.CharField(label=label, required=required, max_length=2000)


class IntakeForm(forms.Form):
    """A new work item on one service: its fixed fields, then the service's own."""

    title = forms.CharField(max_length=300)
    item_type = forms.ChoiceField(choices=ItemType.choices, initial=ItemType.TICKET, label="Type")
    priority = forms.ChoiceField(choices=Priority.choices, initial=Priority.NORMAL)
    queue: forms.ModelChoiceField[Queue] = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="Default queue"
    )
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=20000)

    def __init__(self, *args: Any, service: Service, queues: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.service = service
        queue_field = self.fields["queue"]
        assert isinstance(queue_field, forms.ModelChoiceField)
        queue_field.queryset = queues
        for entry in service.custom_fields or []:
            self.fields[CUSTOM_PREFIX + entry["name"]] = _custom_field(entry)

    def action_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        queue = data.get("queue")
        return {
            "title": data["title"],
            "item_type": data["item_type"],
            "priority": data["priority"],
            "description": data.get("description", ""),
            "queue_id": queue.pk if queue is not None else None,
            "custom_fields": {
                name.removeprefix(CUSTOM_PREFIX): value.isoformat() if isinstance(value, dt.date) else value
                for name, value in data.items()
                if name.startswith(CUSTOM_PREFIX) and value not in ("", None)
            },
        }

    def add_action_errors(self, error: ValidationError) -> None:
        """Put the action's errors on their fields (``custom_fields.x`` on ``cf_x``, ``queue`` on the queue)."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field, messages in error.message_dict.items():
            name = CUSTOM_PREFIX + field.removeprefix("custom_fields.") if field.startswith("custom_fields.") else field
            self.add_error(name if name in self.fields else None, messages)


class CustomFieldsForm(forms.Form):
    """An item's custom field values, pre-filled with the current ones (how an email item gets its fields)."""

    def __init__(self, *args: Any, item: WorkItem, **kwargs: Any) -> None:
        current = item.custom_fields if isinstance(item.custom_fields, dict) else {}
        kwargs.setdefault("initial", {CUSTOM_PREFIX + name: value for name, value in current.items()})
        super().__init__(*args, **kwargs)
        for entry in item.service.custom_fields or []:
            self.fields[CUSTOM_PREFIX + entry["name"]] = _custom_field(entry)

    def values(self) -> dict[str, Any]:
        return custom_field_values(self.cleaned_data)

    def add_action_errors(self, error: ValidationError) -> None:
        add_field_errors(self, error)


def add_field_errors(form: forms.Form, error: ValidationError) -> None:
    """An action's errors on the form's fields (``custom_fields.x`` on ``cf_x``); others above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        name = CUSTOM_PREFIX + field.removeprefix("custom_fields.") if field.startswith("custom_fields.") else field
        form.add_error(name if name in form.fields else None, messages)


class MessageForm(forms.Form):
    kind = forms.ChoiceField(choices=MessageKind.choices, initial=MessageKind.REPLY, widget=forms.RadioSelect)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=20000, label="Message")


class ClientMessageForm(forms.Form):
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=20000, label="Reply")


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=ItemStatus.choices)
