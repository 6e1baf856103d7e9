"""QA: the weekly sample (share per agent, deterministic), weighted scorecards, calibration between reviewers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from handoff.domain.assurance import selectors
from handoff.domain.assurance.actions.qa import (
    draw_all_samples,
    draw_week_sample,
    resolved_by_agent,
    review_sample,
    set_qa_plan,
)
from handoff.domain.assurance.models import QaSample
from handoff.domain.engagements.models import ProcessType
from handoff.domain.operations.actions.items import change_status
from handoff.domain.operations.models import ItemStatus, WorkItem
from tests.domain.assurance_desk import MONDAY_9_MANILA, AssuranceDesk, build_assurance_desk, worked_item
from tests.domain.operations_desk import agent_on

pytestmark = pytest.mark.django_db

CRITERIA = [
    {"key": "accuracy", "label": "Accuracy", "weight": 50, "max_points": 5},
    {"key": "process", "label": "Process", "weight": 30, "max_points": 5},
    {"key": "tone", "label": "Tone", "weight": 20, "max_points": 10},
]
WEEK = dt.date(2026, 3, 2)  # a Monday


@pytest.fixture
def ad() -> AssuranceDesk:
    return build_assurance_desk("Care", ProcessType.CUSTOMER_SERVICE)


def resolve_items(ad: AssuranceDesk, agent: object, count: int, at: dt.datetime) -> list[WorkItem]:
    items = []
    for _ in range(count):
        item = worked_item(ad.desk, agent, now=at)  # type: ignore[arg-type]
        items.append(change_status(agent, item, ItemStatus.RESOLVED, now=at + dt.timedelta(hours=1)))  # type: ignore[arg-type]
    return items


def test_plan_and_scorecard_are_checked(ad: AssuranceDesk) -> None:
    with pytest.raises(ValidationError) as error:
        set_qa_plan(ad.qa, ad.desk.service, 0, [{"key": "a", "weight": 0}, {"key": "a", "weight": 5}])
    assert {"share_percent", "criteria.0.weight", "criteria"} <= set(error.value.message_dict)
    with pytest.raises(PermissionDenied):
        set_qa_plan(ad.desk.agent, ad.desk.service, 10, CRITERIA)
    plan = set_qa_plan(ad.qa, ad.desk.service, 10, CRITERIA)
    assert plan.share_percent == 10
    assert [c.key for c in selectors.criteria(ad.qa, ad.desk.service)] == ["accuracy", "process", "tone"]


def test_the_weekly_sample_takes_the_share_of_each_agent_and_is_deterministic(ad: AssuranceDesk) -> None:
    second_agent, _ = agent_on(ad.desk.client, "agent2@care.provider.test", skills={"refunds": 3})
    resolve_items(ad, ad.desk.agent, 8, MONDAY_9_MANILA)
    resolve_items(ad, second_agent, 2, MONDAY_9_MANILA + dt.timedelta(days=1))
    resolve_items(ad, ad.desk.agent, 3, MONDAY_9_MANILA + dt.timedelta(days=7))  # next week: not counted
    grouped = resolved_by_agent(ad.desk.service, WEEK)
    assert sorted(len(ids) for ids in grouped.values()) == [2, 8]
    set_qa_plan(ad.qa, ad.desk.service, 25, CRITERIA)
    drawn = draw_week_sample(ad.qa, ad.desk.service, WEEK + dt.timedelta(days=3))  # any day of the week
    per_agent = {agent: sum(1 for s in drawn if s.agent_id == agent) for agent in grouped}
    assert per_agent == {ad.desk.agent.pk: 2, second_agent.pk: 1}  # ceil(25% of 8), ceil(25% of 2)
    assert all(s.week == WEEK for s in drawn)
    first_ids = sorted(s.item_id for s in drawn)
    # drawing again changes nothing; drawing from scratch gives the same items
    assert sorted(s.item_id for s in draw_week_sample(ad.desk.lead, ad.desk.service, WEEK)) == first_ids
    QaSample.objects.all().delete()
    assert draw_all_samples(WEEK) == 3
    assert sorted(QaSample.objects.values_list("item_id", flat=True)) == first_ids


def test_sampling_needs_a_plan_and_a_reviewer(ad: AssuranceDesk) -> None:
    with pytest.raises(ValidationError):
        draw_week_sample(ad.qa, ad.desk.service, WEEK)
    set_qa_plan(ad.qa, ad.desk.service, 25, CRITERIA)
    with pytest.raises(PermissionDenied):
        draw_week_sample(ad.desk.agent, ad.desk.service, WEEK)
    other = build_assurance_desk("Else", ProcessType.CUSTOMER_SERVICE)
    with pytest.raises(Http404):
        draw_week_sample(other.qa, ad.desk.service, WEEK)


@pytest.fixture
def sample(ad: AssuranceDesk) -> QaSample:
    resolve_items(ad, ad.desk.agent, 1, MONDAY_9_MANILA)
    set_qa_plan(ad.qa, ad.desk.service, 100, CRITERIA)
    [drawn] = draw_week_sample(ad.qa, ad.desk.service, WEEK)
    return drawn


def test_weighted_scorecard(ad: AssuranceDesk, sample: QaSample) -> None:
    review = review_sample(ad.qa, sample, {"accuracy": 5, "process": 3, "tone": 5}, "good")
    assert review.score == Decimal("78.00")  # 50 + 18 + 10
    assert review.criteria[0] == {"key": "accuracy", "label": "Accuracy", "weight": 50, "max_points": 5}
    with pytest.raises(ValidationError, match="already scored"):
        review_sample(ad.qa, sample, {"accuracy": 5, "process": 3, "tone": 5})
    with pytest.raises(ValidationError, match="tone"):
        review_sample(ad.desk.lead, sample, {"accuracy": 5, "process": 3, "tone": 11})
    with pytest.raises(PermissionDenied):
        review_sample(ad.desk.agent, sample, {"accuracy": 5, "process": 3, "tone": 5})


def test_calibration_between_two_reviewers(ad: AssuranceDesk, sample: QaSample) -> None:
    assert selectors.calibration(ad.qa, sample) is None
    review_sample(ad.qa, sample, {"accuracy": 5, "process": 3, "tone": 6})
    review_sample(ad.desk.lead, sample, {"accuracy": 4, "process": 3, "tone": 8})
    report = selectors.calibration(ad.qa, sample)
    assert report is not None
    result = report.result
    assert (result.first_score, result.second_score, result.score_difference) == (80.0, 74.0, -6.0)
    assert [(g.key, g.difference, g.gap_percent) for g in result.criteria] == [
        ("accuracy", -1, 20.0),
        ("process", 0, 0.0),
        ("tone", 2, 20.0),
    ]
    assert result.agreement == 86.0
    assert report.labels["tone"] == "Tone"


def test_results_are_seen_by_the_clients_process_owner_but_not_by_others(ad: AssuranceDesk, sample: QaSample) -> None:
    review_sample(ad.qa, sample, {"accuracy": 5, "process": 3, "tone": 6})
    assert list(selectors.samples(ad.desk.owner)) == [sample]
    assert len(selectors.reviews(ad.desk.owner, sample)) == 1
    other = build_assurance_desk("Else", ProcessType.CUSTOMER_SERVICE)
    assert list(selectors.samples(other.desk.owner)) == []
    with pytest.raises(Http404):
        selectors.sample(other.qa, sample.pk)
    assert list(selectors.samples(ad.desk.agent)) == []  # agents do not read QA results here
