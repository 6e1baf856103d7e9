"""Changes to career sites and postings, and applications from the career site.

Staff actions are permission-checked like the rest of recruiting (the actor must see the client).
``apply_to_posting`` has no staff actor: the applicant is anonymous, and the posting (found through the
public selectors, under the one client's row-level scope) decides the client of every row written.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from handoff.domain.recruiting import actions as recruiting_actions
from handoff.domain.recruiting.careers.models import CareerApplication, CareerSite, JobPosting, ParseStatus
from handoff.domain.recruiting.models import (
    Application,
    Candidate,
    CandidateEventKind,
    CandidateSource,
    ConsentChannel,
    PipelineStage,
    Requisition,
    RequisitionStatus,
    StageOutcome,
)
from handoff.domain.recruiting.normalise import normalise_email, normalise_phone
from handoff.domain.recruiting.rules import DefaultStage
from handoff.domain.tenancy.access import Actor, access_client, real_user
from handoff.domain.tenancy.roles import ClientRole, StaffRole
from handoff.engines.resumes.sniff import MAX_UPLOAD_BYTES, FileKind, sniff

# Who publishes postings: provider recruiting staff on the client's team and the client's HR admins.
PUBLISHERS = frozenset({StaffRole.ADMIN, StaffRole.ACCOUNT_MANAGER, StaffRole.RECRUITER, ClientRole.HR_ADMIN})
# Who sets up the client's career site (its brand and privacy policy).
SITE_EDITORS = frozenset({StaffRole.ADMIN, StaffRole.ACCOUNT_MANAGER, ClientRole.HR_ADMIN})
RESUME_KINDS = frozenset({FileKind.PDF, FileKind.DOCX, FileKind.TXT})
LOGO_MAX_BYTES = 1024 * 1024
LOGO_SIGNATURES: dict[bytes, str] = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpg"}
SITE_FIELDS = frozenset(
    {"slug", "display_name", "website_url", "primary_colour", "accent_colour"}
    | {"privacy_policy_version", "privacy_policy_url", "intro"}
)
POSTING_FIELDS = frozenset({"public_description", "valid_through", "show_salary", "knockout_questions"})


def publishes(actor: Actor) -> bool:
    person = real_user(actor)
    return person is not None and person.role in PUBLISHERS


def edits_career_site(actor: Actor) -> bool:
    person = real_user(actor)
    return person is not None and person.role in SITE_EDITORS


# --- the career site ------------------------------------------------------------------------------------------


def _logo_extension(data: bytes) -> str:
    if len(data) > LOGO_MAX_BYTES:
        raise ValidationError({"logo": "A logo is at most 1 MB."})
    for signature, extension in LOGO_SIGNATURES.items():
        if data.startswith(signature):
            return extension
    raise ValidationError({"logo": "A logo is a PNG or JPEG image."})


@transaction.atomic
def save_career_site(actor: Actor, client_id: Any, data: dict[str, Any], logo: bytes | None = None) -> CareerSite:
    """Create or update the client's career site; a logo's type comes from its bytes (PNG or JPEG)."""
    client = access_client(actor, client_id)
    if not edits_career_site(actor):
        raise PermissionDenied("The career site is set up by the client's HR admins and account managers.")
    site = CareerSite.objects.filter(client=client).first() or CareerSite(client=client)
    for name, value in data.items():
        if name in SITE_FIELDS:
            setattr(site, name, value)
    if logo:
        site.logo.save(f"logo.{_logo_extension(logo)}", ContentFile(logo), save=False)
    site.full_clean()
    try:
        with transaction.atomic():
            site.save()
    except IntegrityError as exc:  # another client's site has the address (row-level security hides it)
        raise ValidationError({"slug": "This address is taken: choose another one."}) from exc
    return site


# --- postings -------------------------------------------------------------------------------------------------


def _require_publisher(actor: Actor, requisition: Requisition) -> None:
    access_client(actor, requisition.client_id)
    if not publishes(actor):
        raise PermissionDenied("Postings are published by recruiters on the client's team and client HR admins.")


def _unique_slug(requisition: Requisition) -> str:
    base = slugify(requisition.title)[:60] or "job"
    return f"{base}-{requisition.pk}"


@transaction.atomic
def publish(actor: Actor, requisition: Requisition, data: dict[str, Any]) -> JobPosting:
    """Publish (or update) the requisition's posting. Only an open requisition of a client with a career site."""
    _require_publisher(actor, requisition)
    if requisition.status != RequisitionStatus.OPEN:
        raise ValidationError(
            f"Only open requisitions are published; this one is {requisition.get_status_display().lower()}."
        )
    if not CareerSite.objects.filter(client_id=requisition.client_id).exists():
        raise ValidationError("Set up the client's career site before publishing jobs.")
    if requisition.remote and not requisition.allowed_countries:
        raise ValidationError(
            "A remote job needs its allowed countries (job boards require the applicant location): edit the "
            "requisition first."
        )
    posting = JobPosting.objects.filter(requisition=requisition).first() or JobPosting(
        client_id=requisition.client_id, requisition=requisition, slug=_unique_slug(requisition)
    )
    for name, value in data.items():
        if name in POSTING_FIELDS:
            setattr(posting, name, value)
    if not posting.public_description.strip():
        posting.public_description = requisition.description
    if posting.published_at is None:
        posting.published_at = timezone.now()
    if posting.valid_through is not None and posting.valid_through <= posting.published_at:
        raise ValidationError({"valid_through": "The closing date is after the publication."})
    posting.full_clean()
    posting.save()
    return posting


@transaction.atomic
def unpublish(actor: Actor, posting: JobPosting) -> JobPosting:
    """Take the posting off the career site and the feeds (it keeps its text, to publish again)."""
    _require_publisher(actor, posting.requisition)
    posting.published_at = None
    posting.save(update_fields=["published_at", "updated_at"])
    return posting


# --- applying -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Applicant:
    """What the apply form sends (already shaped by the form; checked again here)."""

    full_name: str
    email: str
    phone: str = ""
    consent: bool = False
    answers: dict[int, str] = field(default_factory=dict)  # knockout question index -> "yes" / "no"
    resume_name: str = ""
    resume: bytes = b""
    ip: str | None = None


@dataclass(frozen=True)
class ApplyResult:
    application: Application
    rejected: bool
    flagged: bool


def check_resume(data: bytes) -> str:
    """The resume's kind (pdf, docx, txt) from its bytes; a field error naming what is wrong otherwise."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError({"resume": f"The resume is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB."})
    found = sniff(data)
    if found.kind is None or found.kind not in RESUME_KINDS:
        reason = found.reason or f"a {found.kind} file"
        raise ValidationError({"resume": f"Upload a PDF, DOCX or TXT resume ({reason})."})
    return str(found.kind)


def _knockouts(posting: JobPosting, answers: dict[int, str]) -> tuple[list[dict[str, str]], list[str], list[str]]:
    """(answers as recorded, questions that reject, questions that flag); a field error for a missing answer."""
    recorded: list[dict[str, str]] = []
    rejecting: list[str] = []
    flagging: list[str] = []
    for index, question in enumerate(posting.knockout_questions):
        answer = answers.get(index, "")
        if answer not in ("yes", "no"):
            raise ValidationError({f"q{index}": "Answer yes or no."})
        recorded.append({"question": question["question"], "answer": answer})
        if answer != question["required_answer"]:
            (rejecting if question["action"] == "reject" else flagging).append(question["question"])
    return recorded, rejecting, flagging


def _consent(candidate: Candidate, site: CareerSite) -> None:
    candidate.consent_policy_version = site.privacy_policy_version
    candidate.consent_date = timezone.localdate()
    candidate.consent_channel = ConsentChannel.CAREER_SITE


def _candidate_for(site: CareerSite, applicant: Applicant) -> Candidate:
    """The pool candidate with this e-mail (or phone), its consent renewed; else a new candidate."""
    country = str(site.client.country or "")
    email, phone = normalise_email(applicant.email), normalise_phone(applicant.phone, country)
    known = Candidate.objects.filter(merged_into__isnull=True, email_normalised=email).order_by("pk").first()
    if known is None and phone:
        known = Candidate.objects.filter(merged_into__isnull=True, phone_e164=phone).order_by("pk").first()
    if known is not None:
        _consent(known, site)
        known.save(update_fields=["consent_policy_version", "consent_date", "consent_channel", "updated_at"])
        return known
    candidate = Candidate(
        full_name=applicant.full_name.strip(),
        email=applicant.email.strip(),
        phone=applicant.phone.strip(),
        country=country,
        source=CandidateSource.CAREERS_SITE,
        origin_client=site.client,
    )
    _consent(candidate, site)
    candidate.email_normalised, candidate.phone_e164 = email, phone
    candidate.full_clean()
    candidate.save()
    recruiting_actions._record_candidate(AnonymousUser(), candidate, CandidateEventKind.CREATED)
    return candidate


def _stage(requisition: Requisition, key: str) -> PipelineStage:
    return recruiting_actions._stage_of(requisition, key)


def _require_new(candidate: Candidate, requisition: Requisition) -> None:
    if Application.objects.filter(requisition=requisition, candidate=candidate).exists():
        raise ValidationError(
            {"email": ValidationError("You have already applied for this job with this e-mail.", code="unique")}
        )


def _validate_applicant(site: CareerSite, applicant: Applicant) -> str:
    errors: dict[str, str] = {}
    if not applicant.consent:
        errors["consent"] = f"Agree to the privacy policy (version {site.privacy_policy_version}) to apply."
    if not applicant.full_name.strip():
        errors["full_name"] = "Give your name."
    if not normalise_email(applicant.email):
        errors["email"] = "Give your e-mail address."
    try:
        kind = check_resume(applicant.resume)
    except ValidationError as error:
        errors["resume"] = " ".join(error.messages)
        kind = ""
    if errors:
        raise ValidationError(errors)
    return kind


@transaction.atomic
def apply_to_posting(site: CareerSite, posting: JobPosting, applicant: Applicant) -> ApplyResult:
    """An application from the career site: a candidate (found by e-mail/phone, or new) with the consent
    recorded, an application in "applied" (or rejected by a knockout question, with the reason), the resume.
    """
    if posting.client_id != site.client_id or posting.requisition.status != RequisitionStatus.OPEN:
        raise ValidationError("This job is no longer open for applications.")
    kind = _validate_applicant(site, applicant)
    recorded, rejecting, flagging = _knockouts(posting, applicant.answers)
    requisition = posting.requisition
    recruiting_actions.ensure_pipeline(requisition.engagement)
    candidate = _candidate_for(site, applicant)
    _require_new(candidate, requisition)
    application = Application(
        client_id=requisition.client_id,
        requisition=requisition,
        candidate=candidate,
        stage=_stage(requisition, DefaultStage.APPLIED),
        stage_entered_at=timezone.now(),
        tags=["career site", *(["knockout flag"] if flagging else [])],
    )
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as exc:  # the same person applying twice at the same moment
        raise ValidationError({"email": "You have already applied for this job with this e-mail."}) from exc
    anonymous = AnonymousUser()
    recruiting_actions._record_move(anonymous, application, None)
    if rejecting:
        _reject(application, requisition, "Knockout question: " + "; ".join(rejecting))
    submission = CareerApplication(
        client_id=requisition.client_id,
        application=application,
        posting=posting,
        resume_kind=kind,
        answers=recorded,
        flagged=bool(flagging),
        consent_ip=applicant.ip,
        consent_policy_version=site.privacy_policy_version,
    )
    extension = "txt" if kind == FileKind.TXT else kind
    submission.resume.save(f"{uuid.uuid4().hex}.{extension}", ContentFile(applicant.resume), save=False)
    submission.save()
    transaction.on_commit(lambda: _enqueue_parse(submission.pk), robust=True)
    return ApplyResult(application, rejected=bool(rejecting), flagged=bool(flagging))


def _enqueue_parse(submission_id: int) -> None:
    from handoff.domain.recruiting.careers.tasks import parse_career_resume  # the tasks import these actions

    parse_career_resume.enqueue(submission_id)


@transaction.atomic
def record_parse(submission: CareerApplication, *, ok: bool, profile: dict[str, Any] | None, reason: str) -> str:
    """Store the parsed resume, or why it could not be parsed (the file stays for a person to read)."""
    submission.parse_status = ParseStatus.PARSED if ok else ParseStatus.FAILED
    submission.parsed_profile = profile if ok else None
    submission.parse_note = "" if ok else reason[:300]
    submission.save(update_fields=["parse_status", "parsed_profile", "parse_note"])
    return str(submission.parse_status)


def _reject(application: Application, requisition: Requisition, reason: str) -> None:
    old = application.stage
    target = _stage(requisition, DefaultStage.REJECTED)
    assert target.outcome == StageOutcome.REJECTED
    application.stage = target
    application.stage_entered_at = timezone.now()
    application.rejection_reason = reason[:300]
    application.save(update_fields=["stage", "stage_entered_at", "rejection_reason", "updated_at"])
    recruiting_actions._record_move(AnonymousUser(), application, old, reason)
