"""Interview plans, interviewers' availability, booked interviews, slot offers and scorecards.

Tenancy: plans, rounds, their interviewers, interviews, reminders sent, slot offers and scorecards are the
client's (``ClientOwned``). An interviewer's weekly availability is the person's own (keyed on the user,
not on a client): provider staff interview for several clients with one calendar.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from handoff.domain.recruiting.models import Application, Requisition
from handoff.domain.tenancy.models import TIME_ZONE_CHOICES, ClientOwned


class RoundKind(models.TextChoices):
    PHONE_SCREEN = "phone_screen", "Phone screen"
    TECHNICAL = "technical", "Technical"
    PANEL = "panel", "Panel"
    CULTURE = "culture", "Culture"
    FINAL = "final", "Final"


class InterviewPlan(ClientOwned):
    """The interview loop of one requisition: its rounds, in order."""

    requisition = models.OneToOneField(Requisition, on_delete=models.CASCADE, related_name="interview_plan")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Interview plan of requisition {self.requisition_id}"


class PlanRound(ClientOwned):
    """One round: its kind, title, duration and competencies (``[{"key", "label", "source"}]``)."""

    plan = models.ForeignKey(InterviewPlan, on_delete=models.CASCADE, related_name="rounds")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=16, choices=RoundKind.choices)
    title = models.CharField(max_length=120)
    duration_minutes = models.PositiveSmallIntegerField()
    competencies = models.JSONField(default=list)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def competency_keys(self) -> list[str]:
        return [str(item["key"]) for item in self.competencies]


class RoundInterviewer(ClientOwned):
    """A person who interviews in a round (provider staff on the client's team, or a client user)."""

    round = models.ForeignKey(PlanRound, on_delete=models.CASCADE, related_name="interviewers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    required = models.BooleanField(default=True)

    class Meta:
        ordering = ["pk"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["round", "user"], name="interviews_round_unique_interviewer"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in round {self.round_id}"


class InterviewerAvailability(models.Model):
    """A person's weekly windows in their own zone and their date exceptions (the person's, not a client's).

    ``weekly``: ``[{"weekday": 0-6, "start": "09:00", "end": "17:00"}]``;
    ``exceptions``: ``[{"day": "2026-12-24", "unavailable": true, "extra": [["10:00", "12:00"]]}]``.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="availability")
    time_zone = models.CharField(max_length=64, choices=TIME_ZONE_CHOICES)
    weekly = models.JSONField(default=list)
    exceptions = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Availability of {self.user_id}"


class InterviewStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    CANCELLED = "cancelled", "Cancelled"


class Interview(ClientOwned):
    """One booked round of one application: its time (UTC), meeting link and calendar identity.

    ``ics_uid`` never changes; ``sequence`` grows by one on each reschedule or cancellation. ``panel`` groups
    the consecutive interviews booked together. ``time_zone`` is the zone the invite's times are written in.
    """

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="interviews")
    round = models.ForeignKey(PlanRound, on_delete=models.PROTECT, related_name="interviews")
    start = models.DateTimeField()
    end = models.DateTimeField()
    time_zone = models.CharField(max_length=64, choices=TIME_ZONE_CHOICES, default="UTC")
    candidate_time_zone = models.CharField(max_length=64, choices=TIME_ZONE_CHOICES, default="UTC")
    meeting_url = models.URLField(max_length=500, blank=True)
    status = models.CharField(max_length=10, choices=InterviewStatus.choices, default=InterviewStatus.BOOKED)
    ics_uid = models.CharField(max_length=200, blank=True)
    sequence = models.PositiveIntegerField(default=0)
    panel = models.CharField(max_length=32, blank=True)
    interviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="InterviewSeat", related_name="+", blank=True
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    booked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start", "pk"]
        indexes: ClassVar = [models.Index(fields=["status", "start"], name="interviews_status_start")]

    def __str__(self) -> str:
        return f"{self.round_id} for application {self.application_id} at {self.start:%Y-%m-%d %H:%M}"

    @property
    def is_booked(self) -> bool:
        return self.status == InterviewStatus.BOOKED


class InterviewSeat(ClientOwned):
    """An interviewer of a booked interview (copied from the round when booked)."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="seats")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["interview", "user"], name="interviews_seat_unique_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} at interview {self.interview_id}"


class ReminderSent(ClientOwned):
    """A reminder already sent: the unique key makes the reminder job idempotent."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="reminders_sent")
    offset_minutes = models.PositiveIntegerField()
    start = models.DateTimeField()  # the start it reminded of: a rescheduled interview is reminded again
    sent_at = models.DateTimeField()

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["interview", "offset_minutes", "start"], name="interviews_reminder_unique"),
        ]

    def __str__(self) -> str:
        return f"Reminder {self.offset_minutes} min before interview {self.interview_id}"


class SlotOffer(ClientOwned):
    """Slots offered to a candidate through a signed link (no login); used once.

    ``slots``: ``[{"start": iso, "end": iso}]`` (UTC), each a block placing ``round_ids`` back to back.
    """

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="slot_offers")
    round_ids = models.JSONField(default=list)
    slots = models.JSONField(default=list)
    candidate_time_zone = models.CharField(max_length=64, choices=TIME_ZONE_CHOICES, default="UTC")
    meeting_url = models.URLField(max_length=500, blank=True)
    nonce = models.CharField(max_length=32)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    chosen_start = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Slot offer {self.pk} for application {self.application_id}"


class Recommendation(models.IntegerChoices):
    STRONG_NO = 1, "Strong no"
    NO = 2, "No"
    YES = 3, "Yes"
    STRONG_YES = 4, "Strong yes"


class Scorecard(ClientOwned):
    """One interviewer's ratings of an interview's competencies: ``[{"competency_key", "score", "evidence"}]``."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="scorecards")
    interviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ratings = models.JSONField(default=list)
    recommendation = models.PositiveSmallIntegerField(choices=Recommendation.choices, null=True, blank=True)
    notes = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["interview", "interviewer"], name="interviews_scorecard_unique"),
        ]

    def __str__(self) -> str:
        return f"Scorecard of {self.interviewer_id} on interview {self.interview_id}"

    @property
    def submitted(self) -> bool:
        return self.submitted_at is not None


class ScorecardNoticeKind(models.TextChoices):
    REQUEST = "request", "Scorecard requested from an interviewer"
    ALL_IN = "all_in", "All scorecards in, scheduler told"


class ScorecardNotice(ClientOwned):
    """A scorecard e-mail already sent (``user`` is its recipient): the unique key makes the job idempotent."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="scorecard_notices")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8, choices=ScorecardNoticeKind.choices)
    sent_at = models.DateTimeField()

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["interview", "user", "kind"], name="interviews_scorecard_notice_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} to {self.user_id} for interview {self.interview_id}"
