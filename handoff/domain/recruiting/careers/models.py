"""A client's public career site, its published job postings, and what a career-site applicant sent.

All three are the client's (``ClientOwned``, under row-level security). Public pages reach them only
through :mod:`handoff.domain.recruiting.careers.selectors`, scoped to the one client whose site slug is
in the URL (see :func:`handoff.domain.tenancy.rls.scope_to_public_client`).
"""

from __future__ import annotations

from typing import ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

from handoff.domain.recruiting.models import Application, Requisition
from handoff.domain.tenancy.models import Client, ClientOwned

HEX_COLOUR = RegexValidator(r"^#[0-9a-fA-F]{6}$", "A colour is #rrggbb (six hexadecimal digits).")
KNOCKOUT_ACTIONS = frozenset({"reject", "flag"})
YES_NO = frozenset({"yes", "no"})
MAX_KNOCKOUT_QUESTIONS = 10


def validate_knockout_questions(value: object) -> None:
    """``[{"question": "...", "kind": "yes_no", "required_answer": "yes"|"no", "action": "reject"|"flag"}]``."""
    if not isinstance(value, list) or len(value) > MAX_KNOCKOUT_QUESTIONS:
        raise ValidationError(f"A list of at most {MAX_KNOCKOUT_QUESTIONS} questions is expected.")
    for item in value:
        if not (
            isinstance(item, dict)
            and set(item) == {"question", "kind", "required_answer", "action"}
            and isinstance(item["question"], str)
            and item["question"].strip()
            and item["kind"] == "yes_no"
            and item["required_answer"] in YES_NO
            and item["action"] in KNOCKOUT_ACTIONS
        ):
            raise ValidationError(
                'Each question is {"question": "...", "kind": "yes_no", "required_answer": "yes" or "no", '
                '"action": "reject" or "flag"}.'
            )


def logo_path(site: CareerSite, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "png"
    return f"careers/logos/{site.client_id}.{suffix}"


class CareerSite(ClientOwned):
    """The client's public career site: its address (``slug``), name, logo, colours and privacy policy.

    One per client: ``client`` is narrowed from ClientOwned's foreign key to a one-to-one field.
    """

    client = models.OneToOneField(Client, on_delete=models.PROTECT, related_name="+")
    slug = models.SlugField(max_length=60, unique=True, help_text="The public address: /careers/<slug>/.")
    display_name = models.CharField(max_length=200)
    website_url = models.URLField(max_length=300, blank=True, help_text="The company's own site (sameAs).")
    logo = models.FileField(upload_to=logo_path, blank=True)
    primary_colour = models.CharField(max_length=7, default="#1f4e79", validators=[HEX_COLOUR])
    accent_colour = models.CharField(max_length=7, default="#f0a500", validators=[HEX_COLOUR])
    privacy_policy_version = models.CharField(max_length=40)
    privacy_policy_url = models.URLField(max_length=300)
    intro = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar = ["display_name"]

    def __str__(self) -> str:
        return self.display_name


class JobPosting(ClientOwned):
    """A requisition published on the client's career site and in its feeds.

    Shown publicly only while published, not expired, and while its requisition is open: a requisition
    put on hold, filled or cancelled drops off every public page and feed at once (the public selectors
    filter on the requisition's status), and is unpublished by the careers actions when they see it.
    """

    requisition = models.OneToOneField(Requisition, on_delete=models.PROTECT, related_name="posting")
    slug = models.SlugField(max_length=80)
    public_description = models.TextField(help_text="What candidates read: the role, the team, the requirements.")
    published_at = models.DateTimeField(null=True, blank=True)
    valid_through = models.DateTimeField(null=True, blank=True)
    show_salary = models.BooleanField(default=False, help_text="Publish the salary range (baseSalary).")
    knockout_questions = models.JSONField(default=list, blank=True, validators=[validate_knockout_questions])
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar = ["-published_at", "-pk"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["client", "slug"], name="posting_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.slug

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def clean(self) -> None:
        super().clean()
        if self.requisition_id is not None and self.requisition.client_id != self.client_id:
            raise ValidationError({"requisition": "A posting publishes one of the client's own requisitions."})


class ParseStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be parsed"
    PARSED = "parsed", "Parsed"
    FAILED = "failed", "Kept for a person to read"


class CareerApplication(ClientOwned):
    """What arrived with an application from the career site: the resume, the answers, the consent's IP."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="career_submission")
    posting = models.ForeignKey(JobPosting, on_delete=models.PROTECT, related_name="submissions")
    resume = models.FileField(upload_to="careers/resumes/%Y/%m/")
    resume_kind = models.CharField(max_length=8)
    answers = models.JSONField(default=list, blank=True)
    flagged = models.BooleanField(default=False, help_text="A knockout question asked for a recruiter's look.")
    consent_ip = models.GenericIPAddressField(null=True, blank=True)
    consent_policy_version = models.CharField(max_length=40)
    submitted_at = models.DateTimeField(auto_now_add=True)
    parse_status = models.CharField(max_length=8, choices=ParseStatus.choices, default=ParseStatus.PENDING)
    parse_note = models.CharField(max_length=300, blank=True, help_text="Why the resume could not be parsed.")
    parsed_profile = models.JSONField(null=True, blank=True, help_text="The parsed resume (JSON Resume).")

    class Meta:
        ordering: ClassVar = ["-submitted_at", "-pk"]

    def __str__(self) -> str:
        return f"Career-site application {self.application_id}"
