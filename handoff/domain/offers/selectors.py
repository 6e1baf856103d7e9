"""Reads of offers, onboarding and hire surveys, scoped to the actor's clients; and the quality-of-hire KPIs.

The public pages (the candidate's accept/decline and onboarding pages) find their row from a signed link:
:func:`offer_for_link` and :func:`onboarding_for_link` read past the row-level scope for that one lookup.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from handoff.domain.offers.models import (
    ChecklistItem,
    HireSurvey,
    Offer,
    OfferApproval,
    OfferSettings,
    OfferVersion,
    Onboarding,
    OnboardingTask,
)
from handoff.domain.recruiting.models import Application
from handoff.domain.tenancy import rls
from handoff.domain.tenancy.access import Actor, access_owned, scoped
from handoff.domain.tenancy.models import Client

OPEN_STATUSES = ("pending_approval", "approved", "rejected", "extended")

# --- offers ---------------------------------------------------------------------------------------------------


def offers(actor: Actor) -> QuerySet[Offer]:
    return scoped(actor, Offer).select_related("application__requisition", "application__candidate")


def offer(actor: Actor, pk: Any) -> Offer:
    return access_owned(actor, offers(actor), pk)


def offers_of_application(actor: Actor, application_id: int) -> QuerySet[Offer]:
    return offers(actor).filter(application_id=application_id)


def versions(offer: Offer) -> QuerySet[OfferVersion]:
    """The offer's versions, oldest first (the caller already holds the scoped offer)."""
    return OfferVersion.objects.filter(client_id=offer.client_id, offer=offer).order_by("number")


def current_version(offer: Offer) -> OfferVersion:
    return versions(offer).order_by("-number").first() or OfferVersion(offer=offer, number=0)


def approvals(offer: Offer) -> QuerySet[OfferApproval]:
    return OfferApproval.objects.filter(client_id=offer.client_id, offer=offer).select_related("actor")


def offer_settings(actor: Actor, client: Client) -> OfferSettings | None:
    return scoped(actor, OfferSettings).filter(client=client).first()


def settings_for_client(client_id: int) -> OfferSettings | None:
    """The settings of the client an action already checked (the actions' own read)."""
    return OfferSettings.objects.filter(client_id=client_id).first()


# --- onboarding -----------------------------------------------------------------------------------------------


def onboardings(actor: Actor) -> QuerySet[Onboarding]:
    return scoped(actor, Onboarding).select_related("offer__application__candidate", "offer__application__requisition")


def onboarding(actor: Actor, pk: Any) -> Onboarding:
    return access_owned(actor, onboardings(actor), pk)


def onboarding_tasks(actor: Actor) -> QuerySet[OnboardingTask]:
    return scoped(actor, OnboardingTask)


def onboarding_task(actor: Actor, pk: Any) -> OnboardingTask:
    return access_owned(actor, onboarding_tasks(actor).select_related("onboarding"), pk)


def tasks_of(onboarding: Onboarding) -> QuerySet[OnboardingTask]:
    return OnboardingTask.objects.filter(client_id=onboarding.client_id, onboarding=onboarding)


@dataclass(frozen=True)
class Progress:
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100


def progress(onboarding: Onboarding) -> Progress:
    tasks = tasks_of(onboarding)
    return Progress(done=tasks.filter(completed_at__isnull=False).count(), total=tasks.count())


# --- surveys ----------------------------------------------------------------------------------------------------


def surveys(actor: Actor) -> QuerySet[HireSurvey]:
    return scoped(actor, HireSurvey).select_related("onboarding__offer__application__candidate")


def survey(actor: Actor, pk: Any) -> HireSurvey:
    return access_owned(actor, surveys(actor), pk)


@dataclass(frozen=True)
class QualityOfHire:
    """Quality of hire (0-100: mean of performance, satisfaction and retention, each 0-100) and 90-day retention."""

    hires: int
    answered: int
    performance: float | None
    satisfaction: float | None
    retention: float | None
    quality_of_hire: float | None
    retention_90: float | None  # hires still employed at day 90 / hires with a 90-day answer
    cohort_90: int


def _scale(values: list[int]) -> float | None:
    """Mean of 1-5 scores as 0-100 (Σ scores / (responses × 5) × 100)."""
    return round(100 * sum(values) / (5 * len(values)), 1) if values else None


def quality_of_hire(rows: QuerySet[HireSurvey]) -> QualityOfHire:
    """The KPIs from answered surveys (``rows`` already scoped by the caller)."""
    answered = list(
        rows.filter(answered_at__isnull=False).values_list(
            "performance_rating", "satisfaction", "still_employed", "milestone_days", "onboarding_id"
        )
    )
    performance = _scale([row[0] for row in answered if row[0] is not None])
    satisfaction = _scale([row[1] for row in answered if row[1] is not None])
    employed = [row[2] for row in answered if row[2] is not None]
    retention = round(100 * sum(employed) / len(employed), 1) if employed else None
    parts = [value for value in (performance, satisfaction, retention) if value is not None]
    quality = round(sum(parts) / len(parts), 1) if parts else None
    at_90 = {row[4]: row[2] for row in answered if row[3] == 90 and row[2] is not None}
    retention_90 = round(100 * sum(at_90.values()) / len(at_90), 1) if at_90 else None
    return QualityOfHire(
        hires=rows.values("onboarding_id").distinct().count(),
        answered=len(answered),
        performance=performance,
        satisfaction=satisfaction,
        retention=retention,
        quality_of_hire=quality,
        retention_90=retention_90,
        cohort_90=len(at_90),
    )


# --- public links (no sign-in) ---------------------------------------------------------------------------------


def offer_for_link(offer_id: int) -> Offer | None:
    """The offer a verified signed link names, read past the row-level scope (the visitor sees no client yet)."""
    with rls.past_the_scope():
        return Offer.objects.select_related("client").filter(pk=offer_id).first()


def onboarding_for_link(onboarding_id: int) -> Onboarding | None:
    with rls.past_the_scope():
        return Onboarding.objects.select_related("client").filter(pk=onboarding_id).first()


def salary_range(offer: Offer) -> tuple[Decimal | None, Decimal | None, str]:
    requisition = offer.application.requisition
    return requisition.salary_min, requisition.salary_max, requisition.currency


def checklist(actor: Actor, client: Client) -> QuerySet[ChecklistItem]:
    return scoped(actor, ChecklistItem).filter(client=client)


def awaiting_offer(actor: Actor) -> QuerySet[Application]:
    """Applications in the "offer" stage without an offer in progress: where the offer pages start."""
    from handoff.domain.recruiting.selectors import applications

    busy = Offer.objects.filter(status__in=OPEN_STATUSES).values("application_id")
    return (
        applications(actor).filter(stage__key="offer").exclude(pk__in=busy).select_related("candidate", "requisition")
    )


def offer_for_task(offer_id: int) -> Offer | None:
    """The offer a background task was queued for (the worker reads past any scope), or None when gone."""
    rows = Offer.objects.select_related("application__candidate", "application__requisition", "client")
    return rows.filter(pk=offer_id).first()
