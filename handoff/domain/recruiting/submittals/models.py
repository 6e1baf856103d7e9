"""A submittal (a screened application sent to the client with a write-up), each client decision on it, and the
per-client SLA targets its clocks run against.

All three are the client's (``ClientOwned``, under row-level security).
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from handoff.domain.engagements.models import RpoEngagement
from handoff.domain.recruiting.models import Application, Requisition
from handoff.domain.tenancy.models import ClientOwned
from handoff.engines.submittal_sla import DEFAULT_FEEDBACK_HOURS, DEFAULT_FIRST_SUBMITTAL_HOURS

MAX_WRITE_UP = 5000
MAX_TARGET_HOURS = 24 * 90


class SubmittalStatus(models.TextChoices):
    PENDING = "pending", "Waiting for the client"
    INTERVIEW = "interview", "Interview"
    REJECTED = "rejected", "Rejected"
    ON_HOLD = "on_hold", "On hold"


class Decision(models.TextChoices):
    INTERVIEW = "interview", "Interview"
    REJECTED = "rejected", "Reject"
    ON_HOLD = "on_hold", "Hold"


# A submittal the client still has to settle: one at a time per application.
OPEN_SUBMITTAL_STATUSES = frozenset({SubmittalStatus.PENDING, SubmittalStatus.ON_HOLD})


class Submittal(ClientOwned):
    """One application sent to the client for review, with the recruiter's write-up."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="submittals")
    requisition = models.ForeignKey(Requisition, on_delete=models.CASCADE, related_name="submittals")
    write_up = models.TextField(max_length=MAX_WRITE_UP)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    submitted_at = models.DateTimeField()
    status = models.CharField(max_length=12, choices=SubmittalStatus.choices, default=SubmittalStatus.PENDING)
    first_decided_at = models.DateTimeField(null=True, blank=True, help_text="Stops the client-feedback clock.")
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(max_length=300, blank=True)
    feedback = models.TextField(max_length=MAX_WRITE_UP, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        indexes: ClassVar = [models.Index(fields=["client", "status"], name="submittal_client_status")]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["application"],
                condition=models.Q(status__in=["pending", "on_hold"]),
                name="submittal_one_open_per_application",
                violation_error_message="This application already has a submittal waiting for the client.",
            ),
        ]

    def __str__(self) -> str:
        return f"Submittal of application {self.application_id}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_SUBMITTAL_STATUSES


class SubmittalDecision(ClientOwned):
    """One decision of the client on a submittal: what, why, the feedback, who and when."""

    submittal = models.ForeignKey(Submittal, on_delete=models.CASCADE, related_name="decisions")
    decision = models.CharField(max_length=12, choices=Decision.choices)
    reason = models.CharField(max_length=300, blank=True)
    feedback = models.TextField(max_length=MAX_WRITE_UP, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.submittal_id}: {self.decision}"


class SubmittalSla(ClientOwned):
    """The SLA targets of a client (``engagement`` empty) or of one of its engagements (which wins)."""

    engagement = models.ForeignKey(
        RpoEngagement, on_delete=models.CASCADE, null=True, blank=True, related_name="submittal_slas"
    )
    first_submittal_hours = models.PositiveIntegerField(
        default=DEFAULT_FIRST_SUBMITTAL_HOURS,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_TARGET_HOURS)],
        help_text="From the requisition's opening to its first submittal.",
    )
    feedback_hours = models.PositiveIntegerField(
        default=DEFAULT_FEEDBACK_HOURS,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_TARGET_HOURS)],
        help_text="From a submittal to the client's first decision on it.",
    )

    class Meta:
        ordering = ["client", "engagement", "pk"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["client"], condition=models.Q(engagement__isnull=True), name="submittal_sla_client"
            ),
            models.UniqueConstraint(
                fields=["client", "engagement"],
                condition=models.Q(engagement__isnull=False),
                name="submittal_sla_engagement",
            ),
        ]

    def __str__(self) -> str:
        return f"SLA of client {self.client_id}"
