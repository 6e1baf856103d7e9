"""Requisitions (a client's open positions), the provider's talent pool, applications and their pipeline.

Tenancy: requisitions, pipeline stages, applications, their transitions and notes are the client's
(``ClientOwned``). Candidates, with their internal notes and events, are the provider's: a client user
reaches a candidate only through an application to one of that client's requisitions, and only the
fields an application shows.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django_countries.fields import CountryField

from handoff.domain.engagements.models import Currency, HiringStage, RpoEngagement
from handoff.domain.tenancy.models import Client, ClientOwned

MAX_YEARS = 60


def validate_skill_list(value: object) -> None:
    """``[{"name": "Python", "skill_id": null}, ...]``: a name, and a canonical id once normalised."""
    if not isinstance(value, list):
        raise ValidationError("A list of skills is expected.")
    for item in value:
        if not (isinstance(item, dict) and isinstance(item.get("name"), str) and item["name"].strip()):
            raise ValidationError('Each skill is {"name": "...", "skill_id": null}.')
        if set(item) - {"name", "skill_id"}:
            raise ValidationError("A skill has only a name and a skill_id.")


def validate_text_list(value: object) -> None:
    if not (isinstance(value, list) and all(isinstance(item, str) and item.strip() for item in value)):
        raise ValidationError("A list of non-empty texts is expected.")


# --- requisitions ---------------------------------------------------------------------------------------------


class RequisitionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PENDING_APPROVAL = "pending_approval", "Pending approval"
    OPEN = "open", "Open"
    ON_HOLD = "on_hold", "On hold"
    FILLED = "filled", "Filled"
    CANCELLED = "cancelled", "Cancelled"


# status -> the statuses it may change to
REQUISITION_TRANSITIONS: dict[str, frozenset[str]] = {
    RequisitionStatus.DRAFT: frozenset({RequisitionStatus.PENDING_APPROVAL, RequisitionStatus.CANCELLED}),
    RequisitionStatus.PENDING_APPROVAL: frozenset(
        {RequisitionStatus.OPEN, RequisitionStatus.DRAFT, RequisitionStatus.CANCELLED}
    ),
    RequisitionStatus.OPEN: frozenset(
        {RequisitionStatus.ON_HOLD, RequisitionStatus.FILLED, RequisitionStatus.CANCELLED}
    ),
    RequisitionStatus.ON_HOLD: frozenset({RequisitionStatus.OPEN, RequisitionStatus.CANCELLED}),
    RequisitionStatus.FILLED: frozenset(),
    RequisitionStatus.CANCELLED: frozenset(),
}
# Statuses in which candidates may be added and moved.
ACTIVE_REQUISITION_STATUSES = frozenset({RequisitionStatus.OPEN, RequisitionStatus.ON_HOLD})
EDITABLE_REQUISITION_STATUSES = frozenset(
    {RequisitionStatus.DRAFT, RequisitionStatus.PENDING_APPROVAL, RequisitionStatus.OPEN, RequisitionStatus.ON_HOLD}
)


class EmploymentType(models.TextChoices):
    FULL_TIME = "full_time", "Full-time"
    PART_TIME = "part_time", "Part-time"
    CONTRACT = "contract", "Contract"
    TEMPORARY = "temporary", "Temporary"
    INTERNSHIP = "internship", "Internship"


class Priority(models.TextChoices):
    LOW = "low", "Low"
    NORMAL = "normal", "Normal"
    HIGH = "high", "High"
    URGENT = "urgent", "Urgent"


class Requisition(ClientOwned):
    """A position (or several of the same) the client wants filled under one of its RPO engagements."""

    engagement = models.ForeignKey(RpoEngagement, on_delete=models.PROTECT, related_name="requisitions")
    title = models.CharField(max_length=200)
    department = models.CharField(max_length=120, blank=True)
    location = models.CharField(max_length=200, blank=True, help_text="City or site; empty for fully remote.")
    remote = models.BooleanField(default=False)
    allowed_countries = models.JSONField(
        default=list, blank=True, validators=[validate_text_list], help_text="For remote roles: ISO country codes."
    )
    allowed_time_zones = models.JSONField(default=list, blank=True, validators=[validate_text_list])
    employment_type = models.CharField(max_length=16, choices=EmploymentType.choices, default=EmploymentType.FULL_TIME)
    headcount = models.PositiveIntegerField(default=1, validators=[MinValueValidator(1), MaxValueValidator(10_000)])
    salary_min = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    salary_max = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(max_length=3, choices=Currency.choices, default=Currency.USD)
    required_skills = models.JSONField(default=list, blank=True, validators=[validate_skill_list])
    preferred_skills = models.JSONField(default=list, blank=True, validators=[validate_skill_list])
    min_years_experience = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(MAX_YEARS)]
    )
    languages = models.JSONField(default=list, blank=True, validators=[validate_text_list])
    hiring_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    target_start_date = models.DateField(null=True, blank=True)
    priority = models.CharField(max_length=8, choices=Priority.choices, default=Priority.NORMAL)
    status = models.CharField(max_length=20, choices=RequisitionStatus.choices, default=RequisitionStatus.DRAFT)
    description = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes: ClassVar = [models.Index(fields=["client", "status"], name="requisition_client_status")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.salary_min is not None and self.salary_max is not None and self.salary_max < self.salary_min:
            errors["salary_max"] = "The top of the range cannot be below its bottom."
        if self.engagement_id is not None and self.engagement.client_id != self.client_id:
            errors["engagement"] = "Choose an RPO engagement of this client."
        if self.hiring_manager is not None and self.hiring_manager.client_id != self.client_id:
            errors["hiring_manager"] = "The hiring manager is one of the client's users."
        if not self.remote and not self.location.strip():
            errors["location"] = "Give a location, or mark the position remote."
        if not self.remote and (self.allowed_countries or self.allowed_time_zones):
            errors["allowed_countries"] = "Allowed countries and time zones are for remote positions."
        if errors:
            raise ValidationError(errors)

    def can_become(self, status: str) -> bool:
        return status in REQUISITION_TRANSITIONS.get(self.status, frozenset())


class RequisitionEvent(ClientOwned):
    """One change of a requisition's status: who, when, from what to what, and why."""

    requisition = models.ForeignKey(Requisition, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, choices=RequisitionStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=RequisitionStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField()
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.requisition_id}: {self.from_status or '∅'} → {self.to_status}"


# --- the pipeline ---------------------------------------------------------------------------------------------


class StageOwner(models.TextChoices):
    PROVIDER = "provider", "Provider"
    CLIENT = "client", "Client"


class StageOutcome(models.TextChoices):
    ACTIVE = "active", "In progress"
    HIRED = "hired", "Hired"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


class PipelineStage(ClientOwned):
    """One stage of a client's pipeline template: client-wide (no engagement) or an engagement's own.

    ``hiring_stage`` ties the stage to the engagement's division of work (``RpoEngagement.provider_stages``),
    which decides its ``owner`` in a hybrid engagement.
    """

    engagement = models.ForeignKey(
        RpoEngagement, on_delete=models.CASCADE, null=True, blank=True, related_name="pipeline_stages"
    )
    key = models.SlugField(max_length=40)
    name = models.CharField(max_length=80)
    position = models.PositiveSmallIntegerField()
    owner = models.CharField(max_length=8, choices=StageOwner.choices, default=StageOwner.PROVIDER)
    outcome = models.CharField(max_length=10, choices=StageOutcome.choices, default=StageOutcome.ACTIVE)
    hiring_stage = models.CharField(max_length=16, choices=HiringStage.choices, blank=True)
    stale_after_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Warn when an application stays longer than this in the stage."
    )

    class Meta:
        ordering = ["position", "pk"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["client", "engagement", "key"], name="stage_unique_key"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_terminal(self) -> bool:
        return self.outcome != StageOutcome.ACTIVE


# --- the talent pool (the provider's) -------------------------------------------------------------------------


class ConsentChannel(models.TextChoices):
    WEB_FORM = "web_form", "Web form"
    EMAIL = "email", "E-mail"
    PHONE = "phone", "Phone"
    IN_PERSON = "in_person", "In person"
    JOB_BOARD = "job_board", "Job board"
    CAREER_SITE = "career_site", "Career site"


class CandidateSource(models.TextChoices):
    SOURCED = "sourced", "Sourced by a recruiter"
    JOB_BOARD = "job_board", "Job board"
    REFERRAL = "referral", "Referral"
    CAREERS_SITE = "careers_site", "Careers site"
    AGENCY = "agency", "Agency"
    EVENT = "event", "Event"
    OTHER = "other", "Other"


class Candidate(models.Model):
    """A person in the provider's talent pool.

    Shared across clients only with consent: without ``share_across_clients`` a candidate may only apply
    to requisitions of ``origin_client`` (the client it was sourced for).
    """

    full_name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    email_normalised = models.CharField(max_length=254, blank=True, db_index=True, editable=False)
    phone = models.CharField(max_length=40, blank=True)
    phone_e164 = models.CharField(max_length=20, blank=True, db_index=True, editable=False)
    profile_url = models.URLField(max_length=300, blank=True)
    profile_url_normalised = models.CharField(max_length=300, blank=True, db_index=True, editable=False)
    city = models.CharField(max_length=120, blank=True)
    country = CountryField(blank=True)
    headline = models.CharField(max_length=200, blank=True)
    work_history = models.JSONField(default=list, blank=True)
    education = models.JSONField(default=list, blank=True)
    skills = models.JSONField(default=list, blank=True, validators=[validate_skill_list])
    languages = models.JSONField(default=list, blank=True, validators=[validate_text_list])
    years_experience = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(MAX_YEARS)]
    )
    salary_expectation = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    salary_currency = models.CharField(max_length=3, choices=Currency.choices, blank=True)
    notice_period_days = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(365)])
    source = models.CharField(max_length=16, choices=CandidateSource.choices, default=CandidateSource.SOURCED)
    consent_policy_version = models.CharField(max_length=40, blank=True)
    consent_date = models.DateField(null=True, blank=True)
    consent_channel = models.CharField(max_length=12, choices=ConsentChannel.choices, blank=True)
    share_across_clients = models.BooleanField(
        default=False, help_text="The candidate agreed to be presented to other clients of the provider."
    )
    origin_client = models.ForeignKey(
        Client, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", help_text="Sourced for."
    )
    tags = models.JSONField(default=list, blank=True, validators=[validate_text_list])
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged_from", editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["full_name", "pk"]

    def __str__(self) -> str:
        return self.full_name

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.salary_expectation is not None and not self.salary_currency:
            errors["salary_currency"] = "Give the currency of the salary expectation."
        has_consent = bool(self.consent_policy_version and self.consent_date and self.consent_channel)
        if (self.consent_policy_version or self.consent_date or self.consent_channel) and not has_consent:
            errors["consent_policy_version"] = "A consent record has a policy version, a date and a channel."
        if self.share_across_clients and not has_consent:
            errors["share_across_clients"] = "Sharing across clients needs a recorded consent."
        if not (self.email or self.phone or self.profile_url):
            errors["email"] = "Give at least one way to reach the candidate: e-mail, phone or profile URL."
        if errors:
            raise ValidationError(errors)

    @property
    def is_merged(self) -> bool:
        return self.merged_into_id is not None


class CandidateNote(models.Model):
    """A provider-internal note on a candidate: never shown to client users."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="internal_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Note on {self.candidate_id}"


class CandidateEventKind(models.TextChoices):
    CREATED = "created", "Added to the talent pool"
    UPDATED = "updated", "Profile updated"
    MERGED = "merged", "Duplicate merged in"
    MERGED_AWAY = "merged_away", "Merged into another profile"


class CandidateEvent(models.Model):
    """The provider-side timeline of a candidate (client-side events live on applications)."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=CandidateEventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField()
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.candidate_id}: {self.kind}"


# --- applications (the client's) ------------------------------------------------------------------------------


class Application(ClientOwned):
    """A candidate considered for one requisition: where it stands in the pipeline and since when."""

    requisition = models.ForeignKey(Requisition, on_delete=models.PROTECT, related_name="applications")
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="applications")
    stage = models.ForeignKey(PipelineStage, on_delete=models.PROTECT, related_name="applications")
    stage_entered_at = models.DateTimeField()
    rejection_reason = models.CharField(max_length=300, blank=True)
    tags = models.JSONField(default=list, blank=True, validators=[validate_text_list])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-stage_entered_at", "-pk"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["requisition", "candidate"],
                name="application_unique_candidate",
                violation_error_message="This candidate already has an application for this requisition.",
            ),
        ]
        indexes: ClassVar = [models.Index(fields=["client", "requisition", "stage"], name="application_board")]

    def __str__(self) -> str:
        return f"{self.candidate_id} → {self.requisition_id}"


class StageTransition(ClientOwned):
    """One move of an application between stages: the rows every recruiting KPI is computed from."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="transitions")
    from_stage = models.ForeignKey(PipelineStage, on_delete=models.PROTECT, null=True, related_name="+")
    to_stage = models.ForeignKey(PipelineStage, on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField()
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        indexes: ClassVar = [models.Index(fields=["client", "at"], name="transition_client_at")]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_stage_id} → {self.to_stage_id}"


class ApplicationNote(ClientOwned):
    """A note on an application, seen by the client's users and the provider staff on its account."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Note on application {self.application_id}"


# Career sites and job postings live in their own module of this app (imported here so Django registers them).
from handoff.domain.recruiting.careers import models as careers_models  # noqa: E402, F401
from handoff.domain.recruiting.submittals import models as submittals_models  # noqa: E402, F401
