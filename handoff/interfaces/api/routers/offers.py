"""Offers (terms, the approval chain, sending), onboarding tasks and hire surveys, scoped to the caller's clients.

Creating and changing terms warn (``warning``) when the salary is below the requisition's range; they do not
refuse it. The candidate's accept/decline is not here: it is the signed link of the e-mail (web only).
"""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate
from ninja.responses import Status

from handoff.domain.offers import actions, selectors
from handoff.domain.offers.actions import onboarding, surveys
from handoff.domain.offers.models import HireSurvey, Offer, OfferApproval, OfferVersion, Onboarding, OnboardingTask
from handoff.domain.recruiting import selectors as recruiting_selectors
from handoff.interfaces.api.auth import actor
from handoff.interfaces.api.errors import FieldRenames
from handoff.interfaces.api.pagination import PageNumberPagination
from handoff.interfaces.api.schemas.base import ObjectId, model_data
from handoff.interfaces.api.schemas.errors import error_responses
from handoff.interfaces.api.schemas.offers import (
    DecisionIn,
    HireSurveyIn,
    HireSurveyOut,
    OfferApprovalOut,
    OfferIn,
    OfferOut,
    OfferPatch,
    OfferVersionOut,
    OnboardingOut,
    OnboardingTaskOut,
    QualityOut,
    TaskCompleteIn,
)

offers_router = Router(tags=["Offers"])
onboarding_router = Router(tags=["Onboarding"])
surveys_router = Router(tags=["Hire surveys"])

WRITE_ERRORS = error_responses(400, 403, 404, 409, 422)
READ_ERRORS = error_responses(404, 422)


def offer_out(offer: Offer) -> dict[str, Any]:
    version = selectors.current_version(offer)
    step = actions.engine_offer(offer).current_step
    return {
        "id": offer.pk,
        "client_id": offer.client_id,
        "application_id": offer.application_id,
        "status": offer.status,
        "chain": offer.chain,
        "next_step": {"role": step.role, "label": step.label} if step else None,
        "version": version if version.pk else None,
        "warning": actions.below_range_warning(offer, version) if version.pk else "",
        "sent_at": offer.sent_at,
        "decided_at": offer.decided_at,
        "created_at": offer.created_at,
    }


@offers_router.get("", response={200: list[OfferOut], **READ_ERRORS})
@paginate(PageNumberPagination)
def list_offers(request: HttpRequest, status: str | None = None) -> list[dict[str, Any]]:
    rows = selectors.offers(actor(request))
    if status:
        rows = rows.filter(status=status)
    return [offer_out(row) for row in rows[:1000]]


@offers_router.post("", response={201: OfferOut, **WRITE_ERRORS})
def post_offer(request: HttpRequest, payload: OfferIn) -> Status[dict[str, Any]]:
    """Version 1 of an offer on an application; it waits for the first step of the client's chain."""
    user = actor(request)
    application = recruiting_selectors.application(user, payload.application_id)
    with FieldRenames({"application": "application_id"}):
        offer = actions.create_offer(user, application, model_data(payload, exclude={"application_id"}))
    return Status(201, offer_out(offer))


@offers_router.get("/{offer_id}", response={200: OfferOut, **READ_ERRORS})
def get_offer(request: HttpRequest, offer_id: ObjectId) -> dict[str, Any]:
    return offer_out(selectors.offer(actor(request), offer_id))


@offers_router.patch("/{offer_id}", response={200: OfferOut, **WRITE_ERRORS})
def patch_offer(request: HttpRequest, offer_id: ObjectId, payload: OfferPatch) -> dict[str, Any]:
    """New terms: a new version, the chain restarts."""
    user = actor(request)
    offer = selectors.offer(user, offer_id)
    return offer_out(actions.change_terms(user, offer, model_data(payload)))


@offers_router.get("/{offer_id}/versions", response={200: list[OfferVersionOut], **READ_ERRORS})
@paginate(PageNumberPagination)
def list_offer_versions(request: HttpRequest, offer_id: ObjectId) -> QuerySet[OfferVersion]:
    return selectors.versions(selectors.offer(actor(request), offer_id))


@offers_router.get("/{offer_id}/approvals", response={200: list[OfferApprovalOut], **READ_ERRORS})
@paginate(PageNumberPagination)
def list_offer_approvals(request: HttpRequest, offer_id: ObjectId) -> QuerySet[OfferApproval]:
    return selectors.approvals(selectors.offer(actor(request), offer_id)).order_by("version", "step")


@offers_router.post("/{offer_id}/approve", response={200: OfferOut, **WRITE_ERRORS})
def post_offer_approve(request: HttpRequest, offer_id: ObjectId, payload: DecisionIn) -> dict[str, Any]:
    user = actor(request)
    return offer_out(actions.approve(user, selectors.offer(user, offer_id), payload.comment))


@offers_router.post("/{offer_id}/reject", response={200: OfferOut, **WRITE_ERRORS})
def post_offer_reject(request: HttpRequest, offer_id: ObjectId, payload: DecisionIn) -> dict[str, Any]:
    user = actor(request)
    return offer_out(actions.reject(user, selectors.offer(user, offer_id), payload.comment))


@offers_router.post("/{offer_id}/send", response={200: OfferOut, **WRITE_ERRORS})
def post_offer_send(request: HttpRequest, offer_id: ObjectId) -> dict[str, Any]:
    """E-mail the approved offer (letter attached) with its accept/decline link to the candidate."""
    user = actor(request)
    offer, _token = actions.send_offer(user, selectors.offer(user, offer_id))
    return offer_out(offer)


@offers_router.post("/{offer_id}/withdraw", response={200: OfferOut, **WRITE_ERRORS})
def post_offer_withdraw(request: HttpRequest, offer_id: ObjectId) -> dict[str, Any]:
    user = actor(request)
    return offer_out(actions.withdraw(user, selectors.offer(user, offer_id)))


# --- onboarding ---------------------------------------------------------------------------------------------


def onboarding_out(row: Onboarding) -> dict[str, Any]:
    progress = selectors.progress(row)
    return {
        "id": row.pk,
        "client_id": row.client_id,
        "offer_id": row.offer_id,
        "start_date": row.start_date,
        "tasks_done": progress.done,
        "tasks_total": progress.total,
    }


@onboarding_router.get("", response={200: list[OnboardingOut], **READ_ERRORS})
@paginate(PageNumberPagination)
def list_onboardings(request: HttpRequest) -> list[dict[str, Any]]:
    return [onboarding_out(row) for row in selectors.onboardings(actor(request))[:1000]]


@onboarding_router.get("/{onboarding_id}/tasks", response={200: list[OnboardingTaskOut], **READ_ERRORS})
@paginate(PageNumberPagination)
def list_onboarding_tasks(request: HttpRequest, onboarding_id: ObjectId) -> QuerySet[OnboardingTask]:
    return selectors.tasks_of(selectors.onboarding(actor(request), onboarding_id))


@onboarding_router.post("/tasks/{onboarding_task_id}/complete", response={200: OnboardingTaskOut, **WRITE_ERRORS})
def post_onboarding_task_complete(
    request: HttpRequest, onboarding_task_id: ObjectId, payload: TaskCompleteIn
) -> OnboardingTask:
    """Tick (or with ``done: false`` untick) a task of your side."""
    user = actor(request)
    task = selectors.onboarding_task(user, onboarding_task_id)
    return onboarding.complete_task(user, task, done=payload.done)


# --- hire surveys -------------------------------------------------------------------------------------------


@surveys_router.get("", response={200: list[HireSurveyOut], **READ_ERRORS})
@paginate(PageNumberPagination)
def list_hire_surveys(request: HttpRequest) -> QuerySet[HireSurvey]:
    return selectors.surveys(actor(request))


@surveys_router.get("/quality", response={200: QualityOut, **READ_ERRORS})
def get_quality_of_hire(request: HttpRequest) -> selectors.QualityOfHire:
    """Quality of hire and 90-day retention from the answered surveys of the caller's clients."""
    return selectors.quality_of_hire(selectors.surveys(actor(request)))


@surveys_router.post("/{hire_survey_id}", response={200: HireSurveyOut, **WRITE_ERRORS})
def post_hire_survey(request: HttpRequest, hire_survey_id: ObjectId, payload: HireSurveyIn) -> HireSurvey:
    user = actor(request)
    return surveys.answer_survey(user, selectors.survey(user, hire_survey_id), payload.model_dump())
