"""Changes to interview data: atomic, permission-checked, validated (with the engine), and followed by e-mail.

Slot search, plan and scorecard rules, invites and reminders are the engine's
(``handoff.engines.interviews``); these functions load the rows, call it, and store the outcome. Owner fields
(``client``) come from the checked application or requisition, never from input. Invitations and slot
links are e-mailed by tasks queued with ``transaction.on_commit``.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from handoff.domain.accounts.models import User
from handoff.domain.interviews import links, rules, schedule, selectors
from handoff.domain.interviews.invites import uid_for
from handoff.domain.interviews.models import (
    Interview,
    InterviewerAvailability,
    InterviewPlan,
    InterviewSeat,
    InterviewStatus,
    PlanRound,
    ReminderSent,
    RoundInterviewer,
    RoundKind,
    Scorecard,
    ScorecardNotice,
    SlotOffer,
)
from handoff.domain.recruiting.models import Application, Candidate, Requisition
from handoff.domain.tenancy.access import Actor, access_client, real_user
from handoff.engines.interviews import (
    Availability,
    Competency,
    CompetencySource,
    InterviewerSide,
    NoSlotError,
    PlannedInterviewer,
    PlannedRound,
    Rating,
    RoundRequest,
    SearchOptions,
    Slot,
    candidate_hours,
    propose_panel,
    still_fits,
    summarise,
    validate_plan,
    validate_scorecard,
    visible_scorecards,
)
from handoff.engines.interviews import InterviewPlan as EnginePlan
from handoff.engines.interviews import Recommendation as EngineRecommendation
from handoff.engines.interviews import Scorecard as EngineCard
from handoff.engines.interviews.problems import Problem
from handoff.engines.interviews.scorecards import ScorecardSummary

MIN_NOTICE = dt.timedelta(hours=2)  # nothing is proposed sooner than this
DEFAULT_HORIZON_DAYS = 14
MAX_HORIZON_DAYS = 42
OFFER_VALID_FOR = links.MAX_AGE
SEARCH = SearchOptions()


def _problems_error(problems: Iterable[Problem]) -> ValidationError:
    errors: dict[str, list[str]] = {}
    for problem in problems:
        errors.setdefault(problem.field, []).append(problem.message)
    return ValidationError(errors)


def _require_scheduler(actor: Actor, client_id: int) -> None:
    access_client(actor, client_id)
    if not rules.schedules_interviews(actor):
        raise PermissionDenied(
            "Interviews are scheduled by recruiters, account managers, and the client's HR admins and hiring managers."
        )


def _on_commit(task_path: str, *args: Any) -> None:
    def enqueue() -> None:
        from handoff.domain.interviews import tasks

        getattr(tasks, task_path).enqueue(*args)

    transaction.on_commit(enqueue, robust=True)


# --- availability ---------------------------------------------------------------------------------------------


@transaction.atomic
def save_availability(
    actor: Actor, time_zone: str, weekly: object, exceptions: list[Any] | None = None
) -> InterviewerAvailability:
    """The actor's own weekly windows (in ``time_zone``) and exceptions; overlapping windows are refused."""
    person = real_user(actor)
    if person is None:
        raise PermissionDenied("Sign in to keep your availability.")
    schedule.check_zone(time_zone)
    windows = schedule.parse_weekly(weekly)
    schedule.parse_exceptions(exceptions or [])
    row, _ = InterviewerAvailability.objects.get_or_create(user=person, defaults={"time_zone": time_zone})
    row.time_zone = time_zone
    row.weekly = schedule.windows_as_rows(windows)
    row.exceptions = exceptions or []
    row.full_clean()
    row.save()
    return row


# --- plans ----------------------------------------------------------------------------------------------------


def requisition_skills(requisition: Requisition) -> list[str]:
    names = [str(item["name"]) for item in [*requisition.required_skills, *requisition.preferred_skills]]
    return list(dict.fromkeys(names))


def competency(source: str, label: str) -> dict[str, str]:
    """A stored competency: its key follows the source (``skill:<name>``, ``culture_fit``, ``custom:<slug>``)."""
    if source == CompetencySource.SKILL:
        return {"key": f"skill:{label}", "label": label, "source": source}
    if source == CompetencySource.CULTURE_FIT:
        return {"key": "culture_fit", "label": label or "Culture fit", "source": source}
    if source == CompetencySource.POTENTIAL:
        return {"key": "potential", "label": label or "Potential", "source": source}
    return {"key": f"custom:{slugify(label)[:40]}", "label": label, "source": CompetencySource.CUSTOM}


def _engine_competency(stored: Mapping[str, str]) -> Competency:
    return Competency(stored["key"], stored["label"], CompetencySource(stored["source"]))


@dataclass(frozen=True)
class RoundInput:
    kind: str
    title: str
    duration_minutes: int
    interviewers: tuple[tuple[int, bool], ...]  # (user id, required)
    competencies: tuple[tuple[str, str], ...]  # (source, label)


def round_input(data: Mapping[str, Any]) -> RoundInput:
    """A round from plain data (the API's and the form's): interviewers ``[{"user_id", "required"}]``."""
    people = tuple((int(i["user_id"]), bool(i.get("required", True))) for i in data.get("interviewers", []))
    skills = tuple((str(c["source"]), str(c.get("label", ""))) for c in data.get("competencies", []))
    return RoundInput(
        str(data.get("kind", "")), str(data.get("title", "")), int(data.get("duration_minutes", 0)), people, skills
    )


def _check_rounds(requisition: Requisition, rounds: Sequence[RoundInput]) -> dict[int, User]:
    allowed = {user.pk: user for user in rules.possible_interviewers(requisition.client)}
    problems: list[Problem] = []
    planned: list[PlannedRound] = []
    for index, given in enumerate(rounds):
        if given.kind not in RoundKind.values:
            problems.append(Problem(f"rounds[{index}].kind", "choose a kind of round"))
        for user_id, _required in given.interviewers:
            if user_id not in allowed:
                problems.append(
                    Problem(f"rounds[{index}].interviewers", "choose interviewers of the client or its account team")
                )
        people = tuple(
            PlannedInterviewer(
                str(uid),
                allowed[uid].full_name if uid in allowed else "",
                InterviewerSide.PROVIDER if uid in allowed and allowed[uid].is_provider else InterviewerSide.CLIENT,
                required,
            )
            for uid, required in given.interviewers
        )
        comps = tuple(_engine_competency(competency(source, label)) for source, label in given.competencies)
        kind = RoundKind(given.kind) if given.kind in RoundKind.values else RoundKind.PANEL
        duration = dt.timedelta(minutes=given.duration_minutes)
        planned.append(PlannedRound(kind, given.title, duration, people, comps))  # type: ignore[arg-type]
    engine_plan = EnginePlan(str(requisition.pk), frozenset(requisition_skills(requisition)), tuple(planned))
    problems += validate_plan(engine_plan)
    if problems:
        raise _problems_error(problems)
    return allowed


@transaction.atomic
def save_plan(actor: Actor, requisition: Requisition, rounds: Sequence[RoundInput]) -> InterviewPlan:
    """Replace the requisition's rounds (kept in place by position: booked interviews keep their round)."""
    _require_scheduler(actor, requisition.client_id)
    _check_rounds(requisition, rounds)
    plan, _ = InterviewPlan.objects.get_or_create(
        requisition=requisition, defaults={"client_id": requisition.client_id}
    )
    plan.updated_by = real_user(actor)
    plan.save()
    existing = list(PlanRound.objects.filter(plan=plan).order_by("position", "pk"))
    for position, given in enumerate(rounds):
        row = existing[position] if position < len(existing) else PlanRound(client_id=plan.client_id, plan=plan)
        row.position = position
        row.kind = given.kind
        row.title = given.title.strip()
        row.duration_minutes = given.duration_minutes
        row.competencies = [competency(source, label) for source, label in given.competencies]
        row.save()
        RoundInterviewer.objects.filter(round=row).delete()
        RoundInterviewer.objects.bulk_create(
            RoundInterviewer(client_id=plan.client_id, round=row, user_id=uid, required=required)
            for uid, required in given.interviewers
        )
    for extra in existing[len(rounds) :]:
        if Interview.objects.filter(round=extra).exists():
            raise ValidationError({"rounds": f"Round {extra.title!r} has interviews booked: it cannot be removed."})
        extra.delete()
    return plan


# --- proposing and booking ------------------------------------------------------------------------------------


def _plan_rounds(application: Application, round_ids: Sequence[int] | None) -> list[PlanRound]:
    rows = list(
        PlanRound.objects.filter(plan__requisition_id=application.requisition_id)
        .prefetch_related("interviewers__user")
        .order_by("position", "pk")
    )
    if not rows:
        raise ValidationError({"rounds": "The requisition has no interview plan yet."})
    if not round_ids:
        return rows
    by_id = {row.pk: row for row in rows}
    unknown = [rid for rid in round_ids if rid not in by_id]
    if unknown or len(set(round_ids)) != len(round_ids):
        raise ValidationError({"round_ids": "Choose rounds of this requisition's plan, each once."})
    return [by_id[rid] for rid in round_ids]


def default_candidate_zone(application: Application) -> str:
    zones = application.requisition.allowed_time_zones or []
    return str(zones[0]) if zones else application.client.time_zone


def _availabilities(
    rounds: Sequence[PlanRound], start: dt.datetime, end: dt.datetime, exclude: Iterable[int] = ()
) -> dict[int, Availability]:
    people = {seat.user for row in rounds for seat in row.interviewers.all() if seat.required}
    stored = selectors.availabilities(user.pk for user in people)
    busy = selectors.busy_times((user.pk for user in people), start - dt.timedelta(hours=1), end, exclude=exclude)
    found: dict[int, Availability] = {}
    for user in people:
        row = stored.get(user.pk)
        tz = row.time_zone if row else user.time_zone
        found[user.pk] = schedule.person_availability(
            str(user.pk),
            user.full_name or user.email,
            tz,
            row.weekly if row else None,
            row.exceptions if row else None,
            busy[user.pk],
        )
    return found


def _requests(rounds: Sequence[PlanRound], people: Mapping[int, Availability]) -> list[RoundRequest]:
    return [
        RoundRequest(
            row.title,
            dt.timedelta(minutes=row.duration_minutes),
            tuple(people[seat.user_id] for seat in row.interviewers.all() if seat.required),
        )
        for row in rounds
    ]


def _candidate(
    candidate: Candidate, tz: str, start: dt.datetime, end: dt.datetime, exclude: Iterable[int] = ()
) -> Availability:
    schedule.check_zone(tz, "candidate_time_zone")
    busy = selectors.candidate_busy(candidate.pk, start - dt.timedelta(hours=1), end, exclude=exclude)
    return candidate_hours(tz, busy=tuple(busy), person_id=f"candidate-{candidate.pk}")


def _ensure_interviewers(rounds: Sequence[PlanRound]) -> None:
    for row in rounds:
        if not any(seat.required for seat in row.interviewers.all()):
            raise ValidationError({"rounds": f"Round {row.title!r} has no required interviewer."})


def propose(
    actor: Actor,
    application: Application,
    *,
    round_ids: Sequence[int] | None = None,
    candidate_time_zone: str = "",
    now: dt.datetime | None = None,
    days: int = DEFAULT_HORIZON_DAYS,
    count: int = 5,
) -> list[Slot]:
    """Blocks placing the rounds back to back that fit every required interviewer and the candidate.

    NoSlotError (its message says whose hours are in the way) when nothing fits in the horizon.
    """
    _require_scheduler(actor, application.client_id)
    if not 1 <= days <= MAX_HORIZON_DAYS:
        raise ValidationError({"days": f"Look 1 to {MAX_HORIZON_DAYS} days ahead."})
    rounds = _plan_rounds(application, round_ids)
    _ensure_interviewers(rounds)
    start = (now or timezone.now()) + MIN_NOTICE
    end = start + dt.timedelta(days=days)
    people = _availabilities(rounds, start, end)
    tz = candidate_time_zone or default_candidate_zone(application)
    candidate = _candidate(application.candidate, tz, start, end)
    options = SearchOptions(count=max(1, min(count, 20)))
    return propose_panel(_requests(rounds, people), candidate, start, end, options)


def _lock_people(rounds: Sequence[PlanRound], candidate_id: int) -> None:
    """Serialise bookings that share an interviewer or the candidate (row locks on PostgreSQL)."""
    user_ids = sorted({seat.user_id for row in rounds for seat in row.interviewers.all()})
    list(User.objects.select_for_update().filter(pk__in=user_ids).order_by("pk").values_list("pk", flat=True))
    list(Candidate.objects.select_for_update().filter(pk=candidate_id).values_list("pk", flat=True))


def _check_fits(
    application: Application,
    rounds: Sequence[PlanRound],
    start: dt.datetime,
    tz: str,
    now: dt.datetime,
    exclude: Iterable[int] = (),
) -> dt.datetime:
    """The block's end; a field error when the start has passed or no longer fits everyone."""
    if start.tzinfo is None:
        raise ValidationError({"start": "Give the start with its time zone."})
    if start <= now:
        raise ValidationError({"start": "That time has already passed: choose a later slot."})
    end = start + sum((dt.timedelta(minutes=row.duration_minutes) for row in rounds), dt.timedelta(0))
    excluded = list(exclude)
    people = _availabilities(rounds, start, end, excluded)
    candidate = _candidate(application.candidate, tz, start, end, excluded)
    if not still_fits(Slot(start, end, ()), _requests(rounds, people), candidate, SEARCH):
        raise ValidationError(
            {"start": "This slot no longer fits everyone (it was just taken, or is outside someone's hours)."}
        )
    return end


def _create_interviews(
    application: Application,
    rounds: Sequence[PlanRound],
    start: dt.datetime,
    *,
    candidate_time_zone: str,
    meeting_url: str,
    booked_by: User | None,
) -> list[Interview]:
    panel = uuid.uuid4().hex
    cursor = start
    made: list[Interview] = []
    for row in rounds:
        finish = cursor + dt.timedelta(minutes=row.duration_minutes)
        interview = Interview(
            client_id=application.client_id,
            application=application,
            round=row,
            start=cursor,
            end=finish,
            time_zone=application.client.time_zone,
            candidate_time_zone=candidate_time_zone,
            meeting_url=meeting_url,
            panel=panel,
            booked_by=booked_by,
        )
        interview.full_clean(exclude=["ics_uid"])
        interview.save()
        interview.ics_uid = uid_for(interview.pk)
        interview.save(update_fields=["ics_uid"])
        InterviewSeat.objects.bulk_create(
            InterviewSeat(client_id=application.client_id, interview=interview, user_id=seat.user_id)
            for seat in row.interviewers.all()
        )
        _on_commit("send_invitation", interview.pk, False)
        made.append(interview)
        cursor = finish
    return made


@transaction.atomic
def book_panel(
    actor: Actor,
    application: Application,
    start: dt.datetime,
    *,
    round_ids: Sequence[int] | None = None,
    candidate_time_zone: str = "",
    meeting_url: str = "",
    now: dt.datetime | None = None,
) -> list[Interview]:
    """Book the rounds back to back from ``start``, after checking again (locked) that everyone is still free."""
    _require_scheduler(actor, application.client_id)
    rounds = _plan_rounds(application, round_ids)
    _ensure_interviewers(rounds)
    _lock_people(rounds, application.candidate_id)
    tz = candidate_time_zone or default_candidate_zone(application)
    _check_fits(application, rounds, start, tz, now or timezone.now())
    return _create_interviews(
        application, rounds, start, candidate_time_zone=tz, meeting_url=meeting_url, booked_by=real_user(actor)
    )


@transaction.atomic
def reschedule(actor: Actor, interview: Interview, start: dt.datetime, *, now: dt.datetime | None = None) -> Interview:
    """Move a booked interview: the same UID, SEQUENCE + 1, a new METHOD:REQUEST to everyone."""
    _require_scheduler(actor, interview.client_id)
    if not interview.is_booked:
        raise ValidationError({"status": "A cancelled interview cannot be rescheduled."})
    row = PlanRound.objects.prefetch_related("interviewers__user").get(pk=interview.round_id)
    _lock_people([row], interview.application.candidate_id)
    end = _check_fits(
        interview.application, [row], start, interview.candidate_time_zone, now or timezone.now(), [interview.pk]
    )
    interview.start, interview.end = start, end
    interview.sequence += 1
    interview.save(update_fields=["start", "end", "sequence"])
    _on_commit("send_invitation", interview.pk, False)
    return interview


@transaction.atomic
def cancel(actor: Actor, interview: Interview) -> Interview:
    """Cancel: SEQUENCE + 1 and a METHOD:CANCEL with the same UID to everyone."""
    _require_scheduler(actor, interview.client_id)
    if not interview.is_booked:
        raise ValidationError({"status": "This interview is already cancelled."})
    interview.status = InterviewStatus.CANCELLED
    interview.sequence += 1
    interview.save(update_fields=["status", "sequence"])
    _on_commit("send_invitation", interview.pk, True)
    return interview


# --- offering slots to the candidate --------------------------------------------------------------------------


@dataclass(frozen=True)
class OfferMade:
    offer: SlotOffer
    token: str


@transaction.atomic
def offer_slots(
    actor: Actor,
    application: Application,
    starts: Sequence[dt.datetime],
    *,
    round_ids: Sequence[int] | None = None,
    candidate_time_zone: str = "",
    meeting_url: str = "",
    now: dt.datetime | None = None,
) -> OfferMade:
    """Offer the candidate these block starts through a signed link (e-mailed to the candidate on commit)."""
    _require_scheduler(actor, application.client_id)
    moment = now or timezone.now()
    rounds = _plan_rounds(application, round_ids)
    _ensure_interviewers(rounds)
    if not starts:
        raise ValidationError({"starts": "Offer at least one slot."})
    tz = candidate_time_zone or default_candidate_zone(application)
    slots = []
    for start in sorted(set(starts)):
        end = _check_fits(application, rounds, start, tz, moment)
        slots.append({"start": start.isoformat(), "end": end.isoformat()})
    offer = SlotOffer(
        client_id=application.client_id,
        application=application,
        round_ids=[row.pk for row in rounds],
        slots=slots,
        candidate_time_zone=tz,
        meeting_url=meeting_url,
        nonce=secrets.token_hex(16),
        expires_at=moment + OFFER_VALID_FOR,
        created_by=real_user(actor),
    )
    offer.full_clean()
    offer.save()
    token = links.make_token(offer.pk, offer.nonce)
    _on_commit("send_slot_offer", offer.pk, token)
    return OfferMade(offer, token)


def open_offer(token: str, now: dt.datetime | None = None) -> SlotOffer:
    """The offer a link names: LinkError when tampered, expired or already used."""
    offer_id, nonce = links.read_token(token)
    offer = selectors.public_offer(offer_id)
    if not secrets.compare_digest(offer.nonce, nonce):
        raise links.LinkError(links.LinkProblem.TAMPERED)
    if offer.used_at is not None:
        raise links.LinkError(links.LinkProblem.USED)
    if offer.expires_at <= (now or timezone.now()):
        raise links.LinkError(links.LinkProblem.EXPIRED)
    return offer


def offered_starts(offer: SlotOffer) -> list[dt.datetime]:
    return [dt.datetime.fromisoformat(slot["start"]) for slot in offer.slots]


@transaction.atomic
def pick_slot(offer: SlotOffer, index: int, *, now: dt.datetime | None = None) -> list[Interview]:
    """The candidate's choice: book that block (checked again) and use the link up; field error if taken."""
    locked = selectors.offer_for_update(offer.pk)
    moment = now or timezone.now()
    if locked.used_at is not None:
        raise links.LinkError(links.LinkProblem.USED)
    starts = offered_starts(locked)
    if not 0 <= index < len(starts):
        raise ValidationError({"slot": "Choose one of the times offered."})
    application = locked.application
    rounds = _plan_rounds(application, locked.round_ids)
    _lock_people(rounds, application.candidate_id)
    _check_fits(application, rounds, starts[index], locked.candidate_time_zone, moment)
    locked.used_at, locked.chosen_start = moment, starts[index]
    locked.save(update_fields=["used_at", "chosen_start"])
    return _create_interviews(
        application,
        rounds,
        starts[index],
        candidate_time_zone=locked.candidate_time_zone,
        meeting_url=locked.meeting_url,
        booked_by=locked.created_by,
    )


# --- scorecards -----------------------------------------------------------------------------------------------


def _engine_card(card: Scorecard) -> EngineCard:
    ratings = tuple(
        Rating(str(r.get("competency_key", "")), int(r.get("score", 0)), str(r.get("evidence", "")))
        for r in card.ratings
    )
    recommendation = EngineRecommendation(card.recommendation) if card.recommendation else None
    return EngineCard(str(card.interviewer_id), ratings, recommendation, card.submitted, card.notes)


def _clean_ratings(ratings: object) -> list[dict[str, Any]]:
    if not isinstance(ratings, list):
        raise ValidationError({"ratings": "A list of ratings is expected."})
    cleaned = []
    for item in ratings:
        try:
            cleaned.append(
                {
                    "competency_key": str(item["competency_key"]),
                    "score": int(item["score"]),
                    "evidence": str(item.get("evidence", ""))[:4000],
                }
            )
        except (KeyError, TypeError, ValueError) as error:
            raise ValidationError({"ratings": "Each rating has a competency_key and a whole-number score."}) from error
    return cleaned


@transaction.atomic
def save_scorecard(
    actor: Actor,
    interview: Interview,
    *,
    ratings: object,
    recommendation: int | None,
    notes: str = "",
    submit: bool = False,
) -> Scorecard:
    """The actor's own card on an interview they sat on: a draft, or submitted (then checked and frozen)."""
    person = real_user(actor)
    if person is None or person.pk not in selectors.seated_user_ids(actor, interview):
        raise PermissionDenied("Only the interview's interviewers write its scorecards.")
    card, _ = Scorecard.objects.select_for_update().get_or_create(
        interview=interview, interviewer=person, defaults={"client_id": interview.client_id}
    )
    if card.submitted:
        raise ValidationError({"__all__": "This scorecard is already submitted."})
    if recommendation is not None and recommendation not in EngineRecommendation._value2member_map_:
        raise ValidationError({"recommendation": "Choose strong no, no, yes or strong yes."})
    card.ratings = _clean_ratings(ratings)
    card.recommendation = recommendation
    card.notes = notes
    if submit:
        problems = validate_scorecard(_engine_card(card), interview.round.competency_keys)
        if problems:
            raise _problems_error(problems)
        card.submitted_at = timezone.now()
    card.save()
    return card


def sees_all_cards(actor: Actor, interview: Interview) -> bool:
    """Schedulers who did not interview in this round read every submitted card."""
    person = real_user(actor)
    seated = person is not None and person.pk in selectors.seated_user_ids(actor, interview)
    return rules.schedules_interviews(actor) and not seated


def visible_cards(actor: Actor, interview: Interview) -> list[Scorecard]:
    """The cards the actor may read: their own; the others' only once their own is submitted."""
    person = real_user(actor)
    rows = selectors.scorecards(actor, interview)
    by_id = {str(row.interviewer_id): row for row in rows}
    shown = visible_scorecards(
        str(person.pk if person else 0), [_engine_card(row) for row in rows], sees_all=sees_all_cards(actor, interview)
    )
    return [by_id[card.interviewer_id] for card in shown]


def summary(actor: Actor, interview: Interview) -> ScorecardSummary | None:
    """The comparison of the submitted cards, for those who may read them all (None before that)."""
    cards = visible_cards(actor, interview)
    person = real_user(actor)
    own_submitted = any(c.interviewer_id == (person.pk if person else 0) and c.submitted for c in cards)
    if not (sees_all_cards(actor, interview) or own_submitted):
        return None
    return summarise([_engine_card(c) for c in cards if c.submitted], interview.round.competency_keys)


def no_slot_message(error: NoSlotError) -> str:
    return str(error)


def claim_reminder(interview: Interview, offset: dt.timedelta, now: dt.datetime) -> bool:
    """Record a reminder as sent; False when it already was (by an earlier or a concurrent tick)."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(
                client_id=interview.client_id,
                interview=interview,
                offset_minutes=int(offset / dt.timedelta(minutes=1)),
                start=interview.start,
                sent_at=now,
            )
    except IntegrityError:
        return False
    return True


def claim_scorecard_notice(interview: Interview, user_id: int, kind: str, now: dt.datetime) -> bool:
    """Record a scorecard e-mail as sent to ``user_id``; False when it already was (earlier or concurrent tick)."""
    try:
        with transaction.atomic():
            ScorecardNotice.objects.create(
                client_id=interview.client_id, interview=interview, user_id=user_id, kind=kind, sent_at=now
            )
    except IntegrityError:
        return False
    return True


# --- comparing candidates across one round --------------------------------------------------------------------


@dataclass(frozen=True)
class CandidateScores:
    """One candidate's interview in a round: the mean score per competency of its submitted cards."""

    interview: Interview
    means: dict[str, float | None]
    overall: float | None
    recommendations: tuple[str, ...]
    cards: int
    flagged: bool


def _candidate_scores(interview: Interview, found: ScorecardSummary) -> CandidateScores:
    means = {row.key: row.mean for row in found.competencies}
    known = [mean for mean in means.values() if mean is not None]
    recommendations = tuple(rec.name.replace("_", " ").lower() for rec in found.recommendations.values())
    overall = round(sum(known) / len(known), 2) if known else None
    cards = max((len(row.scores) for row in found.competencies), default=0)
    return CandidateScores(interview, means, overall, recommendations, max(cards, len(recommendations)), found.flagged)


def round_comparison(actor: Actor, interview: Interview) -> list[CandidateScores]:
    """Every candidate interviewed in this interview's round whose cards the actor may read (the blind rule of
    :func:`summary` holds per interview), best overall mean first; interviews with no submitted card are left out.
    """
    compared = []
    for row in selectors.round_interviews(actor, interview.round):
        found = summary(actor, row)
        if found is None or (not found.recommendations and not any(c.scores for c in found.competencies)):
            continue
        compared.append(_candidate_scores(row, found))
    return sorted(compared, key=lambda item: (item.overall is None, -(item.overall or 0.0), item.interview.start))
