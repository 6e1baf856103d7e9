"""Saved what-if scenarios of a queue: handling, targets and shrinkage a planner wants to come back to."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from handoff.domain.operations.models import Queue
from handoff.domain.tenancy.models import ClientOwned
from handoff.domain.workforce.inputs import StaffingInputs, checked_inputs

# checked_inputs' field names → this model's
FIELD_NAMES = {
    "aht": "aht_seconds",
    "target": "service_level",
    "within": "answer_within_seconds",
    "max_occupancy": "max_occupancy",
    "max_abandonment": "max_abandonment",
    "shrinkage": "shrinkage",
    "patience": "patience_seconds",
}


class StaffingScenario(ClientOwned):
    """One named set of what-if inputs for a queue (shares as fractions, times in seconds)."""

    queue = models.ForeignKey(Queue, on_delete=models.CASCADE, related_name="staffing_scenarios")
    name = models.CharField(max_length=120)
    aht_seconds = models.FloatField()
    service_level = models.FloatField(null=True, blank=True)
    answer_within_seconds = models.FloatField(default=20)
    max_occupancy = models.FloatField(null=True, blank=True)
    max_abandonment = models.FloatField(null=True, blank=True)
    shrinkage = models.DecimalField(max_digits=4, decimal_places=3, default=0)
    patience_seconds = models.FloatField(null=True, blank=True)
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar = ["name"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["queue", "name"], name="workforce_scenario_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.queue})"

    def clean(self) -> None:
        if self.queue_id is not None and self.client_id != self.queue.client_id:
            raise ValidationError({"queue": "The scenario's queue belongs to another client."})
        try:
            self.inputs()
        except ValidationError as error:
            raise ValidationError(
                {FIELD_NAMES.get(field, field): messages for field, messages in error.message_dict.items()}
            ) from error

    def inputs(self) -> StaffingInputs:
        return checked_inputs(
            aht=self.aht_seconds,
            target=self.service_level,
            within=self.answer_within_seconds,
            max_occupancy=self.max_occupancy,
            max_abandonment=self.max_abandonment,
            shrinkage=self.shrinkage,
            patience=self.patience_seconds,
        )

    def query(self) -> dict[str, str]:
        """The scenario as the what-if form's query (percentages for shares), to load it on the queue page."""
        values = {
            "aht": self.aht_seconds,
            "target": _percent(self.service_level),
            "within": self.answer_within_seconds,
            "max_occupancy": _percent(self.max_occupancy),
            "max_abandonment": _percent(self.max_abandonment),
            "shrinkage": _percent(float(self.shrinkage)),
            "patience": self.patience_seconds,
        }
        return {name: "" if value is None else f"{value:g}" for name, value in values.items()}


def _percent(share: float | None) -> float | None:
    return None if share is None else round(share * 100, 6)
