"""The automation API: rules (create, list, read, change), the dry run, runs, the rate, classifier, suggestions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from handoff.domain.automation.actions import classifier as classify
from handoff.domain.automation.models import Rule, RuleRun
from handoff.domain.operations.actions.items import create_item
from handoff.domain.operations.models import WorkItem
from tests.domain.operations_desk import VALID_VALUES, Desk, build_desk
from tests.factories_operations import QueueFactory
from tests.interfaces.api.conftest import ApiClient, field_errors

pytestmark = pytest.mark.django_db

RESOLVE_REFUNDS = {
    "conditions": {"all": [{"field": "title", "op": "contains", "value": "refund"}]},
    "actions": [{"type": "reply", "template": "Done: {title}"}, {"type": "resolve"}],
}


@pytest.fixture
def desk(settings: Any, tmp_path: Path) -> Desk:
    settings.VAR_DIR = tmp_path
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    return build_desk()


def raise_one(desk: Desk, title: str = "Refund A-1001", **data: Any) -> WorkItem:
    return create_item(desk.owner, desk.service.pk, {"title": title, "custom_fields": VALID_VALUES, **data})


def test_a_team_lead_creates_a_rule_that_then_resolves_new_items(desk: Desk) -> None:
    api = ApiClient(desk.lead)
    response = api.post("/automation/rules", {"client_id": desk.client.pk, "name": "Auto refunds", **RESOLVE_REFUNDS})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["client_id"] == desk.client.pk
    assert body["trigger"] == "create"
    item = raise_one(desk)
    item.refresh_from_db()
    assert item.status == "resolved"
    assert api.get(f"/automation/rules/{body['id']}").json()["name"] == "Auto refunds"
    assert [r["id"] for r in api.get("/automation/rules").json()["items"]] == [body["id"]]
    runs = api.get("/automation/runs", {"client_id": desk.client.pk}).json()["items"]
    assert runs[0]["item_id"] == item.pk
    assert runs[0]["resolved"]
    rate = api.get("/automation/rate", {"client_id": desk.client.pk}).json()
    assert rate == {"items": 1, "done": 1, "resolved_by_rule": 1, "automated": 1, "rate": 1.0}


def test_patch_changes_a_rule_and_bad_rules_get_field_errors(desk: Desk) -> None:
    api = ApiClient(desk.lead)
    rule_id = api.post("/automation/rules", {"client_id": desk.client.pk, "name": "R", **RESOLVE_REFUNDS}).json()["id"]
    response = api.patch(f"/automation/rules/{rule_id}", {"is_active": False, "order": 5})
    assert response.status_code == 200
    assert response.json()["is_active"] is False
    bad = api.patch(f"/automation/rules/{rule_id}", {"conditions": {"field": "title", "op": "like", "value": 1}})
    assert bad.status_code == 422
    assert "conditions" in field_errors(bad)
    bad = api.post("/automation/rules", {"client_id": desk.client.pk, "name": "R", "actions": [{"type": "nope"}]})
    assert bad.status_code == 422
    assert "actions" in field_errors(bad)
    bad = api.post(
        "/automation/rules",
        {"client_id": desk.client.pk, "name": "R", "trigger": "hourly", "actions": [{"type": "resolve"}]},
    )
    assert bad.status_code == 422
    assert "trigger" in field_errors(bad)
    assert Rule.objects.get(pk=rule_id).order == 5


def test_preview_writes_nothing(desk: Desk) -> None:
    item = raise_one(desk)
    raise_one(desk, title="Password")
    response = ApiClient(desk.lead).post("/automation/rules/preview", {"client_id": desk.client.pk, **RESOLVE_REFUNDS})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["scanned"], body["matched"]) == (2, 1)
    assert body["rows"][0]["item_id"] == item.pk
    assert [c["kind"] for c in body["rows"][0]["changes"]] == ["reply", "resolve"]
    item.refresh_from_db()
    assert item.status == "new"
    assert not RuleRun.objects.exists()


def test_other_clients_and_roles_are_turned_away(desk: Desk) -> None:
    other = build_desk("Other")
    theirs = ApiClient(other.lead).post(
        "/automation/rules", {"client_id": other.client.pk, "name": "T", **RESOLVE_REFUNDS}
    )
    api = ApiClient(desk.lead)
    assert api.get(f"/automation/rules/{theirs.json()['id']}").status_code == 404
    assert api.patch(f"/automation/rules/{theirs.json()['id']}", {"name": "mine"}).status_code == 404
    assert (
        api.post("/automation/rules", {"client_id": other.client.pk, "name": "x", **RESOLVE_REFUNDS}).status_code == 404
    )
    assert api.post("/automation/rules/preview", {"client_id": other.client.pk, **RESOLVE_REFUNDS}).status_code == 404
    item = raise_one(other)
    assert api.get(f"/automation/items/{item.pk}/suggestions").status_code == 404
    assert ApiClient(desk.owner).get("/automation/rules").status_code == 403
    assert ApiClient(desk.agent).post("/automation/classifiers/train", {"client_id": desk.client.pk}).status_code == 403


def test_training_is_queued_and_suggestions_are_listed(desk: Desk, django_capture_on_commit_callbacks: Any) -> None:
    billing = QueueFactory(service=desk.service, name="Billing")
    for index in range(30):
        raise_one(desk, title=f"Refund {index}")
        raise_one(desk, title=f"Invoice copy {index}", queue_id=billing.pk)
    api = ApiClient(desk.lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            "/automation/classifiers/train", {"client_id": desk.client.pk, "target": "queue", "threshold": 0.5}
        )
    assert response.status_code == 202, response.content
    models = api.get("/automation/classifiers").json()["items"]
    assert [(m["version"], m["samples"], m["threshold"]) for m in models] == [(1, 60, 0.5)]
    assert api.post("/automation/classifiers/train", {"client_id": desk.client.pk, "threshold": 3}).status_code == 422
    item = raise_one(desk, title="Invoice copy please")
    rows = api.get(f"/automation/items/{item.pk}/suggestions").json()["items"]
    assert rows[0]["queue_id"] == billing.pk
    assert rows[0]["applied"]
    assert classify.model_path(desk.client.pk, "queue-v1.joblib").is_file()
