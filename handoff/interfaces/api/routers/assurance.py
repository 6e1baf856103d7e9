"""Assurance: maker-checker changes (submit, approve, reject, audit), QA (plan, weekly sample, scorecards,
calibration) and CSAT per service and agent, for the clients the caller may see."""

import datetime as dt
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status

from handoff.domain.assurance import selectors
from handoff.domain.assurance.actions.makerchecker import approve_change, reject_change, submit_change
from handoff.domain.assurance.actions.qa import draw_week_sample, review_sample, set_qa_plan
from handoff.domain.assurance.models import AuditEntry, ChangeRequest, ChangeState, QaReview, QaSample
from handoff.domain.assurance.permissions import sees_results
from handoff.domain.operations import selectors as operations
from handoff.domain.operations.models import Service
from handoff.domain.tenancy.access import Actor
from handoff.interfaces.api.auth import actor
from handoff.interfaces.api.errors import FieldRenames
from handoff.interfaces.api.pagination import PageNumberPagination
from handoff.interfaces.api.schemas.assurance import (
    AuditOut,
    CalibrationOut,
    ChangeIn,
    ChangeOut,
    CriterionOut,
    CsatRowOut,
    DrawIn,
    GapOut,
    QaPlanIn,
    QaPlanOut,
    QaSampleOut,
    RejectIn,
    ReviewIn,
    ReviewOut,
)
from handoff.interfaces.api.schemas.base import ObjectId
from handoff.interfaces.api.schemas.errors import error_responses

router = Router(tags=["Assurance"])


# --- maker-checker ------------------------------------------------------------------------------------------


@router.get("/changes", response={200: list[ChangeOut], **error_responses(422)})
@paginate(PageNumberPagination)
def list_changes(request: HttpRequest, state: ChangeState | None = None) -> QuerySet[ChangeRequest]:
    """Changes of the caller's clients (provider staff who work items); ``state=pending`` is the checker queue."""
    rows = selectors.changes(actor(request)).order_by("-submitted_at", "-id")
    return rows.filter(state=state) if state is not None else rows


@router.post("/changes", response={201: ChangeOut, **error_responses(400, 403, 404, 422)})
def post_change(request: HttpRequest, payload: ChangeIn) -> Status[ChangeRequest]:
    """The maker submits new custom field values of an accounting or payroll item, for a checker."""
    user = actor(request)
    item = operations.work_item(user, payload.item_id)
    with FieldRenames({"item": "item_id"}):
        change = submit_change(user, item, payload.custom_fields, note=payload.note)
    return Status(201, change)


@router.get("/changes/{change_id}", response={200: ChangeOut, **error_responses(404, 422)})
def get_change(request: HttpRequest, change_id: ObjectId) -> ChangeRequest:
    return selectors.change(actor(request), change_id)


@router.post("/changes/{change_id}/approve", response={200: ChangeOut, **error_responses(400, 403, 404, 422)})
def post_change_approve(request: HttpRequest, change_id: ObjectId) -> ChangeRequest:
    """A checker other than the maker approves (403 for the maker, whatever their role)."""
    user = actor(request)
    return approve_change(user, selectors.change(user, change_id))


@router.post("/changes/{change_id}/reject", response={200: ChangeOut, **error_responses(400, 403, 404, 422)})
def post_change_reject(request: HttpRequest, change_id: ObjectId, payload: RejectIn) -> ChangeRequest:
    user = actor(request)
    return reject_change(user, selectors.change(user, change_id), payload.reason)


@router.get("/changes/{change_id}/audit", response={200: list[AuditOut], **error_responses(404, 422)})
@paginate(PageNumberPagination)
def list_change_audit(request: HttpRequest, change_id: ObjectId) -> QuerySet[AuditEntry]:
    user = actor(request)
    return selectors.audit_trail(user, selectors.change(user, change_id))


# --- QA -----------------------------------------------------------------------------------------------------


def _plan_out(user: Actor, service: Service) -> QaPlanOut:
    plan = selectors.qa_plan(user, service)
    criteria = [
        CriterionOut(key=c.key, label=c.label, weight=c.weight, max_points=c.max_points)
        for c in selectors.criteria(user, service)
    ]
    return QaPlanOut(service_id=service.pk, share_percent=plan.share_percent if plan else 0, criteria=criteria)


@router.get("/services/{service_id}/qa-plan", response={200: QaPlanOut, **error_responses(404, 422)})
def get_qa_plan(request: HttpRequest, service_id: ObjectId) -> QaPlanOut:
    user = actor(request)
    return _plan_out(user, selectors.qa_service(user, service_id))


@router.put("/services/{service_id}/qa-plan", response={200: QaPlanOut, **error_responses(400, 403, 404, 422)})
def put_qa_plan(request: HttpRequest, service_id: ObjectId, payload: QaPlanIn) -> QaPlanOut:
    """Set the weekly sampling share and the weighted scorecard (team leads, QA analysts, provider admins)."""
    user = actor(request)
    service = selectors.qa_service(user, service_id)
    set_qa_plan(user, service, payload.share_percent, [c.model_dump() for c in payload.criteria])
    return _plan_out(user, service)


@router.post(
    "/services/{service_id}/qa-samples/draw", response={200: list[QaSampleOut], **error_responses(400, 403, 404, 422)}
)
def post_draw_sample(request: HttpRequest, service_id: ObjectId, payload: DrawIn) -> list[QaSample]:
    """Draw this week's (or the given week's) sample: deterministic, and drawing again adds nothing new."""
    user = actor(request)
    return draw_week_sample(user, selectors.qa_service(user, service_id), payload.week)


@router.get("/qa-samples", response={200: list[QaSampleOut], **error_responses(404, 422)})
@paginate(PageNumberPagination)
def list_qa_samples(
    request: HttpRequest, service_id: ObjectId | None = None, week: dt.date | None = None
) -> QuerySet[QaSample]:
    user = actor(request)
    service = selectors.qa_service(user, service_id) if service_id is not None else None
    return selectors.samples(user, service, week).order_by("-week", "id")


@router.get("/qa-samples/{sample_id}/reviews", response={200: list[ReviewOut], **error_responses(404, 422)})
@paginate(PageNumberPagination)
def list_qa_reviews(request: HttpRequest, sample_id: ObjectId) -> QuerySet[QaReview]:
    user = actor(request)
    return selectors.reviews(user, selectors.sample(user, sample_id))


@router.post("/qa-samples/{sample_id}/reviews", response={201: ReviewOut, **error_responses(400, 403, 404, 422)})
def post_qa_review(request: HttpRequest, sample_id: ObjectId, payload: ReviewIn) -> Status[QaReview]:
    user = actor(request)
    review = review_sample(user, selectors.sample(user, sample_id), payload.points, payload.comment)
    return Status(201, review)


@router.get("/qa-samples/{sample_id}/calibration", response={200: CalibrationOut, **error_responses(404, 409, 422)})
def get_calibration(request: HttpRequest, sample_id: ObjectId) -> CalibrationOut:
    """The first two reviewers' scorecards compared per criterion, with an agreement measure."""
    user = actor(request)
    sample = selectors.sample(user, sample_id)
    report = selectors.calibration(user, sample)
    if report is None:
        raise HttpError(409, "Calibration needs two reviews of the item, scored on the same scorecard.")
    result = report.result
    return CalibrationOut(
        sample_id=sample.pk,
        first_review_id=report.first.pk,
        second_review_id=report.second.pk,
        first_score=result.first_score,
        second_score=result.second_score,
        score_difference=result.score_difference,
        exact_agreement=result.exact_agreement,
        agreement=result.agreement,
        criteria=[GapOut(**gap.__dict__) for gap in result.criteria],
    )


# --- CSAT ---------------------------------------------------------------------------------------------------


@router.get("/csat", response={200: list[CsatRowOut], **error_responses(403, 422)})
def get_csat(request: HttpRequest, by: Literal["service", "agent"] = "service") -> list[CsatRowOut]:
    """CSAT % (answers of 4–5 over answers) per service or per agent of the caller's clients."""
    user = actor(request)
    if not sees_results(user):
        raise PermissionDenied("CSAT is for reviewers, account managers and process owners.")
    rows = selectors.csat_by_service(user) if by == "service" else selectors.csat_by_agent(user)
    return [
        CsatRowOut(id=r.key, name=r.name, responses=r.responses, satisfied=r.satisfied, percent=r.percent) for r in rows
    ]
