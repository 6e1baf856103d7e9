"""Interview rows for the probes: per client A and B a plan, a booked panel, a submitted scorecard and a slot
offer (B's carry its marker); and a slot offer of a third client, Delta, whose public slot page is the one
probed (a signed link is a key: there is no "foreign" link to try, only a page that must show no A or B data).
"""

from __future__ import annotations

import datetime as dt

from handoff.domain.interviews import actions
from handoff.domain.interviews.actions import RoundInput
from handoff.domain.interviews.links import make_token
from handoff.domain.interviews.models import Interview, SlotOffer
from handoff.domain.recruiting import actions as recruiting_actions
from handoff.domain.recruiting.models import Application
from handoff.domain.tenancy.roles import ClientRole
from tests import factories
from tests.personas import MARKER_A, MARKER_B, World
from tests.recruiting import candidate_data, open_requisition

SLOT_A = dt.datetime(2030, 1, 7, 15, 0, tzinfo=dt.UTC)  # a Monday: 10:00 in New York
DELTA = "Delta Interviews Co"
WEEKDAYS = [{"weekday": day, "start": "08:00", "end": "18:00"} for day in range(5)]


def _loop(
    base: World, application: Application, interviewer_names: tuple[str, str], start: dt.datetime, marker: str
) -> None:
    first, second = (base.users[name] for name in interviewer_names)
    for person in (first, second):
        actions.save_availability(person, "America/New_York", WEEKDAYS)
    scheduler = base.users["provider_admin"]
    rounds = [
        RoundInput(
            "technical", f"Technical {marker}", 60, ((first.pk, True), (second.pk, True)), (("skill", "Python"),)
        ),
    ]
    actions.save_plan(scheduler, application.requisition, rounds)
    (interview,) = actions.book_panel(
        scheduler,
        application,
        start,
        candidate_time_zone="America/New_York",
        meeting_url=f"https://meet.example.test/{marker}-ROOM",
        now=start - dt.timedelta(days=3),
    )
    actions.save_scorecard(
        first,
        interview,
        ratings=[{"competency_key": "skill:Python", "score": 4, "evidence": f"Evidence {marker}-CARD"}],
        recommendation=4,
        notes=f"Strong hire {marker}-NOTES",
        submit=True,
    )
    actions.offer_slots(
        scheduler,
        application,
        [start + dt.timedelta(days=7)],
        candidate_time_zone="America/New_York",
        meeting_url=f"https://meet.example.test/{marker}-OFFER",
        now=start - dt.timedelta(days=3),
    )


def build_interviews(base: World) -> None:
    recruiting = base.recruiting
    _loop(base, recruiting.application_a, ("hiring_manager_a", "recruiter_a"), SLOT_A, MARKER_A)
    _loop(base, recruiting.application_b, ("hiring_manager_b", "hr_admin_b"), SLOT_A + dt.timedelta(days=1), MARKER_B)
    _delta(base)


def _delta(base: World) -> None:
    admin = base.users["provider_admin"]
    delta = factories.ClientFactory(name=DELTA, country="US", time_zone="America/Chicago")
    engagement = factories.RpoEngagementFactory(client=delta, name="Delta programme")
    hr_admin = factories.ClientUserFactory(email="hr@delta.test", role=ClientRole.HR_ADMIN, client=delta)
    requisition = open_requisition(admin, hr_admin, engagement, title="Delta analyst", location="Chicago")
    candidate = recruiting_actions.create_candidate(
        admin,
        candidate_data(full_name="Dee Delta", email="dee@mail.test", phone="", profile_url="", origin_client=delta),
    )
    application = recruiting_actions.add_application(admin, requisition, candidate)
    actions.save_availability(hr_admin, "America/Chicago", WEEKDAYS)
    rounds = [RoundInput("phone_screen", "Phone screen", 30, ((hr_admin.pk, True),), (("potential", ""),))]
    actions.save_plan(admin, requisition, rounds)
    start = SLOT_A + dt.timedelta(days=2)
    actions.offer_slots(admin, application, [start, start + dt.timedelta(days=1)], now=start - dt.timedelta(days=3))


def delta_token() -> str:
    """A genuine link to Delta's open slot offer (signed now, so it has not expired)."""
    offer = SlotOffer.objects.filter(client__name=DELTA).order_by("pk").first()
    return make_token(offer.pk, offer.nonce) if offer is not None else "no-offer"


def interview_ids(world_client_a: int, world_client_b: int) -> tuple[str, str]:
    own = Interview.objects.filter(client_id=world_client_a).order_by("pk").values_list("pk", flat=True).first()
    foreign = Interview.objects.filter(client_id=world_client_b).order_by("pk").values_list("pk", flat=True).first()
    return str(own or 987654321), str(foreign or 987654321)
