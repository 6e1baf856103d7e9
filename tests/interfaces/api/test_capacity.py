"""Recruiter capacity API: the plan as JSON with its figures' sources, 422 field errors, 404 for a foreign id."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from tests.capacity import grow_funnel
from tests.interfaces.api.conftest import ApiClient, field_errors
from tests.personas import World

pytestmark = pytest.mark.django_db
type ApiAs = Callable[[str], ApiClient]


def _body(hires: int = 6, days: int = 150, **more: Any) -> dict[str, Any]:
    today = timezone.localdate()
    return {"hires": hires, "start": today.isoformat(), "deadline": (today + dt.timedelta(days)).isoformat(), **more}


def test_plan_with_measured_and_default_figures(api_as: ApiAs, world: World) -> None:
    grow_funnel(world.users["provider_admin"], world.recruiting.requisition_a, [["applied"]] * 11)
    response = api_as("recruiter_a").post(f"/workforce/capacity/{world.rpo_a.pk}", _body(conversions={"offer": 0.4}))
    assert response.status_code == 200, response.content
    body = response.json()
    stages = {stage["key"]: stage for stage in body["funnel"]}
    rate = 11 / 12
    assert stages["applied"]["conversion"] == {"value": rate, "source": "measured", "samples": 12, "measured": rate}
    assert stages["interview"]["conversion"]["source"] == "default"
    assert stages["offer"]["conversion"]["source"] == "override"
    assert body["throughput"]["source"] == "measured"
    assert body["stage_volumes"]["hired"] == 6
    assert body["stage_volumes"]["offer"] == 8  # ⌈6 / 0.85⌉
    assert body["stage_volumes"]["interview"] == 20  # ⌈8 / 0.4⌉
    team = [week["recruiters"] for week in body["weeks"]]
    assert body["recruiters_needed"] == max(team) >= 1
    assert body["recruiter_weeks"] == sum(team) >= body["workload_recruiter_weeks"]
    assert body["lead_time_days"] > 0


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"hires": 0}, "hires", "more than 0"),
        ({"hires": -5}, "hires", "more than 0"),
        (_body(days=-2), "deadline", "in the past"),
        (_body(days=7), "deadline", "pipeline lead time"),
        ({"conversions": {"offer": 1.5}}, "conversions", "at most 1"),
        ({"conversions": {"nowhere": 0.5}}, "conversions", "no such funnel stage"),
        ({"throughput": 0}, "throughput", "more than 0"),
        ({"max_ramp": 0}, "max_ramp", "between 1"),
        ({"hires": 10_000, "max_ramp": 1}, "max_ramp", "at most 1000"),  # bounded before the solver starts
        ({**_body(hires=290, days=60), "max_ramp": 1}, "deadline", "allow a faster ramp or a later deadline"),
    ],
)
def test_bad_inputs_are_422_naming_the_field(
    api_as: ApiAs, world: World, changes: dict[str, Any], field: str, words: str
) -> None:
    response = api_as("provider_admin").post(f"/workforce/capacity/{world.rpo_a.pk}", {**_body(), **changes})
    assert response.status_code == 422, response.content
    assert words in field_errors(response)[field]


def test_a_missing_field_is_422(api_as: ApiAs, world: World) -> None:
    response = api_as("provider_admin").post(f"/workforce/capacity/{world.rpo_a.pk}", {"hires": 3})
    assert response.status_code == 422
    assert "deadline" in field_errors(response)


@pytest.mark.parametrize("persona", ["account_manager_a", "recruiter_a", "outsider"])
def test_foreign_or_missing_engagement_is_404(api_as: ApiAs, world: World, persona: str) -> None:
    api = api_as(persona)
    assert api.post(f"/workforce/capacity/{world.rpo_b.pk}", _body()).status_code == 404
    assert api.post("/workforce/capacity/987654", _body()).status_code == 404


@pytest.mark.parametrize("persona", ["hr_admin_a", "bpo_agent_a"])
def test_other_roles_are_403(api_as: ApiAs, world: World, persona: str) -> None:
    assert api_as(persona).post(f"/workforce/capacity/{world.rpo_a.pk}", _body()).status_code == 403
