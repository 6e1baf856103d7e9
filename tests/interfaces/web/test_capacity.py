"""Recruiter capacity page: the measured funnel with its sources, the plan and its weekly ramp, refusals on fields."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.capacity import grow_funnel
from tests.interfaces.web.conftest import LoginAs
from tests.interfaces.web.html import field_errors, find, find_all
from tests.personas import World

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def _url(world: World, engagement: str = "rpo_a") -> str:
    return reverse("web:workforce_capacity", kwargs={"rpo_id": getattr(world, engagement).pk})


def _inputs(hires: int = 4, days: int = 120, **more: str) -> dict[str, str]:
    today = timezone.localdate()
    return {
        "hires": str(hires),
        "start": today.isoformat(),
        "deadline": (today + dt.timedelta(days)).isoformat(),
        "max_ramp": "2",
        **more,
    }


def test_page_shows_the_funnel_with_measured_and_default_badges(login_as: LoginAs, world: World) -> None:
    grow_funnel(world.users["provider_admin"], world.recruiting.requisition_a, [["applied"]] * 10 + [[]] * 2)
    response = login_as("recruiter_a").get(_url(world))
    assert response.status_code == 200
    applied = find(response.content, "tr", data_stage="applied")
    assert "77 %" in applied.text  # 10 of 13 (12 new and the world's application)
    assert "measured" in applied.text
    assert "n = 13" in applied.text
    assert "default" in find(response.content, "tr", data_stage="interview").text
    assert find(response.content, "form", id="capacity-form").attrs["hx-get"] == _url(world)
    assert not find_all(response.content, "table", data_ramp=True)  # nothing planned before a submit


@pytest.mark.parametrize("persona", ["provider_admin", "account_manager_a", "recruiter_a"])
def test_submit_plans_recruiters_week_by_week(login_as: LoginAs, world: World, persona: str) -> None:
    response = login_as(persona).get(_url(world), _inputs(rate_offer="50"))
    assert response.status_code == 200, response.content
    needed = int(find(response.content, "p", data_recruiters_needed=True).text.split()[0])
    team = [int(cell.text) for cell in find_all(response.content, "td", data_recruiters=True)]
    assert team
    assert needed == max(team) >= 1
    assert "override" in response.content.decode()


def test_htmx_answers_only_the_result_fragment(login_as: LoginAs, world: World) -> None:
    response = login_as("account_manager_a").get(_url(world), _inputs(), headers=HTMX)
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert find(response.content, "section", id="capacity-result")
    assert find_all(response.content, "td", data_recruiters=True)


@pytest.mark.parametrize(
    ("inputs", "field", "words"),
    [
        (_inputs(hires=0), "hires", "greater than or equal to 1"),
        (_inputs(days=-3), "deadline", "in the past"),
        (_inputs(days=10), "deadline", "pipeline lead time"),
        (_inputs(deadline="soon"), "deadline", "valid date"),
        (_inputs(rate_offer="0"), "rate_offer", "greater than or equal to 0.01"),
    ],
)
def test_bad_input_is_a_message_on_the_field(
    login_as: LoginAs, world: World, inputs: dict[str, str], field: str, words: str
) -> None:
    response = login_as("provider_admin").get(_url(world), inputs)
    assert response.status_code == 400
    assert words in " ".join(field_errors(response.content, field))
    assert not find_all(response.content, "table", data_ramp=True)


@pytest.mark.parametrize("persona", ["account_manager_a", "recruiter_a"])
def test_a_foreign_engagement_answers_like_a_missing_one(login_as: LoginAs, world: World, persona: str) -> None:
    browser = login_as(persona)
    assert browser.get(_url(world, "rpo_b")).status_code == 404
    assert browser.get(reverse("web:workforce_capacity", kwargs={"rpo_id": 987654})).status_code == 404


@pytest.mark.parametrize("persona", ["hr_admin_a", "bpo_agent_a"])
def test_other_roles_are_refused(login_as: LoginAs, world: World, persona: str) -> None:
    assert login_as(persona).get(_url(world)).status_code == 403
