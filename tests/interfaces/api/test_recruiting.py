"""The recruiting API: requisitions, candidates, applications and stage moves; errors in the one format."""

from __future__ import annotations

from collections.abc import Callable

from handoff.domain.recruiting.models import Application, Candidate, Requisition, StageTransition
from tests.interfaces.api.conftest import ApiClient, field_errors
from tests.personas import MARKER_A, MARKER_B, World
from tests.recruiting import INTERNAL_NOTE, SALARY_EXPECTATION

type ApiAs = Callable[[str], ApiClient]


def requisition_body(world: World, **overrides: object) -> dict[str, object]:
    body: dict[str, object] = {
        "engagement_id": world.rpo_a.pk,
        "title": "Support engineer",
        "location": "Austin",
        "headcount": 3,
        "required_skills": ["Linux", {"name": "Bash", "skill_id": None}],
        "languages": ["English"],
        "salary_min": "50000.00",
        "salary_max": "65000.00",
    }
    body.update(overrides)
    return body


def test_list_requisitions_is_scoped_and_paginated(world: World, api_as: ApiAs) -> None:
    body = api_as("hr_admin_a").get("/requisitions").json()
    assert body["count"] == 1
    assert body["items"][0]["title"] == f"Welder {MARKER_A}"
    assert set(body) == {"items", "count", "page", "pages"}
    assert api_as("provider_admin").get("/requisitions").json()["count"] == 2
    assert api_as("outsider").get("/requisitions").json()["count"] == 0
    assert api_as("hr_admin_a").get("/requisitions", {"client_id": world.client_b.pk}).status_code == 404
    assert api_as("hr_admin_a").get("/requisitions", {"status": "draft"}).json()["count"] == 0


def test_create_a_requisition_and_walk_it_through_approval(world: World, api_as: ApiAs) -> None:
    recruiter = api_as("recruiter_a")
    created = recruiter.post("/requisitions", requisition_body(world))
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["client_id"] == world.client_a.pk
    assert data["status"] == "draft"
    assert data["required_skills"] == [{"name": "Linux", "skill_id": None}, {"name": "Bash", "skill_id": None}]
    url = f"/requisitions/{data['id']}"
    assert recruiter.post(f"{url}/status", {"status": "pending_approval"}).status_code == 200
    denied = recruiter.post(f"{url}/status", {"status": "open"})
    assert denied.status_code == 403
    field_errors(denied)
    opened = api_as("hr_admin_a").post(f"{url}/status", {"status": "open", "note": "Go"})
    assert opened.json()["status"] == "open"
    events = recruiter.get(f"{url}/events").json()["items"]
    assert [(e["from_status"], e["to_status"]) for e in events][-1] == ("pending_approval", "open")
    assert events[-1]["actor_id"] == world.users["hr_admin_a"].pk
    stages = recruiter.get(f"{url}/stages").json()
    assert next(stage["key"] for stage in stages) == "sourced"


def test_requisition_errors_are_422_with_field_messages(world: World, api_as: ApiAs) -> None:
    hr = api_as("hr_admin_a")
    bad = hr.post("/requisitions", requisition_body(world, headcount=0, priority="whenever"))
    assert bad.status_code == 422
    assert {"headcount", "priority"} <= set(field_errors(bad))
    crossed = hr.post("/requisitions", requisition_body(world, salary_min="10", salary_max="5"))
    assert crossed.status_code == 422
    assert "salary_max" in field_errors(crossed)
    manager = hr.post("/requisitions", requisition_body(world, hiring_manager_id=world.users["hiring_manager_b"].pk))
    assert manager.status_code == 422
    assert "hiring_manager_id" in field_errors(manager)
    smuggled = hr.post("/requisitions", requisition_body(world, client_id=world.client_b.pk))
    assert smuggled.status_code == 422
    assert "client_id" in field_errors(smuggled)
    impossible = hr.post(f"/requisitions/{world.recruiting.requisition_a.pk}/status", {"status": "draft"})
    assert impossible.status_code == 422
    assert "status" in field_errors(impossible)


def test_a_foreign_engagement_or_requisition_is_a_404(world: World, api_as: ApiAs) -> None:
    hr = api_as("hr_admin_a")
    assert hr.post("/requisitions", requisition_body(world, engagement_id=world.rpo_b.pk)).status_code == 404
    foreign = world.recruiting.requisition_b.pk
    assert hr.get(f"/requisitions/{foreign}").status_code == 404
    assert hr.patch(f"/requisitions/{foreign}", {"title": "x"}).status_code == 404
    assert hr.post(f"/requisitions/{foreign}/status", {"status": "on_hold"}).status_code == 404
    assert Requisition.objects.get(pk=foreign).title == f"Welder {MARKER_B}"


def test_patch_a_requisition(world: World, api_as: ApiAs) -> None:
    url = f"/requisitions/{world.recruiting.requisition_a.pk}"
    response = api_as("hr_admin_a").patch(url, {"priority": "urgent", "preferred_skills": ["Docker"]})
    assert response.status_code == 200
    assert response.json()["priority"] == "urgent"
    assert response.json()["preferred_skills"] == [{"name": "Docker", "skill_id": None}]
    assert api_as("hr_admin_a").patch(url, {"status": "filled"}).status_code == 422  # status moves by /status


def test_candidates_are_for_provider_recruiting_staff(world: World, api_as: ApiAs) -> None:
    candidate = world.recruiting.candidate
    staff = api_as("recruiter_a").get(f"/candidates/{candidate.pk}").json()
    assert staff["salary_expectation"] == str(SALARY_EXPECTATION)
    assert staff["share_across_clients"] is True
    for persona in ("hr_admin_a", "hiring_manager_a"):
        client = api_as(persona)
        assert client.get("/candidates").json()["count"] == 0
        assert client.get(f"/candidates/{candidate.pk}").status_code == 404
        assert client.post("/candidates", {"full_name": "X", "email": "x@mail.test"}).status_code == 403


def test_create_a_candidate_and_catch_the_duplicate(world: World, api_as: ApiAs) -> None:
    recruiter = api_as("recruiter_a")
    created = recruiter.post(
        "/candidates",
        {"full_name": "Dev Patel", "phone": "020 7946 0958", "country": "GB", "skills": ["Go"], "city": "London"},
    )
    assert created.status_code == 201, created.content
    assert created.json()["skills"] == [{"name": "Go", "skill_id": None}]
    again = recruiter.post("/candidates", {"full_name": "Devesh Patel", "phone": "+44 20 7946 0958"})
    assert again.status_code == 409
    assert f"#{created.json()['id']}" in field_errors(again)["phone"]
    invalid = recruiter.post("/candidates", {"full_name": "Nobody"})
    assert invalid.status_code == 422
    assert "email" in field_errors(invalid)
    suggested = recruiter.post("/candidates", {"full_name": "Dev Patel", "email": "dev@other.test", "country": "GB",
                                               "city": "London"})  # fmt: skip
    assert suggested.status_code == 201
    duplicates = recruiter.get(f"/candidates/{suggested.json()['id']}/duplicates").json()
    assert [row["id"] for row in duplicates] == [created.json()["id"]]
    merged = recruiter.post(f"/candidates/{created.json()['id']}/merge", {"duplicate_id": suggested.json()["id"]})
    assert merged.status_code == 200
    assert Candidate.objects.get(pk=suggested.json()["id"]).merged_into_id == created.json()["id"]


def test_applications_show_the_candidate_without_salary_to_hiring_managers(world: World, api_as: ApiAs) -> None:
    application = world.recruiting.application_a
    manager = api_as("hiring_manager_a").get(f"/applications/{application.pk}").json()
    assert manager["candidate"]["full_name"] == "Ana Lima"
    assert manager["candidate"]["salary_expectation"] is None
    assert "consent_policy_version" not in manager["candidate"]
    assert manager["stage"]["key"] == "sourced"
    hr = api_as("hr_admin_a").get(f"/applications/{application.pk}").json()
    assert hr["candidate"]["salary_expectation"] == str(SALARY_EXPECTATION)
    assert api_as("hr_admin_a").get(f"/applications/{world.recruiting.application_b.pk}").status_code == 404
    listed = api_as("hr_admin_a").get("/applications").json()
    assert [row["id"] for row in listed["items"]] == [application.pk]


def test_application_notes_never_cross_clients(world: World, api_as: ApiAs) -> None:
    notes = api_as("recruiter_a").get(f"/applications/{world.recruiting.application_a.pk}/notes").json()["items"]
    assert [note["body"] for note in notes] == [f"Interview feedback {MARKER_A}-NOTE"]
    assert api_as("recruiter_a").get(f"/applications/{world.recruiting.application_b.pk}/notes").status_code == 404
    posted = api_as("hiring_manager_a").post(f"/applications/{world.recruiting.application_a.pk}/notes", {"body": "Ok"})
    assert posted.status_code == 201
    shown = api_as("hr_admin_a").get(f"/applications/{world.recruiting.application_a.pk}").content.decode()
    assert INTERNAL_NOTE not in shown


def test_add_and_move_applications(world: World, api_as: ApiAs) -> None:
    recruiter = api_as("recruiter_a")
    other = recruiter.post("/candidates", {"full_name": "Eve Park", "email": "eve@mail.test"}).json()
    added = recruiter.post(
        "/applications", {"requisition_id": world.recruiting.requisition_a.pk, "candidate_id": other["id"]}
    )
    assert added.status_code == 201, added.content
    duplicate = recruiter.post(
        "/applications", {"requisition_id": world.recruiting.requisition_a.pk, "candidate_id": other["id"]}
    )
    assert duplicate.status_code == 409
    assert "already has an application" in field_errors(duplicate)["candidate_id"]
    url = f"/applications/{added.json()['id']}"
    moved = recruiter.post(f"{url}/move", {"stage": "screened"})
    assert moved.status_code == 200
    assert moved.json()["stage"]["key"] == "screened"
    no_reason = recruiter.post(f"{url}/move", {"stage": "rejected"})
    assert no_reason.status_code == 422
    assert "reason" in field_errors(no_reason)
    unknown = recruiter.post(f"{url}/move", {"stage": "nowhere"})
    assert unknown.status_code == 422
    assert "stage" in field_errors(unknown)
    rejected = recruiter.post(f"{url}/move", {"stage": "rejected", "reason": "Withdrew salary"})
    assert rejected.json()["rejection_reason"] == "Withdrew salary"
    moves = recruiter.get(f"{url}/transitions").json()["items"]
    assert len(moves) == 3
    assert moves[-1]["reason"] == "Withdrew salary"
    assert StageTransition.objects.filter(application_id=added.json()["id"]).count() == 3


def test_a_foreign_application_cannot_be_moved_or_added_to(world: World, api_as: ApiAs) -> None:
    foreign = world.recruiting.application_b
    assert api_as("recruiter_a").post(f"/applications/{foreign.pk}/move", {"stage": "screened"}).status_code == 404
    body = {"requisition_id": world.recruiting.requisition_b.pk, "candidate_id": world.recruiting.candidate.pk}
    assert api_as("recruiter_a").post("/applications", body).status_code == 404
    assert Application.objects.get(pk=foreign.pk).stage.key == "sourced"
