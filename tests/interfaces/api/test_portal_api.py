"""The submittals and notifications API: create, list (waiting), decide with the error format, and nothing of
the other client."""

from __future__ import annotations

from collections.abc import Callable

from tests.interfaces.api.conftest import ApiClient, field_errors
from tests.personas import World
from tests.submittals import WRITE_UP, screened, submitted

type ApiAs = Callable[[str], ApiClient]


def test_a_recruiter_submits_and_the_hiring_manager_decides(world: World, api_as: ApiAs) -> None:
    application = screened(world)
    created = api_as("recruiter_a").post("/submittals", {"application_id": application.pk, "write_up": WRITE_UP})
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "pending"
    assert body["feedback_clock"]["running"] is True
    assert body["feedback_clock"]["target_hours"] == 48
    waiting = api_as("hiring_manager_a").get("/submittals", {"waiting": "true"}).json()
    assert [row["id"] for row in waiting["items"]] == [body["id"]]
    decided = api_as("hiring_manager_a").post(
        f"/submittals/{body['id']}/decision", {"decision": "interview", "feedback": "Yes"}
    )
    assert decided.status_code == 200, decided.content
    assert decided.json()["status"] == "interview"
    assert decided.json()["feedback_clock"]["running"] is False
    decisions = api_as("recruiter_a").get(f"/submittals/{body['id']}/decisions").json()["items"]
    assert [(row["decision"], row["feedback"]) for row in decisions] == [("interview", "Yes")]


def test_bad_input_is_a_4xx_with_field_messages(world: World, api_as: ApiAs) -> None:
    submittal = submitted(world)
    reject = api_as("hr_admin_a").post(f"/submittals/{submittal.pk}/decision", {"decision": "rejected"})
    assert reject.status_code == 422
    assert "reason" in field_errors(reject)
    unknown = api_as("hr_admin_a").post(f"/submittals/{submittal.pk}/decision", {"decision": "maybe"})
    assert unknown.status_code == 422
    not_screened = api_as("recruiter_a").post(
        "/submittals", {"application_id": world.recruiting.application_b.pk, "write_up": "x"}
    )
    assert not_screened.status_code == 404  # client B's application: not one the recruiter of A sees
    denied = api_as("recruiter_a").post(f"/submittals/{submittal.pk}/decision", {"decision": "interview"})
    assert denied.status_code == 403


def test_the_other_clients_submittals_are_404_and_never_listed(world: World, api_as: ApiAs) -> None:
    submittal = submitted(world)
    assert api_as("hr_admin_b").get(f"/submittals/{submittal.pk}").status_code == 404
    assert api_as("hr_admin_b").get("/submittals").json()["items"] == []
    assert (
        api_as("hr_admin_b").post(f"/submittals/{submittal.pk}/decision", {"decision": "interview"}).status_code == 404
    )


def test_notifications_list_and_mark_read(world: World, api_as: ApiAs) -> None:
    submitted(world)
    manager = api_as("hiring_manager_a")
    [row] = manager.get("/notifications", {"unread": "true"}).json()["items"]
    assert row["kind"] == "submittal_created"
    assert api_as("hr_admin_a").post(f"/notifications/{row['id']}/read", {}).status_code == 404
    read = manager.post(f"/notifications/{row['id']}/read", {})
    assert read.status_code == 200
    assert read.json()["read_at"] is not None
    assert manager.get("/notifications", {"unread": "true"}).json()["items"] == []
    assert manager.post("/notifications/read-all", {}).json() == {"marked": 0}
