"""Reads of interview data, scoped to the actor's clients (``tenancy.access``).

Schedulers (``rules.schedules_interviews``) see every interview of the clients they see; everyone else sees
the interviews they sit on. Busy times of interviewers and candidates are read past the row-level scope
(an interviewer on the provider's side interviews for several clients): only start and end leave.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from handoff.domain.interviews import rules
from handoff.domain.interviews.models import (
    Interview,
    InterviewerAvailability,
    InterviewPlan,
    InterviewSeat,
    InterviewStatus,
    PlanRound,
    RoundInterviewer,
    Scorecard,
    SlotOffer,
)
from handoff.domain.recruiting.models import Application, Requisition
from handoff.domain.tenancy import rls
from handoff.domain.tenancy.access import Actor, access_owned, real_user, scoped


def plan_of(actor: Actor, requisition: Requisition) -> InterviewPlan | None:
    return scoped(actor, InterviewPlan).filter(requisition=requisition).first()


def plan(actor: Actor, pk: Any) -> InterviewPlan:
    return access_owned(actor, scoped(actor, InterviewPlan).select_related("requisition"), pk)


def rounds(actor: Actor, plan: InterviewPlan) -> list[PlanRound]:
    seats = scoped(actor, RoundInterviewer).select_related("user")
    rows = scoped(actor, PlanRound).filter(plan=plan).prefetch_related(Prefetch("interviewers", queryset=seats))
    return list(rows)


def rounds_with_interviewers(actor: Actor, plan: InterviewPlan) -> list[tuple[PlanRound, list[RoundInterviewer]]]:
    """Each round of the plan with its interviewers (users loaded): two queries."""
    rows = list(scoped(actor, PlanRound).filter(plan=plan))
    seats = scoped(actor, RoundInterviewer).filter(round__plan=plan).select_related("user").order_by("pk")
    by_round: dict[int, list[RoundInterviewer]] = {row.pk: [] for row in rows}
    for seat in seats:
        by_round.setdefault(seat.round_id, []).append(seat)
    return [(row, by_round[row.pk]) for row in rows]


def seat_ids(actor: Actor, interview_ids: Iterable[int]) -> dict[int, list[int]]:
    """The interviewers' user ids of each of these interviews."""
    found: dict[int, list[int]] = {}
    rows = scoped(actor, InterviewSeat).filter(interview_id__in=list(interview_ids)).order_by("user_id")
    for interview_id, user_id in rows.values_list("interview_id", "user_id"):
        found.setdefault(interview_id, []).append(user_id)
    return found


def round_(actor: Actor, pk: Any) -> PlanRound:
    return access_owned(actor, scoped(actor, PlanRound).select_related("plan__requisition"), pk)


def interviews(actor: Actor) -> QuerySet[Interview]:
    """Every interview of the actor's clients for schedulers; the ones they sit on for everyone else."""
    rows = scoped(actor, Interview).select_related("round", "application__candidate", "application__requisition")
    if rules.schedules_interviews(actor):
        return rows
    person = real_user(actor)
    return rows.filter(seats__user_id=person.pk if person else 0).distinct()


def interview(actor: Actor, pk: Any) -> Interview:
    return access_owned(actor, interviews(actor), pk)


def application_interviews(actor: Actor, application: Application) -> QuerySet[Interview]:
    return interviews(actor).filter(application=application)


def my_interviews(actor: Actor, since: dt.datetime) -> QuerySet[Interview]:
    person = real_user(actor)
    return (
        scoped(actor, Interview)
        .filter(seats__user_id=person.pk if person else 0, status=InterviewStatus.BOOKED, end__gte=since)
        .select_related("round", "application__candidate", "application__requisition")
        .distinct()
    )


def seats(actor: Actor, interview: Interview) -> QuerySet[InterviewSeat]:
    return scoped(actor, InterviewSeat).filter(interview=interview).select_related("user")


def seated_user_ids(actor: Actor, interview: Interview) -> set[int]:
    return set(scoped(actor, InterviewSeat).filter(interview=interview).values_list("user_id", flat=True))


def scorecards(actor: Actor, interview: Interview) -> list[Scorecard]:
    """All cards of the interview, unfiltered: pass them through ``actions.visible_cards`` before showing."""
    return list(scoped(actor, Scorecard).filter(interview=interview).select_related("interviewer"))


def slot_offers(actor: Actor, application: Application) -> QuerySet[SlotOffer]:
    return scoped(actor, SlotOffer).filter(application=application)


def availability_of(user_id: int) -> InterviewerAvailability | None:
    """A person's own availability (the person's data, not a client's)."""
    return InterviewerAvailability.objects.filter(user_id=user_id).first()


def availabilities(user_ids: Iterable[int]) -> dict[int, InterviewerAvailability]:
    return {row.user_id: row for row in InterviewerAvailability.objects.filter(user_id__in=list(user_ids))}


def busy_times(
    user_ids: Iterable[int], start: dt.datetime, end: dt.datetime, *, exclude: Iterable[int] = ()
) -> dict[int, list[tuple[dt.datetime, dt.datetime]]]:
    """Booked interviews of these people overlapping ``[start, end)``, per user, across every client."""
    wanted = list(user_ids)
    found: dict[int, list[tuple[dt.datetime, dt.datetime]]] = {pk: [] for pk in wanted}
    with rls.past_the_scope():
        rows = (
            InterviewSeat.objects.filter(
                user_id__in=wanted,
                interview__status=InterviewStatus.BOOKED,
                interview__start__lt=end,
                interview__end__gt=start,
            )
            .exclude(interview_id__in=list(exclude))
            .values_list("user_id", "interview__start", "interview__end")
        )
        for user_id, begin, finish in rows:
            found[user_id].append((begin, finish))
    return found


def candidate_busy(
    candidate_id: int, start: dt.datetime, end: dt.datetime, *, exclude: Iterable[int] = ()
) -> list[tuple[dt.datetime, dt.datetime]]:
    """The candidate's booked interviews (any client's) overlapping ``[start, end)``."""
    with rls.past_the_scope():
        rows = (
            Interview.objects.filter(
                application__candidate_id=candidate_id, status=InterviewStatus.BOOKED, start__lt=end, end__gt=start
            )
            .exclude(pk__in=list(exclude))
            .values_list("start", "end")
        )
        return list(rows)


# --- the public slot page -------------------------------------------------------------------------------------


def public_offer(offer_id: int) -> SlotOffer:
    """The offer a verified link names, read past the scope (the visitor sees no client yet); Http404 if gone."""
    with rls.past_the_scope():
        offer = (
            SlotOffer.objects.select_related("application__candidate", "application__requisition", "client")
            .filter(pk=offer_id)
            .first()
        )
    if offer is None:
        raise Http404("No such offer")
    return offer


def offer_for_update(offer_id: int) -> SlotOffer:
    """The offer row locked for the candidate's choice (inside the public page's client scope)."""
    return SlotOffer.objects.select_for_update().select_related("application__candidate").get(pk=offer_id)


def interview_for_task(interview_id: int) -> Interview | None:
    return (
        Interview.objects.select_related("round", "client", "application__candidate", "application__requisition")
        .filter(pk=interview_id)
        .first()
    )


def offer_for_task(offer_id: int) -> SlotOffer | None:
    return SlotOffer.objects.select_related("application__candidate", "client").filter(pk=offer_id).first()


def booked_between(start: dt.datetime, end: dt.datetime) -> QuerySet[Interview]:
    """For the reminder job (run by the worker, bypass on): booked interviews starting in ``[start, end)``."""
    return Interview.objects.filter(status=InterviewStatus.BOOKED, start__gte=start, start__lt=end)


def seat_ids_for_task(interview_id: int) -> list[int]:
    return list(InterviewSeat.objects.filter(interview_id=interview_id).values_list("user_id", flat=True))


def ended_between(start: dt.datetime, end: dt.datetime) -> QuerySet[Interview]:
    """For the scorecard job (run by the worker, bypass on): booked interviews ending in ``[start, end)``."""
    return (
        Interview.objects.filter(status=InterviewStatus.BOOKED, end__gte=start, end__lt=end)
        .select_related("round", "client", "booked_by", "application__candidate", "application__requisition")
        .order_by("end", "pk")
    )


def submitted_ids_for_task(interview_id: int) -> set[int]:
    """The interviewers of the interview whose scorecard is submitted."""
    rows = Scorecard.objects.filter(interview_id=interview_id, submitted_at__isnull=False)
    return set(rows.values_list("interviewer_id", flat=True))


def round_interviews(actor: Actor, round_: PlanRound) -> QuerySet[Interview]:
    """The booked interviews of one round (every candidate of the requisition) that the actor may see."""
    return interviews(actor).filter(round=round_, status=InterviewStatus.BOOKED).order_by("start", "pk")
