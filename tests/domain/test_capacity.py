"""Recruiter capacity: conversion and throughput measured from stage moves, defaults on thin data, scoping, plan."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from handoff.domain.recruiting.models import PipelineStage, StageTransition
from handoff.domain.workforce import capacity
from tests.capacity import grow_funnel
from tests.factories import RpoEngagementFactory
from tests.personas import World

pytestmark = pytest.mark.django_db
YEAR_AGO = dt.date.today() - dt.timedelta(days=365)


def _stage(funnel: capacity.MeasuredFunnel, key: str) -> capacity.MeasuredStage:
    return next(stage for stage in funnel.stages if stage.key == key)


@pytest.fixture
def grown(world: World) -> World:
    """Client A: 20 new applications (plus the world's one): 10 go to screened (skipping applied), 5 of them on."""
    admin = world.users["provider_admin"]
    paths = [["screened", "submitted"]] * 5 + [["screened"]] * 5 + [[]] * 10
    grow_funnel(admin, world.recruiting.requisition_a, paths)
    return world


def test_conversion_is_the_share_that_reached_the_next_stage(grown: World) -> None:
    funnel = capacity.measured_funnel(grown.users["account_manager_a"], grown.rpo_a, YEAR_AGO)
    assert [s.key for s in funnel.stages] == [
        "sourced", "applied", "screened", "submitted", "client_review", "interview", "offer", "hired",
    ]  # fmt: skip
    assert [s.reached for s in funnel.stages] == [21, 10, 10, 5, 0, 0, 0, 0]
    applied = _stage(funnel, "applied").conversion
    assert applied.value == pytest.approx(10 / 21)
    assert (applied.source, applied.samples) == ("measured", 21)
    screened = _stage(funnel, "screened").conversion  # skipping a stage still passes through it
    assert (screened.value, screened.source, screened.samples) == (1.0, "measured", 10)
    submitted = _stage(funnel, "submitted").conversion
    assert (submitted.value, submitted.source, submitted.samples) == (0.5, "measured", 10)


def test_too_few_samples_fall_back_to_the_documented_defaults(grown: World) -> None:
    funnel = capacity.measured_funnel(grown.users["provider_admin"], grown.rpo_a, YEAR_AGO)
    review = _stage(funnel, "client_review").conversion
    assert (review.value, review.source, review.samples, review.measured) == (0.9, "default", 5, 0.0)
    offer = _stage(funnel, "offer").conversion
    assert (offer.value, offer.source, offer.measured) == (capacity.DEFAULT_STAGE_FIGURES["offer"][0], "default", None)
    assert _stage(funnel, "sourced").days_in_stage.source == "measured"  # 10 applications left sourced
    assert _stage(funnel, "submitted").days_in_stage.source == "default"  # nobody left submitted


def test_throughput_counts_provider_staff_moves_per_recruiter_week(grown: World) -> None:
    funnel = capacity.measured_funnel(grown.users["provider_admin"], grown.rpo_a, YEAR_AGO)
    moves = 21 + 10 + 5  # every add and move, all by the provider admin
    assert (funnel.moves, funnel.recruiter_weeks) == (moves, 1)
    assert (funnel.throughput.value, funnel.throughput.source) == (moves, "measured")


def test_moves_before_since_are_left_out_and_thin_throughput_is_a_default(grown: World) -> None:
    funnel = capacity.measured_funnel(grown.users["provider_admin"], grown.rpo_a, timezone.now() + dt.timedelta(1))
    assert all(stage.reached == 0 for stage in funnel.stages)
    assert all(stage.conversion.source == "default" for stage in funnel.stages[1:])
    assert (funnel.throughput.value, funnel.throughput.source) == (capacity.DEFAULT_THROUGHPUT, "default")


def test_another_clients_moves_never_count(grown: World) -> None:
    admin, manager = grown.users["provider_admin"], grown.users["account_manager_a"]
    before = capacity.measured_funnel(manager, grown.rpo_a, YEAR_AGO)
    grow_funnel(admin, grown.recruiting.requisition_b, [["screened", "submitted", "interview"]] * 12, tag="b")
    assert StageTransition.objects.filter(client=grown.client_b).count() > 36
    for actor in (manager, admin):
        after = capacity.measured_funnel(actor, grown.rpo_a, YEAR_AGO)
        assert [s.reached for s in after.stages] == [s.reached for s in before.stages]
        assert after.moves == before.moves
    with pytest.raises(Http404):
        capacity.measured_funnel(manager, grown.client_b, YEAR_AGO)
    with pytest.raises(Http404):
        capacity.measured_funnel(manager, grown.rpo_b, YEAR_AGO)
    by_client = capacity.measured_funnel(admin, grown.client_b, YEAR_AGO)
    assert [s.reached for s in by_client.stages][:4] == [13, 12, 12, 12]


def test_plan_needs_enough_recruiters_and_marks_overrides(grown: World) -> None:
    today = timezone.localdate()
    outcome = capacity.capacity_plan(
        grown.users["recruiter_a"], grown.rpo_a, 4, today + dt.timedelta(days=120), today,
        conversions={"offer": 0.5}, max_ramp=1,
    )  # fmt: skip
    plan = outcome.plan
    assert plan.stage_volumes["hired"] == 4
    assert plan.stage_volumes["offer"] == 5  # ⌈4 / 0.85⌉
    assert plan.stage_volumes["interview"] == 10  # ⌈5 / 0.5⌉, the override
    assert outcome.conversions["offer"].source == "override"
    assert outcome.conversions["submitted"].source == "measured"
    assert plan.peak_recruiters >= 1
    assert sum(plan.recruiters_per_week) >= plan.workload_recruiter_weeks
    steps = [b - a for a, b in zip((0, *plan.recruiters_per_week), plan.recruiters_per_week, strict=False)]
    assert max(abs(step) for step in steps) <= 1
    assert capacity.plan_weeks(plan)[0].start == today


@pytest.mark.parametrize(
    ("hires", "days", "field", "words"),
    [
        (0, 120, "hires", "more than 0"),
        (3, -1, "deadline", "in the past"),
        (3, 20, "deadline", "pipeline lead time"),
    ],
)
def test_bad_inputs_name_the_constraint(world: World, hires: int, days: int, field: str, words: str) -> None:
    today = timezone.localdate()
    with pytest.raises(ValidationError) as caught:
        capacity.capacity_plan(world.users["provider_admin"], world.rpo_a, hires, today + dt.timedelta(days), today)
    assert words in " ".join(caught.value.message_dict[field])


def test_unknown_override_stage_is_refused(world: World) -> None:
    today = timezone.localdate()
    with pytest.raises(ValidationError) as caught:
        capacity.capacity_plan(
            world.users["provider_admin"], world.rpo_a, 2, today + dt.timedelta(90), today, conversions={"nope": 0.5}
        )
    assert "no such funnel stage: nope" in caught.value.message_dict["conversions"][0]


@pytest.mark.parametrize("persona", ["hr_admin_a", "hiring_manager_a", "bpo_agent_a"])
def test_only_admins_account_managers_and_recruiters_plan(world: World, persona: str) -> None:
    with pytest.raises(PermissionDenied):
        capacity.capacity_engagement(world.users[persona], world.rpo_a.pk)


@pytest.mark.parametrize("persona", ["account_manager_a", "recruiter_a", "outsider"])
def test_a_foreign_engagement_is_missing(world: World, persona: str) -> None:
    with pytest.raises(Http404):
        capacity.capacity_engagement(world.users[persona], world.rpo_b.pk)
    with pytest.raises(Http404):
        capacity.capacity_engagement(world.users[persona], 987654)


def test_an_engagement_without_a_pipeline_plans_on_the_default_one(world: World) -> None:
    fresh = RpoEngagementFactory(client=world.client_a)
    funnel = capacity.measured_funnel(world.users["account_manager_a"], fresh, YEAR_AGO)
    assert funnel.stages[0].key == "sourced"
    assert funnel.stages[-1].key == "hired"
    assert all(s.conversion.source == "default" for s in funnel.stages[1:])
    assert not PipelineStage.objects.filter(engagement=fresh).exists()  # nothing written by a read
