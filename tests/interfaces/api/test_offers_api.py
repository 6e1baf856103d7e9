"""Offers API: create (with the below-range warning), approve in order, new versions, send; onboarding and surveys."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from handoff.domain.offers import actions
from handoff.domain.offers.models import Onboarding, TaskSide
from tests.interfaces.api.conftest import ApiClient, field_errors
from tests.offers import sent_offer, terms
from tests.personas import World

pytestmark = pytest.mark.django_db
type ApiAs = Callable[[str], ApiClient]


def _body(world: World, **overrides: object) -> dict[str, object]:
    data = {key: str(value) for key, value in terms().items()}
    return {"application_id": world.recruiting.application_a.pk, **data, **overrides}


def test_create_approve_version_and_send(world: World, api_as: ApiAs) -> None:
    created = api_as("recruiter_a").post("/offers", _body(world, base_salary="85000"))
    assert created.status_code == 201, created.content
    offer = created.json()
    assert offer["status"] == "pending_approval"
    assert offer["next_step"]["role"] == "hiring_manager"
    assert "below the requisition's range" in offer["warning"]
    path = f"/offers/{offer['id']}"
    assert api_as("hr_admin_a").post(f"{path}/approve", {}).status_code == 403
    assert (
        api_as("hiring_manager_a").post(f"{path}/approve", {"comment": "ok"}).json()["next_step"]["role"] == "hr_admin"
    )
    patched = api_as("recruiter_a").patch(path, {"base_salary": "95000"})
    assert patched.status_code == 200
    assert patched.json()["version"]["number"] == 2
    assert patched.json()["warning"] == ""
    assert patched.json()["next_step"]["role"] == "hiring_manager"
    for persona in ("hiring_manager_a", "hr_admin_a", "account_manager_a"):
        assert api_as(persona).post(f"{path}/approve", {}).status_code == 200
    assert api_as("hr_admin_a").get(path).json()["status"] == "approved"
    sent = api_as("recruiter_a").post(f"{path}/send", {})
    assert sent.status_code == 200
    assert sent.json()["status"] == "extended"
    versions = api_as("hr_admin_a").get(f"{path}/versions").json()["items"]
    assert [v["number"] for v in versions] == [1, 2]
    approvals = api_as("hr_admin_a").get(f"{path}/approvals").json()["items"]
    assert [(a["version"], a["step"]) for a in approvals] == [(1, 0), (2, 0), (2, 1), (2, 2)]
    assert api_as("hr_admin_b").get(path).status_code == 404


def test_bad_input_is_a_field_error(world: World, api_as: ApiAs) -> None:
    response = api_as("recruiter_a").post("/offers", _body(world, currency="ZZZ"))
    assert response.status_code == 422
    assert "currency" in field_errors(response)
    response = api_as("recruiter_a").post("/offers", _body(world, base_salary="-1"))
    assert response.status_code == 422
    response = api_as("recruiter_a").post("/offers", {**_body(world), "client_id": 1})
    assert response.status_code == 422
    assert api_as("recruiter_a").get("/offers").json()["count"] == 0


def test_reject_needs_a_comment(world: World, api_as: ApiAs) -> None:
    offer = api_as("recruiter_a").post("/offers", _body(world)).json()
    response = api_as("hiring_manager_a").post(f"/offers/{offer['id']}/reject", {"comment": ""})
    assert response.status_code == 422
    assert "comment" in field_errors(response)


def test_onboarding_tasks_and_surveys(world: World, api_as: ApiAs) -> None:
    _, token = sent_offer(world)
    offer = actions.respond(token, accept=True, ip=None)
    row = Onboarding.objects.get(offer=offer)
    listing = api_as("hr_admin_a").get("/onboarding").json()
    assert listing["items"][0]["tasks_total"] == 6
    tasks = api_as("hr_admin_a").get(f"/onboarding/{row.pk}/tasks").json()["items"]
    client_task = next(t for t in tasks if t["side"] == TaskSide.CLIENT)
    done = api_as("hr_admin_a").post(f"/onboarding/tasks/{client_task['id']}/complete", {})
    assert done.status_code == 200
    assert done.json()["completed_at"] is not None
    provider_task = next(t for t in tasks if t["side"] == TaskSide.PROVIDER)
    assert api_as("hr_admin_a").post(f"/onboarding/tasks/{provider_task['id']}/complete", {}).status_code == 403
    assert api_as("hr_admin_b").get(f"/onboarding/{row.pk}/tasks").status_code == 404
    surveys = api_as("hiring_manager_a").get("/hire-surveys").json()["items"]
    assert sorted(s["milestone_days"] for s in surveys) == [30, 90, 180]
    survey_90 = next(s for s in surveys if s["milestone_days"] == 90)
    bad = api_as("hiring_manager_a").post(f"/hire-surveys/{survey_90['id']}", {"performance_rating": 7})
    assert bad.status_code == 422
    answer = {"performance_rating": 5, "satisfaction": 4, "still_employed": False}
    assert api_as("hiring_manager_a").post(f"/hire-surveys/{survey_90['id']}", answer).status_code == 200
    quality = api_as("hr_admin_a").get("/hire-surveys/quality").json()
    assert quality["retention_90"] == 0.0
    assert quality["performance"] == 100.0
    assert api_as("hr_admin_b").get("/hire-surveys/quality").json()["answered"] == 0
