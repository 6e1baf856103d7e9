"""The client portal as each client persona (nothing of client B), the recruiter's submit form, decisions with
bad input, salary expectations hidden from hiring managers, notifications pages and the bulk reject e-mail."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from handoff.domain.recruiting.submittals.models import Submittal, SubmittalStatus
from tests.interfaces.web.conftest import LoginAs
from tests.personas import MARKER_A, MARKER_B, World
from tests.recruiting import SALARY_EXPECTATION, refreshed
from tests.submittals import WRITE_UP, screened, submitted


@pytest.fixture(autouse=True)
def _immediate_tasks(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.mark.parametrize("persona", ["hr_admin_a", "hiring_manager_a"])
def test_portal_home_shows_own_client_only(world: World, login_as: LoginAs, persona: str) -> None:
    submittal = submitted(world)
    page = login_as(persona).get("/portal/")
    assert page.status_code == 200
    html = page.content.decode()
    assert MARKER_A in html
    assert MARKER_B not in html
    assert f'data-submittal="{submittal.pk}"' in html
    assert "client_review" not in html or "Client review" in html


@pytest.mark.parametrize("persona", ["recruiter_a", "process_owner_a", "hr_admin_b"])
def test_portal_is_for_client_hr_and_hiring_managers(world: World, login_as: LoginAs, persona: str) -> None:
    submittal = submitted(world)
    if persona == "hr_admin_b":
        assert login_as(persona).get(f"/portal/submittals/{submittal.pk}/").status_code == 404
        assert f'data-submittal="{submittal.pk}"' not in login_as(persona).get("/portal/").content.decode()
    else:
        assert login_as(persona).get("/portal/").status_code == 403


def test_salary_expectation_is_hidden_from_hiring_managers(world: World, login_as: LoginAs) -> None:
    submittal = submitted(world)
    path = f"/portal/submittals/{submittal.pk}/"
    assert str(SALARY_EXPECTATION) not in login_as("hiring_manager_a").get(path).content.decode()
    assert str(SALARY_EXPECTATION) in login_as("hr_admin_a").get(path).content.decode()


def test_hiring_manager_decides_in_the_portal(world: World, login_as: LoginAs) -> None:
    submittal = submitted(world)
    browser = login_as("hiring_manager_a")
    path = f"/portal/submittals/{submittal.pk}/"
    page = browser.get(path).content.decode()
    assert WRITE_UP in page
    bad = browser.post(path, {"decision": "rejected", "feedback": "Keep this text"})
    assert bad.status_code == 400
    assert "This field is required" in bad.content.decode()
    assert "Keep this text" in bad.content.decode()
    done = browser.post(path, {"decision": "rejected", "reason": "Not enough Django", "feedback": "Close one"})
    assert done.status_code == 302
    submittal.refresh_from_db()
    assert submittal.status == SubmittalStatus.REJECTED
    assert refreshed(world.recruiting.application_a).stage.key == "rejected"
    assert "Not enough Django" in browser.get(path).content.decode()


def test_recruiter_submits_from_the_application(world: World, login_as: LoginAs) -> None:
    application = screened(world)
    browser = login_as("recruiter_a")
    assert "data-submit-link" in browser.get(f"/recruiting/applications/{application.pk}/").content.decode()
    path = f"/recruiting/applications/{application.pk}/submit/"
    assert browser.post(path, {"write_up": ""}).status_code == 400
    assert browser.post(path, {"write_up": WRITE_UP}).status_code == 302
    assert Submittal.objects.get().write_up == WRITE_UP
    assert login_as("hiring_manager_a").get(path).status_code == 403


def test_notifications_pages(world: World, login_as: LoginAs) -> None:
    submitted(world)
    browser = login_as("hiring_manager_a")
    assert 'data-unread="1"' in browser.get("/notifications/badge/").content.decode()
    page = browser.get("/notifications/").content.decode()
    assert "New candidate for" in page
    notification_id = world.users["hiring_manager_a"].notifications.get().pk
    opened = browser.post(f"/notifications/{notification_id}/read/", {"open": "1"})
    assert opened.status_code == 302
    assert opened["Location"].startswith("/portal/submittals/")
    assert 'data-unread="0"' in browser.get("/notifications/badge/").content.decode()
    assert login_as("hr_admin_b").post(f"/notifications/{notification_id}/read/").status_code == 404


def test_bulk_reject_with_email_from_the_list(
    world: World, login_as: LoginAs, django_capture_on_commit_callbacks: Any
) -> None:
    application = world.recruiting.application_a
    path = f"/recruiting/requisitions/{application.requisition_id}/applications/bulk/"
    with django_capture_on_commit_callbacks(execute=True):
        answer = login_as("recruiter_a").post(
            path, {"applications": [application.pk], "operation": "reject_email", "value": "Role closed"}
        )
    assert answer.status_code == 302
    [message] = mail.outbox
    assert message.to == ["ana.lima@mail.test"]
    assert "Dear Ana" in message.body


def test_email_templates_page_saves_and_refuses_bad_syntax(world: World, login_as: LoginAs) -> None:
    browser = login_as("hr_admin_a")
    assert "Reset to default" not in browser.get("/notifications/templates/").content.decode()
    bad = browser.post(
        "/notifications/templates/", {"key": "application_rejected", "subject": "Hi", "body": "{% if %}"}
    )
    assert bad.status_code == 400
    assert "{% if %}" in bad.content.decode()
    good = browser.post(
        "/notifications/templates/",
        {"key": "application_rejected", "subject": "Hi {{ candidate.first_name }}", "body": "Thanks"},
    )
    assert good.status_code == 302
    assert "Reset to default" in browser.get("/notifications/templates/").content.decode()
    denied = login_as("hiring_manager_a").post(
        "/notifications/templates/", {"key": "application_rejected", "subject": "x", "body": "y"}
    )
    assert denied.status_code == 403
