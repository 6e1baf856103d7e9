"""Automation of a client's work items: rules, the record of every rule run, classifier versions, suggestions.

All client-owned. A rule belongs to a client, optionally narrowed to one of its services; its conditions
and actions are JSON read by the automation engine (``handoff.engines.automation.rules``).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from handoff.domain.operations.models import Queue, Service, WorkItem
from handoff.domain.tenancy.models import ClientOwned
from handoff.engines.automation import RuleError, parse_actions, parse_conditions


class Trigger(models.TextChoices):
    CREATE = "create", "When an item is raised"
    UPDATE = "update", "When an item's status changes"
    SCHEDULE = "schedule", "On a schedule (open items)"


class Rule(ClientOwned):
    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="automation_rules",
        help_text="Empty: every service of the client.",
    )
    name = models.CharField(max_length=200)
    trigger = models.CharField(max_length=10, choices=Trigger.choices, default=Trigger.CREATE)
    order = models.PositiveIntegerField(default=100, help_text="Lower runs first.")
    is_active = models.BooleanField(default=True)
    stop = models.BooleanField(default=False, help_text="When this rule matches, later rules do not run.")
    conditions = models.JSONField(default=dict, blank=True)
    actions = models.JSONField(default=list)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar = ["client_id", "trigger", "order", "id"]
        indexes: ClassVar = [models.Index(fields=["client", "trigger", "is_active"], name="rule_client_trigger")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        if self.service is not None and self.client_id and self.service.client_id != self.client_id:
            errors["service"] = "The service belongs to another client."
        for read in (parse_conditions, parse_actions):
            try:
                read(self.conditions if read is parse_conditions else self.actions)
            except RuleError as error:
                for path, message in error.errors.items():
                    errors.setdefault(path.split(".")[0], []).append(f"{path}: {message}")
        if errors:
            raise ValidationError(errors)


class RuleRun(ClientOwned):
    """One matched rule on one item: what it changed (``[{"kind", "field", "before", "after"}]``)."""

    item = models.ForeignKey(WorkItem, on_delete=models.CASCADE, related_name="rule_runs")
    rule = models.ForeignKey(Rule, on_delete=models.SET_NULL, null=True, related_name="runs")
    trigger = models.CharField(max_length=10, choices=Trigger.choices)
    at = models.DateTimeField()
    changes = models.JSONField(default=list)
    resolved = models.BooleanField(default=False)

    class Meta:
        ordering: ClassVar = ["-at", "-id"]
        indexes: ClassVar = [models.Index(fields=["client", "resolved"], name="rulerun_client_resolved")]


class ClassifierTarget(models.TextChoices):
    QUEUE = "queue", "Queue"
    CATEGORY = "category", "Category"


class ClassifierModel(ClientOwned):
    """One trained version of a client's classifier; its file lives under var/classifiers/<client id>/."""

    target = models.CharField(max_length=10, choices=ClassifierTarget.choices)
    version = models.PositiveIntegerField()
    trained_at = models.DateTimeField()
    samples = models.PositiveIntegerField(default=0)
    labels = models.JSONField(default=list)
    holdout_accuracy = models.FloatField(null=True, blank=True)
    baseline_accuracy = models.FloatField(null=True, blank=True)
    threshold = models.FloatField(
        default=0.8, validators=[MinValueValidator(0.0), MaxValueValidator(1.0)], help_text="Used automatically above."
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering: ClassVar = ["client_id", "target", "-version"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["client", "target", "version"], name="classifier_unique_version")
        ]

    def __str__(self) -> str:
        return f"{self.target} v{self.version}"

    @property
    def file_name(self) -> str:
        return f"{self.target}-v{self.version}.joblib"


class Suggestion(ClientOwned):
    """What the classifier suggested for a new item, and whether it was applied (confidence ≥ threshold)."""

    item = models.ForeignKey(WorkItem, on_delete=models.CASCADE, related_name="suggestions")
    target = models.CharField(max_length=10, choices=ClassifierTarget.choices)
    queue = models.ForeignKey(Queue, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    label = models.CharField(max_length=200)
    confidence = models.FloatField()
    applied = models.BooleanField(default=False)
    model_version = models.PositiveIntegerField()
    created_at = models.DateTimeField()

    class Meta:
        ordering: ClassVar = ["-created_at", "-id"]
