"""Interview test data: availability for two interviewers of client A and a two-round plan on its requisition.

The hiring manager keeps New York hours and the recruiter Lisbon hours (9 to 5 on weekdays, each in their own
zone), so in January a Technical round (hiring manager, 60 min) followed by a Culture round (recruiter,
45 min) fits a New York candidate from 14:00 to 15:15 UTC.
"""

from __future__ import annotations

import datetime as dt

from handoff.domain.interviews import actions
from handoff.domain.interviews.actions import RoundInput
from handoff.domain.interviews.models import InterviewPlan
from handoff.domain.recruiting.models import Requisition
from tests.personas import World

NOW = dt.datetime(2030, 1, 7, 6, 0, tzinfo=dt.UTC)  # a Monday morning, UTC
SLOT = dt.datetime(2030, 1, 7, 14, 0, tzinfo=dt.UTC)  # 09:00 in New York, 14:00 in Lisbon
WEEKDAYS_9_TO_5 = [{"weekday": day, "start": "09:00", "end": "17:00"} for day in range(5)]


def interview_plan(world: World, requisition: Requisition | None = None) -> InterviewPlan:
    manager, recruiter = world.users["hiring_manager_a"], world.users["recruiter_a"]
    actions.save_availability(manager, "America/New_York", WEEKDAYS_9_TO_5)
    actions.save_availability(recruiter, "Europe/Lisbon", WEEKDAYS_9_TO_5)
    rounds = [
        RoundInput("technical", "Technical", 60, ((manager.pk, True),), (("skill", "Python"), ("potential", ""))),
        RoundInput("culture", "Culture", 45, ((recruiter.pk, True),), (("culture_fit", ""), ("custom", "Ownership"))),
    ]
    return actions.save_plan(recruiter, requisition or world.recruiting.requisition_a, rounds)
