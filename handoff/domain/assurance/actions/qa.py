"""QA: a service's sampling share and scorecard, the weekly sample, and reviewers' scorecards.

The sample of a week (ISO week, Monday 00:00 UTC to the next Monday) takes, per agent, the configured share
of the items the agent resolved that week (an item counts in the week its first change to resolved or closed
falls in), chosen deterministically from the seed ``<service id>:<ISO year>-W<week>`` by the engine: drawing
the same week again adds nothing new and never drops a drawn item.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from handoff.domain.assurance.models import QaPlan, QaReview, QaSample, ScorecardCriterion
from handoff.domain.assurance.permissions import is_reviewer, require
from handoff.domain.operations.models import ItemStatus, Service, StatusChange, WorkItem
from handoff.domain.tenancy.access import Actor, access_client, real_user, scoped
from handoff.engines import assurance as engine

DONE = (ItemStatus.RESOLVED, ItemStatus.CLOSED)
MAX_CRITERIA = 20


def week_start(day: dt.date) -> dt.date:
    """The Monday of the ISO week of ``day``."""
    return day - dt.timedelta(days=day.weekday())


def sample_seed(service: Service, week: dt.date) -> str:
    year, number, _ = week.isocalendar()
    return f"{service.pk}:{year}-W{number:02d}"


def _criteria_rows(service: Service, criteria: Any) -> list[ScorecardCriterion]:
    if not isinstance(criteria, list) or not 0 < len(criteria) <= MAX_CRITERIA:
        raise ValidationError({"criteria": f"Give between 1 and {MAX_CRITERIA} criteria."})
    rows, errors = [], {}
    for position, entry in enumerate(criteria):
        data = entry if isinstance(entry, dict) else {}
        row = ScorecardCriterion(
            client_id=service.client_id,
            service=service,
            key=data.get("key", ""),
            label=data.get("label") or data.get("key", ""),
            weight=data.get("weight") or 0,
            max_points=data.get("max_points", 5),
            position=position,
        )
        try:
            row.full_clean(exclude=["service", "client"], validate_unique=False)
        except (ValidationError, TypeError, ValueError) as error:
            messages = error.message_dict if isinstance(error, ValidationError) else {"weight": [str(error)]}
            errors.update({f"criteria.{position}.{name}": msgs for name, msgs in messages.items()})
        rows.append(row)
    keys = [row.key for row in rows]
    if len(set(keys)) != len(keys):
        errors["criteria"] = ["Each criterion needs its own key."]
    if errors:
        raise ValidationError(errors)
    return rows


@transaction.atomic
def set_qa_plan(actor: Actor, service: Service, share_percent: Any, criteria: Any) -> QaPlan:
    """Replace a service's sampling share and scorecard (reviews keep the criteria they were scored with)."""
    access_client(actor, service.client_id)
    require(is_reviewer(actor), "Only team leads, QA analysts and provider admins set up QA.")
    plan = scoped(actor, QaPlan).filter(service=service).first() or QaPlan(client_id=service.client_id, service=service)
    plan.share_percent = share_percent
    errors: dict[str, list[str]] = {}
    try:
        plan.full_clean(exclude=["service", "client"])
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        rows = _criteria_rows(service, criteria)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    plan.save()
    scoped(actor, ScorecardCriterion).filter(service=service).delete()
    ScorecardCriterion.objects.bulk_create(rows)
    return plan


def resolved_by_agent(service: Service, week: dt.date) -> dict[int, list[int]]:
    """Agent id → ids of the service's items the agent resolved in the week (the item's assignee)."""
    start = dt.datetime.combine(week, dt.time(), tzinfo=dt.UTC)
    end = start + dt.timedelta(days=7)
    finished = (
        StatusChange.objects.filter(client_id=service.client_id, item__service=service, to_status__in=DONE)
        .values("item_id")
        .order_by()
        .annotate(first_done=Min("at"))
        .filter(first_done__gte=start, first_done__lt=end)
        .values("item_id")
    )
    rows = (
        WorkItem.objects.filter(client_id=service.client_id, pk__in=finished, assignee__isnull=False, status__in=DONE)
        .values_list("assignee_id", "pk")
        .order_by()
    )
    grouped: dict[int, list[int]] = defaultdict(list)
    for agent, item in rows:
        grouped[agent].append(item)
    return dict(grouped)


def _draw(service: Service, plan: QaPlan, monday: dt.date, moment: datetime) -> None:
    chosen = engine.draw_sample(
        resolved_by_agent(service, monday), plan.share_percent / 100, sample_seed(service, monday)
    )
    wanted = [item for items in chosen.values() for item in items]
    taken = set(
        QaSample.objects.filter(client_id=service.client_id, item_id__in=wanted).values_list("item_id", flat=True)
    )
    QaSample.objects.bulk_create(
        QaSample(
            client_id=service.client_id, item_id=item, service=service, agent_id=agent, week=monday, drawn_at=moment
        )
        for agent, items in chosen.items()
        for item in items
        if item not in taken
    )


@transaction.atomic
def draw_week_sample(
    actor: Actor, service: Service, week: dt.date | None = None, *, now: datetime | None = None
) -> list[QaSample]:
    """Draw (or complete) the week's QA sample of a service the actor sees; returns the week's samples."""
    access_client(actor, service.client_id)
    require(is_reviewer(actor), "Only team leads, QA analysts and provider admins draw QA samples.")
    moment = now if now is not None else timezone.now()
    monday = week_start(week or moment.date())
    plan = scoped(actor, QaPlan).filter(service=service).first()
    if plan is None:
        raise ValidationError({"service": "Set the service's QA share and scorecard first."})
    _draw(service, plan, monday, moment)
    return list(scoped(actor, QaSample).filter(service=service, week=monday).order_by("agent_id", "item_id"))


@transaction.atomic
def draw_all_samples(week: dt.date, *, now: datetime | None = None) -> int:
    """The weekly task: every service with a QA plan (system work, no actor); returns the samples made."""
    moment = now if now is not None else timezone.now()
    monday = week_start(week)
    before = QaSample.objects.filter(week=monday).count()
    for plan in QaPlan.objects.select_related("service").order_by("pk"):
        _draw(plan.service, plan, monday, moment)
    return QaSample.objects.filter(week=monday).count() - before


def criteria_of(actor: Actor, service: Service) -> list[engine.Criterion]:
    rows = scoped(actor, ScorecardCriterion).filter(service=service).order_by("position", "id")
    return [engine.Criterion(row.key, row.weight, row.max_points) for row in rows]


def _snapshot(actor: Actor, service: Service) -> list[dict[str, Any]]:
    rows = scoped(actor, ScorecardCriterion).filter(service=service).order_by("position", "id")
    return [{"key": r.key, "label": r.label, "weight": r.weight, "max_points": r.max_points} for r in rows]


def snapshot_criteria(snapshot: Any) -> list[engine.Criterion]:
    return [engine.Criterion(str(c["key"]), int(c["weight"]), int(c["max_points"])) for c in snapshot or []]


@transaction.atomic
def review_sample(
    actor: Actor, sample: QaSample, points: Any, comment: str = "", *, now: datetime | None = None
) -> QaReview:
    """A reviewer's scorecard of a sampled item (one per reviewer; a second reviewer makes a calibration)."""
    require(is_reviewer(actor), "Only team leads, QA analysts and provider admins score items.")
    person = real_user(actor)
    assert person is not None
    if sample.agent_id == person.pk:
        raise ValidationError({"points": "You resolved this item: someone else reviews it."})
    snapshot = _snapshot(actor, sample.service)
    if not snapshot:
        raise ValidationError({"points": "The service has no scorecard yet."})
    if not isinstance(points, dict):
        raise ValidationError({"points": "Give points per criterion."})
    try:
        score = engine.weighted_score(snapshot_criteria(snapshot), points)
    except engine.ScoreError as error:
        raise ValidationError({"points": str(error)}) from error
    if scoped(actor, QaReview).filter(sample=sample, reviewer=person).exists():
        raise ValidationError({"points": "You already scored this item."})
    review = QaReview(
        client_id=sample.client_id,
        sample=sample,
        reviewer=person,
        criteria=snapshot,
        points=points,
        score=Decimal(str(score)).quantize(Decimal("0.01")),
        comment=(comment or "")[:4000],
        created_at=now if now is not None else timezone.now(),
    )
    review.save()
    return review
