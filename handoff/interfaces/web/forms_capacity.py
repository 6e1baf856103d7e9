"""The recruiter capacity form: hires by a date, optional overrides of the measured funnel (percentages)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from handoff.domain.workforce.capacity import MAX_HIRES, MAX_RAMP, MeasuredFunnel
from handoff.interfaces.web.views.common import add_validation_errors

RATE_PREFIX = "rate_"


class CapacityForm(forms.Form):
    """Hires, dates and the ramp limit; one optional conversion override (%) per funnel stage after the first."""

    hires = forms.IntegerField(label="Hires", min_value=1, max_value=MAX_HIRES)
    start = forms.DateField(label="Start date", widget=forms.DateInput(attrs={"type": "date"}))
    deadline = forms.DateField(label="Hired by", widget=forms.DateInput(attrs={"type": "date"}))
    max_ramp = forms.IntegerField(
        label="Maximum ramp (recruiters a week)",
        min_value=1,
        max_value=MAX_RAMP,
        initial=2,
        help_text="How many recruiters may join or leave the team in one week.",
    )
    throughput = forms.FloatField(
        label="Throughput override (stage moves per recruiter-week)",
        required=False,
        min_value=0.01,
        widget=forms.NumberInput(attrs={"step": "any"}),
    )

    def __init__(self, *args: Any, funnel: MeasuredFunnel, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for stage in funnel.stages[1:]:
            self.fields[RATE_PREFIX + stage.key] = forms.FloatField(
                label=f"Conversion into {stage.name} (%)",
                required=False,
                min_value=0.01,
                max_value=100,
                widget=forms.NumberInput(attrs={"step": "any", "placeholder": f"{stage.conversion.value * 100:.0f}"}),
            )

    def conversions(self) -> dict[str, float]:
        """The overridden conversion rates as shares, by stage key."""
        return {
            name.removeprefix(RATE_PREFIX): value / 100
            for name, value in self.cleaned_data.items()
            if name.startswith(RATE_PREFIX) and value is not None
        }

    def put_errors(self, error: ValidationError) -> None:
        """The domain's refusal on the field it names (conversion errors on the form: they concern a stage)."""
        if hasattr(error, "error_dict") and "conversions" in error.error_dict:
            for message in error.error_dict.pop("conversions"):
                self.add_error(None, message)
        add_validation_errors(self, error)
