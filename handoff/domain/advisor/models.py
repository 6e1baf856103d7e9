"""Versioned rate cards and assumption sets, saved advisor reports, and leads (prospect records).

Rate cards and assumption sets are never edited in place: each change is a new version (a new row),
and every saved report points at the versions it used, so an old report can be re-rendered exactly.
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from handoff.domain.engagements.models import Currency, DeliveryCenter, ProcessType
from handoff.domain.tenancy.models import Client


class RateCard(models.Model):
    """One version of the provider's BPO rate card: per delivery center and process, a rate per FTE-month."""

    version = models.PositiveIntegerField(unique=True)
    currency = models.CharField(max_length=3, choices=Currency.choices, default=Currency.USD)
    illustrative = models.BooleanField(default=False, help_text="Demo values, not a quote.")
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"Rate card v{self.version}"


class RateCardLine(models.Model):
    rate_card = models.ForeignKey(RateCard, on_delete=models.PROTECT, related_name="lines")
    delivery_center = models.ForeignKey(DeliveryCenter, on_delete=models.PROTECT, related_name="+")
    process_kind = models.CharField(max_length=32, choices=ProcessType.choices)
    rate_low = models.DecimalField(max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])
    rate_high = models.DecimalField(max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])

    class Meta:
        ordering = ["delivery_center__name", "process_kind"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["rate_card", "delivery_center", "process_kind"], name="ratecardline_unique_center_process"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.delivery_center_id}/{self.process_kind}: {self.rate_low}–{self.rate_high}"

    def clean(self) -> None:
        super().clean()
        if self.rate_low is not None and self.rate_high is not None and self.rate_high < self.rate_low:
            raise ValidationError({"rate_high": "The high rate cannot be below the low rate."})


class AssumptionSet(models.Model):
    """One version of the cost model's assumptions: the values that differ from the engine's defaults."""

    version = models.PositiveIntegerField(unique=True)
    values = models.JSONField(default=dict, blank=True)
    illustrative = models.BooleanField(default=False, help_text="Demo values, not market data.")
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"Assumptions v{self.version}"


class AdvisorReport(models.Model):
    """A prospect's answers and the advice given, with every input needed to render it again.

    The id is a random UUID: the report's URL is its only key (the advisor is public).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    answers = models.JSONField()
    advice = models.JSONField()
    overrides = models.JSONField(default=dict, blank=True, help_text="Assumptions the prospect changed.")
    measured = models.JSONField(default=dict, blank=True, help_text="Measured medians used.")
    rate_card = models.ForeignKey(RateCard, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    assumption_set = models.ForeignKey(AssumptionSet, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Advisor report {self.pk}"


class LeadStatus(models.TextChoices):
    NEW = "new", "New"
    CONTACTED = "contacted", "Contacted"
    CONVERTED = "converted", "Converted to a client"
    DECLINED = "declined", "Declined"


class Lead(models.Model):
    """A prospect who asked for a proposal: for the provider's account managers."""

    report = models.ForeignKey(AdvisorReport, on_delete=models.PROTECT, related_name="leads")
    name = models.CharField(max_length=200)
    company = models.CharField(max_length=200)
    email = models.EmailField()
    message = models.TextField(blank=True, max_length=4000)
    consent = models.BooleanField()
    consent_at = models.DateTimeField()
    consent_ip = models.GenericIPAddressField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=LeadStatus.choices, default=LeadStatus.NEW)
    client = models.ForeignKey(Client, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    converted_at = models.DateTimeField(null=True, blank=True)
    converted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes: ClassVar = [models.Index(fields=["status", "created_at"], name="lead_status_created")]

    def __str__(self) -> str:
        return f"{self.company} ({self.name})"

    def clean(self) -> None:
        super().clean()
        if not self.consent:
            raise ValidationError({"consent": "We can only contact you with your consent."})
