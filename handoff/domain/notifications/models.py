"""E-mail templates of a client, the stage-entry automations that name them, the e-mails queued from them, and
the in-app notifications people read in the nav.

All are the client's (``ClientOwned``, under row-level security): a notification about client A's submittal
belongs to client A, whoever receives it.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from handoff.domain.recruiting.models import Application, PipelineStage
from handoff.domain.tenancy.models import ClientOwned

MAX_BODY = 10_000


class TemplateKey(models.TextChoices):
    SUBMITTAL_CREATED = "submittal_created", "Submittal created (to the hiring manager)"
    SUBMITTAL_DECIDED = "submittal_decided", "Submittal decided (to the recruiter)"
    APPLICATION_REJECTED = "application_rejected", "Application rejected (to the candidate)"
    STAGE_ENTRY = "stage_entry", "Stage entered (to the candidate)"


class EmailTemplate(ClientOwned):
    """A client's own wording of one e-mail (its key); the defaults in ``templating.DEFAULTS`` stand in when missing.

    Subject and body are Django template text rendered in a sandbox (no tags loaded, no file access) against
    plain values: ``{{ candidate.first_name }}``, ``{{ requisition.title }}``, ...
    """

    key = models.SlugField(max_length=40)
    subject = models.CharField(max_length=200)
    body = models.TextField(max_length=MAX_BODY)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["key", "pk"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["client", "key"],
                name="email_template_unique_key",
                violation_error_message="The client already has a template with this key.",
            ),
        ]

    def __str__(self) -> str:
        return self.key


class StageAutomation(ClientOwned):
    """On entry to ``stage``, e-mail the candidate the client's template ``template_key``."""

    stage = models.OneToOneField(PipelineStage, on_delete=models.CASCADE, related_name="+")
    template_key = models.SlugField(max_length=40)

    class Meta:
        ordering = ["stage", "pk"]

    def __str__(self) -> str:
        return f"{self.stage_id} → {self.template_key}"


class EmailStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class OutboundEmail(ClientOwned):
    """One rendered e-mail, queued for the worker, and what became of it."""

    template_key = models.SlugField(max_length=40)
    to = models.EmailField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    application = models.ForeignKey(Application, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    status = models.CharField(max_length=8, choices=EmailStatus.choices, default=EmailStatus.QUEUED)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.template_key} to {self.to}"


class Notification(ClientOwned):
    """An in-app notification for one person: unread until they open or mark it."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.SlugField(max_length=40)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes: ClassVar = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
