"""Recruiter capacity for an RPO engagement: the measured funnel, then the engine's weekly team plan.

The funnel is the engagement's pipeline (its own stages, else the client-wide template): the in-progress stages
in order, then the hired stage. Every stage move is a ``StageTransition`` row, read through
``tenancy.access.scoped``, so another client's moves never count. From the moves since a date:

* conversion into stage k+1 = applications that reached stage k+1 (or a later one) / those that reached stage
  k (or later): a candidate may skip a stage, and still passed through it for the funnel;
* days in stage k = median days from reaching stage k to reaching the next one;
* throughput = stage moves by provider staff per recruiter-week, a recruiter-week being one staff member
  active (at least one move on the engagement) in one ISO week. Each move is one unit of work, so every stage
  gets that same throughput and the engine's workload Σ n_k / t counts moves.

A figure measured on fewer than ``MIN_SAMPLES`` applications (or moves) is not trusted: the default below is
used instead, and the figure says so (``source`` = "default"). The defaults are rough RPO rules of thumb
(about half of the candidates pass each screening step, a third of interviews end in an offer, most offers
are accepted), not measurements; overrides typed in by the planner are marked "override".
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from handoff.domain.engagements import selectors as engagement_selectors
from handoff.domain.engagements.models import RpoEngagement
from handoff.domain.recruiting.models import PipelineStage, StageOutcome, StageTransition
from handoff.domain.recruiting.rules import DEFAULT_PIPELINE, DefaultStage
from handoff.domain.tenancy.access import Actor, access_client, real_user, scoped
from handoff.domain.tenancy.models import Client
from handoff.domain.tenancy.roles import StaffRole, UserKind
from handoff.engines.recruiting_capacity import (
    CapacityError,
    CapacityPlan,
    CapacityRequest,
    FunnelStage,
    entry_days,
    plan_capacity,
    workload,
)

MIN_SAMPLES = 10
MAX_HIRES = 10_000
MAX_HORIZON_DAYS = 2 * 366  # the weekly plan is a mixed-integer program: two years keep it well under a second
MAX_RAMP = 1_000
MAX_PLAN_WEEKS = 1_000  # weeks of the engine's program: bounds its size (~50 MB, about a second)
DEFAULT_CONVERSION = 0.5
DEFAULT_DAYS_IN_STAGE = 5.0
DEFAULT_THROUGHPUT = 40.0  # stage moves per recruiter-week: ~8 candidates handled a day
# conversion into the stage (share of the previous stage) and days usually spent in it, by default stage key
DEFAULT_STAGE_FIGURES: dict[str, tuple[float, float]] = {
    "sourced": (1.0, 7.0),
    "applied": (0.5, 3.0),
    "screened": (0.5, 5.0),
    "submitted": (0.5, 3.0),
    "client_review": (0.9, 5.0),
    "interview": (0.5, 10.0),
    "offer": (0.33, 7.0),
    "hired": (0.85, 0.0),
}
CAPACITY_ROLES = frozenset({StaffRole.ADMIN, StaffRole.ACCOUNT_MANAGER, StaffRole.RECRUITER})
NOT_A_CAPACITY_PLANNER = "Recruiter capacity is planned by provider admins, account managers and recruiters."

MEASURED, DEFAULT, OVERRIDE = "measured", "default", "override"


@dataclass(frozen=True)
class Figure:
    """One number of the funnel, where it comes from, and how many applications (or moves) it rests on."""

    value: float
    source: str
    samples: int
    measured: float | None = None  # what the data said, even when too thin to be used


@dataclass(frozen=True)
class MeasuredStage:
    key: str
    name: str
    reached: int  # applications that reached this stage (or a later one) in the period
    conversion: Figure  # into this stage from the previous one (1 for the first stage)
    days_in_stage: Figure


@dataclass(frozen=True)
class MeasuredFunnel:
    since: dt.datetime
    stages: tuple[MeasuredStage, ...]
    throughput: Figure  # stage moves per recruiter-week
    moves: int
    recruiter_weeks: int

    def engine_stages(
        self, conversions: dict[str, float] | None = None, throughput: float | None = None
    ) -> tuple[FunnelStage, ...]:
        """The engine's stages, with the planner's overrides where given."""
        conversions = conversions or {}
        per_week = throughput if throughput is not None else self.throughput.value
        return tuple(
            FunnelStage(
                name=stage.key,
                conversion=conversions.get(stage.key, stage.conversion.value),
                days_in_stage=stage.days_in_stage.value,
                per_recruiter_week=per_week,
            )
            for stage in self.stages
        )


@dataclass(frozen=True)
class CapacityOutcome:
    """The engine's plan and the funnel behind it, overrides marked."""

    engagement: RpoEngagement
    funnel: MeasuredFunnel
    conversions: dict[str, Figure]
    throughput: Figure
    plan: CapacityPlan


@dataclass(frozen=True)
class PlanWeek:
    start: dt.date
    sourced: float
    work: float  # recruiter-weeks of work falling in the week
    recruiters: int


def plan_weeks(plan: CapacityPlan) -> list[PlanWeek]:
    """The weekly ramp up and down, one row a week (the engine gives parallel tuples)."""
    return [
        PlanWeek(start, sourced, work, team)
        for start, sourced, work, team in zip(
            plan.week_starts, plan.sourcing_per_week, plan.workload_per_week, plan.recruiters_per_week, strict=True
        )
    ]


def plans_capacity(actor: Actor) -> bool:
    person = real_user(actor)
    return person is not None and person.is_provider and person.role in CAPACITY_ROLES


def require_capacity_planner(actor: Actor) -> None:
    """PermissionDenied unless the actor plans recruiters; checked before any lookup, so it tells nothing of ids."""
    if not plans_capacity(actor):
        raise PermissionDenied(NOT_A_CAPACITY_PLANNER)


def capacity_engagement(actor: Actor, pk: Any) -> RpoEngagement:
    """An RPO engagement the actor plans recruiters for; Http404 when missing or of a client they cannot see."""
    require_capacity_planner(actor)
    return engagement_selectors.rpo_engagement(actor, pk)


# --- the measured funnel ---------------------------------------------------------------------------------------


def funnel_stages(actor: Actor, engagement_or_client: RpoEngagement | Client) -> list[PipelineStage]:
    """The in-progress stages in order, then the hired stage (rejections and withdrawals are not a step);
    the default pipeline (unsaved) when the engagement has none yet."""
    if isinstance(engagement_or_client, RpoEngagement):
        client_id, engagement_id = engagement_or_client.client_id, engagement_or_client.pk
    else:
        client_id, engagement_id = engagement_or_client.pk, None
    stages = scoped(actor, PipelineStage).filter(
        client_id=client_id, outcome__in=(StageOutcome.ACTIVE, StageOutcome.HIRED)
    )
    own = list(stages.filter(engagement_id=engagement_id)) if engagement_id is not None else []
    chosen = own or list(stages.filter(engagement__isnull=True))
    if not chosen and engagement_id is None:  # a client without a template: its engagements' stages, by key
        chosen = list({s.key: s for s in reversed(list(stages))}.values())
    if len(chosen) < 2:  # no pipeline yet (no requisition raised): the default one, figures all defaults
        chosen = [
            PipelineStage(client_id=client_id, key=key, name=DefaultStage(key).label, position=n, outcome=outcome)
            for n, (key, (outcome, _, _)) in enumerate(DEFAULT_PIPELINE.items())
            if outcome in (StageOutcome.ACTIVE, StageOutcome.HIRED)
        ]
    chosen.sort(key=lambda s: (s.outcome == StageOutcome.HIRED, s.position, s.pk or 0))
    return chosen


def _require_visible(actor: Actor, engagement_or_client: RpoEngagement | Client) -> None:
    """Http404 for an engagement or client the actor cannot see (a foreign one is missing, as everywhere)."""
    if isinstance(engagement_or_client, RpoEngagement):
        engagement_selectors.rpo_engagement(actor, engagement_or_client.pk)
    else:
        access_client(actor, engagement_or_client.pk)


def _transitions(
    actor: Actor, engagement_or_client: RpoEngagement | Client, since: dt.datetime
) -> QuerySet[StageTransition]:
    rows = scoped(actor, StageTransition).filter(at__gte=since)
    if isinstance(engagement_or_client, RpoEngagement):
        return rows.filter(application__requisition__engagement=engagement_or_client)
    return rows.filter(client_id=engagement_or_client.pk)


def measured_funnel(
    actor: Actor, engagement_or_client: RpoEngagement | Client, since: dt.datetime | dt.date
) -> MeasuredFunnel:
    """Conversion, days in stage and recruiter throughput measured from the stage moves since ``since``."""
    start = _moment(since)
    _require_visible(actor, engagement_or_client)
    stages = funnel_stages(actor, engagement_or_client)
    index = {stage.key: k for k, stage in enumerate(stages)}
    rows = list(
        _transitions(actor, engagement_or_client, start)
        .order_by("at", "pk")
        .values_list("application_id", "to_stage__key", "at", "actor_id", "actor__kind")
    )
    first_entry: dict[int, dict[int, dt.datetime]] = defaultdict(dict)
    furthest: dict[int, int] = {}
    for application_id, key, at, _, _ in rows:
        if key not in index:
            continue
        k = index[key]
        first_entry[application_id].setdefault(k, at)
        furthest[application_id] = max(furthest.get(application_id, k), k)
    reached = [sum(1 for f in furthest.values() if f >= k) for k in range(len(stages))]
    measured = tuple(_measured_stage(stages, k, reached, first_entry) for k in range(len(stages)))
    staff_moves = [(actor_id, at) for _, _, at, actor_id, kind in rows if actor_id and kind == UserKind.PROVIDER]
    weeks = len({(actor_id, at.isocalendar()[:2]) for actor_id, at in staff_moves})
    rate = len(staff_moves) / weeks if weeks else None
    throughput = _figure(rate, len(staff_moves), DEFAULT_THROUGHPUT)
    return MeasuredFunnel(start, measured, throughput, len(staff_moves), weeks)


def _measured_stage(
    stages: list[PipelineStage], k: int, reached: list[int], first_entry: dict[int, dict[int, dt.datetime]]
) -> MeasuredStage:
    stage = stages[k]
    default_conversion, default_days = DEFAULT_STAGE_FIGURES.get(stage.key, (DEFAULT_CONVERSION, DEFAULT_DAYS_IN_STAGE))
    if k == 0:
        conversion = Figure(1.0, MEASURED, reached[0], 1.0)
    else:
        rate = reached[k] / reached[k - 1] if reached[k - 1] else None
        conversion = _figure(rate, reached[k - 1], default_conversion, positive=True)
    if k == len(stages) - 1:
        return MeasuredStage(stage.key, stage.name, reached[k], conversion, Figure(0.0, MEASURED, 0, 0.0))
    spans = [
        (entries[next_k] - entries[k]).total_seconds() / 86400
        for entries in first_entry.values()
        if k in entries
        for next_k in [min((j for j in entries if j > k), default=-1)]
        if next_k > k
    ]
    median = statistics.median(spans) if spans else None
    days = _figure(median, len(spans), default_days)
    return MeasuredStage(stage.key, stage.name, reached[k], conversion, days)


def _figure(value: float | None, samples: int, default: float, *, positive: bool = False) -> Figure:
    """The measured value when it rests on enough samples (and, for a rate, is above 0), else the default."""
    if value is None or samples < MIN_SAMPLES or (positive and value <= 0):
        return Figure(default, DEFAULT, samples, value)
    return Figure(value, MEASURED, samples, value)


def _moment(since: dt.datetime | dt.date) -> dt.datetime:
    if isinstance(since, dt.datetime):
        return since if timezone.is_aware(since) else timezone.make_aware(since, dt.UTC)
    return dt.datetime.combine(since, dt.time(), tzinfo=dt.UTC)


# --- the plan -------------------------------------------------------------------------------------------------


def capacity_plan(
    actor: Actor,
    engagement: RpoEngagement,
    hires: int,
    deadline: dt.date,
    start: dt.date | None = None,
    *,
    conversions: dict[str, float] | None = None,
    throughput: float | None = None,
    max_ramp: int = 2,
    current_recruiters: int = 0,
    since: dt.date | None = None,
) -> CapacityOutcome:
    """The recruiters needed week by week to make ``hires`` by ``deadline``, from the funnel measured since
    ``since`` (a year before ``start`` by default). Bad inputs: a ValidationError keyed by the field at fault,
    with the engine's message naming the constraint (e.g. the pipeline lead time)."""
    require_capacity_planner(actor)
    today = timezone.localdate()
    start = start or today
    conversions = conversions or {}
    _check_inputs(hires, deadline, start, today, conversions, throughput, max_ramp, current_recruiters)
    funnel = measured_funnel(actor, engagement, since or start - dt.timedelta(days=365))
    keys = [stage.key for stage in funnel.stages[1:]]
    unknown = sorted(set(conversions) - set(keys))
    if unknown:
        message = f"no such funnel stage: {', '.join(unknown)} (stages: {', '.join(keys)})"
        raise ValidationError({"conversions": message})
    request = CapacityRequest(
        hires=hires,
        start=start,
        deadline=deadline,
        stages=funnel.engine_stages(conversions, throughput),
        max_ramp_per_week=max_ramp,
        current_recruiters=current_recruiters,
    )
    try:
        _check_size(request)
        plan = plan_capacity(request)
    except CapacityError as error:
        raise ValidationError({_field_of(str(error)): str(error)}) from error
    figures = {
        stage.key: Figure(conversions[stage.key], OVERRIDE, 0) if stage.key in conversions else stage.conversion
        for stage in funnel.stages[1:]
    }
    used_throughput = Figure(throughput, OVERRIDE, 0) if throughput is not None else funnel.throughput
    return CapacityOutcome(engagement, funnel, figures, used_throughput, plan)


def _check_inputs(
    hires: int,
    deadline: dt.date,
    start: dt.date,
    today: dt.date,
    conversions: dict[str, float],
    throughput: float | None,
    max_ramp: int,
    current_recruiters: int,
) -> None:
    errors: dict[str, list[str]] = {}
    if not 0 < hires <= MAX_HIRES:
        errors.setdefault("hires", []).append(f"hires must be more than 0 and at most {MAX_HIRES:,}")
    if deadline < today:
        errors.setdefault("deadline", []).append(f"the deadline {deadline.isoformat()} is in the past")
    elif deadline < start:
        errors.setdefault("deadline", []).append("the deadline must not be before the start date")
    elif (deadline - start).days > MAX_HORIZON_DAYS:
        message = f"the deadline must be at most {MAX_HORIZON_DAYS} days after the start"
        errors.setdefault("deadline", []).append(message)
    if any(not 0 < rate <= 1 for rate in conversions.values()):
        errors.setdefault("conversions", []).append("a conversion rate must be above 0 and at most 1 (100 %)")
    if throughput is not None and not 0 < throughput <= 10_000:
        errors.setdefault("throughput", []).append("recruiter throughput must be more than 0 moves a week")
    if not 1 <= max_ramp <= MAX_RAMP:
        errors.setdefault("max_ramp", []).append(f"the weekly ramp limit must be between 1 and {MAX_RAMP}")
    if not 0 <= current_recruiters <= MAX_RAMP:
        errors.setdefault("current_recruiters", []).append(f"current recruiters must be between 0 and {MAX_RAMP}")
    if errors:
        raise ValidationError(errors)


def _check_size(request: CapacityRequest) -> None:
    """Refuse a plan too long to solve quickly: the engine's program grows with the weeks a slow ramp needs
    (the horizon, plus the whole workload ramped down at the limit), so a request is bounded before it starts."""
    work = workload(request.stages, request.hires)
    ramp = request.max_ramp_per_week
    lead_weeks = entry_days(request.stages)[-1] / 7
    weeks = (request.deadline - request.start).days / 7 + lead_weeks + math.ceil(work / ramp) + 2
    if weeks > MAX_PLAN_WEEKS:
        raise ValidationError(
            {
                "max_ramp": (
                    f"{work:,.0f} recruiter-weeks of work at a ramp of {ramp} a week would need a plan of about "
                    f"{weeks:,.0f} weeks (at most {MAX_PLAN_WEEKS}): allow a faster ramp, a higher throughput "
                    "or fewer hires"
                )
            }
        )


def _field_of(message: str) -> str:
    """The input an engine refusal is about (its message names the constraint)."""
    for word, name in (("deadline", "deadline"), ("conversion", "conversions"), ("throughput", "throughput")):
        if word in message:
            return name
    return "max_ramp" if "ramp" in message else "hires"
