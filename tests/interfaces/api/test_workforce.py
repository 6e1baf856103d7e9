"""Workforce API: one interval's staffing (known answers, 422 field errors), a queue's forecast and requirements."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.interfaces.api.conftest import ApiClient, field_errors
from tests.personas import World
from tests.workforce import WorkforceWorld, build_workforce

pytestmark = pytest.mark.django_db
KNOWN = {"calls": 100, "interval": 30, "aht": 180, "target": 0.8, "within": 20, "max_occupancy": 0.85, "shrinkage": 0.3}
QUERY = {"aht": 300, "target": 0.8, "within": 20, "max_occupancy": 0.85, "shrinkage": 0.3}

type ApiAs = Callable[[str], ApiClient]


@pytest.fixture
def wf(world: World) -> WorkforceWorld:
    return build_workforce(world)


def test_staffing_known_answer(api_as: ApiAs) -> None:
    response = api_as("account_manager_a").post("/workforce/staffing", KNOWN)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["model"] == "erlang_c"
    assert body["traffic_erlangs"] == pytest.approx(10.0)
    assert body["agents_raw"] == 14
    assert body["agents_with_shrinkage"] == 20
    assert body["service_level"] >= 0.8
    assert body["occupancy"] <= 0.85
    assert body["p_abandon"] == 0
    assert set(body) >= {"asa_seconds", "p_wait", "shrinkage", "answer_within_seconds"}


def test_staffing_with_patience_is_erlang_a(api_as: ApiAs) -> None:
    body = api_as("provider_admin").post("/workforce/staffing", {**KNOWN, "patience": 120}).json()
    assert body["model"] == "erlang_a"
    assert 0 < body["p_abandon"] < 1
    assert body["agents_raw"] <= 14  # callers who hang up lighten the load


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"aht": 0}, "aht", "AHT must be more than 0 seconds"),
        ({"aht": 1e9}, "aht", "at most a day"),
        ({"target": 1.0, "within": 0}, "target", "no staffing answers every call in time"),
        ({"shrinkage": 1.2}, "shrinkage", "below 100 %"),
        ({"interval": 0}, "interval", "more than 0 minutes"),
        ({"calls": -5}, "calls", "zero or more"),
        ({"max_abandonment": 0.1}, "max_abandonment", "needs the mean patience"),
        ({"aht": "x"}, "aht", "number"),
        ({"client_id": 1}, "client_id", "Unknown field"),
    ],
)
def test_staffing_bad_input_is_422_naming_the_field(
    api_as: ApiAs, changes: dict[str, object], field: str, words: str
) -> None:
    response = api_as("account_manager_a").post("/workforce/staffing", {**KNOWN, **changes})
    assert response.status_code == 422
    assert words in field_errors(response)[field]


def test_staffing_is_for_planners(api_as: ApiAs) -> None:
    for persona in ("bpo_agent_a", "hr_admin_a", "recruiter_a"):
        assert api_as(persona).post("/workforce/staffing", KNOWN).status_code == 403
    assert api_as("anonymous").post("/workforce/staffing", KNOWN).status_code == 401


def test_queue_forecast_and_requirements(api_as: ApiAs, wf: WorkforceWorld) -> None:
    client = api_as("account_manager_a")
    forecast = client.get(f"/workforce/queues/{wf.queue_a.pk}/forecast")
    assert forecast.status_code == 200, forecast.content
    body = forecast.json()
    assert body["time_zone"] == "Asia/Manila"
    assert len(body["intervals"]) == 96
    first = body["intervals"][0]
    assert first["start"].endswith("+08:00")
    assert all(i["lower_95"] <= i["lower_80"] <= i["mean"] + 1e-6 <= i["upper_80"] + 2e-6 for i in body["intervals"])
    assert body["backtests"][0]["model"] == body["model"]
    short = client.get(f"/workforce/queues/{wf.queue_a.pk}/requirements", {**QUERY, "aht": 120}).json()
    long = client.get(f"/workforce/queues/{wf.queue_a.pk}/requirements", {**QUERY, "aht": 900}).json()
    assert len(long["intervals"]) == 96
    assert long["peak_agents_with_shrinkage"] > short["peak_agents_with_shrinkage"]
    busy = max(long["intervals"], key=lambda i: i["calls"])
    assert busy["agents_with_shrinkage"] >= busy["agents_raw"] > 0


def test_requirements_bad_input_is_422(api_as: ApiAs, wf: WorkforceWorld) -> None:
    client = api_as("account_manager_a")
    response = client.get(f"/workforce/queues/{wf.queue_a.pk}/requirements", {**QUERY, "aht": 0})
    assert response.status_code == 422
    assert "AHT must be more than 0 seconds" in field_errors(response)["aht"]
    response = client.get(f"/workforce/queues/{wf.queue_a.pk}/forecast", {"days": 30})
    assert response.status_code == 422
    assert "days" in field_errors(response)


def test_foreign_queue_answers_like_a_missing_one(api_as: ApiAs, wf: WorkforceWorld) -> None:
    client = api_as("account_manager_a")
    for path in ("forecast", "requirements"):
        foreign = client.get(f"/workforce/queues/{wf.queue_b.pk}/{path}", QUERY)
        missing = client.get(f"/workforce/queues/{10**9}/{path}", QUERY)
        assert foreign.status_code == missing.status_code == 404
        assert foreign.content == missing.content
    assert api_as("provider_admin").get(f"/workforce/queues/{wf.queue_b.pk}/forecast").status_code == 200
