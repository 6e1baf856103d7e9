"""Delivery centers (the provider's), and BPO and RPO engagements (each client's)."""

from __future__ import annotations

from typing import ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django_countries.fields import CountryField

from handoff.domain.tenancy.models import TIME_ZONE_CHOICES, ClientOwned
from handoff.engines.delivery_location import LocationDecision, Place, classify

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def default_working_hours() -> dict[str, list[list[str]]]:
    return {day: [["09:00", "12:30"], ["13:30", "18:00"]] for day in WEEKDAYS[:5]}


def validate_working_hours(value: object) -> None:
    """{"mon": [["09:00", "12:30"], ["13:30", "18:00"]], ...}: ordered, non-overlapping windows."""
    if not isinstance(value, dict):
        raise ValidationError("Working hours must map weekdays to lists of [start, end] windows.")
    for day, windows in value.items():
        if day not in WEEKDAYS:
            raise ValidationError(f"Unknown weekday {day!r}; use {', '.join(WEEKDAYS)}.")
        if not isinstance(windows, list):
            raise ValidationError(f"{day}: a list of [start, end] windows is expected.")
        previous_end = ""
        for window in windows:
            if not (isinstance(window, list) and len(window) == 2 and all(_is_hhmm(t) for t in window)):
                raise ValidationError(f'{day}: each window is ["HH:MM", "HH:MM"].')
            start, end = window
            if end <= start and end != "00:00":
                raise ValidationError(f"{day}: window {start}–{end} ends before it starts.")
            if previous_end and start < previous_end:
                raise ValidationError(f"{day}: windows overlap or are out of order.")
            previous_end = end


def _is_hhmm(text: object) -> bool:
    if not isinstance(text, str) or len(text) != 5 or text[2] != ":":
        return False
    hours, minutes = text[:2], text[3:]
    return hours.isdigit() and minutes.isdigit() and (int(hours) < 24 or text == "24:00") and int(minutes) < 60


class DeliveryCenter(models.Model):
    """A provider site from which BPO work is delivered (provider-owned, not a client's)."""

    name = models.CharField(max_length=200, unique=True)
    country = CountryField()
    city = models.CharField(max_length=120)
    time_zone = models.CharField(max_length=64, choices=TIME_ZONE_CHOICES)
    working_hours = models.JSONField(default=default_working_hours, validators=[validate_working_hours])
    holiday_country = CountryField(help_text="Country whose public holidays the center observes.")
    holiday_subdivision = models.CharField(max_length=10, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.city}, {self.country.code})"


class EngagementStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    ENDED = "ended", "Ended"


class Currency(models.TextChoices):
    USD = "USD", "US dollar"
    EUR = "EUR", "Euro"
    GBP = "GBP", "Pound sterling"
    AUD = "AUD", "Australian dollar"
    SGD = "SGD", "Singapore dollar"
    JPY = "JPY", "Japanese yen"
    VND = "VND", "Vietnamese đồng"
    INR = "INR", "Indian rupee"
    PHP = "PHP", "Philippine peso"
    MXN = "MXN", "Mexican peso"
    PLN = "PLN", "Polish złoty"


class Engagement(ClientOwned):
    """What BPO and RPO engagements share: a named contract with a period and a status."""

    name = models.CharField(max_length=200)
    status = models.CharField(max_length=16, choices=EngagementStatus.choices, default=EngagementStatus.DRAFT)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    currency = models.CharField(max_length=3, choices=Currency.choices, default=Currency.USD)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["client_id", "-start_date", "name"]

    def __str__(self) -> str:
        return self.name

    def prepare(self) -> None:
        """Fill in what is derived from the other fields before validation (overridden per kind)."""

    def clean(self) -> None:
        super().clean()
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date cannot be before the start date."})


class ProcessType(models.TextChoices):
    CUSTOMER_SERVICE = "customer_service", "Customer service"
    SALES_SUPPORT = "sales_support", "Sales and marketing support"
    IT_SUPPORT = "it_support", "IT support"
    ACCOUNTING = "accounting", "Accounting"
    PAYROLL = "payroll", "Payroll"
    DATA_ENTRY = "data_entry", "Data entry"
    OTHER = "other", "Other"


class Office(models.TextChoices):
    FRONT = "front", "Front-office (customer-facing)"
    BACK = "back", "Back-office (internal)"


FRONT_OFFICE_PROCESSES = frozenset({ProcessType.CUSTOMER_SERVICE, ProcessType.SALES_SUPPORT})


def default_office(process_type: str) -> Office:
    return Office.FRONT if process_type in FRONT_OFFICE_PROCESSES else Office.BACK


class BpoPricing(models.TextChoices):
    FTE_MONTH = "fte_month", "Per FTE-month"
    PER_TRANSACTION = "per_transaction", "Per transaction"
    OUTCOME = "outcome", "Outcome-based"
    MONTHLY_FEE = "monthly_fee", "Monthly fee"


class BpoEngagement(Engagement):
    """A client's non-core process run by the provider from a delivery center, under an SLA."""

    process_type = models.CharField(max_length=32, choices=ProcessType.choices)
    office = models.CharField(max_length=8, choices=Office.choices)
    delivery_center = models.ForeignKey(DeliveryCenter, on_delete=models.PROTECT, related_name="bpo_engagements")
    sla_first_response_minutes = models.PositiveIntegerField(
        default=60, validators=[MinValueValidator(1)], help_text="First response target, business minutes."
    )
    sla_resolution_hours = models.PositiveIntegerField(
        default=24, validators=[MinValueValidator(1)], help_text="Resolution or turnaround target, business hours."
    )
    sla_service_level_pct = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Share of items to meet the target (%).",
    )
    pricing_model = models.CharField(max_length=20, choices=BpoPricing.choices)
    rate = models.DecimalField(max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])

    class Meta(Engagement.Meta):
        verbose_name = "BPO engagement"
        indexes: ClassVar = [models.Index(fields=["client", "status"], name="bpo_client_status")]

    def prepare(self) -> None:
        """An engagement left without an office gets the usual one for its process type."""
        if not self.office and self.process_type:
            self.office = default_office(self.process_type)

    def location(self) -> LocationDecision:
        """Onshore / nearshore / offshore, derived from the client and the delivery center."""
        return classify(
            Place(self.client.country.code, self.client.time_zone),
            Place(self.delivery_center.country.code, self.delivery_center.time_zone),
        )


class RpoModel(models.TextChoices):
    ENTERPRISE = "enterprise", "Enterprise (all of recruiting, long term)"
    ON_DEMAND = "on_demand", "On-demand (a hiring surge)"
    HYBRID = "hybrid", "Hybrid (stages shared with client HR)"


class HiringStage(models.TextChoices):
    REQUISITION = "requisition", "Requisitions"
    SOURCING = "sourcing", "Sourcing"
    SCREENING = "screening", "Screening"
    INTERVIEWING = "interviewing", "Interviews"
    OFFER = "offer", "Offers"
    ONBOARDING = "onboarding", "Onboarding"


class RpoPricing(models.TextChoices):
    FEE_PER_HIRE = "fee_per_hire", "Fee per hire"
    MANAGEMENT_FEE = "management_fee", "Management fee"
    COST_PLUS = "cost_plus", "Cost-plus"


class RpoEngagement(Engagement):
    """Part or all of a client's recruiting, run by the provider."""

    model = models.CharField(max_length=16, choices=RpoModel.choices)
    provider_stages = models.JSONField(default=list, blank=True, help_text="Stages the provider owns.")
    target_headcount = models.PositiveIntegerField(null=True, blank=True)
    window_start = models.DateField(null=True, blank=True)
    window_end = models.DateField(null=True, blank=True)
    pricing_model = models.CharField(max_length=20, choices=RpoPricing.choices)
    fee_amount = models.DecimalField(max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])

    class Meta(Engagement.Meta):
        verbose_name = "RPO engagement"
        indexes: ClassVar = [models.Index(fields=["client", "status"], name="rpo_client_status")]

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        stages = self.provider_stages if isinstance(self.provider_stages, list) else None
        if stages is None or any(stage not in HiringStage.values for stage in stages):
            errors["provider_stages"] = f"Choose stages among: {', '.join(HiringStage.values)}."
        elif self.model == RpoModel.HYBRID and not (0 < len(set(stages)) < len(HiringStage.values)):
            errors["provider_stages"] = "A hybrid engagement gives the provider some stages, not none and not all."
        if self.model == RpoModel.ON_DEMAND:
            if not self.target_headcount:
                errors["target_headcount"] = "An on-demand engagement needs a target headcount."
            if not (self.window_start and self.window_end):
                errors["window_end"] = "An on-demand engagement needs a hiring window."
            elif self.window_end < self.window_start:
                errors["window_end"] = "The window cannot end before it starts."
        if errors:
            raise ValidationError(errors)

    def prepare(self) -> None:
        self.normalise_stages()

    def normalise_stages(self) -> None:
        """Enterprise and on-demand engagements own every stage; hybrid keeps its choice, in stage order."""
        if self.model != RpoModel.HYBRID:
            self.provider_stages = list(HiringStage.values)
        else:
            chosen = set(self.provider_stages or [])
            self.provider_stages = [stage for stage in HiringStage.values if stage in chosen]

    def client_stages(self) -> list[str]:
        return [stage for stage in HiringStage.values if stage not in (self.provider_stages or [])]
