"""Reads of assurance data, scoped to the actor's clients (tenancy.access) and to the actor's role.

- maker-checker changes and their audit: provider staff who work items;
- QA samples and reviews, calibration: reviewers, account managers and the client's process owners
  (``sees_results``); CSAT per service and per agent: the same.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from handoff.domain.assurance.actions.qa import snapshot_criteria
from handoff.domain.assurance.models import (
    AuditEntry,
    ChangeRequest,
    ChangeState,
    CsatSurvey,
    QaPlan,
    QaReview,
    QaSample,
    ScorecardCriterion,
)
from handoff.domain.assurance.permissions import MAKER_CHECKER_PROCESSES, is_reviewer, sees_results
from handoff.domain.operations.models import Service, WorkItem
from handoff.domain.operations.permissions import is_worker
from handoff.domain.operations.selectors import my_items
from handoff.domain.tenancy.access import Actor, access_owned, scoped
from handoff.engines import assurance as engine


def changes(actor: Actor) -> QuerySet[ChangeRequest]:
    rows = scoped(actor, ChangeRequest) if is_worker(actor) else ChangeRequest.objects.none()
    return rows.select_related("item", "item__service", "maker", "checker")


def pending_changes(actor: Actor) -> QuerySet[ChangeRequest]:
    """The checker queue: changes waiting for a checker (the actor's own are shown but cannot be checked)."""
    return changes(actor).filter(state=ChangeState.PENDING).order_by("submitted_at", "id")


def my_maker_checker_items(actor: Actor) -> QuerySet[WorkItem]:
    """The actor's items in hand of accounting and payroll services (their changes go through a checker)."""
    return my_items(actor).filter(service__engagement__process_type__in=MAKER_CHECKER_PROCESSES)


def change(actor: Actor, pk: Any) -> ChangeRequest:
    return access_owned(actor, changes(actor), pk)


def item_changes(actor: Actor, item: WorkItem) -> QuerySet[ChangeRequest]:
    return changes(actor).filter(item=item)


def audit_trail(actor: Actor, change: ChangeRequest) -> QuerySet[AuditEntry]:
    rows = scoped(actor, AuditEntry) if is_worker(actor) else AuditEntry.objects.none()
    return rows.filter(change=change).select_related("actor").order_by("at", "id")


def qa_services(actor: Actor) -> QuerySet[Service]:
    """Services the actor may see QA of."""
    rows = scoped(actor, Service) if sees_results(actor) else Service.objects.none()
    return rows.filter(is_active=True).select_related("client", "engagement").order_by("client__name", "name")


def qa_service(actor: Actor, pk: Any) -> Service:
    return access_owned(actor, qa_services(actor), pk)


def qa_plan(actor: Actor, service: Service) -> QaPlan | None:
    return scoped(actor, QaPlan).filter(service=service).first()


def criteria(actor: Actor, service: Service) -> QuerySet[ScorecardCriterion]:
    return scoped(actor, ScorecardCriterion).filter(service=service).order_by("position", "id")


def samples(actor: Actor, service: Service | None = None, week: dt.date | None = None) -> QuerySet[QaSample]:
    rows = scoped(actor, QaSample) if sees_results(actor) else QaSample.objects.none()
    rows = rows.select_related("item", "agent", "service").annotate(review_count=Count("reviews"))
    if service is not None:
        rows = rows.filter(service=service)
    return rows.filter(week=week) if week is not None else rows


def sample(actor: Actor, pk: Any) -> QaSample:
    return access_owned(actor, samples(actor), pk)


def reviews(actor: Actor, sample: QaSample) -> QuerySet[QaReview]:
    rows = scoped(actor, QaReview) if sees_results(actor) else QaReview.objects.none()
    return rows.filter(sample=sample).select_related("reviewer").order_by("created_at", "id")


def can_review(actor: Actor) -> bool:
    return is_reviewer(actor)


@dataclass(frozen=True)
class CalibrationReport:
    first: QaReview
    second: QaReview
    result: engine.Calibration
    labels: dict[str, str]


def calibration(actor: Actor, sample: QaSample) -> CalibrationReport | None:
    """The first two reviews of a sample compared criterion by criterion (None with fewer than two)."""
    pair = list(reviews(actor, sample)[:2])
    if len(pair) < 2 or pair[0].criteria != pair[1].criteria:
        return None
    first, second = pair
    result = engine.calibrate(snapshot_criteria(first.criteria), first.points, second.points)
    labels = {str(c["key"]): str(c.get("label") or c["key"]) for c in first.criteria}
    return CalibrationReport(first, second, result, labels)


@dataclass(frozen=True)
class CsatRow:
    key: int | None
    name: str
    responses: int
    satisfied: int
    percent: float | None


def _csat_rows(rows: QuerySet[CsatSurvey], key: str, name: str) -> list[CsatRow]:
    grouped = (
        rows.filter(answered_at__isnull=False)
        .values(key, name)
        .order_by(name)
        .annotate(responses=Count("id"), satisfied=Count("id", filter=Q(score__gte=4)))
    )
    return [
        CsatRow(
            row[key],
            str(row[name] or "—"),
            row["responses"],
            row["satisfied"],
            round(100 * row["satisfied"] / row["responses"], 2) if row["responses"] else None,
        )
        for row in grouped
    ]


def csat_surveys(actor: Actor) -> QuerySet[CsatSurvey]:
    return scoped(actor, CsatSurvey) if sees_results(actor) else CsatSurvey.objects.none()


def csat_by_service(actor: Actor) -> list[CsatRow]:
    """CSAT % (answers of 4–5 over answers) per service of the actor's clients."""
    return _csat_rows(csat_surveys(actor), "service_id", "service__name")


def csat_by_agent(actor: Actor) -> list[CsatRow]:
    """CSAT % per agent (the item's assignee when it was resolved)."""
    return _csat_rows(csat_surveys(actor), "agent_id", "agent__full_name")
