"""Forms of the automation pages: a rule (JSON conditions and actions), the classifier's training request."""

from __future__ import annotations

import json
from typing import Any

from django import forms

from handoff.domain.automation.models import ClassifierTarget, Trigger

CONDITIONS_HELP = (
    'JSON. E.g. {"all": [{"field": "title", "op": "contains", "value": "refund"}, '
    '{"field": "priority", "op": "priority_at_least", "value": "high"}]}. Operators: equals, not_equals, in, '
    "not_in, contains, not_contains, regex, priority_at_least, gt, gte, lt, lte, is_empty, not_empty. "
    "Fields: title, description, text, priority, item_type, status, service, queue, age_hours, custom_fields.<name>."
)
ACTIONS_HELP = (
    'JSON list. E.g. [{"type": "set_field", "field": "priority", "value": "urgent"}, {"type": "route", "queue_id": 3}, '
    '{"type": "reply", "template": "Thanks, we received {title}"}, {"type": "resolve"}, '
    '{"type": "create_child", "title": "Check {custom_fields.order_id}"}].'
)


class JsonField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 5, "spellcheck": "false"})

    def to_python(self, value: Any) -> Any:
        text = super().to_python(value)
        if not text:
            return None
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise forms.ValidationError(f"This is not valid JSON: {error.msg} (line {error.lineno}).") from error

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dict | list):
            return json.dumps(value, indent=2)
        return value


class RuleForm(forms.Form):
    name = forms.CharField(max_length=200)
    service_id = forms.TypedChoiceField(label="Service", required=False, coerce=int, empty_value=None)
    trigger = forms.ChoiceField(choices=Trigger.choices)
    order = forms.IntegerField(min_value=0, max_value=1_000_000, initial=100, help_text="Lower runs first.")
    is_active = forms.BooleanField(required=False, initial=True, label="Active")
    stop = forms.BooleanField(required=False, label="Stop later rules when this one matches")
    conditions = JsonField(required=False, help_text=CONDITIONS_HELP)
    actions = JsonField(help_text=ACTIONS_HELP)

    def __init__(self, *args: Any, services: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["service_id"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "Every service"), *(services or [])]

    def rule_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["conditions"] = data.get("conditions") or {}
        return data


class TrainForm(forms.Form):
    target = forms.ChoiceField(choices=ClassifierTarget.choices)
    threshold = forms.FloatField(
        required=False, min_value=0.0, max_value=1.0, help_text="Apply a suggestion automatically at or above this."
    )
