"""Submittals (list, create, decide: the client's decisions) and the caller's in-app notifications.

Submittals are scoped to the caller's clients; notifications are the caller's own.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate
from ninja.responses import Status

from handoff.domain.notifications import actions as notification_actions
from handoff.domain.notifications import selectors as notification_selectors
from handoff.domain.notifications.models import Notification
from handoff.domain.recruiting import selectors as recruiting_selectors
from handoff.domain.recruiting.submittals import actions, selectors
from handoff.domain.recruiting.submittals.models import Submittal, SubmittalDecision, SubmittalStatus
from handoff.interfaces.api.auth import actor
from handoff.interfaces.api.errors import FieldRenames
from handoff.interfaces.api.pagination import PageNumberPagination
from handoff.interfaces.api.schemas.base import ObjectId
from handoff.interfaces.api.schemas.errors import error_responses
from handoff.interfaces.api.schemas.portal import (
    DecisionIn,
    DecisionOut,
    NotificationOut,
    SubmittalIn,
    SubmittalOut,
)

submittals_router = Router(tags=["Submittals"])
notifications_router = Router(tags=["Notifications"])

WRITE_ERRORS = error_responses(400, 403, 404, 409, 422)
RENAMES = {"application": "application_id"}


def _out(user: Any, row: Submittal) -> dict[str, Any]:
    return _with_book(row, selectors.target_book(user))


@submittals_router.get("", response={200: list[SubmittalOut], **error_responses(404, 422)})
@paginate(PageNumberPagination)
def list_submittals(
    request: HttpRequest,
    requisition_id: ObjectId | None = None,
    status: SubmittalStatus | None = None,
    waiting: bool = False,
) -> list[dict[str, Any]]:
    """Submittals of the caller's clients; ``waiting=true``: those waiting for the caller's decision."""
    user = actor(request)
    rows: QuerySet[Submittal] = selectors.awaiting_decision(user) if waiting else selectors.submittals(user)
    if requisition_id is not None:
        rows = rows.filter(requisition=recruiting_selectors.requisition(user, requisition_id))
    if status is not None:
        rows = rows.filter(status=status)
    book = selectors.target_book(user)
    return [_with_book(row, book) for row in rows]


def _with_book(row: Submittal, book: selectors.TargetBook) -> dict[str, Any]:
    clock = selectors.feedback_clock(row, book)
    data = {field: getattr(row, field) for field in SubmittalOut.model_fields if hasattr(row, field)}
    data["candidate_name"] = row.application.candidate.full_name
    data["feedback_clock"] = {
        "elapsed_hours": round(clock.elapsed_hours, 2),
        "target_hours": clock.target_hours,
        "running": clock.running,
        "overdue": clock.overdue,
    }
    return data


@submittals_router.post("", response={201: SubmittalOut, **WRITE_ERRORS})
def post_submittal(request: HttpRequest, payload: SubmittalIn) -> Status[dict[str, Any]]:
    """Submit a screened application to the client (provider recruiting staff)."""
    user = actor(request)
    application = recruiting_selectors.application(user, payload.application_id)
    with FieldRenames(RENAMES):
        row = actions.submit(user, application, payload.write_up)
    return Status(201, _out(user, selectors.submittal(user, row.pk)))


@submittals_router.get("/{submittal_id}", response={200: SubmittalOut, **error_responses(404, 422)})
def get_submittal(request: HttpRequest, submittal_id: ObjectId) -> dict[str, Any]:
    user = actor(request)
    return _out(user, selectors.submittal(user, submittal_id))


@submittals_router.post("/{submittal_id}/decision", response={200: SubmittalOut, **WRITE_ERRORS})
def post_submittal_decision(request: HttpRequest, submittal_id: ObjectId, payload: DecisionIn) -> dict[str, Any]:
    """The client's decision: interview, rejected (a reason needed) or on_hold, with feedback."""
    user = actor(request)
    row = selectors.submittal(user, submittal_id)
    actions.decide(user, row, payload.decision.value, payload.reason, payload.feedback)
    return _out(user, selectors.submittal(user, row.pk))


@submittals_router.get("/{submittal_id}/decisions", response={200: list[DecisionOut], **error_responses(404, 422)})
@paginate(PageNumberPagination)
def list_submittal_decisions(request: HttpRequest, submittal_id: ObjectId) -> QuerySet[SubmittalDecision]:
    user = actor(request)
    return selectors.decisions(user, selectors.submittal(user, submittal_id))


@notifications_router.get("", response={200: list[NotificationOut], **error_responses(422)})
@paginate(PageNumberPagination)
def list_notifications(request: HttpRequest, unread: bool = False) -> QuerySet[Notification]:
    user = actor(request)
    return notification_selectors.unread(user) if unread else notification_selectors.notifications(user)


@notifications_router.post("/{notification_id}/read", response={200: NotificationOut, **WRITE_ERRORS})
def post_notification_read(request: HttpRequest, notification_id: ObjectId) -> Notification:
    user = actor(request)
    return notification_actions.mark_read(user, notification_selectors.notification(user, notification_id))


@notifications_router.post("/read-all", response={200: dict[str, int], **WRITE_ERRORS})
def post_notifications_read_all(request: HttpRequest) -> dict[str, int]:
    return {"marked": notification_actions.mark_all_read(actor(request))}
