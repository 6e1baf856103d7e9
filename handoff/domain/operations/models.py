"""BPO operations: what the provider runs for each BPO engagement, who works it, and the work itself.

Provider data (not any client's): local holidays of a delivery center, agent profiles.
Client data (``ClientOwned``, the client being the engagement's): services, queues,
certifications of agents for a client, work items, their status history and messages.
A delivery center's weekly working windows are ``DeliveryCenter.working_hours``
(engagements app); its public holidays come from the ``holidays`` library.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from handoff.domain.engagements.models import BpoEngagement, DeliveryCenter
from handoff.domain.operations.custom_fields import validate_spec
from handoff.domain.operations.placeholders import validate_template
from handoff.domain.tenancy.models import ClientOwned
from handoff.engines.routing import PRIORITY_RANKS, AgentState
from handoff.engines.sla.pauses import StatusCategory

MAX_SKILL_LEVEL = 5
SKILL_NAME_LENGTH = 40


class CenterHoliday(models.Model):
    """A local change to a center's public holidays: a date closed, or a library holiday worked as a normal day."""

    center = models.ForeignKey(DeliveryCenter, on_delete=models.CASCADE, related_name="local_holidays")
    date = models.DateField()
    name = models.CharField(max_length=120)
    closed = models.BooleanField(default=True, help_text="Unticked: a public holiday worked as a normal day.")

    class Meta:
        ordering = ["center_id", "date"]
        constraints: ClassVar = [models.UniqueConstraint(fields=["center", "date"], name="center_holiday_unique")]

    def __str__(self) -> str:
        return f"{self.center} {self.date}: {self.name}"


def validate_levels(value: object) -> None:
    """{"billing": 3, "refunds": 1}: skill names with levels 1–5."""
    if not isinstance(value, dict):
        raise ValidationError("Skills map a skill name to a level from 1 to 5.")
    for skill, level in value.items():
        if not (isinstance(skill, str) and 0 < len(skill) <= SKILL_NAME_LENGTH):
            raise ValidationError(f"A skill name is 1–{SKILL_NAME_LENGTH} characters.")
        if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= MAX_SKILL_LEVEL:
            raise ValidationError(f"{skill}: the level is a whole number from 1 to {MAX_SKILL_LEVEL}.")


def validate_languages(value: object) -> None:
    """["en", "es"]: language codes (2–8 letters, optionally with a region: pt-BR)."""
    if not isinstance(value, list) or not all(
        isinstance(code, str) and 2 <= len(code) <= 8 and code.replace("-", "").isalpha() for code in value
    ):
        raise ValidationError('Languages are a list of codes such as "en" or "pt-BR".')


REQUIRED_TARGETS = frozenset({"first_response_minutes", "resolution_minutes"})
OPTIONAL_TARGETS = frozenset({"next_response_minutes"})


def validate_sla_targets(value: object) -> None:
    """{"urgent": {"first_response_minutes": 15, "resolution_minutes": 240}, ...}: positive minutes per priority."""
    if not isinstance(value, dict):
        raise ValidationError("SLA targets map a priority to its targets in business minutes.")
    for priority, targets in value.items():
        if priority not in PRIORITY_RANKS:
            raise ValidationError(f"Unknown priority {priority!r}; use {', '.join(PRIORITY_RANKS)}.")
        if not isinstance(targets, dict) or not REQUIRED_TARGETS <= set(targets) <= REQUIRED_TARGETS | OPTIONAL_TARGETS:
            raise ValidationError(
                f"{priority}: give first_response_minutes and resolution_minutes (next_response_minutes optional)."
            )
        if not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in targets.values()):
            raise ValidationError(f"{priority}: targets are positive whole numbers of minutes.")


class Service(ClientOwned):
    """One process the provider runs inside a BPO engagement (e.g. refunds, order entry)."""

    engagement = models.ForeignKey(BpoEngagement, on_delete=models.CASCADE, related_name="services")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    custom_fields = models.JSONField(default=list, blank=True, validators=[validate_spec])
    sla_targets = models.JSONField(
        default=dict,
        blank=True,
        validators=[validate_sla_targets],
        help_text="Per priority; a priority left out uses the engagement's targets.",
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["client_id", "name"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["engagement", "name"], name="service_unique_name_per_engagement")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.engagement_id and self.client_id and self.engagement.client_id != self.client_id:
            raise ValidationError({"engagement": "The engagement belongs to another client."})


class Queue(ClientOwned):
    """Where a service's items wait to be claimed; agents need its skills (at the levels) and languages."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="queues")
    name = models.CharField(max_length=200)
    required_skills = models.JSONField(default=dict, blank=True, validators=[validate_levels])
    languages = models.JSONField(default=list, blank=True, validators=[validate_languages])
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["client_id", "service_id", "name"]
        constraints: ClassVar = [models.UniqueConstraint(fields=["service", "name"], name="queue_unique_name")]

    def __str__(self) -> str:
        return f"{self.service} / {self.name}"

    def clean(self) -> None:
        super().clean()
        if self.service_id and self.client_id and self.service.client_id != self.client_id:
            raise ValidationError({"service": "The service belongs to another client."})


class AgentProfile(models.Model):
    """A provider staff member who works items: center, shift, skills, languages, concurrency and state."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agent_profile")
    center = models.ForeignKey(DeliveryCenter, on_delete=models.PROTECT, related_name="agents")
    skills = models.JSONField(default=dict, blank=True, validators=[validate_levels])
    languages = models.JSONField(default=list, blank=True, validators=[validate_languages])
    shift_start = models.TimeField(null=True, blank=True, help_text="Local time at the center; empty: center hours.")
    shift_end = models.TimeField(null=True, blank=True, help_text="Before the start: the shift crosses midnight.")
    concurrency = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(50)], help_text="Items in hand at once."
    )
    state = models.CharField(
        max_length=12, choices=[(s.value, s.value.title()) for s in AgentState], default=AgentState.OFFLINE
    )
    last_assigned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["user_id"]

    def __str__(self) -> str:
        return f"{self.user} @ {self.center}"

    def clean(self) -> None:
        super().clean()
        if self.user_id and not self.user.is_provider:
            raise ValidationError({"user": "Agents are provider staff."})
        if (self.shift_start is None) != (self.shift_end is None):
            raise ValidationError({"shift_end": "Give both ends of the shift, or neither."})
        if self.shift_start is not None and self.shift_start == self.shift_end:
            raise ValidationError({"shift_end": "A shift ends at another time than it starts."})


class AgentCertification(ClientOwned):
    """An agent cleared to work a client's items (the client's training, background checks)."""

    agent = models.ForeignKey(AgentProfile, on_delete=models.CASCADE, related_name="certifications")
    since = models.DateField(auto_now_add=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["client", "agent"], name="certification_unique_client_agent")
        ]


class ItemType(models.TextChoices):
    TICKET = "ticket", "Ticket"
    CASE = "case", "Case"
    TRANSACTION = "transaction", "Transaction"
    BATCH = "batch", "Batch"


class ItemStatus(models.TextChoices):
    NEW = "new", "New"
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    WAITING_CLIENT = "waiting_client", "Waiting on client"
    WAITING_CUSTOMER = "waiting_customer", "Waiting on customer"
    RESOLVED = "resolved", "Resolved"
    CLOSED = "closed", "Closed"


STATUS_CATEGORY: dict[str, StatusCategory] = {
    ItemStatus.NEW: StatusCategory.OPEN,
    ItemStatus.OPEN: StatusCategory.OPEN,
    ItemStatus.IN_PROGRESS: StatusCategory.IN_PROGRESS,
    ItemStatus.WAITING_CLIENT: StatusCategory.WAITING,
    ItemStatus.WAITING_CUSTOMER: StatusCategory.WAITING,
    ItemStatus.RESOLVED: StatusCategory.RESOLVED,
    ItemStatus.CLOSED: StatusCategory.CLOSED,
}
ACTIVE_CATEGORIES = (StatusCategory.OPEN, StatusCategory.IN_PROGRESS, StatusCategory.WAITING)


class Priority(models.TextChoices):
    URGENT = "urgent", "Urgent"
    HIGH = "high", "High"
    NORMAL = "normal", "Normal"
    LOW = "low", "Low"


class WorkItem(ClientOwned):
    """A ticket, case, transaction or batch of a service, in a queue, under the service's SLA."""

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="items")
    queue = models.ForeignKey(Queue, on_delete=models.PROTECT, related_name="items")
    item_type = models.CharField(max_length=12, choices=ItemType.choices, default=ItemType.TICKET)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=ItemStatus.choices, default=ItemStatus.NEW)
    category = models.CharField(max_length=12, choices=[(c.value, c.value) for c in StatusCategory], editable=False)
    priority = models.CharField(max_length=8, choices=Priority.choices, default=Priority.NORMAL)
    priority_rank = models.PositiveSmallIntegerField(editable=False)
    custom_fields = models.JSONField(default=dict, blank=True)
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="work_items"
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)
    first_response_at = models.DateTimeField(null=True, blank=True)
    first_response_due = models.DateTimeField(null=True, blank=True)
    resolution_due = models.DateTimeField(null=True, blank=True, help_text="Empty while the SLA clock is paused.")
    sla_state = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["priority_rank", "resolution_due", "created_at", "id"]
        indexes: ClassVar = [
            models.Index(
                fields=["queue", "assignee", "category", "priority_rank", "resolution_due", "created_at"],
                name="item_claim_order",
            ),
            models.Index(fields=["client", "status"], name="item_client_status"),
            models.Index(fields=["assignee", "category"], name="item_assignee_category"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"

    def prepare(self) -> None:
        """Derived fields: the status category and the priority rank (the claim order)."""
        self.category = STATUS_CATEGORY.get(self.status, StatusCategory.OPEN)
        self.priority_rank = PRIORITY_RANKS.get(self.priority, len(PRIORITY_RANKS))

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.service_id and self.service.client_id != self.client_id:
            errors["service"] = "The service belongs to another client."
        if self.queue_id and self.service_id and self.queue.service_id != self.service_id:
            errors["queue"] = "The queue belongs to another service."
        if self.parent is not None:
            errors.update(self._parent_errors(self.parent))
        if errors:
            raise ValidationError(errors)

    def _parent_errors(self, parent: WorkItem) -> dict[str, str]:
        if parent.client_id != self.client_id:
            return {"parent": "The parent item belongs to another client."}
        if self.pk and parent.pk == self.pk:
            return {"parent": "An item cannot be its own parent."}
        if parent.parent_id is not None:
            return {"parent": "A child item cannot have children (one level of nesting)."}
        return {}


class StatusChange(ClientOwned):
    """One change of an item's status: the history the SLA pauses are rebuilt from."""

    item = models.ForeignKey(WorkItem, on_delete=models.CASCADE, related_name="status_changes")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField()
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, choices=ItemStatus.choices)
    category = models.CharField(max_length=12)

    class Meta:
        ordering = ["item_id", "at", "id"]


class MessageKind(models.TextChoices):
    REPLY = "reply", "Public reply"
    NOTE = "note", "Internal note"


class Message(ClientOwned):
    """A public reply (the client sees it) or an internal note (provider staff only) on an item."""

    item = models.ForeignKey(WorkItem, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    kind = models.CharField(max_length=8, choices=MessageKind.choices, default=MessageKind.REPLY)
    body = models.TextField(max_length=20000)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["item_id", "created_at", "id"]


# --- intake, attachments, merging, SLA escalation (actions: csv_intake, email_intake, attachments, merge, escalation)


class ItemExtra(ClientOwned):
    """What intake, merging and the next-response clock add to an item (one row per item, made on demand)."""

    item = models.OneToOneField(WorkItem, on_delete=models.CASCADE, related_name="extra")
    requester_email = models.EmailField(blank=True, help_text="The outside sender of an item raised by email.")
    merged_into = models.ForeignKey(
        WorkItem, on_delete=models.PROTECT, null=True, blank=True, related_name="merged_duplicates"
    )
    awaiting_reply_since = models.DateTimeField(
        null=True, blank=True, help_text="A client or customer message the provider has not answered yet."
    )
    last_reply_at = models.DateTimeField(null=True, blank=True, help_text="The provider's last public reply.")
    next_response_due = models.DateTimeField(null=True, blank=True)


def attachment_name_ok(value: str) -> None:
    if not value or "/" in value or "\\" in value or "\x00" in value:
        raise ValidationError("A file name without slashes is required.")


class Attachment(ClientOwned):
    """A file on a work item (uploaded on its page or the API, or sent with an email), kept in the database."""

    item = models.ForeignKey(WorkItem, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(Message, on_delete=models.SET_NULL, null=True, blank=True, related_name="attachments")
    name = models.CharField(max_length=200, validators=[attachment_name_ok])
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    content = models.BinaryField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["item_id", "created_at", "id"]

    def __str__(self) -> str:
        return self.name


class IntakeAddress(ClientOwned):
    """A service's inbound address: ``<local_part>@<INTAKE_EMAIL_DOMAIN>`` (a slug and a random token)."""

    service = models.OneToOneField(Service, on_delete=models.CASCADE, related_name="intake_address")
    local_part = models.CharField(max_length=64, unique=True)
    is_active = models.BooleanField(default=True)

    def __str__(self) -> str:
        return self.local_part


class EmailDirection(models.TextChoices):
    INBOUND = "in", "Received"
    OUTBOUND = "out", "Sent"


class EmailLink(ClientOwned):
    """A Message-ID seen or sent about an item: how a reply (In-Reply-To / References) finds its item."""

    item = models.ForeignKey(WorkItem, on_delete=models.CASCADE, related_name="email_links")
    conversation_message = models.ForeignKey(
        Message, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    message_id = models.CharField(max_length=500)
    direction = models.CharField(max_length=3, choices=EmailDirection.choices)
    sender = models.CharField(max_length=320, blank=True)
    subject = models.CharField(max_length=500, blank=True)
    received_at = models.DateTimeField()

    class Meta:
        ordering = ["item_id", "received_at", "id"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["client", "message_id"], name="email_link_unique_message_id")
        ]


class RejectedEmail(models.Model):
    """An inbound email refused by the SMTP listener, kept whole with the reason (provider data: no client yet)."""

    received_at = models.DateTimeField()
    sender = models.CharField(max_length=320, blank=True)
    recipients = models.TextField(blank=True)
    reason = models.CharField(max_length=500)
    smtp_code = models.PositiveSmallIntegerField()
    raw = models.BinaryField()

    class Meta:
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"{self.received_at:%Y-%m-%d %H:%M} from {self.sender}: {self.smtp_code} {self.reason}"


class ItemEventKind(models.TextChoices):
    MERGED_INTO = "merged_into", "Merged into another item"
    MERGED_FROM = "merged_from", "Absorbed a duplicate"
    SLA_WARNING = "sla_warning", "SLA warning"
    SLA_ESCALATION = "sla_escalation", "SLA breach escalated"
    EMAIL_FAILED = "email_failed", "Reply email not sent"
    MISSING_FIELDS = "missing_fields", "Raised without required fields"


class ItemEvent(ClientOwned):
    """One recorded happening on an item (merges, SLA warnings and escalations); ``key`` makes each once-only."""

    item = models.ForeignKey(WorkItem, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=ItemEventKind.choices)
    key = models.CharField(max_length=80, help_text="Unique per item: e.g. the SLA target and its deadline.")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField()
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["item_id", "at", "id"]
        constraints: ClassVar = [models.UniqueConstraint(fields=["item", "key"], name="item_event_unique_key")]


# --- macros: canned replies and notes of a client's desk (actions: macros; text: placeholders.py)


class Macro(ClientOwned):
    """A canned public reply or internal note with placeholders, and an optional status to set when used."""

    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="macros",
        help_text="Empty: every service of the client.",
    )
    title = models.CharField(max_length=200)
    body = models.TextField(max_length=20000, validators=[validate_template])
    kind = models.CharField(max_length=8, choices=MessageKind.choices, default=MessageKind.REPLY)
    set_status = models.CharField(
        max_length=20,
        choices=[(s.value, s.label) for s in ItemStatus if s != ItemStatus.NEW],
        blank=True,
        help_text="Empty: the status is left as it is.",
    )
    is_active = models.BooleanField(default=True)
    usage_count = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["client_id", "title", "id"]
        constraints: ClassVar = [models.UniqueConstraint(fields=["client", "title"], name="macro_unique_title")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.service is not None and self.client_id and self.service.client_id != self.client_id:
            raise ValidationError({"service": "The service belongs to another client."})
