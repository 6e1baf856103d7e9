"""Editing pipeline stage templates: a client's client-wide template (stages without an engagement) or an RPO
engagement's own stages.

Who edits: provider admins, the client's account managers and recruiters, and the client's HR admins. The
terminal outcomes (hired, rejected, withdrawn) end every pipeline: they cannot be deleted, and their outcome
and key never change (``actions.reject_application`` finds the rejected stage by key). A stage is deleted only
when no application is in it and no stage move refers to it (those rows are the source of every KPI).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.utils.text import slugify

from handoff.domain.engagements.models import RpoEngagement
from handoff.domain.recruiting import rules
from handoff.domain.recruiting.models import Application, PipelineStage, StageOutcome, StageOwner, StageTransition
from handoff.domain.recruiting.rules import DEFAULT_PIPELINE, DefaultStage
from handoff.domain.tenancy.access import Actor, access_client, access_owned, real_user, scoped
from handoff.domain.tenancy.roles import ClientRole, StaffRole

STAGE_EDITORS = frozenset({StaffRole.ADMIN, StaffRole.ACCOUNT_MANAGER, StaffRole.RECRUITER, ClientRole.HR_ADMIN})
EDITABLE_FIELDS = ("name", "owner", "stale_after_days")
DIRECTIONS = ("up", "down")


def edits_stages(actor: Actor) -> bool:
    person = real_user(actor)
    return person is not None and person.role in STAGE_EDITORS


def _require_editor(actor: Actor, client_id: int) -> None:
    access_client(actor, client_id)
    if not edits_stages(actor):
        raise PermissionDenied("Stage templates are edited by client HR admins and the client's recruiting team.")


def template_stages(actor: Actor, client_id: int, engagement: RpoEngagement | None) -> QuerySet[PipelineStage]:
    """The stages of one template, in order: the engagement's own, or the client-wide ones (engagement None)."""
    rows = scoped(actor, PipelineStage).filter(client_id=client_id)
    if engagement is None:
        return rows.filter(engagement__isnull=True).order_by("position", "pk")
    return rows.filter(engagement_id=engagement.pk).order_by("position", "pk")


def stage(actor: Actor, pk: Any) -> PipelineStage:
    """One stage of a template the actor sees (Http404 when missing, foreign or malformed)."""
    return access_owned(actor, scoped(actor, PipelineStage).select_related("engagement"), pk)


def _rows(stage_row: PipelineStage) -> QuerySet[PipelineStage]:
    rows = PipelineStage.objects.filter(client_id=stage_row.client_id)
    if stage_row.engagement_id is None:
        return rows.filter(engagement__isnull=True)
    return rows.filter(engagement_id=stage_row.engagement_id)


def _renumber(rows: list[PipelineStage]) -> None:
    for position, row in enumerate(rows, start=1):
        if row.position != position:
            row.position = position
            row.save(update_fields=["position"])


@transaction.atomic
def start_from_defaults(actor: Actor, client_id: int, engagement: RpoEngagement | None) -> list[PipelineStage]:
    """Give an empty template the default stages (owners follow the engagement's division of work)."""
    _require_editor(actor, client_id)
    if template_stages(actor, client_id, engagement).exists():
        raise ValidationError("This template already has stages.")
    created = []
    for position, (key, (outcome, hiring_stage, stale_days)) in enumerate(DEFAULT_PIPELINE.items(), start=1):
        review = key == DefaultStage.CLIENT_REVIEW
        if engagement is not None:
            owner = rules.stage_owner(engagement, hiring_stage, client_review=review)
        else:
            owner = StageOwner.CLIENT if review else StageOwner.PROVIDER
        row = PipelineStage(
            client_id=client_id,
            engagement=engagement,
            key=key,
            name=DefaultStage(key).label,
            position=position,
            owner=owner,
            outcome=outcome,
            hiring_stage=hiring_stage,
            stale_after_days=stale_days,
        )
        row.full_clean()
        row.save()
        created.append(row)
    return created


def _free_key(rows: QuerySet[PipelineStage], name: str) -> str:
    base = (slugify(name)[:34] or "stage").replace("-", "_")
    key, number = base, 2
    while rows.filter(key=key).exists():
        key, number = f"{base}_{number}", number + 1
    return key


def _clean_data(data: dict[str, Any]) -> dict[str, Any]:
    cleaned = {field: data[field] for field in EDITABLE_FIELDS if field in data}
    if "name" in cleaned:
        cleaned["name"] = " ".join(str(cleaned["name"] or "").split())
    if cleaned.get("stale_after_days") in ("", None):
        cleaned["stale_after_days"] = None
    return cleaned


@transaction.atomic
def add_stage(actor: Actor, client_id: int, engagement: RpoEngagement | None, data: dict[str, Any]) -> PipelineStage:
    """A new stage in progress, placed after the last stage in progress (the terminal outcomes stay last)."""
    _require_editor(actor, client_id)
    if engagement is not None and engagement.client_id != client_id:
        raise ValidationError({"engagement": "Choose an engagement of this client."})
    rows = template_stages(actor, client_id, engagement)
    if not rows.exists():
        raise ValidationError("Start the template from the default stages first.")
    fields = _clean_data(data)
    last_active = rows.filter(outcome=StageOutcome.ACTIVE).aggregate(last=Max("position"))["last"] or 0
    row = PipelineStage(
        client_id=client_id,
        engagement=engagement,
        key=_free_key(rows, str(fields.get("name", ""))),
        position=last_active + 1,
        outcome=StageOutcome.ACTIVE,
        **fields,
    )
    row.full_clean()
    ordered = list(rows)
    row.save()
    _renumber(
        [*[r for r in ordered if r.position <= last_active], row, *[r for r in ordered if r.position > last_active]]
    )
    return row


@transaction.atomic
def update_stage(actor: Actor, stage_row: PipelineStage, data: dict[str, Any]) -> PipelineStage:
    """Rename a stage, change its owner or its stale warning; the key and the outcome never change."""
    _require_editor(actor, stage_row.client_id)
    for field, value in _clean_data(data).items():
        setattr(stage_row, field, value)
    stage_row.full_clean()
    stage_row.save(update_fields=[*EDITABLE_FIELDS])
    return stage_row


@transaction.atomic
def move_stage(actor: Actor, stage_row: PipelineStage, direction: str) -> PipelineStage:
    """Swap a stage with its neighbour ("up" or "down")."""
    _require_editor(actor, stage_row.client_id)
    if direction not in DIRECTIONS:
        raise ValidationError({"direction": "Choose up or down."})
    rows = list(_rows(stage_row).select_for_update().order_by("position", "pk"))
    index = next(i for i, row in enumerate(rows) if row.pk == stage_row.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(rows):
        raise ValidationError({"direction": f"{stage_row.name} is already the {'first' if other < 0 else 'last'}."})
    rows[index], rows[other] = rows[other], rows[index]
    _renumber(rows)
    stage_row.refresh_from_db(fields=["position"])
    return stage_row


@transaction.atomic
def reorder_stages(
    actor: Actor, client_id: int, engagement: RpoEngagement | None, stage_ids: list[int]
) -> list[PipelineStage]:
    """Put a template's stages in the order given: every stage of the template, each once."""
    _require_editor(actor, client_id)
    rows = {row.pk: row for row in template_stages(actor, client_id, engagement).select_for_update()}
    if sorted(stage_ids) != sorted(rows) or len(set(stage_ids)) != len(stage_ids):
        raise ValidationError({"stage_ids": "List every stage of this template exactly once."})
    ordered = [rows[pk] for pk in stage_ids]
    _renumber(ordered)
    return ordered


@transaction.atomic
def delete_stage(actor: Actor, stage_row: PipelineStage) -> None:
    """Delete a stage in progress that no application is in and no recorded stage move refers to."""
    _require_editor(actor, stage_row.client_id)
    if stage_row.is_terminal:
        raise ValidationError(f"{stage_row.name} ends pipelines ({stage_row.get_outcome_display()}): it stays.")
    in_stage = Application.objects.filter(stage=stage_row).count()
    if in_stage:
        raise ValidationError(
            f"{in_stage} application{'s are' if in_stage != 1 else ' is'} in {stage_row.name}: "
            "move them to another stage first."
        )
    if StageTransition.objects.filter(Q(from_stage=stage_row) | Q(to_stage=stage_row)).exists():
        raise ValidationError(
            f"Candidates have passed through {stage_row.name} and their history refers to it: rename it instead."
        )
    if not _rows(stage_row).filter(outcome=StageOutcome.ACTIVE).exclude(pk=stage_row.pk).exists():
        raise ValidationError("A pipeline needs at least one stage in progress.")
    rows = list(_rows(stage_row).exclude(pk=stage_row.pk).order_by("position", "pk"))
    stage_row.delete()
    _renumber(rows)
