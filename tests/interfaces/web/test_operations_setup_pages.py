"""Delivery set-up pages (services, queues, center hours and holidays) and the process owner's SLA page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from handoff.domain.accounts.models import User
from handoff.domain.operations.models import CenterHoliday, Queue, Service
from handoff.domain.tenancy.roles import StaffRole
from tests.domain.operations_desk import Desk, build_desk, staff_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk() -> Desk:
    return build_desk()


def browser(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def manager(desk: Desk) -> Client:
    return browser(staff_on(desk.client, "am@acme.provider.test", StaffRole.ACCOUNT_MANAGER))


def test_account_manager_creates_a_service_and_a_queue(desk: Desk) -> None:
    am = manager(desk)
    home = am.get(reverse("web:setup_home"))
    assert home.status_code == 200
    assert f'data-service="{desk.service.pk}"'.encode() in home.content
    url = reverse("web:setup_service_create", kwargs={"bpo_id": desk.engagement.pk})
    targets = '{"high": {"first_response_minutes": 30, "resolution_minutes": 480}}'
    response = am.post(url, {"name": "Payroll", "sla_targets": targets, "custom_fields": "[]", "is_active": "on"})
    assert response.status_code == 302
    service = Service.objects.get(name="Payroll")
    assert service.sla_targets["high"]["resolution_minutes"] == 480
    url = reverse("web:setup_queue_create", kwargs={"service_id": service.pk})
    response = am.post(url, {"name": "Tier 1", "required_skills": '{"payroll": 2}', "languages": '["en"]'})
    assert response.status_code == 302
    assert Queue.objects.get(service=service).required_skills == {"payroll": 2}


def test_bad_input_is_shown_on_the_page_and_nothing_is_saved(desk: Desk) -> None:
    am = manager(desk)
    url = reverse("web:setup_queue_edit", kwargs={"queue_id": desk.queue.pk})
    response = am.post(url, {"name": "Tier 1", "required_skills": '{"refunds": 99}', "languages": "[]"})
    assert response.status_code == 400
    assert b'data-field="required_skills"' in response.content
    assert b"errorlist" in response.content
    desk.queue.refresh_from_db()
    assert desk.queue.required_skills == {"refunds": 2}
    url = reverse("web:setup_service_edit", kwargs={"service_id": desk.service.pk})
    response = am.post(url, {"name": "X", "sla_targets": "{not json", "custom_fields": "[]"})
    assert response.status_code == 400
    desk.service.refresh_from_db()
    assert desk.service.name != "X"


def test_team_lead_edits_center_windows_and_holidays(desk: Desk) -> None:
    lead = browser(desk.lead)
    center = desk.profile.center
    url = reverse("web:setup_center", kwargs={"center_id": center.pk})
    assert lead.get(url).status_code == 200
    overlapping = '{"mon": [["09:00", "13:00"], ["12:00", "18:00"]]}'
    response = lead.post(url, {"form": "hours", "working_hours": overlapping})
    assert response.status_code == 400
    assert b"overlap" in response.content
    split = '{"mon": [["09:00", "12:00"], ["13:00", "18:00"]]}'
    assert lead.post(url, {"form": "hours", "working_hours": split}).status_code == 302
    center.refresh_from_db()
    assert center.working_hours == {"mon": [["09:00", "12:00"], ["13:00", "18:00"]]}
    assert (
        lead.post(url, {"form": "holiday", "date": "2026-06-12", "name": "Independence", "closed": "on"}).status_code
        == 302
    )
    assert CenterHoliday.objects.get(center=center).name == "Independence"


def test_agents_and_process_owners_are_refused_set_up(desk: Desk) -> None:
    for user in (desk.agent, desk.owner):
        assert browser(user).get(reverse("web:setup_home")).status_code == 403
        url = reverse("web:setup_service_edit", kwargs={"service_id": desk.service.pk})
        assert browser(user).get(url).status_code in (403, 404)
    assert (
        browser(desk.owner).get(reverse("web:setup_center", kwargs={"center_id": desk.profile.center.pk})).status_code
        == 403
    )
    other = build_desk("Globex")
    url = reverse("web:setup_service_edit", kwargs={"service_id": other.service.pk})
    assert manager(desk).get(url).status_code == 404


def test_process_owner_sees_the_sla_page(desk: Desk) -> None:
    response = browser(desk.owner).get(reverse("web:sla_attainment"))
    assert response.status_code == 200
    assert b'data-table="attainment"' in response.content
