"""The delivery set-up API: services, queues, a center's windows and local holidays, with field errors."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from handoff.domain.operations.models import CenterHoliday, Queue, Service
from handoff.domain.tenancy.roles import StaffRole
from tests.domain.operations_desk import Desk, build_desk, staff_on
from tests.interfaces.api.conftest import ApiClient, field_errors

pytestmark = pytest.mark.django_db

TARGETS = {"urgent": {"first_response_minutes": 15, "resolution_minutes": 240}}


@pytest.fixture
def desk() -> Desk:
    return build_desk()


def manager(desk: Desk) -> ApiClient:
    return ApiClient(staff_on(desk.client, "am@acme.provider.test", StaffRole.ACCOUNT_MANAGER))


def test_account_manager_creates_and_edits_a_service(desk: Desk) -> None:
    api = manager(desk)
    body = {"name": "Payroll", "sla_targets": TARGETS, "custom_fields": [{"name": "period", "type": "text"}]}
    response = api.post(f"/operations-setup/bpo/{desk.engagement.pk}/services", body)
    assert response.status_code == 201, response.content
    service = Service.objects.get(pk=response.json()["id"])
    assert service.client_id == desk.client.pk
    assert service.sla_targets == TARGETS
    response = api.patch(f"/operations-setup/services/{service.pk}", {"description": "Monthly run"})
    assert response.status_code == 200, response.content
    service.refresh_from_db()
    assert service.description == "Monthly run"
    assert service.name == "Payroll"


def test_bad_sla_targets_are_a_field_error_and_nothing_is_saved(desk: Desk) -> None:
    body = {"name": "Payroll", "sla_targets": {"someday": {"first_response_minutes": 1, "resolution_minutes": 2}}}
    response = manager(desk).post(f"/operations-setup/bpo/{desk.engagement.pk}/services", body)
    assert response.status_code == 422
    assert "someday" in field_errors(response)["sla_targets"]
    assert not Service.objects.filter(name="Payroll").exists()


def test_owner_fields_cannot_be_smuggled_in(desk: Desk) -> None:
    response = manager(desk).post(f"/operations-setup/bpo/{desk.engagement.pk}/services", {"name": "X", "client_id": 9})
    assert response.status_code in (400, 422)
    assert not Service.objects.filter(name="X").exists()


def test_queue_with_skills_and_languages_then_an_unknown_level(desk: Desk) -> None:
    api = manager(desk)
    body = {"name": "Tier 2", "required_skills": {"refunds": 3}, "languages": ["en", "es"]}
    response = api.post(f"/operations-setup/services/{desk.service.pk}/queues", body)
    assert response.status_code == 201, response.content
    queue = Queue.objects.get(pk=response.json()["id"])
    assert queue.required_skills == {"refunds": 3}
    assert queue.client_id == desk.client.pk
    response = api.patch(f"/operations-setup/queues/{queue.pk}", {"required_skills": {"refunds": 99}})
    assert response.status_code == 422
    assert "required_skills" in field_errors(response)
    queue.refresh_from_db()
    assert queue.required_skills == {"refunds": 3}


def test_agents_and_process_owners_cannot_set_up_and_other_clients_are_hidden(desk: Desk) -> None:
    path = f"/operations-setup/services/{desk.service.pk}/queues"
    assert ApiClient(desk.agent).post(path, {"name": "Mine"}).status_code == 403
    assert ApiClient(desk.owner).post(path, {"name": "Mine"}).status_code in (403, 404)
    other, api = build_desk("Globex"), manager(desk)
    assert api.post(f"/operations-setup/services/{other.service.pk}/queues", {"name": "Q"}).status_code == 404
    response = api.post(f"/operations-setup/bpo/{other.engagement.pk}/services", {"name": "S"})
    assert response.status_code == 404
    assert not Queue.objects.filter(name__in=["Mine", "Q"]).exists()


def test_team_lead_sets_split_windows_and_overlaps_are_refused(desk: Desk) -> None:
    api = ApiClient(desk.lead)
    center = desk.profile.center
    hours = {"mon": [["09:00", "12:30"], ["13:30", "18:00"]], "sat": [["10:00", "14:00"]]}
    path = f"/operations-setup/centers/{center.pk}/hours"
    response = api.raw("PUT", path, json.dumps({"working_hours": hours}))
    assert response.status_code == 200, response.content
    center.refresh_from_db()
    assert center.working_hours == hours
    bad = {"mon": [["09:00", "13:00"], ["12:00", "18:00"]]}
    response = api.raw("PUT", path, json.dumps({"working_hours": bad}))
    assert response.status_code == 422
    assert "overlap" in field_errors(response)["working_hours"]
    center.refresh_from_db()
    assert center.working_hours == hours
    assert ApiClient(desk.agent).raw("PUT", path, json.dumps({"working_hours": hours})).status_code == 403


def test_local_holiday_is_added_once_per_day(desk: Desk) -> None:
    api = ApiClient(desk.lead)
    path = f"/operations-setup/centers/{desk.profile.center.pk}/holidays"
    assert api.post(path, {"date": "2026-06-12", "name": "Independence Day"}).status_code == 201
    response = api.post(path, {"date": "2026-06-12", "name": "Araw ng Kalayaan", "closed": False})
    assert response.status_code == 201
    holiday = CenterHoliday.objects.get()
    assert (holiday.date, holiday.name, holiday.closed) == (dt.date(2026, 6, 12), "Araw ng Kalayaan", False)
    assert api.post(path, {"date": "not a date", "name": "X"}).status_code == 422
    assert api.post("/operations-setup/centers/999999/holidays", {"date": "2026-01-01", "name": "X"}).status_code == 404
