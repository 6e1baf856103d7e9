"""Workforce pages: a queue's forecast, heatmap, live what-if and roster; the staffing calculator."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from tests.interfaces.web.conftest import LoginAs
from tests.interfaces.web.html import field_errors, find, find_all
from tests.personas import World
from tests.workforce import WorkforceWorld, build_workforce

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}
WHATIF = {"aht": "300", "target": "80", "within": "20", "max_occupancy": "85", "shrinkage": "30", "days": "2"}


@pytest.fixture
def wf(world: World) -> WorkforceWorld:
    return build_workforce(world)


def _queue_url(wf: WorkforceWorld, name: str = "workforce_queue") -> str:
    return reverse(f"web:{name}", kwargs={"queue_id": wf.queue_a.pk})


def _cells(html: bytes) -> list[int]:
    return [int(cell.text) for cell in find_all(html, "td") if cell.attrs.get("class", "").startswith("heat-")]


def test_queue_page_shows_chart_data_heatmap_and_whatif(login_as: LoginAs, wf: WorkforceWorld) -> None:
    response = login_as("team_lead_a").get(_queue_url(wf))
    assert response.status_code == 200
    html = response.content
    chart = json.loads(find(html, "script", id="forecast-data").text)
    assert len(chart["labels"]) == 7 * 48 + 2 * 48
    assert sum(v for v in chart["actual"] if v is not None) > 0
    forecast = [v for v in chart["forecast"] if v is not None]
    assert len(forecast) == 96
    assert all(
        lo <= f + 1e-6 <= hi + 2e-6
        for lo, f, hi in zip(chart["lower"][-96:], forecast, chart["upper"][-96:], strict=True)
    )
    assert find(html, "canvas")
    cells = _cells(html)
    assert len(cells) == 96
    assert max(cells) > 0
    assert int(find(html, "strong", data_peak_agents=True).text) == max(cells)
    form = find(html, "form", id="whatif-form")
    assert form.attrs["hx-get"] == _queue_url(wf)
    assert "delay:" in form.attrs["hx-trigger"]
    assert find(html, "div", id="roster").attrs["hx-get"] == _queue_url(wf, "workforce_roster")
    assert b"<script>" not in html  # CSP: data travels in json_script blocks only


def test_whatif_htmx_answers_the_fragment_with_new_numbers(login_as: LoginAs, wf: WorkforceWorld) -> None:
    browser = login_as("account_manager_a")
    short = browser.get(_queue_url(wf), {**WHATIF, "aht": "120"}, headers=HTMX)
    long = browser.get(_queue_url(wf), {**WHATIF, "aht": "900"}, headers=HTMX)
    assert short.status_code == long.status_code == 200
    assert b"<html" not in short.content
    assert find(short.content, "section", id="requirements")
    assert sum(_cells(long.content)) > sum(_cells(short.content))
    assert int(find(long.content, "strong", data_peak_agents=True).text) > int(
        find(short.content, "strong", data_peak_agents=True).text
    )


@pytest.mark.parametrize(
    ("changes", "label", "words"),
    [
        ({"aht": "0"}, "AHT (seconds)", "AHT must be more than 0 seconds"),
        ({"target": "100", "within": "0"}, "Service level target (%)", "no staffing answers every call in time"),
        ({"shrinkage": "100"}, "Shrinkage (%)", "below 100 %"),
        ({"aht": "abc"}, "AHT (seconds)", "Enter a number"),
        ({"days": "99"}, "Days ahead", "less than or equal to 7"),
    ],
)
def test_whatif_bad_input_names_the_field(
    login_as: LoginAs, wf: WorkforceWorld, changes: dict[str, str], label: str, words: str
) -> None:
    browser = login_as("team_lead_a")
    fragment = browser.get(_queue_url(wf), {**WHATIF, **changes}, headers=HTMX)
    assert fragment.status_code == 400
    errors = find(fragment.content, "div", data_whatif_errors=True).text
    assert label in errors
    assert words in errors
    page = browser.get(_queue_url(wf), {**WHATIF, **changes})
    assert page.status_code == 400
    field = next(iter(changes))
    assert any(words in message for message in field_errors(page.content, field))


def test_roster_fragment_shows_agents_days_and_the_gap(login_as: LoginAs, wf: WorkforceWorld) -> None:
    response = login_as("team_lead_a").get(_queue_url(wf, "workforce_roster"), WHATIF, headers=HTMX)
    assert response.status_code == 200
    html = response.content
    summary = find(html, "p", data_roster_summary=True).text
    assert "LP lower bound" in summary
    rows = find_all(html, "tr")
    assert len(rows) == 1 + len(wf.agents)
    assert "Agent 0" in response.content.decode()
    assert find_all(html, "span", class_="shift")


def test_roster_without_agents_says_so(login_as: LoginAs, world: World) -> None:
    wf = build_workforce(world, agents=0)
    response = login_as("team_lead_a").get(_queue_url(wf, "workforce_roster"), WHATIF, headers=HTMX)
    assert response.status_code == 200
    assert "has no agent profiles to roster yet" in find(response.content, "p", data_roster_message=True).text


def test_a_queue_without_history_shows_why(login_as: LoginAs, world: World) -> None:
    from tests.factories_operations import QueueFactory, ServiceFactory

    queue = QueueFactory(service=ServiceFactory(engagement=world.bpo_a), name="Brand new")
    response = login_as("account_manager_a").get(reverse("web:workforce_queue", kwargs={"queue_id": queue.pk}))
    assert response.status_code == 200
    assert "no work items yet" in find(response.content, "p", data_no_forecast=True).text


def test_foreign_and_missing_queues_are_404_and_other_roles_403(login_as: LoginAs, wf: WorkforceWorld) -> None:
    browser = login_as("account_manager_a")
    foreign = reverse("web:workforce_queue", kwargs={"queue_id": wf.queue_b.pk})
    missing = reverse("web:workforce_queue", kwargs={"queue_id": 10**9})
    assert browser.get(foreign).status_code == 404
    assert browser.get(missing).status_code == 404
    assert browser.get(reverse("web:workforce_roster", kwargs={"queue_id": wf.queue_b.pk})).status_code == 404
    for persona in ("bpo_agent_a", "hr_admin_a", "recruiter_a"):
        assert login_as(persona).get(_queue_url(wf)).status_code == 403
        assert login_as(persona).get(reverse("web:staffing_calculator")).status_code == 403


def test_queue_list_and_navigation_for_planners(login_as: LoginAs, wf: WorkforceWorld) -> None:
    response = login_as("team_lead_a").get(reverse("web:workforce_queues"))
    assert response.status_code == 200
    links = {a.attrs.get("href") for a in find_all(response.content, "a")}
    assert _queue_url(wf) in links
    assert reverse("web:workforce_queue", kwargs={"queue_id": wf.queue_b.pk}) not in links
    assert find(response.content, "a", href=reverse("web:workforce_queues"), aria_current="page")
    home = login_as("bpo_agent_a").get(reverse("web:home"))
    assert reverse("web:workforce_queues") not in home.content.decode()


def test_calculator_known_answer_and_live_fragment(login_as: LoginAs, world: World) -> None:
    browser = login_as("account_manager_a")
    query = {"calls": "100, 50", "interval_minutes": "30", **WHATIF, "aht": "180"}
    page = browser.get(reverse("web:staffing_calculator"), query)
    assert page.status_code == 200
    assert [c.text for c in find_all(page.content, "td", data_raw=True)] == ["14", "8"]
    assert find(page.content, "td", data_scheduled=True).text == "20"
    fragment = browser.get(reverse("web:staffing_calculator"), {**query, "aht": "0"}, headers=HTMX)
    assert fragment.status_code == 400
    assert "AHT must be more than 0 seconds" in find(fragment.content, "div", data_whatif_errors=True).text
    first_visit = browser.get(reverse("web:staffing_calculator"))
    assert first_visit.status_code == 200
    assert len(find_all(first_visit.content, "td", data_raw=True)) == 4


def test_roster_opens_as_a_page_of_its_own(login_as: LoginAs, wf: WorkforceWorld) -> None:
    response = login_as("team_lead_a").get(_queue_url(wf, "workforce_roster"), WHATIF)
    assert response.status_code == 200
    assert find(response.content, "h1").text == f"Roster · {wf.queue_a.name}"
    assert find(response.content, "div", data_roster=True)


def test_saving_a_scenario_lists_it_and_loads_its_inputs(login_as: LoginAs, wf: WorkforceWorld) -> None:
    from handoff.domain.workforce.models import StaffingScenario

    browser = login_as("team_lead_a")
    save = reverse("web:workforce_scenario_save", kwargs={"queue_id": wf.queue_a.pk})
    response = browser.post(save, {**WHATIF, "aht": "420", "name": "Winter peak"})
    assert response.status_code == 302
    assert "aht=420" in response["Location"]
    scenario = StaffingScenario.objects.get()
    assert (scenario.name, scenario.aht_seconds, scenario.service_level) == ("Winter peak", 420, 0.8)
    page = browser.get(response["Location"])
    assert "Saved the scenario “Winter peak”." in page.content.decode()
    assert find(page.content, "ul", data_scenarios=True).text.startswith("Winter peak")
    assert find(page.content, "input", id="id_aht").attrs["value"] == "420"


def test_a_bad_scenario_is_not_saved_and_says_why(login_as: LoginAs, wf: WorkforceWorld) -> None:
    from handoff.domain.workforce.models import StaffingScenario

    browser = login_as("team_lead_a")
    save = reverse("web:workforce_scenario_save", kwargs={"queue_id": wf.queue_a.pk})
    response = browser.post(save, {**WHATIF, "aht": "0", "name": "Broken"}, follow=True)
    assert response.status_code == 400  # the queue page re-shows the refused inputs
    assert "The scenario was not saved. AHT (seconds): AHT must be more than 0 seconds" in response.content.decode()
    assert not StaffingScenario.objects.exists()
    foreign = reverse("web:workforce_scenario_save", kwargs={"queue_id": wf.queue_b.pk})
    assert browser.post(foreign, {**WHATIF, "name": "Theirs"}).status_code == 404
    assert login_as("bpo_agent_a").post(save, {**WHATIF, "name": "Mine"}).status_code == 403
    assert not StaffingScenario.objects.exists()
