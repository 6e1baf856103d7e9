"""Offers with their versions and approvals, per-client settings, onboarding checklists and hire surveys.

Every table is the client's (``ClientOwned``): the client comes from the application the offer is for.
Versions are never edited: changed terms are a new ``OfferVersion`` and the approval chain restarts.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from handoff.domain.recruiting.models import Application
from handoff.domain.tenancy.models import ClientOwned


class OfferStatus(models.TextChoices):
    PENDING_APPROVAL = "pending_approval", "Waiting for approval"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    EXTENDED = "extended", "Sent to the candidate"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    EXPIRED = "expired", "Expired"
    WITHDRAWN = "withdrawn", "Withdrawn"


class OfferSettings(ClientOwned):
    """A client's approval chain (ordered roles) and offer-letter template."""

    chain = models.JSONField(default=list, blank=True, help_text='[{"role": "hiring_manager", "label": "..."}, ...]')
    letter_template = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints: ClassVar = [models.UniqueConstraint(fields=["client"], name="offer_settings_one_per_client")]

    def __str__(self) -> str:
        return f"Offer settings of {self.client_id}"


class Offer(ClientOwned):
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="offers")
    status = models.CharField(max_length=20, choices=OfferStatus.choices, default=OfferStatus.PENDING_APPROVAL)
    chain = models.JSONField(default=list)  # the client's chain when the offer was made
    link_nonce = models.CharField(max_length=32, blank=True)  # the current accept/decline link; "" = none usable
    sent_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_ip = models.GenericIPAddressField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Offer {self.pk} for application {self.application_id}"


class OfferVersion(ClientOwned):
    """One set of terms; read-only once written."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    offer_date = models.DateField()
    start_date = models.DateField()
    base_salary = models.DecimalField(max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])
    currency = models.CharField(max_length=3)
    bonus = models.DecimalField(max_digits=12, decimal_places=2, default=0, validators=[MinValueValidator(0)])
    equity = models.CharField(max_length=300, blank=True)
    benefits = models.TextField(blank=True)
    expires_on = models.DateField()
    below_range = models.BooleanField(default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["offer", "number"]
        constraints: ClassVar = [models.UniqueConstraint(fields=["offer", "number"], name="offer_version_unique")]

    def __str__(self) -> str:
        return f"Offer {self.offer_id} v{self.number}"


class OfferApproval(ClientOwned):
    """One decision of one step of the chain on one version: who, when, approved or not."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="approvals")
    version = models.PositiveIntegerField()
    step = models.PositiveSmallIntegerField()
    role = models.CharField(max_length=32)
    label = models.CharField(max_length=80)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    approved = models.BooleanField()
    comment = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["offer", "version", "step"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["offer", "version", "step"], name="offer_approval_unique_step")
        ]

    def __str__(self) -> str:
        return f"Offer {self.offer_id} v{self.version} step {self.step}"


# --- onboarding ---------------------------------------------------------------------------------------------


class TaskKind(models.TextChoices):
    DOCUMENT = "document", "Document to collect"
    EQUIPMENT = "equipment", "Equipment"
    ACCOUNT = "account", "Account"
    FIRST_DAY = "first_day", "First-day plan"


class TaskSide(models.TextChoices):
    CLIENT = "client", "Client"
    PROVIDER = "provider", "Provider"
    CANDIDATE = "candidate", "Candidate"


class ChecklistItem(ClientOwned):
    """One task of a client's onboarding checklist template."""

    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=TaskKind.choices)
    side = models.CharField(max_length=10, choices=TaskSide.choices)
    due_offset_days = models.IntegerField(
        default=0,
        validators=[MinValueValidator(-90), MaxValueValidator(365)],
        help_text="Days after the start date (negative: before it).",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class Onboarding(ClientOwned):
    """The checklist of one accepted offer (its tasks copied from the template at acceptance)."""

    offer = models.OneToOneField(Offer, on_delete=models.CASCADE, related_name="onboarding")
    start_date = models.DateField()
    link_nonce = models.CharField(max_length=32)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "-pk"]

    def __str__(self) -> str:
        return f"Onboarding of offer {self.offer_id}"


class OnboardingTask(ClientOwned):
    onboarding = models.ForeignKey(Onboarding, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=TaskKind.choices)
    side = models.CharField(max_length=10, choices=TaskSide.choices)
    due_on = models.DateField()
    position = models.PositiveSmallIntegerField(default=0)
    document = models.FileField(upload_to="onboarding/%Y/%m/", blank=True)
    document_name = models.CharField(max_length=200, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "position", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def done(self) -> bool:
        return self.completed_at is not None


# --- quality of hire -------------------------------------------------------------------------------------------

SURVEY_MILESTONES = (30, 90, 180)


class HireSurvey(ClientOwned):
    """The hiring manager's answers about a hire at 30, 90 or 180 days after the start date."""

    onboarding = models.ForeignKey(Onboarding, on_delete=models.CASCADE, related_name="surveys")
    milestone_days = models.PositiveSmallIntegerField()
    due_on = models.DateField()
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    performance_rating = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    satisfaction = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    still_employed = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["onboarding", "milestone_days"], name="hire_survey_unique_milestone")
        ]

    def __str__(self) -> str:
        return f"{self.milestone_days}-day survey of onboarding {self.onboarding_id}"
