"""Forms of the assurance pages: the maker's change, a checker's rejection, a scorecard, the CSAT answer."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from handoff.domain.assurance.models import ScorecardCriterion
from handoff.domain.operations.models import WorkItem
from handoff.interfaces.web.forms_operations import CUSTOM_PREFIX, _custom_field, custom_field_values

POINTS_PREFIX = "pt_"


class ChangeForm(forms.Form):
    """The item's custom field values, pre-filled with the current ones; the maker edits and submits."""

    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000, label="Note for the checker"
    )

    def __init__(self, *args: Any, item: WorkItem, **kwargs: Any) -> None:
        current = item.custom_fields if isinstance(item.custom_fields, dict) else {}
        kwargs.setdefault("initial", {CUSTOM_PREFIX + name: value for name, value in current.items()})
        super().__init__(*args, **kwargs)
        for entry in item.service.custom_fields or []:
            self.fields[CUSTOM_PREFIX + entry["name"]] = _custom_field(entry)
        self.order_fields([name for name in self.fields if name != "note"])

    def values(self) -> dict[str, Any]:
        return custom_field_values(self.cleaned_data)

    def add_action_errors(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field, messages in error.message_dict.items():
            name = CUSTOM_PREFIX + field.removeprefix("custom_fields.") if field.startswith("custom_fields.") else field
            self.add_error(name if name in self.fields else None, messages)


class RejectForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, label="Reason")


class ScorecardForm(forms.Form):
    """One number field per criterion (0 to its maximum), and a comment."""

    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=4000)

    def __init__(self, *args: Any, criteria: list[ScorecardCriterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for criterion in criteria:
            self.fields[POINTS_PREFIX + criterion.key] = forms.IntegerField(
                label=f"{criterion.label} (weight {criterion.weight}, 0–{criterion.max_points})",
                min_value=0,
                max_value=criterion.max_points,
            )
        self.order_fields([name for name in self.fields if name != "comment"])

    def points(self) -> dict[str, int]:
        return {
            name.removeprefix(POINTS_PREFIX): int(value)
            for name, value in self.cleaned_data.items()
            if name.startswith(POINTS_PREFIX)
        }


class QaPlanForm(forms.Form):
    share_percent = forms.IntegerField(min_value=1, max_value=100, label="Share of each agent's resolved items (%)")
    criteria = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="One criterion a line: key, label, weight, maximum points (e.g. accuracy, Accuracy, 40, 5).",
    )

    def criteria_list(self) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        for number, line in enumerate(self.cleaned_data["criteria"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split(",")]
            if len(parts) != 4 or not parts[2].isdigit() or not parts[3].isdigit():
                raise ValidationError({"criteria": f"Line {number}: key, label, weight, maximum points."})
            rows.append({"key": parts[0], "label": parts[1], "weight": int(parts[2]), "max_points": int(parts[3])})
        return rows


class CsatForm(forms.Form):
    score = forms.TypedChoiceField(
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
        label="How satisfied are you? (5 = very satisfied, 1 = very dissatisfied)",
    )
    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000)
