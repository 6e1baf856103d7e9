"""Scorecard test data: a booked Technical round of client A's application with two interviewers.

The hiring manager (New York hours) and the recruiter (Lisbon hours) both sit on the Technical round, which
rates Python and potential; the recruiter books it at ``SLOT`` (14:00 to 15:00 UTC on a Monday of 2030).
"""

from __future__ import annotations

import datetime as dt

from handoff.domain.interviews import actions
from handoff.domain.interviews.actions import RoundInput
from handoff.domain.interviews.models import Interview
from tests.interviews import NOW, SLOT, WEEKDAYS_9_TO_5
from tests.personas import World


def panel_of_two(world: World) -> Interview:
    manager, recruiter = world.users["hiring_manager_a"], world.users["recruiter_a"]
    actions.save_availability(manager, "America/New_York", WEEKDAYS_9_TO_5)
    actions.save_availability(recruiter, "Europe/Lisbon", WEEKDAYS_9_TO_5)
    people = ((manager.pk, True), (recruiter.pk, True))
    rounds = [RoundInput("technical", "Technical", 60, people, (("skill", "Python"), ("potential", "")))]
    actions.save_plan(recruiter, world.recruiting.requisition_a, rounds)
    (technical,) = actions.book_panel(recruiter, world.recruiting.application_a, SLOT, now=NOW)
    return technical


def second_candidate_interview(world: World) -> Interview:
    """A second candidate of the same requisition, booked in the same Technical round a day later."""
    from handoff.domain.recruiting import actions as recruiting
    from tests.recruiting import candidate_data

    admin, recruiter = world.users["provider_admin"], world.users["recruiter_a"]
    data = candidate_data(full_name="Bo Chen", email="bo.chen@mail.test", phone="+1 415 555 0199", profile_url="")
    candidate = recruiting.create_candidate(admin, {**data, "origin_client": world.client_a})
    application = recruiting.add_application(admin, world.recruiting.requisition_a, candidate)
    (technical,) = actions.book_panel(recruiter, application, SLOT + dt.timedelta(days=1), now=NOW)
    return technical
