"""The interview pages: availability, plan editor, schedule (book, offer), the candidate's public slot page,
scorecard form and summary."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from handoff.domain.interviews import actions
from handoff.domain.interviews.models import Interview, InterviewerAvailability
from tests.interfaces.web.conftest import LoginAs
from tests.interviews import SLOT, interview_plan
from tests.personas import World


def test_availability_page_saves_and_refuses_overlaps(world: World, login_as: LoginAs) -> None:
    browser = login_as("recruiter_a")
    url = reverse("web:my_availability")
    assert browser.get(url).status_code == 200
    data = {"time_zone": "Europe/Lisbon", "day_0": "09:00-12:00, 11:00-17:00", "day_1": "09:00-17:00"}
    answer = browser.post(url, data)
    assert answer.status_code == 400
    assert "overlap" in answer.content.decode()
    assert "11:00-17:00" in answer.content.decode()  # what was typed is kept
    data["day_0"] = "09:00-12:00, 13:00-17:00"
    data["exceptions"] = "2030-12-24 off\n2030-12-28 10:00-12:00"
    assert browser.post(url, data).status_code == 302
    row = InterviewerAvailability.objects.get(user=world.users["recruiter_a"])
    assert len(row.weekly) == 3
    assert row.exceptions[0] == {"day": "2030-12-24", "unavailable": True, "extra": []}


def test_plan_editor_adds_a_round_and_shows_field_errors(world: World, login_as: LoginAs) -> None:
    browser = login_as("hr_admin_a")
    url = reverse("web:interview_plan", kwargs={"requisition_id": world.recruiting.requisition_a.pk})
    assert browser.get(url).status_code == 200
    manager = world.users["hiring_manager_a"].pk
    bad = {"kind": "technical", "title": "Tech", "duration_minutes": 60, "interviewers": [manager]}
    answer = browser.post(url, bad)
    assert answer.status_code == 400
    assert "assess at least one competency" in answer.content.decode()
    good = {**bad, "skills": ["Python"], "potential": "on"}
    assert browser.post(url, good).status_code == 302
    assert "Tech" in browser.get(url).content.decode()
    assert login_as("process_owner_a").post(url, good).status_code == 403


def test_schedule_page_lists_slots_and_books(world: World, login_as: LoginAs) -> None:
    interview_plan(world)
    browser = login_as("recruiter_a")
    application = world.recruiting.application_a.pk
    page = browser.get(reverse("web:interview_schedule", kwargs={"application_id": application}))
    assert page.status_code == 200
    assert "data-slot=" in page.content.decode()
    book = reverse("web:interview_book", kwargs={"application_id": application})
    answer = browser.post(book, {"start": SLOT.isoformat(), "candidate_time_zone": "America/New_York"})
    assert answer.status_code == 302
    assert Interview.objects.count() == 2
    again = browser.post(book, {"start": SLOT.isoformat(), "candidate_time_zone": "America/New_York"})
    assert again.status_code == 400
    assert "no longer fits" in again.content.decode()
    assert (
        login_as("process_owner_a")
        .get(reverse("web:interview_schedule", kwargs={"application_id": application}))
        .status_code
        == 403
    )


def test_candidate_picks_a_slot_through_the_signed_link(world: World) -> None:
    interview_plan(world)
    made = actions.offer_slots(
        world.users["recruiter_a"], world.recruiting.application_a, [SLOT, SLOT + dt.timedelta(days=1)]
    )
    visitor = Client()
    url = reverse("web:interview_pick", kwargs={"slot_token": made.token})
    page = visitor.get(url)
    assert page.status_code == 200
    assert "09:00" in page.content.decode()
    assert visitor.post(url, {"slot": "1"}).status_code == 200
    assert Interview.objects.filter(start=SLOT + dt.timedelta(days=1)).exists()
    reused = visitor.get(url)
    assert reused.status_code == 410
    assert "already been chosen" in reused.content.decode()
    tampered = visitor.get(reverse("web:interview_pick", kwargs={"slot_token": made.token[:-3] + "abc"}))
    assert tampered.status_code == 400
    assert "not valid" in tampered.content.decode()


def test_scorecard_form_and_blind_summary(world: World, login_as: LoginAs) -> None:
    interview_plan(world)
    technical, _ = actions.book_panel(world.users["recruiter_a"], world.recruiting.application_a, SLOT)
    browser = login_as("hiring_manager_a")
    summary = reverse("web:scorecard_summary", kwargs={"interview_id": technical.pk})
    form = reverse("web:scorecard", kwargs={"interview_id": technical.pk})
    assert "data-blind" in browser.get(summary).content.decode()
    bad = browser.post(form, {"score__skill:Python": "4", "submit": "1"})
    assert bad.status_code == 400
    assert "give evidence" in bad.content.decode()
    data = {"score__skill:Python": "3", "score__potential": "3", "recommendation": "3", "submit": "1"}
    assert browser.post(form, data).status_code == 302
    page = browser.get(summary).content.decode()
    assert "data-summary" in page
    assert "yes" in page
    assert login_as("hr_admin_a").get(form).status_code == 403


@pytest.mark.parametrize("name", ["my_interviews", "my_availability"])
def test_own_pages_need_sign_in(world: World, name: str) -> None:
    assert Client().get(reverse(f"web:{name}")).status_code == 302
