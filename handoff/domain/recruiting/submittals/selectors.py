"""Reads of submittals and their SLA clocks, scoped to the actor's clients.

Clocks come from the rows as recorded: a requisition's opening is its first ``RequisitionEvent`` to "open", its
first submittal the earliest ``Submittal``; a submittal's feedback clock stops at its first decision. Targets: the
engagement's ``SubmittalSla``, else the client's, else the engine's defaults.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Min, Q, QuerySet
from django.utils import timezone

from handoff.domain.recruiting.models import Requisition, RequisitionEvent, RequisitionStatus
from handoff.domain.recruiting.submittals.models import (
    OPEN_SUBMITTAL_STATUSES,
    Submittal,
    SubmittalDecision,
    SubmittalSla,
)
from handoff.domain.tenancy.access import Actor, access_owned, real_user, scoped
from handoff.domain.tenancy.models import Client
from handoff.domain.tenancy.roles import ClientRole
from handoff.engines.submittal_sla import (
    DEFAULT_FEEDBACK_HOURS,
    DEFAULT_FIRST_SUBMITTAL_HOURS,
    Clock,
    clock,
    median_hours,
)


def submittals(actor: Actor, client: Client | None = None) -> QuerySet[Submittal]:
    rows = scoped(actor, Submittal).select_related(
        "application__candidate", "application__stage", "requisition", "client", "submitted_by", "decided_by"
    )
    return rows.filter(client=client) if client is not None else rows


def submittal(actor: Actor, pk: Any) -> Submittal:
    return access_owned(actor, submittals(actor), pk)


def application_submittals(actor: Actor, application_id: int) -> QuerySet[Submittal]:
    return submittals(actor).filter(application_id=application_id)


def awaiting_decision(actor: Actor) -> QuerySet[Submittal]:
    """Submittals waiting for this client user: all of the client's for HR admins; a hiring manager's own
    requisitions' (and those naming no hiring manager). Provider staff: the open ones they see."""
    rows = submittals(actor).filter(status__in=OPEN_SUBMITTAL_STATUSES).order_by("submitted_at", "pk")
    person = real_user(actor)
    if person is None:
        return rows.none()
    if person.is_provider or person.role == ClientRole.HR_ADMIN:
        return rows
    if person.role == ClientRole.HIRING_MANAGER:
        return rows.filter(Q(requisition__hiring_manager=person) | Q(requisition__hiring_manager__isnull=True))
    return rows.none()


def decisions(actor: Actor, submittal: Submittal) -> QuerySet[SubmittalDecision]:
    return scoped(actor, SubmittalDecision).filter(submittal=submittal).select_related("actor")


# --- SLA clocks -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Targets:
    first_submittal_hours: float
    feedback_hours: float


DEFAULT_TARGETS = Targets(DEFAULT_FIRST_SUBMITTAL_HOURS, DEFAULT_FEEDBACK_HOURS)


@dataclass(frozen=True)
class TargetBook:
    """Every SLA row the actor sees, looked up per engagement (one query for a whole page)."""

    by_engagement: dict[int, Targets]
    by_client: dict[int, Targets]

    def for_requisition(self, requisition: Requisition) -> Targets:
        return self.by_engagement.get(
            requisition.engagement_id, self.by_client.get(requisition.client_id, DEFAULT_TARGETS)
        )


def target_book(actor: Actor) -> TargetBook:
    by_engagement: dict[int, Targets] = {}
    by_client: dict[int, Targets] = {}
    for row in scoped(actor, SubmittalSla):
        targets = Targets(row.first_submittal_hours, row.feedback_hours)
        if row.engagement_id is None:
            by_client[row.client_id] = targets
        else:
            by_engagement[row.engagement_id] = targets
    return TargetBook(by_engagement, by_client)


def sla_targets(actor: Actor, requisition: Requisition) -> Targets:
    return target_book(actor).for_requisition(requisition)


def opened_at(actor: Actor, requisition_ids: Iterable[int]) -> dict[int, dt.datetime]:
    """When each requisition first opened (missing: never opened)."""
    rows = (
        scoped(actor, RequisitionEvent)
        .filter(requisition_id__in=list(requisition_ids), to_status=RequisitionStatus.OPEN)
        .values("requisition_id")
        .annotate(first=Min("at"))
    )
    return {row["requisition_id"]: row["first"] for row in rows}


def first_submitted_at(actor: Actor, requisition_ids: Iterable[int]) -> dict[int, dt.datetime]:
    rows = (
        scoped(actor, Submittal)
        .filter(requisition_id__in=list(requisition_ids))
        .values("requisition_id")
        .annotate(first=Min("submitted_at"))
    )
    return {row["requisition_id"]: row["first"] for row in rows}


def first_submittal_clocks(
    actor: Actor, requisitions: Iterable[Requisition], now: dt.datetime | None = None
) -> dict[int, Clock]:
    """The time-to-first-submittal clock of each requisition that has opened (three queries for any number)."""
    rows = list(requisitions)
    ids = [row.pk for row in rows]
    opened, first, book = opened_at(actor, ids), first_submitted_at(actor, ids), target_book(actor)
    moment = now or timezone.now()
    return {
        row.pk: clock(opened[row.pk], first.get(row.pk), book.for_requisition(row).first_submittal_hours, moment)
        for row in rows
        if row.pk in opened
    }


def feedback_clock(submittal: Submittal, book: TargetBook, now: dt.datetime | None = None) -> Clock:
    """The client's feedback clock on a submittal: from submission to its first decision."""
    target = book.for_requisition(submittal.requisition).feedback_hours
    return clock(submittal.submitted_at, submittal.first_decided_at, target, now or timezone.now())


def feedback_clocks(actor: Actor, rows: Iterable[Submittal], now: dt.datetime | None = None) -> dict[int, Clock]:
    book, moment = target_book(actor), now or timezone.now()
    return {row.pk: feedback_clock(row, book, moment) for row in rows}


@dataclass(frozen=True)
class SlaSummary:
    median_first_submittal_hours: float | None
    median_feedback_hours: float | None
    requisitions_measured: int
    submittals_measured: int
    overdue_first_submittals: int  # open requisitions still without a submittal past the target
    overdue_feedback: int  # submittals still waiting for the client past the target


def sla_summary(actor: Actor, client: Client | None = None, now: dt.datetime | None = None) -> SlaSummary:
    """Medians of the finished clocks and counts of overdue running ones, over the clients the actor sees."""
    moment = now or timezone.now()
    requisition_rows = list(scoped(actor, Requisition).filter(**({"client": client} if client else {})))
    req_clocks = first_submittal_clocks(actor, requisition_rows, moment)
    open_ids = {row.pk for row in requisition_rows if row.status == RequisitionStatus.OPEN}
    submittal_rows = list(submittals(actor, client))
    fb_clocks = feedback_clocks(actor, submittal_rows, moment)
    return SlaSummary(
        median_first_submittal_hours=median_hours(c.elapsed for c in req_clocks.values() if not c.running),
        median_feedback_hours=median_hours(c.elapsed for c in fb_clocks.values() if not c.running),
        requisitions_measured=sum(1 for c in req_clocks.values() if not c.running),
        submittals_measured=sum(1 for c in fb_clocks.values() if not c.running),
        overdue_first_submittals=sum(1 for pk, c in req_clocks.items() if c.running and c.overdue and pk in open_ids),
        overdue_feedback=sum(1 for c in fb_clocks.values() if c.running and c.overdue),
    )
