"""A client's webhook endpoints, the deliveries of events to them, and every attempt of each delivery.

All three are the client's (``ClientOwned``, row-level security): an endpoint's URL and secret, and what
was sent to it, are seen only by those who see the client.
"""

from __future__ import annotations

import secrets
import uuid
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from handoff.domain.tenancy.models import ClientOwned


class WebhookEvent(models.TextChoices):
    STAGE_CHANGED = "application.stage_changed", "An application changed stage"
    HIRED = "application.hired", "A candidate was hired"


def new_secret() -> str:
    return f"whsec_{secrets.token_urlsafe(32)}"


def validate_events(value: object) -> None:
    if not (isinstance(value, list) and value and all(item in WebhookEvent.values for item in value)):
        raise ValidationError(f"Choose one or more events among: {', '.join(WebhookEvent.values)}.")
    if len(set(value)) != len(value):
        raise ValidationError("An event is listed twice.")


class WebhookEndpoint(ClientOwned):
    url = models.URLField(max_length=500, help_text="Where the events are POSTed (https in production).")
    description = models.CharField(max_length=200, blank=True)
    secret = models.CharField(max_length=80, default=new_secret, editable=False)
    events = models.JSONField(default=list, validators=[validate_events])
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.url


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    RETRYING = "retrying", "Retrying"
    SUCCEEDED = "succeeded", "Delivered"
    FAILED = "failed", "Failed"


class WebhookDelivery(ClientOwned):
    """One event to one endpoint: its body is fixed when the event happens and sent as it is on every attempt."""

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.CharField(max_length=40, choices=WebhookEvent.choices)
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-created_at", "-pk"]
        indexes: ClassVar = [models.Index(fields=["client", "endpoint", "created_at"], name="webhook_delivery_log")]

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint_id}"


class WebhookAttempt(ClientOwned):
    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log")
    number = models.PositiveSmallIntegerField()
    at = models.DateTimeField()
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering: ClassVar = ["number", "pk"]

    def __str__(self) -> str:
        return f"Attempt {self.number} of {self.delivery_id}"

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300
