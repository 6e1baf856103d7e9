"""The interview demo: for the first open requisitions with candidates, a two-round plan, the interviewers'
availability, a booked panel for one candidate and a slot link offered to another.

Runs after the recruiting demo. A requisition that already has a plan is left alone, so a second run adds
nothing; nothing is booked when no slot fits (the demo must never fail on a calendar).
"""

from __future__ import annotations

from collections import Counter

from django.db import transaction

from handoff.domain.accounts.models import User
from handoff.domain.interviews import actions, rules, selectors
from handoff.domain.interviews.actions import RoundInput
from handoff.domain.recruiting.models import Application, Requisition, RequisitionStatus, StageOutcome
from handoff.domain.recruiting.selectors import requisition_applications, requisitions
from handoff.domain.tenancy.roles import ClientRole, StaffRole
from handoff.engines.interviews import NoSlotError

MAX_PLANS = 3
WORKING_WEEK = [{"weekday": day, "start": "09:00", "end": "17:30"} for day in range(5)]
DEMO_MEETING = "https://meet.example.com/handoff-demo"


def seed_interviews(admin: User, created: Counter[str]) -> None:
    made = 0
    for requisition in requisitions(admin).filter(status=RequisitionStatus.OPEN).order_by("pk"):
        if made >= MAX_PLANS:
            break
        if selectors.plan_of(admin, requisition) is not None:
            made += 1
            continue
        interviewers = _interviewers(requisition)
        applications = list(
            requisition_applications(admin, requisition).filter(stage__outcome=StageOutcome.ACTIVE).order_by("pk")[:2]
        )
        if len(interviewers) < 2 or not applications:
            continue
        with transaction.atomic():
            _plan(admin, requisition, interviewers)
        created["interview plans"] += 1
        made += 1
        _book_and_offer(admin, applications, created)


def _interviewers(requisition: Requisition) -> list[User]:
    people = list(rules.possible_interviewers(requisition.client))
    manager = next((u for u in people if u.role == ClientRole.HIRING_MANAGER), None)
    recruiter = next((u for u in people if u.role == StaffRole.RECRUITER), None)
    return [u for u in (manager, recruiter) if u is not None]


def _plan(admin: User, requisition: Requisition, interviewers: list[User]) -> None:
    for person in interviewers:
        if selectors.availability_of(person.pk) is None:
            actions.save_availability(person, person.time_zone or requisition.client.time_zone, WORKING_WEEK)
    manager, recruiter = interviewers
    skills = actions.requisition_skills(requisition)[:2]
    rounds = [
        RoundInput("phone_screen", "Phone screen", 30, ((recruiter.pk, True),), (("potential", ""),)),
        RoundInput(
            "technical",
            "Technical interview",
            60,
            ((manager.pk, True),),
            tuple(("skill", name) for name in skills) or (("custom", "Problem solving"),),
        ),
    ]
    actions.save_plan(admin, requisition, rounds)


def _book_and_offer(admin: User, applications: list[Application], created: Counter[str]) -> None:
    try:
        first = actions.propose(admin, applications[0], count=3)
        actions.book_panel(admin, applications[0], first[0].start, meeting_url=DEMO_MEETING)
        created["interviews booked"] += len(first[0].rounds)
        if len(applications) > 1:
            slots = actions.propose(admin, applications[1], count=3)
            actions.offer_slots(admin, applications[1], [s.start for s in slots], meeting_url=DEMO_MEETING)
            created["interview slot links"] += 1
    except NoSlotError:
        created["interview plans without a free slot"] += 1
