"""Workforce domain: arrivals per interval (scoped), who plans, input checks, the outlook and the roster."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from handoff.domain.workforce import planning, selectors
from handoff.domain.workforce.inputs import checked_inputs
from tests.factories_operations import QueueFactory, ServiceFactory, WorkItemFactory
from tests.personas import World
from tests.workforce import MANILA, WorkforceWorld, add_history, build_workforce

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, tzinfo=MANILA)  # a Monday, midnight in Manila


@pytest.fixture
def wf(world: World) -> WorkforceWorld:
    return build_workforce(world)


def test_queue_history_counts_items_per_interval_in_local_time(world: World) -> None:
    queue = QueueFactory(service=ServiceFactory(engagement=world.bpo_a))
    for minutes in (0, 29, 30, 95, 24 * 60 - 1, 24 * 60):  # the last one is outside [start, end)
        WorkItemFactory(queue=queue, created_at=START + dt.timedelta(minutes=minutes))
    series = selectors.queue_history(world.users["account_manager_a"], queue, START, START + dt.timedelta(days=1), 30)
    assert series.values.shape == (48,)
    assert series.values[:4].tolist() == [2, 1, 0, 1]
    assert series.values[-1] == 1
    assert series.values.sum() == 5


def test_queue_history_counts_nothing_of_a_client_the_actor_cannot_see(world: World) -> None:
    queue_b = QueueFactory(service=ServiceFactory(engagement=world.bpo_b))
    WorkItemFactory(queue=queue_b, created_at=START + dt.timedelta(hours=9))
    end = START + dt.timedelta(days=1)
    assert selectors.queue_history(world.users["account_manager_a"], queue_b, START, end, 30).values.sum() == 0
    assert selectors.queue_history(world.users["provider_admin"], queue_b, START, end, 30).values.sum() == 1


def test_planned_queue_is_for_planners_of_the_queues_client(world: World, wf: WorkforceWorld) -> None:
    assert selectors.planned_queue(world.users["team_lead_a"], wf.queue_a.pk) == wf.queue_a
    assert selectors.planned_queue(world.users["account_manager_a"], wf.queue_a.pk) == wf.queue_a
    with pytest.raises(Http404):
        selectors.planned_queue(world.users["account_manager_a"], wf.queue_b.pk)
    with pytest.raises(Http404):
        selectors.planned_queue(world.users["account_manager_a"], 10**9)
    for persona in ("bpo_agent_a", "recruiter_a", "hr_admin_a", "process_owner_a"):
        with pytest.raises(PermissionDenied):
            selectors.planned_queue(world.users[persona], wf.queue_a.pk)
    assert list(selectors.planned_queues(world.users["bpo_agent_a"])) == []


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"aht": 0}, "aht", "AHT must be more than 0"),
        ({"aht": float("nan")}, "aht", "AHT"),
        ({"target": 1.0, "within": 0}, "target", "no staffing answers every call in time"),
        ({"shrinkage": 1}, "shrinkage", "below 100 %"),
        ({"within": -1}, "within", "zero or more seconds"),
        ({"max_occupancy": 1.5}, "max_occupancy", "at most 100 %"),
        ({"max_abandonment": 0.05}, "max_abandonment", "needs the mean patience"),
        ({"target": None, "max_occupancy": None}, "target", "give a target"),
        ({"calls": [10, -1]}, "calls", "zero or more"),
    ],
)
def test_checked_inputs_name_the_field_at_fault(changes: dict[str, object], field: str, words: str) -> None:
    values: dict[str, object] = {"aht": 180, "target": 0.8, "within": 20, "max_occupancy": 0.85, "shrinkage": 0.3}
    values.update(changes)
    with pytest.raises(ValidationError) as caught:
        checked_inputs(**values)  # type: ignore[arg-type]
    assert words in " ".join(caught.value.message_dict[field])


def test_target_within_zero_seconds_is_allowed_below_100_percent() -> None:
    inputs = checked_inputs(aht=180, target=0.8, within=0, shrinkage=0.3)
    assert inputs.targets.answer_within_seconds == 0


def test_outlook_forecasts_the_next_days_near_the_history(world: World, wf: WorkforceWorld) -> None:
    outlook = planning.queue_outlook(world.users["team_lead_a"], wf.queue_a, days=2)
    mean = outlook.result.forecast.mean
    assert mean.shape == (96,)
    assert outlook.start.tzinfo is not None
    assert outlook.start.utcoffset() == dt.timedelta(hours=8)
    daily_history = np.nansum(outlook.history.values) / (len(outlook.history.values) / 48)
    assert 0.5 * daily_history < mean[:48].sum() < 1.5 * daily_history
    assert mean[: 2 * 8].sum() < mean[2 * 10 : 2 * 18].sum()  # nights are quieter than the day
    band = outlook.result.forecast.interval(0.8)
    assert np.all(band.lower <= mean + 1e-9)
    assert np.all(band.upper >= mean - 1e-9)


def test_outlook_refuses_a_queue_with_too_little_history(world: World) -> None:
    queue = QueueFactory(service=ServiceFactory(engagement=world.bpo_a), name="New queue")
    with pytest.raises(planning.NotEnoughHistory, match="no work items yet"):
        planning.queue_outlook(world.users["provider_admin"], queue)
    add_history(queue, days=5)
    with pytest.raises(planning.NotEnoughHistory, match="5 full days of work items; the forecast needs at least 21"):
        planning.queue_outlook(world.users["provider_admin"], queue)


def test_requirements_grow_with_the_handle_time(world: World, wf: WorkforceWorld) -> None:
    outlook = planning.queue_outlook(world.users["team_lead_a"], wf.queue_a)
    calls = outlook.result.forecast.mean
    short = planning.requirements(calls, checked_inputs(aht=180, target=0.8, shrinkage=0.3), 30)
    long = planning.requirements(calls, checked_inputs(aht=600, target=0.8, shrinkage=0.3), 30)
    assert np.all(long.scheduled_agents >= short.scheduled_agents)
    assert long.scheduled_agents.sum() > short.scheduled_agents.sum()


def test_roster_covers_the_requirement_with_the_centers_agents(world: World, wf: WorkforceWorld) -> None:
    outlook = planning.queue_outlook(world.users["team_lead_a"], wf.queue_a)
    needed = np.zeros(outlook.days * 48, dtype=np.int64)
    needed[2 * 9 : 2 * 17] = 2  # two agents 09:00–17:00 on day 0
    outcome = planning.roster(wf.queue_a, outlook, needed, seconds=5)
    assert outcome.roster is not None, outcome.message
    assert outcome.roster.under_coverage == 0
    assert outcome.gaps is not None
    assert outcome.gaps.lp_gap >= 0
    assert {s.agent_id for s in outcome.roster.shifts} <= {str(a.pk) for a in wf.agents}


def test_roster_puts_night_demand_on_shifts_crossing_midnight(world: World, wf: WorkforceWorld) -> None:
    outlook = planning.queue_outlook(world.users["team_lead_a"], wf.queue_a)
    needed = np.zeros(outlook.days * 48, dtype=np.int64)
    needed[2 * 23 : 2 * 26] = 1  # 23:00 on day 0 to 02:00 on day 1
    outcome = planning.roster(wf.queue_a, outlook, needed, seconds=5)
    assert outcome.roster is not None, outcome.message
    assert outcome.roster.under_coverage == 0
    assert any(s.end.astimezone(MANILA).date() > s.start.astimezone(MANILA).date() for s in outcome.roster.shifts)


def test_roster_without_agents_says_so(world: World) -> None:
    queue = QueueFactory(service=ServiceFactory(engagement=world.bpo_a))
    add_history(queue)
    outlook = planning.queue_outlook(world.users["provider_admin"], queue)
    outcome = planning.roster(queue, outlook, np.ones(outlook.days * 48, dtype=np.int64))
    assert outcome.roster is None
    assert "has no agent profiles to roster yet" in outcome.message


def test_save_scenario_sets_the_owner_and_overwrites_by_name(world: World, wf: WorkforceWorld) -> None:
    from handoff.domain.workforce.actions import save_scenario

    lead = world.users["team_lead_a"]
    first = save_scenario(lead, wf.queue_a.pk, " Peak ", checked_inputs(aht=240, target=0.8, shrinkage=0.3))
    assert first.client_id == wf.queue_a.client_id
    assert first.name == "Peak"
    assert first.saved_by == lead
    again = save_scenario(lead, wf.queue_a.pk, "Peak", checked_inputs(aht=360, target=0.9, within=15, shrinkage=0.25))
    assert again.pk == first.pk
    assert again.inputs().aht_seconds == 360
    assert again.query() == {
        "aht": "360",
        "target": "90",
        "within": "15",
        "max_occupancy": "",
        "max_abandonment": "",
        "shrinkage": "25",
        "patience": "",
    }
    assert list(selectors.scenarios(world.users["account_manager_a"], wf.queue_a)) == [again]
    assert list(selectors.scenarios(world.users["hr_admin_b"], wf.queue_a)) == []


def test_save_scenario_refuses_foreign_queues_and_other_roles(world: World, wf: WorkforceWorld) -> None:
    from handoff.domain.workforce.actions import save_scenario
    from handoff.domain.workforce.models import StaffingScenario

    inputs = checked_inputs(aht=240, target=0.8)
    with pytest.raises(Http404):
        save_scenario(world.users["account_manager_a"], wf.queue_b.pk, "Theirs", inputs)
    with pytest.raises(PermissionDenied):
        save_scenario(world.users["bpo_agent_a"], wf.queue_a.pk, "Mine", inputs)
    assert not StaffingScenario.objects.exists()


def test_a_scenario_row_is_checked_like_the_form(world: World, wf: WorkforceWorld) -> None:
    from handoff.domain.workforce.models import StaffingScenario

    scenario = StaffingScenario(client=wf.queue_a.client, queue=wf.queue_a, name="Bad", aht_seconds=0, service_level=1)
    with pytest.raises(ValidationError) as caught:
        scenario.full_clean()
    assert set(caught.value.message_dict) >= {"aht_seconds", "service_level"}
    foreign = StaffingScenario(client=world.client_b, queue=wf.queue_a, name="X", aht_seconds=100, service_level=0.8)
    with pytest.raises(ValidationError, match="another client"):
        foreign.full_clean()
