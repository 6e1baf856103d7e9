"""Assurance of BPO work items: every table is client-owned (the client being the item's).

- ``ChangeRequest``: a maker's change to an item of an accounting or payroll service (the item's custom
  field values before and after), waiting for a checker; ``AuditEntry``: one row per step (append only).
- ``QaPlan`` and ``ScorecardCriterion``: per service, the share of each agent's resolved items sampled each
  week and the weighted criteria reviewers score; ``QaSample``: an item drawn for a week; ``QaReview``: one
  reviewer's scorecard of a sampled item (two reviews of one item are a calibration).
- ``CsatSurvey``: the satisfaction survey sent to an item's requester on resolution, and its answer.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from handoff.domain.operations.models import Service, WorkItem
from handoff.domain.tenancy.models import ClientOwned


class ChangeState(models.TextChoices):
    PENDING = "pending", "Waiting for a checker"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class ChangeRequest(ClientOwned):
    """A maker's change to an item (custom field values), applied only once a different person approves it."""

    item = models.ForeignKey(WorkItem, on_delete=models.CASCADE, related_name="change_requests")
    maker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField()
    before = models.JSONField(default=dict, help_text="The item's custom field values when the change was made.")
    after = models.JSONField(default=dict, help_text="The values the maker proposes.")
    note = models.TextField(blank=True, max_length=2000)
    state = models.CharField(max_length=10, choices=ChangeState.choices, default=ChangeState.PENDING)
    checker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["item"], condition=models.Q(state="pending"), name="change_one_pending_per_item"
            ),
            # the second wall behind the action's check: the database refuses a maker checking their own change
            models.CheckConstraint(
                condition=models.Q(checker__isnull=True) | ~models.Q(checker=models.F("maker")),
                name="change_checker_is_not_maker",
            ),
        ]

    def __str__(self) -> str:
        return f"Change #{self.pk} of item #{self.item_id} ({self.state})"


class AuditAction(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class AuditEntry(ClientOwned):
    """One step of a maker-checker change: who, when, what, and the values before and after."""

    change = models.ForeignKey(ChangeRequest, on_delete=models.CASCADE, related_name="audit")
    item = models.ForeignKey(WorkItem, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    action = models.CharField(max_length=10, choices=AuditAction.choices)
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]


class QaPlan(ClientOwned):
    """A service's QA sampling: the share (percent) of each agent's resolved items reviewed each week."""

    service = models.OneToOneField(Service, on_delete=models.CASCADE, related_name="qa_plan")
    share_percent = models.PositiveSmallIntegerField(
        default=5, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    def __str__(self) -> str:
        return f"QA of {self.service}: {self.share_percent}%"


class ScorecardCriterion(ClientOwned):
    """One line of a service's scorecard: points from 0 to ``max_points``, counted with ``weight``."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="qa_criteria")
    key = models.SlugField(max_length=40)
    label = models.CharField(max_length=120)
    weight = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(100)])
    max_points = models.PositiveSmallIntegerField(default=5, validators=[MinValueValidator(1), MaxValueValidator(10)])
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["service_id", "position", "id"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["service", "key"], name="criterion_unique_key_per_service")
        ]

    def __str__(self) -> str:
        return f"{self.label} (×{self.weight})"


class QaSample(ClientOwned):
    """An item drawn for QA review in a week (the Monday of the ISO week, UTC)."""

    item = models.OneToOneField(WorkItem, on_delete=models.CASCADE, related_name="qa_sample")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+")
    agent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    week = models.DateField()
    drawn_at = models.DateTimeField()

    class Meta:
        ordering = ["-week", "service_id", "agent_id", "item_id"]
        indexes: ClassVar = [models.Index(fields=["client", "week"], name="qa_sample_client_week")]


class QaReview(ClientOwned):
    """A reviewer's scorecard of a sampled item; the criteria are kept as they were when it was scored."""

    sample = models.ForeignKey(QaSample, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    criteria = models.JSONField(default=list, help_text="[{key, label, weight, max_points}] at scoring time.")
    points = models.JSONField(default=dict)
    score = models.DecimalField(max_digits=5, decimal_places=2)
    comment = models.TextField(blank=True, max_length=4000)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["sample_id", "created_at", "id"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["sample", "reviewer"], name="qa_review_one_per_reviewer")
        ]


class CsatSurvey(ClientOwned):
    """The satisfaction survey of a resolved item: sent once to its requester, answered once (1–5)."""

    item = models.OneToOneField(WorkItem, on_delete=models.CASCADE, related_name="csat_survey")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+")
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    email = models.EmailField()
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    score = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes: ClassVar = [models.Index(fields=["client", "answered_at"], name="csat_client_answered")]
