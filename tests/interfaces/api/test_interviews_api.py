"""The interviews API: plans, availability, proposals, bookings, slot offers, reschedule/cancel, scorecards."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest

from handoff.domain.interviews.models import Interview
from tests.interfaces.api.conftest import ApiClient, field_errors
from tests.interviews import SLOT, WEEKDAYS_9_TO_5, interview_plan
from tests.personas import World

type ApiAs = Callable[[str], ApiClient]


def _put(client: ApiClient, path: str, body: object) -> Any:
    return client.raw("PUT", path, json.dumps(body))


def _plan_body(world: World) -> dict[str, object]:
    return {
        "rounds": [
            {
                "kind": "technical",
                "title": "Technical",
                "duration_minutes": 60,
                "interviewers": [{"user_id": world.users["hiring_manager_a"].pk}],
                "competencies": [{"source": "skill", "label": "Python"}, {"source": "potential"}],
            }
        ]
    }


def test_put_and_get_plan(world: World, api_as: ApiAs) -> None:
    requisition = world.recruiting.requisition_a.pk
    answer = _put(api_as("recruiter_a"), f"/interviews/requisitions/{requisition}/plan", _plan_body(world))
    assert answer.status_code == 200, answer.content
    got = api_as("hr_admin_a").get(f"/interviews/requisitions/{requisition}/plan").json()
    assert [c["key"] for c in got["rounds"][0]["competencies"]] == ["skill:Python", "potential"]
    assert api_as("hr_admin_b").get(f"/interviews/requisitions/{requisition}/plan").status_code == 404
    denied = _put(api_as("process_owner_a"), f"/interviews/requisitions/{requisition}/plan", _plan_body(world))
    assert denied.status_code == 403


def test_plan_with_a_skill_the_requisition_lacks_is_422(world: World, api_as: ApiAs) -> None:
    body = _plan_body(world)
    body["rounds"][0]["competencies"] = [{"source": "skill", "label": "Cobol"}]  # type: ignore[index]
    answer = _put(api_as("recruiter_a"), f"/interviews/requisitions/{world.recruiting.requisition_a.pk}/plan", body)
    assert answer.status_code == 422
    assert "rounds[0].competencies" in field_errors(answer)


def test_availability_overlap_is_a_field_error(world: World, api_as: ApiAs) -> None:
    client = api_as("recruiter_a")
    body = {
        "time_zone": "Europe/Lisbon",
        "weekly": [{"weekday": 0, "start": "09:00", "end": "13:00"}, {"weekday": 0, "start": "12:00", "end": "17:00"}],
    }
    answer = _put(client, "/interviews/availability/me", body)
    assert answer.status_code == 422
    assert "overlap" in field_errors(answer)["weekly"]
    body["weekly"] = WEEKDAYS_9_TO_5
    assert _put(client, "/interviews/availability/me", body).status_code == 200
    assert client.get("/interviews/availability/me").json()["time_zone"] == "Europe/Lisbon"


@pytest.mark.django_db(transaction=False)
def test_propose_book_reschedule_cancel(world: World, api_as: ApiAs) -> None:
    interview_plan(world)
    client = api_as("recruiter_a")
    application = world.recruiting.application_a.pk
    proposals = client.post(
        f"/interviews/applications/{application}/proposals", {"candidate_time_zone": "America/New_York"}
    )
    assert proposals.status_code == 200, proposals.content
    assert proposals.json()["slots"]
    booked = client.post(f"/interviews/applications/{application}/bookings", {"start": SLOT.isoformat()})
    assert booked.status_code == 201, booked.content
    first = booked.json()[0]
    assert first["sequence"] == 0
    assert first["ics_uid"].startswith("interview-")
    again = client.post(f"/interviews/applications/{application}/bookings", {"start": SLOT.isoformat()})
    assert again.status_code == 422
    assert "start" in field_errors(again)
    moved = client.post(f"/interviews/{first['id']}/reschedule", {"start": (SLOT + dt.timedelta(days=7)).isoformat()})
    assert moved.status_code == 200
    assert moved.json()["sequence"] == 1
    assert moved.json()["ics_uid"] == first["ics_uid"]
    cancelled = client.post(f"/interviews/{first['id']}/cancel", {})
    assert cancelled.json()["status"] == "cancelled"
    assert cancelled.json()["sequence"] == 2
    past = client.post(f"/interviews/applications/{application}/bookings", {"start": "2020-01-06T14:00:00Z"})
    assert past.status_code == 422
    assert "already passed" in field_errors(past)["start"]
    naive = client.post(f"/interviews/applications/{application}/bookings", {"start": "2030-01-06T14:00:00"})
    assert naive.status_code == 422


def test_foreign_application_is_404_and_interviewers_see_their_own(world: World, api_as: ApiAs) -> None:
    interview_plan(world)
    client = api_as("recruiter_a")
    client.post(f"/interviews/applications/{world.recruiting.application_a.pk}/bookings", {"start": SLOT.isoformat()})
    foreign = client.post(f"/interviews/applications/{world.recruiting.application_b.pk}/proposals", {})
    assert foreign.status_code == 404
    assert api_as("hr_admin_b").get("/interviews").json()["count"] == 0
    assert api_as("process_owner_a").get("/interviews").json()["count"] == 0
    assert api_as("hiring_manager_a").get("/interviews").json()["count"] == 2


def test_slot_offer_returns_a_link(world: World, api_as: ApiAs) -> None:
    interview_plan(world)
    answer = api_as("hr_admin_a").post(
        f"/interviews/applications/{world.recruiting.application_a.pk}/slot-offers",
        {"starts": [SLOT.isoformat()], "candidate_time_zone": "America/New_York"},
    )
    assert answer.status_code == 201, answer.content
    assert "/interviews/pick/" in answer.json()["link"]


def test_scorecards_blind_then_summary(world: World, api_as: ApiAs) -> None:
    interview_plan(world)
    api_as("recruiter_a").post(
        f"/interviews/applications/{world.recruiting.application_a.pk}/bookings", {"start": SLOT.isoformat()}
    )
    technical = Interview.objects.filter(round__title="Technical").get()
    manager = api_as("hiring_manager_a")
    assert manager.get(f"/interviews/{technical.pk}/scorecard-summary").status_code == 403
    bad = _put(manager, f"/interviews/{technical.pk}/scorecards/me", {"ratings": [], "submit": True})
    assert bad.status_code == 422
    assert "recommendation" in field_errors(bad)
    card = {
        "ratings": [
            {"competency_key": "skill:Python", "score": 3},
            {"competency_key": "potential", "score": 4, "evidence": "Learns fast"},
        ],
        "recommendation": 3,
        "submit": True,
    }
    assert _put(manager, f"/interviews/{technical.pk}/scorecards/me", card).status_code == 200
    summary = manager.get(f"/interviews/{technical.pk}/scorecard-summary").json()
    assert summary["flagged"] is False
    assert summary["recommendations"] == {str(world.users["hiring_manager_a"].pk): 3}
    outsider = _put(api_as("hr_admin_a"), f"/interviews/{technical.pk}/scorecards/me", card)
    assert outsider.status_code == 403
