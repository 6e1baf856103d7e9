"""Interviews: plans per requisition, my availability, slot proposals, panel bookings, slot offers to the
candidate, reschedule and cancel, scorecards (blind until one's own is submitted) and their summary.

Everything is scoped to the caller's clients; a foreign id answers like a missing one (404). Scheduling is
for recruiters, account managers, HR admins and hiring managers (403 otherwise); interviewers see the
interviews they sit on and write their own scorecards.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Router
from ninja.pagination import paginate
from ninja.responses import Status

from handoff.domain.interviews import actions, selectors
from handoff.domain.interviews.models import Interview, InterviewPlan, Scorecard, SlotOffer
from handoff.domain.recruiting import selectors as recruiting_selectors
from handoff.engines.interviews import NoSlotError
from handoff.interfaces.api.auth import actor
from handoff.interfaces.api.pagination import PageNumberPagination
from handoff.interfaces.api.schemas.base import ObjectId
from handoff.interfaces.api.schemas.errors import error_responses
from handoff.interfaces.api.schemas.interviews import (
    AvailabilityIn,
    AvailabilityOut,
    BookIn,
    InterviewOut,
    OfferIn,
    OfferOut,
    PlanIn,
    PlanOut,
    ProposalIn,
    ProposalsOut,
    RescheduleIn,
    ScorecardIn,
    ScorecardOut,
    SummaryOut,
)

router = Router(tags=["Interviews"])
WRITE_ERRORS = error_responses(400, 403, 404, 422)
READ_ERRORS = error_responses(404, 422)


def _plan_out(user: Any, plan: InterviewPlan) -> dict[str, Any]:
    rounds = [
        {
            "id": row.pk,
            "position": row.position,
            "kind": row.kind,
            "title": row.title,
            "duration_minutes": row.duration_minutes,
            "interviewers": [{"user_id": s.user_id, "name": s.user.full_name, "required": s.required} for s in seats],
            "competencies": row.competencies,
        }
        for row, seats in selectors.rounds_with_interviewers(user, plan)
    ]
    return {"id": plan.pk, "requisition_id": plan.requisition_id, "rounds": rounds}


def _interview_out(interview: Interview, seats: dict[int, list[int]]) -> dict[str, Any]:
    return {
        "id": interview.pk,
        "application_id": interview.application_id,
        "round_id": interview.round_id,
        "round_title": interview.round.title,
        "start": interview.start,
        "end": interview.end,
        "status": interview.status,
        "meeting_url": interview.meeting_url,
        "ics_uid": interview.ics_uid,
        "sequence": interview.sequence,
        "panel": interview.panel,
        "interviewer_ids": seats.get(interview.pk, []),
    }


def _one(user: Any, interview: Interview) -> dict[str, Any]:
    return _interview_out(interview, selectors.seat_ids(user, [interview.pk]))


# --- plans ----------------------------------------------------------------------------------------------------


@router.get("/requisitions/{requisition_id}/plan", response={200: PlanOut, **READ_ERRORS})
def get_interview_plan(request: HttpRequest, requisition_id: ObjectId) -> dict[str, Any]:
    user = actor(request)
    plan = selectors.plan_of(user, recruiting_selectors.requisition(user, requisition_id))
    if plan is None:
        raise Http404("No interview plan")
    return _plan_out(user, plan)


@router.put("/requisitions/{requisition_id}/plan", response={200: PlanOut, **WRITE_ERRORS})
def put_interview_plan(request: HttpRequest, requisition_id: ObjectId, payload: PlanIn) -> dict[str, Any]:
    """Replace the plan's rounds (a round with booked interviews cannot be dropped)."""
    user = actor(request)
    requisition = recruiting_selectors.requisition(user, requisition_id)
    rounds = [actions.round_input(item.model_dump(mode="json")) for item in payload.rounds]
    return _plan_out(user, actions.save_plan(user, requisition, rounds))


# --- availability ---------------------------------------------------------------------------------------------


@router.get("/availability/me", response={200: AvailabilityOut, **READ_ERRORS})
def get_my_availability(request: HttpRequest) -> dict[str, Any]:
    user = actor(request)
    row = selectors.availability_of(user.pk)
    if row is None:
        return {"time_zone": user.time_zone, "weekly": [], "exceptions": []}
    return {"time_zone": row.time_zone, "weekly": row.weekly, "exceptions": row.exceptions}


@router.put("/availability/me", response={200: AvailabilityOut, **WRITE_ERRORS})
def put_my_availability(request: HttpRequest, payload: AvailabilityIn) -> dict[str, Any]:
    """Weekly windows in ``time_zone`` and date exceptions; overlapping windows answer 422 on ``weekly``."""
    data = payload.model_dump(mode="json")
    exceptions = [{**e, "extra": [list(pair) for pair in e["extra"]]} for e in data["exceptions"]]
    row = actions.save_availability(actor(request), data["time_zone"], data["weekly"], exceptions)
    return {"time_zone": row.time_zone, "weekly": row.weekly, "exceptions": row.exceptions}


# --- proposals, bookings, offers ------------------------------------------------------------------------------


@router.post("/applications/{application_id}/proposals", response={200: ProposalsOut, **WRITE_ERRORS})
def post_interview_proposals(request: HttpRequest, application_id: ObjectId, payload: ProposalIn) -> dict[str, Any]:
    """Slots where every required interviewer and the candidate are free; ``reason`` says why when none."""
    user = actor(request)
    application = recruiting_selectors.application(user, application_id)
    try:
        slots = actions.propose(
            user,
            application,
            round_ids=payload.round_ids or None,
            candidate_time_zone=payload.candidate_time_zone,
            days=payload.days,
            count=payload.count,
        )
    except NoSlotError as error:
        return {"slots": [], "reason": str(error)}
    rows = [
        {
            "start": s.start,
            "end": s.end,
            "rounds": [{"title": r.title, "start": r.start, "end": r.end} for r in s.rounds],
        }
        for s in slots
    ]
    return {"slots": rows, "reason": ""}


@router.post("/applications/{application_id}/bookings", response={201: list[InterviewOut], **WRITE_ERRORS})
def post_interview_booking(request: HttpRequest, application_id: ObjectId, payload: BookIn) -> Status[list[Any]]:
    """Book the rounds back to back from ``start`` (checked again: a taken or past slot answers 422)."""
    user = actor(request)
    application = recruiting_selectors.application(user, application_id)
    booked = actions.book_panel(
        user,
        application,
        payload.start,
        round_ids=payload.round_ids or None,
        candidate_time_zone=payload.candidate_time_zone,
        meeting_url=payload.meeting_url,
    )
    seats = selectors.seat_ids(user, [row.pk for row in booked])
    return Status(201, [_interview_out(row, seats) for row in booked])


def _offer_out(offer: SlotOffer, token: str) -> dict[str, Any]:
    link = settings.SITE_URL.rstrip("/") + reverse("web:interview_pick", kwargs={"slot_token": token})
    return {
        "id": offer.pk,
        "application_id": offer.application_id,
        "slots": offer.slots,
        "candidate_time_zone": offer.candidate_time_zone,
        "expires_at": offer.expires_at,
        "used_at": offer.used_at,
        "link": link,
    }


@router.post("/applications/{application_id}/slot-offers", response={201: OfferOut, **WRITE_ERRORS})
def post_slot_offer(request: HttpRequest, application_id: ObjectId, payload: OfferIn) -> Status[dict[str, Any]]:
    """Offer the candidate these slots through a signed, single-use link (e-mailed to the candidate)."""
    user = actor(request)
    application = recruiting_selectors.application(user, application_id)
    made = actions.offer_slots(
        user,
        application,
        payload.starts,
        round_ids=payload.round_ids or None,
        candidate_time_zone=payload.candidate_time_zone,
        meeting_url=payload.meeting_url,
    )
    return Status(201, _offer_out(made.offer, made.token))


# --- interviews -----------------------------------------------------------------------------------------------


@router.get("", response={200: list[InterviewOut], **READ_ERRORS})
@paginate(PageNumberPagination)
def list_interviews(request: HttpRequest, application_id: ObjectId | None = None) -> list[dict[str, Any]]:
    """The interviews the caller schedules (of its clients) or sits on."""
    user = actor(request)
    rows = selectors.interviews(user)
    if application_id is not None:
        rows = rows.filter(application=recruiting_selectors.application(user, application_id))
    found = list(rows)
    seats = selectors.seat_ids(user, [row.pk for row in found])
    return [_interview_out(row, seats) for row in found]


@router.get("/{interview_id}", response={200: InterviewOut, **READ_ERRORS})
def get_interview(request: HttpRequest, interview_id: ObjectId) -> dict[str, Any]:
    return _one(actor(request), selectors.interview(actor(request), interview_id))


@router.post("/{interview_id}/reschedule", response={200: InterviewOut, **WRITE_ERRORS})
def post_interview_reschedule(request: HttpRequest, interview_id: ObjectId, payload: RescheduleIn) -> dict[str, Any]:
    """Move it: the same UID, SEQUENCE + 1, an updated invitation to everyone."""
    user = actor(request)
    return _one(user, actions.reschedule(user, selectors.interview(user, interview_id), payload.start))


@router.post("/{interview_id}/cancel", response={200: InterviewOut, **WRITE_ERRORS})
def post_interview_cancel(request: HttpRequest, interview_id: ObjectId) -> dict[str, Any]:
    """Cancel it: SEQUENCE + 1 and a METHOD:CANCEL invitation to everyone."""
    user = actor(request)
    return _one(user, actions.cancel(user, selectors.interview(user, interview_id)))


# --- scorecards -----------------------------------------------------------------------------------------------


@router.get("/{interview_id}/scorecards", response={200: list[ScorecardOut], **READ_ERRORS})
def list_scorecards(request: HttpRequest, interview_id: ObjectId) -> list[Scorecard]:
    """The caller's own card, and the others' submitted cards once the caller's is submitted."""
    user = actor(request)
    return actions.visible_cards(user, selectors.interview(user, interview_id))


@router.put("/{interview_id}/scorecards/me", response={200: ScorecardOut, **WRITE_ERRORS})
def put_my_scorecard(request: HttpRequest, interview_id: ObjectId, payload: ScorecardIn) -> Scorecard:
    """Save the caller's card (``submit`` checks it against the round's competencies and freezes it)."""
    user = actor(request)
    interview = selectors.interview(user, interview_id)
    return actions.save_scorecard(
        user,
        interview,
        ratings=[r.model_dump() for r in payload.ratings],
        recommendation=payload.recommendation,
        notes=payload.notes,
        submit=payload.submit,
    )


@router.get("/{interview_id}/scorecard-summary", response={200: SummaryOut, **error_responses(403, 404, 422)})
def get_scorecard_summary(request: HttpRequest, interview_id: ObjectId) -> dict[str, Any]:
    """Per competency scores, mean, spread and disagreement; 403 until the caller's own card is submitted."""
    user = actor(request)
    summary = actions.summary(user, selectors.interview(user, interview_id))
    if summary is None:
        raise PermissionDenied("Submit your own scorecard first.")
    return {
        "competencies": [
            {"key": r.key, "scores": r.scores, "mean": r.mean, "spread": r.spread, "disagreement": r.disagreement}
            for r in summary.competencies
        ],
        "recommendations": {pid: int(rec) for pid, rec in summary.recommendations.items()},
        "recommendation_split": summary.recommendation_split,
        "flagged": summary.flagged,
    }
