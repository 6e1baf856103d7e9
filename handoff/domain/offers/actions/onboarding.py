"""Onboarding: per-client checklist templates, a checklist made on acceptance, tasks done by each side.

Candidates reach their checklist through a signed link (no login) and upload the documents asked of
them there (sniffed: PDF, DOCX, TXT or an image, at most 10 MB).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from handoff.domain.offers import links, selectors
from handoff.domain.offers.models import (
    SURVEY_MILESTONES,
    ChecklistItem,
    HireSurvey,
    Offer,
    Onboarding,
    OnboardingTask,
    TaskKind,
    TaskSide,
)
from handoff.domain.tenancy.access import Actor, access_client, real_user
from handoff.domain.tenancy.roles import ClientRole, StaffRole, UserKind
from handoff.engines.resumes.sniff import MAX_UPLOAD_BYTES, sniff

TEMPLATE_EDITORS = frozenset({StaffRole.ADMIN, StaffRole.ACCOUNT_MANAGER, ClientRole.HR_ADMIN})
DOCUMENT_KINDS = frozenset({"pdf", "docx", "txt"})
IMAGE_SIGNATURES: tuple[tuple[bytes, str], ...] = ((b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpg"))

# The checklist a client starts with until it keeps its own: (title, kind, side, days after the start date).
DEFAULT_CHECKLIST: tuple[tuple[str, str, str, int], ...] = (
    ("Signed contract", TaskKind.DOCUMENT, TaskSide.CANDIDATE, -7),
    ("Identity document", TaskKind.DOCUMENT, TaskSide.CANDIDATE, -7),
    ("Laptop and accessories", TaskKind.EQUIPMENT, TaskSide.CLIENT, -2),
    ("E-mail and system accounts", TaskKind.ACCOUNT, TaskSide.CLIENT, -1),
    ("Background check", TaskKind.DOCUMENT, TaskSide.PROVIDER, -5),
    ("First-day plan: welcome, team lunch, setup", TaskKind.FIRST_DAY, TaskSide.CLIENT, 0),
)


def edits_checklists(actor: Actor) -> bool:
    person = real_user(actor)
    return person is not None and person.role in TEMPLATE_EDITORS


@transaction.atomic
def add_checklist_item(actor: Actor, client_id: Any, data: dict[str, Any]) -> ChecklistItem:
    client = access_client(actor, client_id)
    if not edits_checklists(actor):
        raise PermissionDenied("Checklists are kept by client HR admins and account managers.")
    position = ChecklistItem.objects.filter(client=client).count() + 1
    item = ChecklistItem(client=client, position=position)
    for field in ("title", "kind", "side", "due_offset_days"):
        if field in data:
            setattr(item, field, data[field])
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def remove_checklist_item(actor: Actor, item: ChecklistItem) -> None:
    access_client(actor, item.client_id)
    if not edits_checklists(actor):
        raise PermissionDenied("Checklists are kept by client HR admins and account managers.")
    item.delete()


def _template(client_id: int) -> list[tuple[str, str, str, int]]:
    rows = ChecklistItem.objects.filter(client_id=client_id).order_by("position", "pk")
    found = [(row.title, row.kind, row.side, row.due_offset_days) for row in rows]
    return found or list(DEFAULT_CHECKLIST)


def start_onboarding(offer: Offer, start_date: dt.date) -> Onboarding:
    """The accepted offer's checklist (tasks from the client's template) and its hire surveys."""
    existing = Onboarding.objects.filter(offer=offer).first()
    if existing is not None:
        return existing
    onboarding = Onboarding.objects.create(
        client_id=offer.client_id, offer=offer, start_date=start_date, link_nonce=links.new_nonce()
    )
    OnboardingTask.objects.bulk_create(
        OnboardingTask(
            client_id=offer.client_id,
            onboarding=onboarding,
            title=title,
            kind=kind,
            side=side,
            due_on=start_date + dt.timedelta(days=offset),
            position=position,
        )
        for position, (title, kind, side, offset) in enumerate(_template(offer.client_id), start=1)
    )
    manager = offer.application.requisition.hiring_manager
    HireSurvey.objects.bulk_create(
        HireSurvey(
            client_id=offer.client_id,
            onboarding=onboarding,
            milestone_days=days,
            due_on=start_date + dt.timedelta(days=days),
            respondent=manager,
        )
        for days in SURVEY_MILESTONES
    )
    return onboarding


def candidate_token(onboarding: Onboarding) -> str:
    return links.make_token(onboarding.pk, onboarding.link_nonce, links.ONBOARDING_SALT)


def onboarding_from_token(token: str) -> Onboarding:
    data = links.read_token(token, links.ONBOARDING_SALT, links.ONBOARDING_LINK_MAX_AGE)
    onboarding = selectors.onboarding_for_link(data.row_id)
    if onboarding is None or onboarding.link_nonce != data.nonce:
        raise links.LinkError(links.LinkProblem.TAMPERED)
    return onboarding


def _side_of(actor: Actor) -> str | None:
    person = real_user(actor)
    if person is None:
        return None
    return TaskSide.PROVIDER if person.kind == UserKind.PROVIDER else TaskSide.CLIENT


@transaction.atomic
def complete_task(actor: Actor, task: OnboardingTask, *, done: bool = True) -> OnboardingTask:
    """Tick (or untick) a task of the actor's side; provider admins tick any staff task."""
    access_client(actor, task.client_id)
    side = _side_of(actor)
    person = real_user(actor)
    if task.side == TaskSide.CANDIDATE:
        raise ValidationError("The candidate completes this task on their onboarding page.")
    if side != task.side and not (person is not None and person.is_provider_admin):
        raise PermissionDenied(f"This task is the {task.get_side_display().lower()}'s.")
    task.completed_at = timezone.now() if done else None
    task.completed_by = person if done else None
    task.save(update_fields=["completed_at", "completed_by"])
    return task


def check_document(data: bytes) -> str:
    """The extension of an acceptable upload (PDF, DOCX, TXT, PNG, JPEG); a field error otherwise."""
    if not data:
        raise ValidationError({"document": "The file is empty."})
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError({"document": f"The file is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB."})
    for signature, extension in IMAGE_SIGNATURES:
        if data.startswith(signature):
            return extension
    found = sniff(data)
    if found.kind is None or str(found.kind) not in DOCUMENT_KINDS:
        reason = found.reason or f"a {found.kind} file"
        raise ValidationError({"document": f"Upload a PDF, DOCX, TXT, PNG or JPEG file ({reason})."})
    return str(found.kind)


@transaction.atomic
def upload_document(onboarding: Onboarding, task_id: int, name: str, data: bytes) -> OnboardingTask:
    """The candidate's document for one of their document tasks (stored under a random name)."""
    task = OnboardingTask.objects.filter(
        client_id=onboarding.client_id, onboarding=onboarding, pk=task_id, side=TaskSide.CANDIDATE
    ).first()
    if task is None:
        raise ValidationError({"task": "Choose one of your tasks."})
    extension = check_document(data)
    if task.document:
        task.document.delete(save=False)
    task.document.save(f"{uuid.uuid4().hex}.{extension}", ContentFile(data), save=False)
    task.document_name = (name or f"document.{extension}")[:200]
    task.completed_at = timezone.now()
    task.save(update_fields=["document", "document_name", "completed_at"])
    return task


@transaction.atomic
def candidate_complete(onboarding: Onboarding, task_id: int) -> OnboardingTask:
    """The candidate ticks one of their tasks that needs no document."""
    task = OnboardingTask.objects.filter(
        client_id=onboarding.client_id, onboarding=onboarding, pk=task_id, side=TaskSide.CANDIDATE
    ).first()
    if task is None:
        raise ValidationError({"task": "Choose one of your tasks."})
    if task.kind == TaskKind.DOCUMENT and not task.document:
        raise ValidationError({"document": "Upload the document to complete this task."})
    task.completed_at = timezone.now()
    task.save(update_fields=["completed_at"])
    return task
