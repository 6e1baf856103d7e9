"""The assurance API: maker-checker (maker ≠ checker, audit), QA plan, sample, scorecards, calibration, CSAT."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from handoff.domain.assurance.actions.csat import answer_survey
from handoff.domain.assurance.models import AuditEntry, CsatSurvey
from handoff.domain.engagements.models import ProcessType
from handoff.domain.operations.actions.items import change_status
from handoff.domain.operations.models import ItemStatus
from tests.domain.assurance_desk import MONDAY_9_MANILA, AssuranceDesk, build_assurance_desk, worked_item
from tests.interfaces.api.conftest import ApiClient, field_errors

pytestmark = pytest.mark.django_db

CRITERIA = [
    {"key": "accuracy", "label": "Accuracy", "weight": 50, "max_points": 5},
    {"key": "process", "label": "Process", "weight": 30, "max_points": 5},
    {"key": "tone", "label": "Tone", "weight": 20, "max_points": 10},
]


@pytest.fixture
def ad() -> AssuranceDesk:
    return build_assurance_desk()


def put(api: ApiClient, path: str, body: Any) -> Any:
    return api.raw("PUT", path, json.dumps(body))


def submit(ad: AssuranceDesk, api: ApiClient) -> dict[str, Any]:
    item = worked_item(ad.desk)
    response = api.post(
        "/assurance/changes", {"item_id": item.pk, "custom_fields": {**item.custom_fields, "amount": 42.5}}
    )
    assert response.status_code == 201, response.content
    return dict(response.json())


def test_maker_submits_and_a_checker_approves(ad: AssuranceDesk) -> None:
    body = submit(ad, ApiClient(ad.desk.agent))
    assert body["before"]["amount"] == 100.0
    assert body["after"]["amount"] == 42.5
    assert body["state"] == "pending"
    lead = ApiClient(ad.desk.lead)
    assert [row["id"] for row in lead.get("/assurance/changes", {"state": "pending"}).json()["items"]] == [body["id"]]
    approved = lead.post(f"/assurance/changes/{body['id']}/approve", {})
    assert approved.status_code == 200
    assert approved.json()["checker_id"] == ad.desk.lead.pk
    audit = lead.get(f"/assurance/changes/{body['id']}/audit").json()["items"]
    assert [(row["action"], row["actor_id"]) for row in audit] == [
        ("submitted", ad.desk.agent.pk),
        ("approved", ad.desk.lead.pk),
    ]


@pytest.mark.parametrize("who", ["admin", "superuser", "lead"])
def test_the_maker_cannot_check_their_own_change_through_the_api(ad: AssuranceDesk, who: str) -> None:
    maker = {"admin": ad.admin, "superuser": ad.superuser, "lead": ad.desk.lead}[who]
    api = ApiClient(maker)
    body = submit(ad, api)
    response = api.post(f"/assurance/changes/{body['id']}/approve", {})
    assert response.status_code == 403
    assert "no one checks their own" in response.json()["detail"]
    assert api.post(f"/assurance/changes/{body['id']}/reject", {"reason": "mine"}).status_code == 403
    assert api.get(f"/assurance/changes/{body['id']}").json()["state"] == "pending"
    assert AuditEntry.objects.filter(change_id=body["id"]).count() == 1


def test_bad_input_is_a_4xx_with_field_messages(ad: AssuranceDesk) -> None:
    agent = ApiClient(ad.desk.agent)
    item = worked_item(ad.desk)
    response = agent.post("/assurance/changes", {"item_id": item.pk, "custom_fields": {"amount": "many", "x": 1}})
    assert response.status_code == 422
    assert {"custom_fields.amount", "custom_fields.x"} <= set(field_errors(response))
    assert (
        agent.post("/assurance/changes", {"item_id": item.pk, "custom_fields": {}, "client_id": 3}).status_code == 422
    )
    assert agent.post("/assurance/changes", {"item_id": 987654321, "custom_fields": {}}).status_code == 404
    body = submit(ad, agent)
    lead = ApiClient(ad.desk.lead)
    assert lead.post(f"/assurance/changes/{body['id']}/reject", {"reason": ""}).status_code == 422
    assert lead.raw("POST", f"/assurance/changes/{body['id']}/reject", "{not json").status_code == 400


def test_resolving_through_the_api_waits_for_approval(ad: AssuranceDesk) -> None:
    agent = ApiClient(ad.desk.agent)
    item = worked_item(ad.desk)
    response = agent.post(f"/work-items/{item.pk}/status", {"status": "resolved"})
    assert response.status_code == 422
    assert "approval" in field_errors(response)["status"]


def test_qa_plan_sample_scorecards_and_calibration() -> None:
    ad = build_assurance_desk("Care", ProcessType.CUSTOMER_SERVICE)
    item = worked_item(ad.desk)
    change_status(ad.desk.agent, item, ItemStatus.RESOLVED, now=MONDAY_9_MANILA + dt.timedelta(hours=1))
    qa, lead = ApiClient(ad.qa), ApiClient(ad.desk.lead)
    path = f"/assurance/services/{ad.desk.service.pk}"
    plan_body = {"share_percent": 10, "criteria": CRITERIA}
    assert put(ApiClient(ad.desk.agent), f"{path}/qa-plan", plan_body).status_code == 404  # agents see no QA
    assert put(ApiClient(ad.desk.owner), f"{path}/qa-plan", plan_body).status_code == 403  # owners only read it
    bad = put(qa, f"{path}/qa-plan", {"share_percent": 0, "criteria": [{"key": "a", "weight": 0}]})
    assert bad.status_code == 422
    assert {"share_percent", "criteria.0.weight"} <= set(field_errors(bad))
    plan = put(qa, f"{path}/qa-plan", {"share_percent": 100, "criteria": CRITERIA})
    assert plan.status_code == 200
    assert [c["weight"] for c in plan.json()["criteria"]] == [50, 30, 20]
    drawn = qa.post(f"{path}/qa-samples/draw", {"week": "2026-03-04"})
    assert drawn.status_code == 200, drawn.content
    [sample] = drawn.json()
    assert (sample["item_id"], sample["week"]) == (item.pk, "2026-03-02")
    reviews = f"/assurance/qa-samples/{sample['id']}/reviews"
    first = qa.post(reviews, {"points": {"accuracy": 5, "process": 3, "tone": 6}})
    assert first.status_code == 201
    assert first.json()["score"] == "80.00"
    assert qa.get(f"/assurance/qa-samples/{sample['id']}/calibration").status_code == 409
    assert lead.post(reviews, {"points": {"accuracy": 9, "process": 3, "tone": 6}}).status_code == 422
    assert lead.post(reviews, {"points": {"accuracy": 4, "process": 3, "tone": 8}}).status_code == 201
    calibration = ApiClient(ad.desk.owner).get(f"/assurance/qa-samples/{sample['id']}/calibration").json()
    assert (calibration["first_score"], calibration["second_score"], calibration["agreement"]) == (80.0, 74.0, 86.0)
    assert [g["difference"] for g in calibration["criteria"]] == [-1, 0, 2]


def test_csat_per_service_and_agent_for_the_process_owner_of_the_client_only() -> None:
    ad = build_assurance_desk("Care", ProcessType.CUSTOMER_SERVICE)
    for score in (5, 3):
        item = worked_item(ad.desk)
        change_status(ad.desk.agent, item, ItemStatus.RESOLVED)
        answer_survey(CsatSurvey.objects.get(item=item), score)
    owner = ApiClient(ad.desk.owner)
    [row] = owner.get("/assurance/csat").json()
    assert (row["id"], row["responses"], row["percent"]) == (ad.desk.service.pk, 2, 50.0)
    assert owner.get("/assurance/csat", {"by": "agent"}).json()[0]["id"] == ad.desk.agent.pk
    assert ApiClient(ad.desk.agent).get("/assurance/csat").status_code == 403
    other = build_assurance_desk("Else", ProcessType.CUSTOMER_SERVICE)
    assert ApiClient(other.desk.owner).get("/assurance/csat").json() == []


def test_another_clients_change_and_sample_are_404(ad: AssuranceDesk) -> None:
    body = submit(ad, ApiClient(ad.desk.agent))
    other = build_assurance_desk("Else")
    stranger = ApiClient(other.desk.lead)
    assert stranger.get(f"/assurance/changes/{body['id']}").status_code == 404
    assert stranger.post(f"/assurance/changes/{body['id']}/approve", {}).status_code == 404
    assert stranger.get(f"/assurance/services/{ad.desk.service.pk}/qa-plan").status_code == 404
