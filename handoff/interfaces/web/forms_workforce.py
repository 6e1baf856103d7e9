"""The what-if forms of the workforce pages: percentages on the page, shares for the domain's check."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from handoff.domain.workforce.inputs import StaffingInputs, checked_inputs
from handoff.domain.workforce.planning import MAX_FORECAST_DAYS
from handoff.interfaces.web.views.common import add_validation_errors

DEFAULTS: dict[str, Any] = {
    "aht": 300,
    "target": 80,
    "within": 20,
    "max_occupancy": 85,
    "shrinkage": 30,
    "days": 2,
    "interval_minutes": 30,
}
PERCENT_FIELDS = ("target", "max_occupancy", "max_abandonment", "shrinkage")
SPLIT = re.compile(r"[\s,;]+")


def _number(label: str, *, required: bool = False, help_text: str = "") -> forms.FloatField:
    return forms.FloatField(
        label=label, required=required, help_text=help_text, widget=forms.NumberInput(attrs={"step": "any"})
    )


class WhatIfForm(forms.Form):
    """Handling time, targets and shrinkage; ``inputs`` holds the checked values once the form is valid."""

    aht = _number("AHT (seconds)", required=True)
    target = _number("Service level target (%)", help_text="Share answered within the threshold below.")
    within = _number("Answered within (seconds)", required=True)
    max_occupancy = _number("Maximum occupancy (%)")
    shrinkage = _number("Shrinkage (%)", required=True)
    patience = _number("Mean patience (seconds)", help_text="Given: callers abandon (Erlang A).")
    max_abandonment = _number("Maximum abandonment (%)")

    inputs: StaffingInputs

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        shares = {name: (data[name] / 100 if data.get(name) is not None else None) for name in PERCENT_FIELDS}
        try:
            self.inputs = checked_inputs(
                aht=data["aht"],
                target=shares["target"],
                within=data["within"],
                max_occupancy=shares["max_occupancy"],
                max_abandonment=shares["max_abandonment"],
                shrinkage=shares["shrinkage"],
                patience=data.get("patience"),
                **self.extra_inputs(data),
            )
        except ValidationError as error:
            add_validation_errors(self, error)
        return data

    def extra_inputs(self, data: dict[str, Any]) -> dict[str, Any]:
        return {}

    def field_errors(self) -> list[tuple[str, str]]:
        """(field label, message) for every error: the live fragment names the field at fault."""
        return [
            (self.fields[name].label if name in self.fields else "Inputs", str(message))  # type: ignore[misc]
            for name, messages in self.errors.items()
            for message in messages
        ]


class QueueWhatIfForm(WhatIfForm):
    """The queue page's form: also how many days ahead to forecast."""

    days = forms.IntegerField(label="Days ahead", min_value=1, max_value=MAX_FORECAST_DAYS, required=True)


class ScenarioForm(QueueWhatIfForm):
    """The what-if inputs under a name, to save them for the queue."""

    name = forms.CharField(label="Scenario name", max_length=120)


class CalculatorForm(WhatIfForm):
    """The standalone calculator: calls per interval typed in, no queue needed."""

    calls = forms.CharField(
        label="Calls per interval",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One number per interval, separated by spaces or commas, e.g. 40 80 120 100.",
    )
    interval_minutes = forms.TypedChoiceField(
        label="Interval (minutes)", choices=[(15, "15"), (30, "30"), (60, "60")], coerce=int
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(["calls", "interval_minutes"])  # the rest keep their order after these

    def clean_calls(self) -> list[float]:
        text = self.cleaned_data["calls"].strip()
        try:
            values = [float(part) for part in SPLIT.split(text) if part]
        except ValueError as error:
            raise ValidationError("calls must be numbers separated by spaces or commas") from error
        if not values:
            raise ValidationError("give the calls of at least one interval")
        return values

    def extra_inputs(self, data: dict[str, Any]) -> dict[str, Any]:
        return {"calls": data["calls"], "interval_minutes": data["interval_minutes"]}


def bound_form[F: WhatIfForm](form_class: type[F], query: Any, *, extra: dict[str, Any] | None = None) -> F:
    """The form bound to the query string, or to the defaults on a first visit (always validated)."""
    data = query if any(name in query for name in form_class.base_fields) else {**DEFAULTS, **(extra or {})}
    form = form_class(data)
    form.is_valid()
    return form
