"""Changes to recruiting data: atomic, permission-checked, validated by the models, and recorded.

Every status change of a requisition writes a ``RequisitionEvent`` and every stage move of an application
a ``StageTransition`` (actor and time): those rows are the history and the source of every KPI. Owner
fields (``client``) come from the checked requisition or engagement, never from input.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from handoff.domain.engagements.models import RpoEngagement
from handoff.domain.recruiting import rules, signals
from handoff.domain.recruiting.models import (
    ACTIVE_REQUISITION_STATUSES,
    EDITABLE_REQUISITION_STATUSES,
    Application,
    ApplicationNote,
    Candidate,
    CandidateEvent,
    CandidateEventKind,
    CandidateNote,
    PipelineStage,
    Requisition,
    RequisitionEvent,
    RequisitionStatus,
    StageOutcome,
    StageTransition,
)
from handoff.domain.recruiting.normalise import normalise_email, normalise_phone, normalise_profile_url
from handoff.domain.recruiting.rules import DEFAULT_PIPELINE, DefaultStage
from handoff.domain.recruiting.selectors import ContactDetails, find_duplicates, hiring_managers
from handoff.domain.tenancy.access import Actor, access_client, access_owned, real_user

REQUISITION_PROTECTED = frozenset(
    {"id", "pk", "client", "client_id", "status", "created_by", "created_by_id", "created_at", "updated_at"}
)
CANDIDATE_PROTECTED = frozenset(
    {"id", "pk", "merged_into", "merged_into_id", "created_by", "created_by_id", "created_at", "updated_at"}
    | {"email_normalised", "phone_e164", "profile_url_normalised"}
)
MAX_TAG_LENGTH = 40
MAX_BULK = 500


def _assign(row: Any, data: dict[str, Any], protected: frozenset[str]) -> None:
    for field, value in data.items():
        if field not in protected:
            setattr(row, field, value)


# --- requisitions ---------------------------------------------------------------------------------------------


def _require_raiser(actor: Actor, client_id: Any) -> None:
    access_client(actor, client_id)
    if not rules.raises_requisitions(actor):
        raise PermissionDenied("Requisitions are raised by client HR admins and by recruiters for the client.")


def _engagement_of(actor: Actor, client_id: int, engagement: Any) -> RpoEngagement:
    """The RPO engagement named, if it is one the actor sees of this client; a field error otherwise."""
    engagement_id = engagement.pk if isinstance(engagement, RpoEngagement) else engagement
    try:
        found = access_owned(actor, RpoEngagement, engagement_id)
    except Http404 as exc:
        raise ValidationError({"engagement": "Choose one of the client's RPO engagements."}) from exc
    if found.client_id != client_id:
        raise ValidationError({"engagement": "Choose one of the client's RPO engagements."})
    return found


def _hiring_manager(actor: Actor, client_id: int, fields: dict[str, Any]) -> Any:
    """The hiring manager named (row or id) if it is one of this client's; a field error otherwise."""
    value = fields.pop("hiring_manager", fields.pop("hiring_manager_id", None))
    if value in (None, ""):
        return None
    found = hiring_managers(actor).filter(client_id=client_id, pk=getattr(value, "pk", value)).first()
    if found is None:
        raise ValidationError({"hiring_manager": "Choose one of the client's hiring managers."})
    return found


def _record_status(actor: Actor, requisition: Requisition, old: str, note: str = "") -> None:
    RequisitionEvent.objects.create(
        client_id=requisition.client_id,
        requisition=requisition,
        from_status=old,
        to_status=requisition.status,
        actor=real_user(actor),
        at=timezone.now(),
        note=note[:500],
    )


@transaction.atomic
def create_requisition(actor: Actor, client_id: Any, data: dict[str, Any]) -> Requisition:
    """A new draft requisition of the client, under one of its RPO engagements (its pipeline made if missing)."""
    client = access_client(actor, client_id)
    _require_raiser(actor, client.pk)
    fields = dict(data)
    engagement = _engagement_of(actor, client.pk, fields.pop("engagement", fields.pop("engagement_id", None)))
    requisition = Requisition(client=client, engagement=engagement, created_by=real_user(actor))
    requisition.hiring_manager = _hiring_manager(actor, client.pk, fields)
    _assign(requisition, fields, REQUISITION_PROTECTED)
    requisition.full_clean()
    requisition.save()
    _record_status(actor, requisition, "")
    ensure_pipeline(engagement)
    return requisition


@transaction.atomic
def update_requisition(actor: Actor, requisition: Requisition, data: dict[str, Any]) -> Requisition:
    _require_raiser(actor, requisition.client_id)
    if requisition.status not in EDITABLE_REQUISITION_STATUSES:
        raise ValidationError(f"A {requisition.get_status_display().lower()} requisition can no longer be edited.")
    fields = dict(data)
    if "engagement" in fields or "engagement_id" in fields:
        engagement = fields.pop("engagement", fields.pop("engagement_id", None))
        requisition.engagement = _engagement_of(actor, requisition.client_id, engagement)
        ensure_pipeline(requisition.engagement)
    if "hiring_manager" in fields or "hiring_manager_id" in fields:
        requisition.hiring_manager = _hiring_manager(actor, requisition.client_id, fields)
    _assign(requisition, fields, REQUISITION_PROTECTED)
    requisition.full_clean()
    requisition.save()
    return requisition


def may_change_status(actor: Actor, requisition: Requisition, status: str) -> bool:
    """Approving (pending → open) and sending back (pending → draft) follow the engagement's approvers;
    every other allowed change is open to those who raise requisitions."""
    if not requisition.can_become(status):
        return False
    if requisition.status == RequisitionStatus.PENDING_APPROVAL and status != RequisitionStatus.CANCELLED:
        return rules.approves(actor, requisition)
    return rules.raises_requisitions(actor) or rules.approves(actor, requisition)


@transaction.atomic
def change_requisition_status(actor: Actor, requisition: Requisition, status: str, note: str = "") -> Requisition:
    """Move a requisition along its life cycle (draft → pending approval → open ⇄ on hold → filled; or cancelled)."""
    access_client(actor, requisition.client_id)
    locked = Requisition.objects.select_for_update().filter(pk=requisition.pk)
    requisition.status = locked.values_list("status", flat=True).get()  # the stored status, under a lock
    if status not in RequisitionStatus.values:
        raise ValidationError({"status": f"Choose a status among: {', '.join(RequisitionStatus.values)}."})
    if not requisition.can_become(status):
        raise ValidationError(
            {
                "status": f"A {requisition.get_status_display().lower()} requisition cannot become "
                f"{RequisitionStatus(status).label.lower()}."
            }
        )
    if not may_change_status(actor, requisition, status):
        raise PermissionDenied("Your role may not make this change to the requisition.")
    old = requisition.status
    requisition.status = status
    requisition.save(update_fields=["status", "updated_at"])
    _record_status(actor, requisition, old, note)
    return requisition


# --- the pipeline ---------------------------------------------------------------------------------------------


def ensure_pipeline(engagement: RpoEngagement) -> None:
    """Give the engagement the default stages unless it (or its client, client-wide) already has a template.

    Stage owners follow the engagement's division of work: in a hybrid engagement the client runs the
    stages it kept; submitted candidates are always reviewed by the client.
    """
    stages = PipelineStage.objects.filter(client_id=engagement.client_id)
    if stages.filter(engagement=engagement).exists() or stages.filter(engagement__isnull=True).exists():
        return
    PipelineStage.objects.bulk_create(
        PipelineStage(
            client_id=engagement.client_id,
            engagement=engagement,
            key=key,
            name=DefaultStage(key).label,
            position=position,
            owner=rules.stage_owner(engagement, hiring_stage, client_review=key == DefaultStage.CLIENT_REVIEW),
            outcome=outcome,
            hiring_stage=hiring_stage,
            stale_after_days=stale_days,
        )
        for position, (key, (outcome, hiring_stage, stale_days)) in enumerate(DEFAULT_PIPELINE.items(), start=1)
    )


def _pipeline_rows(requisition: Requisition) -> QuerySet[PipelineStage]:
    """The requisition's stages: its engagement's own, else the client-wide template."""
    rows = PipelineStage.objects.filter(client_id=requisition.client_id)
    own = rows.filter(engagement_id=requisition.engagement_id)
    return own if own.exists() else rows.filter(engagement__isnull=True)


def _stage_of(requisition: Requisition, stage: PipelineStage | Any) -> PipelineStage:
    """A stage of the requisition's own pipeline, named by row, id or key; a field error otherwise."""
    rows = _pipeline_rows(requisition)
    if isinstance(stage, PipelineStage):
        found = rows.filter(pk=stage.pk).first()
    elif isinstance(stage, int) or (isinstance(stage, str) and stage.isdigit()):
        found = rows.filter(pk=int(stage)).first()
    else:
        found = rows.filter(key=str(stage)).first()
    if found is None:
        raise ValidationError({"stage": "Choose a stage of this requisition's pipeline."})
    return found


def _first_stage(requisition: Requisition) -> PipelineStage:
    found = _pipeline_rows(requisition).filter(outcome=StageOutcome.ACTIVE).order_by("position").first()
    if found is None:
        raise ValidationError({"stage": "The requisition's pipeline has no stage in progress."})
    return found


def _require_pipeline_worker(actor: Actor, requisition: Requisition) -> None:
    access_client(actor, requisition.client_id)
    if not rules.works_pipelines(actor):
        raise PermissionDenied("Your role does not work recruiting pipelines.")
    if requisition.status not in ACTIVE_REQUISITION_STATUSES:
        raise ValidationError(
            f"The requisition is {requisition.get_status_display().lower()}: candidates move only while it is "
            "open or on hold."
        )


def _record_move(actor: Actor, application: Application, old: PipelineStage | None, reason: str = "") -> None:
    StageTransition.objects.create(
        client_id=application.client_id,
        application=application,
        from_stage=old,
        to_stage=application.stage,
        actor=real_user(actor),
        at=application.stage_entered_at,
        reason=reason[:300],
    )


def _require_consent(candidate: Candidate, requisition: Requisition) -> None:
    if candidate.share_across_clients or candidate.origin_client_id in (None, requisition.client_id):
        return
    raise ValidationError(
        {
            "candidate": "This candidate has not consented to be presented to clients other than the one "
            "they were sourced for."
        }
    )


@transaction.atomic
def add_application(actor: Actor, requisition: Requisition, candidate: Candidate, stage: Any = None) -> Application:
    """Put a pool candidate on a requisition (provider staff who work the pool), in its first stage by default."""
    _require_pipeline_worker(actor, requisition)
    if not rules.works_talent_pool(actor):
        raise PermissionDenied("Candidates are added to requisitions by the provider's recruiting staff.")
    if candidate.is_merged:
        raise ValidationError({"candidate": "This profile was merged into another one: add that one instead."})
    _require_consent(candidate, requisition)
    existing = Application.objects.filter(requisition=requisition, candidate=candidate).select_related("stage").first()
    if existing is not None:
        message = (
            f"{candidate.full_name} already has an application for this requisition (stage: {existing.stage.name})."
        )
        raise ValidationError({"candidate": ValidationError(message, code="unique")})
    chosen = _first_stage(requisition) if stage in (None, "") else _stage_of(requisition, stage)
    application = Application(
        client_id=requisition.client_id,
        requisition=requisition,
        candidate=candidate,
        stage=chosen,
        stage_entered_at=timezone.now(),
        created_by=real_user(actor),
    )
    application.full_clean()
    application.save()
    _record_move(actor, application, None)
    return application


@transaction.atomic
def move_application(
    actor: Actor, application: Application, stage: Any, reason: str = "", *, email_candidate: bool = False
) -> Application:
    """Move an application to another stage of its pipeline; a rejection needs a reason.

    ``email_candidate``: e-mail the candidate (the client's rejection template on a rejection); stage-entry
    automations e-mail on their own. Listeners of ``signals.application_moved`` do both."""
    Application.objects.select_for_update().filter(pk=application.pk).values_list("pk").get()  # lock the row
    application.refresh_from_db(fields=["stage", "stage_entered_at", "requisition"])
    requisition = Requisition.objects.select_related("engagement").get(pk=application.requisition_id)
    application.requisition = requisition
    _require_pipeline_worker(actor, requisition)
    target = _stage_of(requisition, stage)
    if target.pk == application.stage_id:
        raise ValidationError({"stage": f"The application is already in {target.name}."})
    if not rules.moves_between(actor, application.stage, target):
        raise PermissionDenied(
            f"{application.stage.name} and {target.name} are run by the other side of this engagement."
        )
    reason = reason.strip()
    if target.outcome == StageOutcome.REJECTED and not reason:
        raise ValidationError({"reason": "Give a reason for the rejection."})
    old = application.stage
    application.stage = target
    application.stage_entered_at = timezone.now()
    application.rejection_reason = reason if target.outcome == StageOutcome.REJECTED else ""
    application.save(update_fields=["stage", "stage_entered_at", "rejection_reason", "updated_at"])
    _record_move(actor, application, old, reason)
    if target.outcome == StageOutcome.HIRED:
        _fill_when_headcount_reached(actor, requisition)
    signals.application_moved.send(
        Application, actor=actor, application=application, from_stage=old, email_candidate=email_candidate
    )
    return application


def _fill_when_headcount_reached(actor: Actor, requisition: Requisition) -> None:
    hired = Application.objects.filter(requisition=requisition, stage__outcome=StageOutcome.HIRED).count()
    if requisition.status == RequisitionStatus.OPEN and hired >= requisition.headcount:
        old = requisition.status
        requisition.status = RequisitionStatus.FILLED
        requisition.save(update_fields=["status", "updated_at"])
        _record_status(actor, requisition, old, f"Headcount of {requisition.headcount} reached.")


def reject_application(
    actor: Actor, application: Application, reason: str, *, email_candidate: bool = False
) -> Application:
    target = _stage_of(application.requisition, DefaultStage.REJECTED)
    return move_application(actor, application, target, reason, email_candidate=email_candidate)


def clean_tag(tag: str) -> str:
    text = " ".join(tag.split())
    if not text or len(text) > MAX_TAG_LENGTH or '"' in text or "\\" in text:
        raise ValidationError({"tag": f"A tag is 1–{MAX_TAG_LENGTH} characters, without quotes or backslashes."})
    return text


@transaction.atomic
def tag_application(actor: Actor, application: Application, tag: str) -> Application:
    _require_pipeline_worker(actor, application.requisition)
    text = clean_tag(tag)
    if text not in application.tags:
        application.tags = [*application.tags, text]
        application.save(update_fields=["tags", "updated_at"])
    return application


@transaction.atomic
def bulk_apply(actor: Actor, applications: Iterable[Application], operation: str, value: str) -> int:
    """Move, reject (with a reason) or tag several applications at once: all or none.

    ``operation`` is "move" (value: a stage key or id), "reject" (value: the reason), "reject_email" (the same,
    and each candidate is e-mailed the client's rejection template) or "tag" (value: the tag).
    """
    rows = list(applications)
    if not rows:
        raise ValidationError({"applications": "Choose at least one application."})
    if len(rows) > MAX_BULK:
        raise ValidationError({"applications": f"At most {MAX_BULK} applications at once."})
    for row in rows:
        if operation == "move":
            move_application(actor, row, value)
        elif operation == "reject":
            reject_application(actor, row, value)
        elif operation == "reject_email":
            reject_application(actor, row, value, email_candidate=True)
        elif operation == "tag":
            tag_application(actor, row, value)
        else:
            raise ValidationError({"operation": "Choose move, reject, reject and e-mail, or tag."})
    return len(rows)


@transaction.atomic
def add_application_note(actor: Actor, application: Application, body: str) -> ApplicationNote:
    access_client(actor, application.client_id)
    if not rules.works_pipelines(actor):
        raise PermissionDenied("Your role does not work recruiting pipelines.")
    note = ApplicationNote(client_id=application.client_id, application=application, author=real_user(actor), body=body)
    note.full_clean()
    note.save()
    return note


# --- the talent pool ------------------------------------------------------------------------------------------


def _require_pool_worker(actor: Actor) -> None:
    if not rules.works_talent_pool(actor):
        raise PermissionDenied("The talent pool is worked by the provider's recruiting staff.")


def _normalise(candidate: Candidate) -> None:
    candidate.email = candidate.email.strip()
    candidate.email_normalised = normalise_email(candidate.email)
    candidate.phone_e164 = normalise_phone(candidate.phone, str(candidate.country or ""))
    candidate.profile_url_normalised = normalise_profile_url(candidate.profile_url)


def _refuse_exact_duplicates(actor: Actor, candidate: Candidate) -> None:
    details = ContactDetails(
        full_name=candidate.full_name,
        email=candidate.email,
        phone=candidate.phone,
        profile_url=candidate.profile_url,
        country=str(candidate.country or ""),
    )
    exact = [match for match in find_duplicates(actor, details, exclude_pk=candidate.pk) if match.exact]
    if exact:
        match = exact[0]
        fields = {"e-mail": "email", "phone": "phone", "profile URL": "profile_url"}
        raise ValidationError(
            {
                fields[reason]: ValidationError(
                    f"{match.candidate.full_name} (#{match.candidate.pk}) already has this {reason}: "
                    "open that profile, or merge the two.",
                    code="unique",
                )
                for reason in match.reasons
            }
        )


def _record_candidate(actor: Actor, candidate: Candidate, kind: str, detail: dict[str, Any] | None = None) -> None:
    CandidateEvent.objects.create(
        candidate=candidate, kind=kind, actor=real_user(actor), at=timezone.now(), detail=detail or {}
    )


@transaction.atomic
def create_candidate(actor: Actor, data: dict[str, Any]) -> Candidate:
    """A new pool candidate; refused (a uniqueness error) when its e-mail, phone or profile URL is known."""
    _require_pool_worker(actor)
    fields = dict(data)
    origin = fields.pop("origin_client", fields.pop("origin_client_id", None))
    candidate = Candidate(created_by=real_user(actor))
    _assign(candidate, fields, CANDIDATE_PROTECTED)
    candidate.origin_client = None if origin in (None, "") else _origin(actor, origin)
    _normalise(candidate)
    candidate.full_clean()
    _refuse_exact_duplicates(actor, candidate)
    candidate.save()
    _record_candidate(actor, candidate, CandidateEventKind.CREATED)
    return candidate


def _origin(actor: Actor, client: Any) -> Any:
    try:
        return access_client(actor, getattr(client, "pk", client))
    except Http404 as exc:
        raise ValidationError({"origin_client": "Choose one of your clients."}) from exc


@transaction.atomic
def update_candidate(actor: Actor, candidate: Candidate, data: dict[str, Any]) -> Candidate:
    _require_pool_worker(actor)
    if candidate.is_merged:
        raise ValidationError("This profile was merged into another one: edit that one instead.")
    fields = dict(data)
    if "origin_client" in fields or "origin_client_id" in fields:
        origin = fields.pop("origin_client", fields.pop("origin_client_id", None))
        candidate.origin_client = None if origin in (None, "") else _origin(actor, origin)
    _assign(candidate, fields, CANDIDATE_PROTECTED)
    _normalise(candidate)
    candidate.full_clean()
    _refuse_exact_duplicates(actor, candidate)
    candidate.save()
    _record_candidate(actor, candidate, CandidateEventKind.UPDATED, {"fields": sorted(fields)})
    return candidate


@transaction.atomic
def add_candidate_note(actor: Actor, candidate: Candidate, body: str) -> CandidateNote:
    """A provider-internal note (client users never see it)."""
    _require_pool_worker(actor)
    note = CandidateNote(candidate=candidate, author=real_user(actor), body=body)
    note.full_clean()
    note.save()
    return note


def _merge_lists(first: list[Any], second: list[Any]) -> list[Any]:
    return [*first, *(item for item in second if item not in first)]


@transaction.atomic
def merge_candidates(actor: Actor, keep: Candidate, duplicate: Candidate) -> Candidate:
    """Fold ``duplicate`` into ``keep``: every application, note and stage move survives, and both record it.

    An application of the duplicate to a requisition ``keep`` is already on is kept too: its notes and
    moves are re-attached to ``keep``'s application and the emptied row is removed (one application per
    candidate and requisition). The duplicate stays, marked ``merged_into``, so old links still resolve.
    """
    _require_pool_worker(actor)
    if keep.pk == duplicate.pk:
        raise ValidationError("A profile cannot be merged into itself.")
    if keep.is_merged or duplicate.is_merged:
        raise ValidationError("One of these profiles was already merged.")
    moved, folded = 0, 0
    for application in Application.objects.select_for_update().filter(candidate=duplicate):
        twin = Application.objects.filter(requisition_id=application.requisition_id, candidate=keep).first()
        if twin is None:
            application.candidate = keep
            application.save(update_fields=["candidate", "updated_at"])
            moved += 1
            continue
        ApplicationNote.objects.filter(application=application).update(application=twin)
        StageTransition.objects.filter(application=application).update(application=twin)
        twin.tags = _merge_lists(twin.tags, application.tags)
        twin.save(update_fields=["tags", "updated_at"])
        application.delete()
        folded += 1
    CandidateNote.objects.filter(candidate=duplicate).update(candidate=keep)
    for field in ("email", "phone", "profile_url", "city", "headline", "consent_policy_version"):
        if not getattr(keep, field) and getattr(duplicate, field):
            setattr(keep, field, getattr(duplicate, field))
    keep.skills = _merge_lists(keep.skills, duplicate.skills)
    keep.languages = _merge_lists(keep.languages, duplicate.languages)
    keep.tags = _merge_lists(keep.tags, duplicate.tags)
    duplicate.merged_into = keep
    duplicate.email_normalised = duplicate.phone_e164 = duplicate.profile_url_normalised = ""
    duplicate.save(update_fields=["merged_into", "email_normalised", "phone_e164", "profile_url_normalised"])
    _normalise(keep)
    keep.save()
    detail = {"duplicate": duplicate.pk, "applications_moved": moved, "applications_folded": folded}
    _record_candidate(actor, keep, CandidateEventKind.MERGED, detail)
    _record_candidate(actor, duplicate, CandidateEventKind.MERGED_AWAY, {"into": keep.pk})
    return keep
