"""Reads of the advisor's data: current versions, saved reports, leads (staff only), measured medians."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from handoff.domain.advisor import codec
from handoff.domain.advisor.evaluation import Evaluation, evaluate
from handoff.domain.advisor.models import AdvisorReport, AssumptionSet, Lead, RateCard
from handoff.domain.engagements.models import BpoEngagement, BpoPricing, EngagementStatus
from handoff.domain.recruiting.models import StageOutcome, StageTransition
from handoff.domain.tenancy import rls
from handoff.domain.tenancy.access import Actor, real_user, visible_clients
from handoff.domain.tenancy.roles import ENGAGEMENT_EDITOR_ROLES
from handoff.engines.advisor import Measured, ProcessKind

LEAD_ROLES = ENGAGEMENT_EDITOR_ROLES  # provider admins and account managers


def can_see_leads(actor: Actor) -> bool:
    user = real_user(actor)
    return bool(user is not None and user.is_provider and user.role in LEAD_ROLES)


def can_edit_pricing(actor: Actor) -> bool:
    """Rate cards and assumptions are edited by provider admins only."""
    user = real_user(actor)
    return bool(user is not None and user.is_provider_admin)


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


# --- versions ------------------------------------------------------------------------------------------------


def current_rate_card() -> RateCard | None:
    return RateCard.objects.order_by("-version").first()


def current_assumption_set() -> AssumptionSet | None:
    return AssumptionSet.objects.order_by("-version").first()


def rate_cards() -> QuerySet[RateCard]:
    return RateCard.objects.select_related("created_by").order_by("-version")


def assumption_sets() -> QuerySet[AssumptionSet]:
    return AssumptionSet.objects.select_related("created_by").order_by("-version")


def rate_card_lines(rate_card: RateCard) -> list[Any]:
    return list(rate_card.lines.select_related("delivery_center").order_by("delivery_center__name", "process_kind"))


# --- reports -------------------------------------------------------------------------------------------------


def report(report_id: Any) -> AdvisorReport:
    """A saved report by its (unguessable) id; 404 when there is none."""
    found = AdvisorReport.objects.select_related("rate_card", "assumption_set").filter(pk=report_id).first()
    if found is None:
        raise Http404("No such report.")
    return found


def evaluation_of(saved: AdvisorReport) -> Evaluation:
    """The saved report's advice, rebuilt from the versions, edits and medians it recorded."""
    return evaluate(
        codec.answers_from_data(saved.answers),
        assumption_set=saved.assumption_set,
        rate_card=with_lines(saved.rate_card),
        overrides=saved.overrides,
        measured=codec.measured_from_data(saved.measured),
    )


def with_lines(rate_card: RateCard | None) -> RateCard | None:
    if rate_card is None:
        return None
    return RateCard.objects.prefetch_related("lines__delivery_center").get(pk=rate_card.pk)


def current_rate_card_with_lines() -> RateCard | None:
    return RateCard.objects.prefetch_related("lines__delivery_center").order_by("-version").first()


# --- leads ---------------------------------------------------------------------------------------------------


def leads(actor: Actor) -> QuerySet[Lead]:
    """Every lead, for provider admins and account managers; anyone else is refused."""
    _require(can_see_leads(actor), "Only provider admins and account managers see leads.")
    # A converted lead names its client only to those who see that client (its account team, admins).
    client_visible = Exists(visible_clients(actor).filter(pk=OuterRef("client_id")))
    rows = Lead.objects.select_related("report", "client", "converted_by").annotate(client_visible=client_visible)
    return rows.order_by("-created_at", "-pk")


def lead(actor: Actor, lead_id: Any) -> Lead:
    try:
        found = leads(actor).filter(pk=int(lead_id)).first()
    except (TypeError, ValueError, OverflowError):
        found = None
    if found is None:
        raise Http404("No such lead.")
    return found


# --- measured medians (the seam to the provider's own delivery data) ----------------------------------------


def medians(time_to_hire_days: Sequence[float], cost_per_transaction: Mapping[str, Sequence[float]]) -> Measured:
    """Medians of the samples given; a figure with no samples stays unmeasured (the default is used)."""
    costs = {ProcessKind(kind): statistics.median(values) for kind, values in cost_per_transaction.items() if values}
    days = statistics.median(time_to_hire_days) if time_to_hire_days else None
    return Measured(time_to_hire_days=days, cost_per_transaction=costs)


# A median is published to prospects only when it stands for several clients, so that no client's own
# hiring time or price can be read off the public advisor; and a hire needs to have taken a plausible time.
MIN_CLIENTS = 3
MIN_HIRES = 5
MIN_TIME_TO_HIRE_DAYS = 1.0
SAMPLE_WINDOW = dt.timedelta(days=365)


def measured_medians() -> Measured:
    """The provider's measured medians: time-to-hire of its hires, cost per transaction by process.

    - **Time-to-hire** (REFERENCE: days from the candidate entering the pipeline to the hire): per hired
      application of the last year, from its first stage transition to its move into a hired stage.
    - **Cost per transaction**: the rate of each active BPO engagement priced per transaction, by process.

    Samples are read across every client (past the row-level scope: a public request sees no client's rows)
    and only medians leave this function. A figure stays unmeasured, and the assumption is used, when its
    samples come from fewer than :data:`MIN_CLIENTS` clients (or fewer than :data:`MIN_HIRES` hires), or when
    the median hire took under a day (data loaded in one go, such as the demo's, not hiring measured).
    """
    with rls.past_the_scope():
        hires = _time_to_hire_samples()
        prices = _cost_per_transaction_samples()
    days = [value for _client, value in hires]
    measured = medians(
        days if _enough(hires) and len(days) >= MIN_HIRES else [],
        {kind: [value for _client, value in rows] for kind, rows in prices.items() if _enough(rows)},
    )
    if measured.time_to_hire_days is not None and measured.time_to_hire_days < MIN_TIME_TO_HIRE_DAYS:
        return Measured(cost_per_transaction=measured.cost_per_transaction)
    return measured


def _enough(samples: Sequence[tuple[int, float]]) -> bool:
    return len({client for client, _value in samples}) >= MIN_CLIENTS


def _time_to_hire_samples() -> list[tuple[int, float]]:
    """(client id, days) per hire of the last year: first transition of the application to its hire."""
    since = timezone.now() - SAMPLE_WINDOW
    entered = StageTransition.objects.filter(application=OuterRef("application")).order_by("at", "pk").values("at")[:1]
    rows = (
        StageTransition.objects.filter(to_stage__outcome=StageOutcome.HIRED, at__gte=since)
        .annotate(entered_at=Subquery(entered))
        .values_list("client_id", "at", "entered_at")
    )
    return [(client, (hired - entered_at).total_seconds() / 86400) for client, hired, entered_at in rows if entered_at]


def _cost_per_transaction_samples() -> dict[str, list[tuple[int, float]]]:
    """(client id, rate) per active BPO engagement priced per transaction, by process type."""
    rows = BpoEngagement.objects.filter(
        status=EngagementStatus.ACTIVE, pricing_model=BpoPricing.PER_TRANSACTION
    ).values_list("process_type", "client_id", "rate")
    samples: dict[str, list[tuple[int, float]]] = {}
    for process, client, rate in rows:
        samples.setdefault(str(process), []).append((client, float(rate)))
    return samples
