"""The imports and webhooks API: upload, mapping, status, report; endpoint CRUD and the delivery log."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from handoff.domain.imports import actions as import_actions
from handoff.domain.imports.models import ImportJob
from handoff.domain.recruiting import actions as recruiting_actions
from handoff.domain.webhooks.models import WebhookDelivery
from tests.interfaces.api.conftest import API, ApiClient, field_errors
from tests.personas import World

CSV = b"Name,Email\nAl Ok,al@mail.test\nBad Row,nope\n"


def upload(api: ApiClient, name: str, data: bytes, mapping: str = "") -> Any:
    body: dict[str, Any] = {"file": SimpleUploadedFile(name, data)}
    if mapping:
        body["mapping"] = mapping
    return api.client.post(API + "/imports", body, **api.headers)


def test_upload_then_map_then_status_and_report(api_as: Callable[[str], ApiClient], world: World) -> None:
    api = api_as("recruiter_a")
    response = upload(api, "people.csv", CSV)
    assert response.status_code == 202, response.content
    job = response.json()
    assert job["status"] == "mapping"
    assert job["mapping"] == {"Name": "full_name", "Email": "email"}
    bad = api.post(f"/imports/{job['id']}/mapping", {"mapping": {"Email": "email"}})
    assert bad.status_code == 422
    assert "full name" in field_errors(bad)["mapping"]
    queued = api.post(f"/imports/{job['id']}/mapping", {"mapping": job["mapping"]})
    assert queued.status_code == 202
    assert queued.json()["status"] == "queued"
    import_actions.run_import(ImportJob.objects.get(pk=job["id"]))
    status = api.get(f"/imports/{job['id']}").json()
    assert (status["status"], status["accepted_rows"], status["rejected_rows"], status["percent"]) == (
        "done",
        1,
        1,
        100,
    )
    report = api.get(f"/imports/{job['id']}/report").json()
    assert report["count"] == 1
    assert report["items"][0]["row_number"] == 2
    assert api.get("/imports").json()["count"] == 1


def test_upload_errors_and_roles(api_as: Callable[[str], ApiClient]) -> None:
    api = api_as("recruiter_a")
    wrong = upload(api, "cv.pdf", b"%PDF-1.4")
    assert wrong.status_code == 422
    assert "Choose a .csv" in field_errors(wrong)["file"]
    bad_mapping = upload(api, "x.csv", CSV, mapping="{oops")
    assert bad_mapping.status_code == 422
    assert upload(api_as("hr_admin_a"), "x.csv", CSV).status_code == 403
    assert api_as("hr_admin_a").get("/imports").json()["count"] == 0
    job = upload(api, "x.csv", CSV).json()
    assert api_as("hr_admin_a").get(f"/imports/{job['id']}").status_code == 404


def test_webhook_crud_and_deliveries(api_as: Callable[[str], ApiClient], world: World) -> None:
    hr = api_as("hr_admin_a")
    body = {"client_id": world.client_a.pk, "url": "https://hooks.example.test/x", "events": ["application.hired"]}
    created = hr.post("/webhooks", body)
    assert created.status_code == 201, created.content
    endpoint = created.json()
    assert endpoint["secret"].startswith("whsec_")
    assert endpoint["client_id"] == world.client_a.pk
    assert hr.post("/webhooks", {**body, "events": ["nope"]}).status_code == 422
    assert hr.post("/webhooks", {**body, "client_id": world.client_b.pk}).status_code == 404
    assert hr.post("/webhooks", {**body, "secret": "mine"}).status_code == 422
    patched = hr.patch(f"/webhooks/{endpoint['id']}", {"events": ["application.stage_changed"], "rotate_secret": True})
    assert patched.status_code == 200
    assert patched.json()["secret"] != endpoint["secret"]
    recruiting_actions.move_application(world.users["recruiter_a"], world.recruiting.application_a, "screened")
    assert WebhookDelivery.objects.count() == 1
    log = hr.get(f"/webhooks/{endpoint['id']}/deliveries").json()
    assert log["count"] == 1
    assert log["items"][0]["event"] == "application.stage_changed"
    assert log["items"][0]["attempt_log"] == []
    assert api_as("hr_admin_b").get(f"/webhooks/{endpoint['id']}").status_code == 404
    assert api_as("hiring_manager_a").get("/webhooks").json()["count"] == 0
    assert api_as("hr_admin_b").delete(f"/webhooks/{endpoint['id']}").status_code == 404
    assert hr.delete(f"/webhooks/{endpoint['id']}").status_code == 204
    assert json.loads(hr.get("/webhooks").content)["count"] == 0
