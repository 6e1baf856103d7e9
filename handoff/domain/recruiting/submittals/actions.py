"""Submitting a screened application to the client, the client's decisions on it, and the SLA targets.

A submittal moves its application through the recruiting actions (so every move is a ``StageTransition``):
submitting puts it in "Submitted" and then in "Client review" (the client's stage); an "interview" decision
moves it to "Interview", a rejection to "Rejected" (with the reason); a hold leaves it in review. Every
decision is a ``SubmittalDecision`` row (actor, time, reason, feedback); the first one stops the client's
feedback clock.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from handoff.domain.engagements.models import RpoEngagement
from handoff.domain.recruiting import actions as recruiting_actions
from handoff.domain.recruiting import signals
from handoff.domain.recruiting.models import Application, PipelineStage, StageOutcome, StageOwner
from handoff.domain.recruiting.rules import DefaultStage, works_talent_pool
from handoff.domain.recruiting.submittals.models import (
    MAX_WRITE_UP,
    OPEN_SUBMITTAL_STATUSES,
    Decision,
    Submittal,
    SubmittalDecision,
    SubmittalSla,
    SubmittalStatus,
)
from handoff.domain.tenancy.access import Actor, access_client, real_user
from handoff.domain.tenancy.roles import ClientRole, StaffRole

SLA_EDITORS = frozenset({StaffRole.ADMIN, StaffRole.ACCOUNT_MANAGER})


def _stages(application: Application) -> dict[str, PipelineStage]:
    rows = recruiting_actions._pipeline_rows(application.requisition)
    return {stage.key: stage for stage in rows}


def _check_submittable(application: Application, stages: dict[str, PipelineStage]) -> PipelineStage:
    """The client-review stage to send the application to; a field error when it is not ready for the client."""
    review = stages.get(DefaultStage.CLIENT_REVIEW)
    if review is None:
        raise ValidationError({"application": "This pipeline has no client review stage to submit to."})
    current = application.stage
    screened = stages.get(DefaultStage.SCREENED)
    ready = (
        current.outcome == StageOutcome.ACTIVE
        and current.owner == StageOwner.PROVIDER
        and current.position < review.position
        and (screened is None or current.position >= screened.position)
    )
    if not ready:
        raise ValidationError(
            {"application": f"Only screened candidates are submitted: this application is in {current.name}."}
        )
    return review


def _clean_text(value: str, field: str, *, required: bool, limit: int) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: "This field is required."})
    if len(text) > limit:
        raise ValidationError({field: f"At most {limit:,} characters."})
    return text


@transaction.atomic
def submit(actor: Actor, application: Application, write_up: str) -> Submittal:
    """Send a screened application to the client with a write-up (provider recruiting staff)."""
    access_client(actor, application.client_id)
    if not works_talent_pool(actor):
        raise PermissionDenied("Candidates are submitted by the provider's recruiting staff.")
    text = _clean_text(write_up, "write_up", required=True, limit=MAX_WRITE_UP)
    application = Application.objects.select_related("stage", "requisition__engagement", "candidate").get(
        pk=application.pk
    )
    if Submittal.objects.filter(application=application, status__in=OPEN_SUBMITTAL_STATUSES).exists():
        raise ValidationError({"application": "This application already has a submittal waiting for the client."})
    stages = _stages(application)
    review = _check_submittable(application, stages)
    submitted = stages.get(DefaultStage.SUBMITTED)
    if submitted is not None and application.stage_id != submitted.pk:
        recruiting_actions.move_application(actor, application, submitted, "Submitted to the client")
    recruiting_actions.move_application(actor, application, review, "Submitted to the client")
    submittal = Submittal(
        client_id=application.client_id,
        application=application,
        requisition=application.requisition,
        write_up=text,
        submitted_by=real_user(actor),
        submitted_at=application.stage_entered_at,
    )
    submittal.full_clean()
    submittal.save()
    signals.submittal_created.send(Submittal, actor=actor, submittal=submittal)
    return submittal


def may_decide(actor: Actor, submittal: Submittal) -> bool:
    """The client decides: its HR admins, and the requisition's hiring manager (any of the client's hiring
    managers when the requisition names none)."""
    person = real_user(actor)
    if person is None or person.is_provider or person.client_id != submittal.client_id:
        return False
    if person.role == ClientRole.HR_ADMIN:
        return True
    manager_id = submittal.requisition.hiring_manager_id
    return person.role == ClientRole.HIRING_MANAGER and manager_id in (None, person.pk)


@transaction.atomic
def decide(actor: Actor, submittal: Submittal, decision: str, reason: str = "", feedback: str = "") -> Submittal:
    """The client's decision on a submittal: interview, reject (a reason needed) or hold; recorded with actor
    and time."""
    access_client(actor, submittal.client_id)
    submittal = Submittal.objects.select_for_update().select_related("requisition", "application").get(pk=submittal.pk)
    if decision not in Decision.values:
        raise ValidationError({"decision": "Choose interview, reject or hold."})
    if not may_decide(actor, submittal):
        raise PermissionDenied("Submittals are decided by the client's HR admins and the hiring manager.")
    if not submittal.is_open:
        raise ValidationError({"decision": f"This submittal was already decided: {submittal.get_status_display()}."})
    if decision == Decision.ON_HOLD and submittal.status == SubmittalStatus.ON_HOLD:
        raise ValidationError({"decision": "This submittal is already on hold."})
    reason_text = _clean_text(reason, "reason", required=decision == Decision.REJECTED, limit=300)
    feedback_text = _clean_text(feedback, "feedback", required=False, limit=MAX_WRITE_UP)
    _move_for(actor, submittal, decision, reason_text)
    now = timezone.now()
    submittal.status = SubmittalStatus(decision)
    submittal.decided_at, submittal.decided_by = now, real_user(actor)
    submittal.first_decided_at = submittal.first_decided_at or now
    submittal.reason, submittal.feedback = reason_text, feedback_text
    submittal.save()
    row = SubmittalDecision.objects.create(
        client_id=submittal.client_id,
        submittal=submittal,
        decision=decision,
        reason=reason_text,
        feedback=feedback_text,
        actor=real_user(actor),
        at=now,
    )
    signals.submittal_decided.send(Submittal, actor=actor, submittal=submittal, decision=row)
    return submittal


def _move_for(actor: Actor, submittal: Submittal, decision: str, reason: str) -> None:
    application = Application.objects.select_related("stage", "requisition").get(pk=submittal.application_id)
    if decision == Decision.INTERVIEW:
        recruiting_actions.move_application(actor, application, DefaultStage.INTERVIEW, "Client: interview")
    elif decision == Decision.REJECTED:
        recruiting_actions.reject_application(actor, application, reason)


@transaction.atomic
def set_sla(
    actor: Actor, client_id: Any, first_submittal_hours: int, feedback_hours: int, engagement: Any = None
) -> SubmittalSla:
    """Set the SLA targets of a client (or of one of its engagements): provider admins and account managers."""
    client = access_client(actor, client_id)
    person = real_user(actor)
    if person is None or not person.is_provider or person.role not in SLA_EDITORS:
        raise PermissionDenied("SLA targets are set by provider admins and account managers.")
    engagement_row = None
    if engagement not in (None, ""):
        engagement_id = getattr(engagement, "pk", engagement)
        engagement_row = RpoEngagement.objects.filter(client=client, pk=engagement_id).first()
        if engagement_row is None:
            raise ValidationError({"engagement": "Choose one of the client's RPO engagements."})
    row = SubmittalSla.objects.filter(client=client, engagement=engagement_row).first() or SubmittalSla(
        client=client, engagement=engagement_row
    )
    row.first_submittal_hours, row.feedback_hours = first_submittal_hours, feedback_hours
    row.full_clean(validate_constraints=False)
    row.save()
    return row
