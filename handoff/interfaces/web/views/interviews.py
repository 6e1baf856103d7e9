"""Interview pages: the plan editor of a requisition, my availability, my interviews, an application's schedule
(proposals, booking, slot offers, reschedule, cancel), the candidate's public slot page (signed link), the
scorecard form and the scorecard summary.

Times are shown in the viewer's zone (their availability's, else their profile's); the candidate's page shows
the candidate's zone. Every change goes through ``domain.interviews.actions``; their field errors come back
onto the form and the page answers 400, with what was typed kept.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from handoff.domain.interviews import actions, links, rules, selectors
from handoff.domain.interviews.models import Interview, InterviewPlan
from handoff.domain.recruiting import selectors as recruiting_selectors
from handoff.domain.recruiting.models import Application, Requisition
from handoff.domain.tenancy import rls
from handoff.domain.tenancy.access import Actor
from handoff.engines.interviews import NoSlotError, Slot
from handoff.interfaces.web.forms_interviews import (
    AvailabilityForm,
    BookForm,
    OfferForm,
    ProposalForm,
    RescheduleForm,
    RoundForm,
    ScorecardForm,
)
from handoff.interfaces.web.views.common import (
    AuthenticatedHttpRequest,
    act_and_tell,
    add_validation_errors,
    render_page,
)

LINK_STATUS = {links.LinkProblem.TAMPERED: 400, links.LinkProblem.EXPIRED: 410, links.LinkProblem.USED: 410}


def viewer_zone(user: Actor) -> str:
    pk = getattr(user, "pk", None)
    row = selectors.availability_of(pk) if isinstance(pk, int) else None
    return row.time_zone if row else str(getattr(user, "time_zone", "UTC"))


def _require_scheduler(user: Actor) -> None:
    if not rules.schedules_interviews(user):
        raise PermissionDenied(
            "Interviews are scheduled by recruiters, account managers, HR admins and hiring managers."
        )


# --- availability and my interviews ---------------------------------------------------------------------------


@login_required
def my_availability(request: AuthenticatedHttpRequest) -> HttpResponse:
    row = selectors.availability_of(request.user.pk)
    initial = AvailabilityForm.initial_from(
        row.time_zone if row else request.user.time_zone,
        row.weekly if row else [{"weekday": d, "start": "09:00", "end": "17:00"} for d in range(5)],
        row.exceptions if row else [],
    )
    form = AvailabilityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_availability(
                request.user, form.cleaned_data["time_zone"], form.weekly(), form.exception_rows()
            )
        except ValidationError as error:
            add_validation_errors(form, error)
            if "weekly" in error.message_dict:
                form.add_error(None, error.message_dict["weekly"])
        else:
            messages.success(request, "Your availability is saved.")
            return redirect("web:my_availability")
    days = [form[f"day_{day}"] for day in range(7)]
    return render_page(
        request, "web/interviews/availability.html", {"form": form, "days": days}, invalid=bool(form.errors)
    )


@login_required
def my_interviews(request: AuthenticatedHttpRequest) -> HttpResponse:
    rows = list(selectors.my_interviews(request.user, timezone.now() - dt.timedelta(days=30)))
    return render_page(request, "web/interviews/mine.html", {"interviews": rows, "tz": viewer_zone(request.user)})


# --- the plan of a requisition --------------------------------------------------------------------------------


def _round_data(plan: InterviewPlan | None, actor: Actor) -> list[dict[str, Any]]:
    if plan is None:
        return []
    return [
        {
            "kind": row.kind,
            "title": row.title,
            "duration_minutes": row.duration_minutes,
            "interviewers": [{"user_id": s.user_id, "required": s.required} for s in seats],
            "competencies": [{"source": c["source"], "label": c["label"]} for c in row.competencies],
        }
        for row, seats in selectors.rounds_with_interviewers(actor, plan)
    ]


@login_required
def interview_plan(request: AuthenticatedHttpRequest, requisition_id: int) -> HttpResponse:
    requisition = recruiting_selectors.requisition(request.user, requisition_id)
    plan = selectors.plan_of(request.user, requisition)
    people = [
        (u.pk, f"{u.full_name} ({u.get_role_display()})") for u in rules.possible_interviewers(requisition.client)
    ]
    skills = actions.requisition_skills(requisition)
    form = RoundForm(request.POST or None, people=people, skills=skills)
    can_edit = rules.schedules_interviews(request.user)
    if request.method == "POST":
        _require_scheduler(request.user)
        rounds = _round_data(plan, request.user)
        if "remove" in request.POST:
            return _remove_round(request, requisition, rounds)
        if form.is_valid():
            try:
                actions.save_plan(
                    request.user, requisition, [actions.round_input(r) for r in [*rounds, form.as_round()]]
                )
            except ValidationError as error:
                _round_errors(form, error, len(rounds))
            else:
                messages.success(request, "Round added to the interview plan.")
                return redirect("web:interview_plan", requisition_id=requisition.pk)
    context = {
        "requisition": requisition,
        "rounds": selectors.rounds_with_interviewers(request.user, plan) if plan else [],
        "form": form,
        "can_edit": can_edit,
    }
    return render_page(request, "web/interviews/plan.html", context, invalid=bool(form.errors))


def _round_errors(form: RoundForm, error: ValidationError, index: int) -> None:
    prefix = f"rounds[{index}]."
    for name, problems in error.message_dict.items():
        field = name.removeprefix(prefix)
        if field == "competencies":
            field = "skills"
        form.add_error(field if field in form.fields else None, problems)


def _remove_round(
    request: AuthenticatedHttpRequest, requisition: Requisition, rounds: list[dict[str, Any]]
) -> HttpResponse:
    try:
        index = int(request.POST.get("remove", ""))
        kept = [r for i, r in enumerate(rounds) if i != index]
        actions.save_plan(request.user, requisition, [actions.round_input(r) for r in kept])
    except (ValueError, ValidationError) as error:
        text = "; ".join(error.messages) if isinstance(error, ValidationError) else "Choose a round to remove."
        messages.error(request, text)
    else:
        messages.success(request, "Round removed.")
    return redirect("web:interview_plan", requisition_id=requisition.pk)


# --- an application's schedule --------------------------------------------------------------------------------


def _slot_rows(slots: list[Slot], tz: str, candidate_tz: str) -> list[dict[str, Any]]:
    zone, candidate_zone = ZoneInfo(tz), ZoneInfo(candidate_tz)
    return [
        {
            "start": slot.start.isoformat(),
            "local": slot.start.astimezone(zone),
            "local_end": slot.end.astimezone(zone),
            "candidate": slot.start.astimezone(candidate_zone),
            "rounds": [(r.title, r.start.astimezone(zone), r.end.astimezone(zone)) for r in slot.rounds],
        }
        for slot in slots
    ]


@login_required
def interview_schedule(request: AuthenticatedHttpRequest, application_id: int) -> HttpResponse:
    application = recruiting_selectors.application(request.user, application_id)
    _require_scheduler(request.user)
    tz = viewer_zone(request.user)
    default_tz = actions.default_candidate_zone(application)
    proposal = ProposalForm(request.GET or None, initial={"candidate_time_zone": default_tz, "days": 14})
    candidate_tz = proposal.cleaned_data["candidate_time_zone"] if proposal.is_valid() else default_tz
    days = proposal.cleaned_data["days"] if proposal.is_valid() else 14
    slots, reason = _proposals(request.user, application, candidate_tz, days)
    context: dict[str, Any] = {
        "application": application,
        "requisition": application.requisition,
        "candidate": application.candidate,
        "interviews": list(selectors.application_interviews(request.user, application)),
        "offers": list(selectors.slot_offers(request.user, application)[:5]),
        "proposal": proposal,
        "slots": _slot_rows(slots, tz, candidate_tz),
        "no_slot": reason,
        "tz": tz,
        "candidate_tz": candidate_tz,
        "book_form": BookForm(initial={"candidate_time_zone": candidate_tz}),
        "offer_form": OfferForm(initial={"candidate_time_zone": candidate_tz}, starts=[]),
        "reschedule_form": RescheduleForm(initial={"time_zone": tz}),
    }
    return render_page(request, "web/interviews/schedule.html", context)


def _proposals(actor: Actor, application: Application, tz: str, days: int) -> tuple[list[Slot], str]:
    try:
        return actions.propose(actor, application, candidate_time_zone=tz, days=days, count=8), ""
    except NoSlotError as error:
        return [], str(error)
    except ValidationError as error:
        return [], "; ".join(error.messages)


@require_POST
@login_required
def interview_book(request: AuthenticatedHttpRequest, application_id: int) -> HttpResponse:
    application = recruiting_selectors.application(request.user, application_id)
    form = BookForm(request.POST)
    if form.is_valid():
        try:
            actions.book_panel(
                request.user,
                application,
                form.cleaned_data["start"],
                candidate_time_zone=form.cleaned_data["candidate_time_zone"],
                meeting_url=form.cleaned_data["meeting_url"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Interviews booked; invitations are on their way.")
            return redirect("web:interview_schedule", application_id=application.pk)
    return _schedule_error(request, application, form)


@require_POST
@login_required
def interview_offer(request: AuthenticatedHttpRequest, application_id: int) -> HttpResponse:
    application = recruiting_selectors.application(request.user, application_id)
    form = OfferForm(request.POST, starts=request.POST.getlist("starts"))
    if form.is_valid():
        try:
            actions.offer_slots(
                request.user,
                application,
                form.chosen(),
                candidate_time_zone=form.cleaned_data["candidate_time_zone"],
                meeting_url=form.cleaned_data["meeting_url"],
            )
        except (ValidationError, ValueError) as error:
            add_validation_errors(form, error if isinstance(error, ValidationError) else ValidationError(str(error)))
        else:
            messages.success(request, "The candidate has been e-mailed a link to choose a time.")
            return redirect("web:interview_schedule", application_id=application.pk)
    return _schedule_error(request, application, form)


def _schedule_error(request: AuthenticatedHttpRequest, application: Application, form: Any) -> HttpResponse:
    context = {"application": application, "form": form, "back": "web:interview_schedule"}
    return render_page(request, "web/interviews/problem.html", context, invalid=True)


@require_POST
@login_required
def interview_reschedule(request: AuthenticatedHttpRequest, interview_id: int) -> HttpResponse:
    interview = selectors.interview(request.user, interview_id)
    form = RescheduleForm(request.POST)
    if form.is_valid():
        start = form.cleaned_data["start"].replace(tzinfo=None)
        start = start.replace(tzinfo=ZoneInfo(form.cleaned_data["time_zone"]))
        try:
            actions.reschedule(request.user, interview, start)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Interview moved; everyone gets the updated invitation.")
            return redirect("web:interview_schedule", application_id=interview.application_id)
    return _schedule_error(request, interview.application, form)


@require_POST
@login_required
def interview_cancel(request: AuthenticatedHttpRequest, interview_id: int) -> HttpResponse:
    interview = selectors.interview(request.user, interview_id)
    act_and_tell(
        request, lambda: actions.cancel(request.user, interview), "Interview cancelled; everyone gets the cancellation."
    )
    return redirect("web:interview_schedule", application_id=interview.application_id)


# --- the candidate's page (public, signed link) ---------------------------------------------------------------


def _link_problem(request: HttpRequest, error: links.LinkError) -> HttpResponse:
    context = {"message": str(error), "problem": error.problem.value}
    return render(request, "web/interviews/link_problem.html", context, status=LINK_STATUS[error.problem])


def interview_pick(request: HttpRequest, slot_token: str) -> HttpResponse:
    """The offered slots in the candidate's zone; choosing one books it. No login: the link is the key."""
    try:
        offer = actions.open_offer(slot_token)
    except links.LinkError as error:
        return render(
            request, "web/interviews/link_problem.html", {"message": str(error)}, status=LINK_STATUS[error.problem]
        )
    rls.scope_to_public_client(request, offer.client_id)
    zone = ZoneInfo(offer.candidate_time_zone)
    starts = [start.astimezone(zone) for start in actions.offered_starts(offer)]
    error_text = ""
    if request.method == "POST":
        try:
            booked = actions.pick_slot(offer, int(request.POST.get("slot", "-1")))
        except links.LinkError as error:
            return _link_problem(request, error)
        except (ValueError, ValidationError) as error:
            error_text = (
                "; ".join(error.messages) if isinstance(error, ValidationError) else "Choose one of the times offered."
            )
        else:
            context = {"offer": offer, "start": booked[0].start.astimezone(zone), "tz": offer.candidate_time_zone}
            return render(request, "web/interviews/picked.html", context)
    context = {
        "offer": offer,
        "client_name": offer.client.name,
        "starts": list(enumerate(starts)),
        "tz": offer.candidate_time_zone,
        "error": error_text,
    }
    return render(request, "web/interviews/pick.html", context, status=400 if error_text else 200)


# --- scorecards -----------------------------------------------------------------------------------------------


def _card_form(interview: Interview, data: Any, initial: dict[str, Any] | None = None) -> ScorecardForm:
    return ScorecardForm(data, initial=initial, competencies=list(interview.round.competencies))


def _initial(card: Any) -> dict[str, Any]:
    initial: dict[str, Any] = {"recommendation": card.recommendation, "notes": card.notes}
    for rating in card.ratings:
        initial[f"score__{rating['competency_key']}"] = str(rating["score"])
        initial[f"evidence__{rating['competency_key']}"] = rating.get("evidence", "")
    return initial


@login_required
def scorecard(request: AuthenticatedHttpRequest, interview_id: int) -> HttpResponse:
    interview = selectors.interview(request.user, interview_id)
    if request.user.pk not in selectors.seated_user_ids(request.user, interview):
        raise PermissionDenied("Only the interview's interviewers write its scorecards.")
    visible = actions.visible_cards(request.user, interview)
    own = next((c for c in visible if c.interviewer_id == request.user.pk), None)
    if request.method == "POST" and own is not None and own.submitted:
        messages.error(request, "Your scorecard is already submitted.")
        return redirect("web:scorecard_summary", interview_id=interview.pk)
    form = _card_form(interview, request.POST or None, _initial(own) if own else None)
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            actions.save_scorecard(
                request.user,
                interview,
                ratings=form.ratings(),
                recommendation=form.cleaned_data["recommendation"],
                notes=form.cleaned_data["notes"],
                submit=submit,
            )
        except ValidationError as error:
            for name, problems in error.message_dict.items():
                form.add_error(form.error_field(name), problems)
        else:
            messages.success(request, "Scorecard submitted." if submit else "Draft saved.")
            return redirect("web:scorecard_summary" if submit else "web:scorecard", interview_id=interview.pk)
    context = {"interview": interview, "form": form, "own": own, "tz": viewer_zone(request.user)}
    return render_page(request, "web/interviews/scorecard.html", context, invalid=bool(form.errors))


@login_required
def scorecard_summary(request: AuthenticatedHttpRequest, interview_id: int) -> HttpResponse:
    interview = selectors.interview(request.user, interview_id)
    cards = actions.visible_cards(request.user, interview)
    summary = actions.summary(request.user, interview)
    names = {str(c.interviewer_id): str(c.interviewer) for c in cards}
    labels = {c["key"]: c["label"] for c in interview.round.competencies}
    rows = []
    if summary is not None:
        for row in summary.competencies:
            scores = [(names.get(pid, pid), score) for pid, score in row.scores.items()]
            rows.append({"label": labels.get(row.key, row.key), "scores": scores, "row": row})
    recommendations = (
        [(names.get(pid, pid), rec.name.replace("_", " ").lower()) for pid, rec in summary.recommendations.items()]
        if summary
        else []
    )
    context = {
        "interview": interview,
        "cards": cards,
        "summary": summary,
        "rows": rows,
        "recommendations": recommendations,
        "labels": labels,
        "tz": viewer_zone(request.user),
    }
    return render_page(request, "web/interviews/summary.html", context)


@login_required
def round_comparison(request: AuthenticatedHttpRequest, interview_id: int) -> HttpResponse:
    """The candidates of this interview's round side by side: mean score per competency, recommendations."""
    interview = selectors.interview(request.user, interview_id)
    compared = actions.round_comparison(request.user, interview)
    competencies = list(interview.round.competencies)
    rows = [{"item": item, "means": [item.means.get(c["key"]) for c in competencies]} for item in compared]
    context = {"interview": interview, "competencies": competencies, "rows": rows}
    return render_page(request, "web/interviews/round_comparison.html", context)
