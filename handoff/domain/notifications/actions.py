"""Changes to notifications: in-app notifications made, read; e-mails rendered, queued (sent after the commit by
``tasks.send_outbound_email``) and recorded; templates and stage-entry automations edited.

The ``on_*`` functions answer recruiting's signals inside the recruiting action's transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from handoff.domain.accounts.models import User
from handoff.domain.notifications import templating
from handoff.domain.notifications.models import (
    EmailStatus,
    EmailTemplate,
    Notification,
    OutboundEmail,
    StageAutomation,
    TemplateKey,
)
from handoff.domain.recruiting.models import Application, PipelineStage, StageOutcome
from handoff.domain.tenancy.access import Actor, access_client, real_user
from handoff.domain.tenancy.roles import ClientRole, StaffRole

if TYPE_CHECKING:
    from handoff.domain.recruiting.submittals.models import Submittal, SubmittalDecision

TEMPLATE_EDITORS = frozenset({StaffRole.ADMIN, StaffRole.ACCOUNT_MANAGER, StaffRole.RECRUITER, ClientRole.HR_ADMIN})
MAX_KEY = 40


# --- in-app notifications -------------------------------------------------------------------------------------


def notify(recipient: User, client_id: int, kind: str, title: str, body: str = "", url: str = "") -> Notification:
    return Notification.objects.create(
        client_id=client_id, recipient=recipient, kind=kind, title=title[:200], body=body, url=url[:300]
    )


@transaction.atomic
def mark_read(actor: Actor, notification: Notification) -> Notification:
    person = real_user(actor)
    if person is None or notification.recipient_id != person.pk:
        raise PermissionDenied("Only its recipient marks a notification read.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def mark_all_read(actor: Actor) -> int:
    from handoff.domain.notifications.selectors import unread

    return unread(actor).update(read_at=timezone.now())


# --- e-mails --------------------------------------------------------------------------------------------------


def wording(client_id: int, key: str) -> templating.Wording:
    """The client's own template for ``key``, else the default (the stage-entry default for unknown keys)."""
    own = EmailTemplate.objects.filter(client_id=client_id, key=key).first()
    if own is not None:
        return templating.Wording(own.subject, own.body)
    return templating.DEFAULTS.get(key, templating.DEFAULTS[TemplateKey.STAGE_ENTRY])


def queue_email(
    client_id: int, key: str, to: str, context: dict[str, Any], application: Application | None = None
) -> OutboundEmail:
    """Render the client's template (or the default) and queue it; a template that fails falls back to the
    default wording, so that a broken edit never loses a message."""
    try:
        rendered = templating.render(wording(client_id, key), context)
    except templating.RenderError:
        default = templating.DEFAULTS.get(key, templating.DEFAULTS[TemplateKey.STAGE_ENTRY])
        rendered = templating.render(default, context)
    email = OutboundEmail.objects.create(
        client_id=client_id,
        template_key=key,
        to=to,
        subject=rendered.subject,
        body=rendered.body,
        application=application,
    )
    transaction.on_commit(lambda: _enqueue(email.pk))
    return email


def _enqueue(email_id: int) -> None:
    from handoff.domain.notifications.tasks import send_outbound_email

    send_outbound_email.enqueue(email_id)


def record_sent(email: OutboundEmail, *, ok: bool, error: str = "") -> str:
    email.status = EmailStatus.SENT if ok else EmailStatus.FAILED
    email.sent_at = timezone.now() if ok else None
    email.error = error[:300]
    OutboundEmail.objects.filter(pk=email.pk).update(status=email.status, sent_at=email.sent_at, error=email.error)
    return email.status


def _application_context(application: Application, **extra: Any) -> dict[str, Any]:
    requisition = application.requisition
    return {
        "candidate": templating.candidate_values(application.candidate.full_name),
        "requisition": {
            "title": requisition.title,
            "department": requisition.department,
            "location": requisition.location or "Remote",
        },
        "client": {"name": application.client.name},
        "stage": {"name": application.stage.name},
        **extra,
    }


def send_candidate_email(application: Application, key: str, reason: str = "") -> OutboundEmail | None:
    """E-mail the application's candidate the client's ``key`` template (None when the candidate has no e-mail)."""
    address = application.candidate.email
    if not address:
        return None
    context = _application_context(application, reason=reason)
    return queue_email(application.client_id, key, address, context, application)


def on_application_moved(
    actor: Actor, application: Application, from_stage: PipelineStage | None, *, email_candidate: bool = False
) -> OutboundEmail | None:
    """A rejection the mover asked to e-mail sends the rejection template; a stage with an automation sends its
    template on entry (once: a rejection e-mail stands in for the rejected stage's automation)."""
    key = ""
    if email_candidate and application.stage.outcome == StageOutcome.REJECTED:
        key = TemplateKey.APPLICATION_REJECTED
    else:
        automation = StageAutomation.objects.filter(stage_id=application.stage_id).first()
        key = automation.template_key if automation is not None else ""
    if not key:
        return None
    return send_candidate_email(application, key, application.rejection_reason)


def _portal_link(submittal: Submittal) -> str:
    return reverse("web:portal_submittal", kwargs={"submittal_id": submittal.pk})


def _submittal_context(submittal: Submittal, recipient: User) -> dict[str, Any]:
    application = submittal.application
    recruiter = submittal.submitted_by
    return _application_context(
        application,
        recipient=templating.person(recipient.full_name or recipient.email),
        recruiter=templating.person((recruiter.full_name or recruiter.email) if recruiter else "The recruiting team"),
        submittal={
            "write_up": submittal.write_up,
            "decision": submittal.get_status_display(),
            "reason": submittal.reason,
            "feedback": submittal.feedback,
        },
        link=_portal_link(submittal),
    )


def _deciders(submittal: Submittal) -> list[User]:
    """Who hears of a new submittal: the requisition's hiring manager, else the client's HR admins."""
    manager = submittal.requisition.hiring_manager
    if manager is not None and manager.is_active:
        return [manager]
    return list(User.objects.filter(client_id=submittal.client_id, role=ClientRole.HR_ADMIN, is_active=True))


def on_submittal_created(actor: Actor, submittal: Submittal) -> list[Notification]:
    made = []
    candidate = submittal.application.candidate.full_name
    for person in _deciders(submittal):
        title = f"New candidate for {submittal.requisition.title}: {candidate}"
        made.append(notify(person, submittal.client_id, "submittal_created", title, "", _portal_link(submittal)))
        context = _submittal_context(submittal, person)
        queue_email(submittal.client_id, TemplateKey.SUBMITTAL_CREATED, person.email, context, submittal.application)
    return made


def on_submittal_decided(actor: Actor, submittal: Submittal, decision: SubmittalDecision) -> Notification | None:
    recruiter = submittal.submitted_by
    if recruiter is None or not recruiter.is_active:
        return None
    candidate = submittal.application.candidate.full_name
    title = f"{submittal.client.name}: {decision.get_decision_display()} — {candidate}"
    url = reverse("web:application_detail", kwargs={"application_id": submittal.application_id})
    made = notify(recruiter, submittal.client_id, "submittal_decided", title, decision.feedback, url)
    context = _submittal_context(submittal, recruiter)
    queue_email(submittal.client_id, TemplateKey.SUBMITTAL_DECIDED, recruiter.email, context, submittal.application)
    return made


# --- templates and automations --------------------------------------------------------------------------------


def _require_editor(actor: Actor, client_id: Any) -> Any:
    client = access_client(actor, client_id)
    person = real_user(actor)
    if person is None or person.role not in TEMPLATE_EDITORS:
        raise PermissionDenied("E-mail templates are edited by client HR admins and the provider's recruiting staff.")
    return client


def clean_key(key: str) -> str:
    text = (key or "").strip().lower()
    if not text or len(text) > MAX_KEY or not all(ch.isalnum() or ch in "-_" for ch in text):
        raise ValidationError({"key": f"A key is 1–{MAX_KEY} letters, digits, - or _."})
    return text


@transaction.atomic
def save_template(actor: Actor, client_id: Any, key: str, subject: str, body: str) -> EmailTemplate:
    """Create or replace the client's template ``key`` (checked to compile and render)."""
    client = _require_editor(actor, client_id)
    text_key = clean_key(key)
    templating.check(subject, body)
    row = EmailTemplate.objects.filter(client=client, key=text_key).first() or EmailTemplate(
        client=client, key=text_key
    )
    row.subject, row.body, row.updated_by = subject.strip(), body, real_user(actor)
    row.full_clean(validate_constraints=False)
    row.save()
    return row


@transaction.atomic
def reset_template(actor: Actor, client_id: Any, key: str) -> int:
    """Drop the client's own template: the default applies again."""
    client = _require_editor(actor, client_id)
    deleted, _ = EmailTemplate.objects.filter(client=client, key=clean_key(key)).delete()
    return deleted


@transaction.atomic
def set_stage_automation(actor: Actor, stage: PipelineStage, template_key: str) -> StageAutomation | None:
    """E-mail the candidate ``template_key`` on entry to ``stage``; an empty key removes the automation."""
    _require_editor(actor, stage.client_id)
    existing = StageAutomation.objects.filter(stage=stage).first()
    if not (template_key or "").strip():
        if existing is not None:
            existing.delete()
        return None
    key = clean_key(template_key)
    row = existing or StageAutomation(client_id=stage.client_id, stage=stage)
    row.template_key = key
    row.save()
    return row
