"""A client's matching weights: how much each factor counts when its requisitions' candidates are ranked."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from handoff.domain.tenancy.models import ClientOwned
from handoff.engines.matching import FACTORS, Weights

MAX_WEIGHT = 10.0
_DEFAULTS = Weights()


def _weight_field(name: str) -> models.FloatField[float, float]:
    return models.FloatField(
        default=getattr(_DEFAULTS, name), validators=[MinValueValidator(0.0), MaxValueValidator(MAX_WEIGHT)]
    )


class MatchWeights(ClientOwned):
    """One client's weights (relative, renormalised over the factors a requisition uses) and blind mode.

    With ``blind`` on, every screen of the client's matches hides names, photos and contact details;
    the score never looks at them in any mode.
    """

    lexical = _weight_field("lexical")
    required_skills = _weight_field("required_skills")
    preferred_skills = _weight_field("preferred_skills")
    title = _weight_field("title")
    experience = _weight_field("experience")
    location = _weight_field("location")
    salary = _weight_field("salary")
    languages = _weight_field("languages")
    blind = models.BooleanField(default=False, help_text="Hide names, photos and contact details on match screens.")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "match weights"
        constraints: ClassVar = [models.UniqueConstraint(fields=["client"], name="matching_weights_one_per_client")]

    def __str__(self) -> str:
        return f"Match weights of {self.client_id}"

    def clean(self) -> None:
        super().clean()
        if sum(float(getattr(self, name) or 0) for name in FACTORS) <= 0:
            raise ValidationError({"lexical": "At least one weight must be above 0."})

    def weights(self) -> Weights:
        return Weights.from_mapping({name: float(getattr(self, name)) for name in FACTORS})
