"""Comparing the candidates of one round: mean score per competency of each interview's submitted cards,
best first, under the same blind rule as one interview's summary."""

from __future__ import annotations

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from handoff.domain.interviews import actions
from handoff.domain.interviews.models import Interview
from tests.personas import World
from tests.scorecards import panel_of_two, second_candidate_interview

pytestmark = pytest.mark.django_db


def _ratings(python: int, potential: int) -> list[dict[str, object]]:
    return [
        {"competency_key": "skill:Python", "score": python, "evidence": "Seen in the exercise"},
        {"competency_key": "potential", "score": potential, "evidence": "Seen in the discussion"},
    ]


@pytest.fixture
def two_candidates(world: World) -> tuple[Interview, Interview]:
    first = panel_of_two(world)
    second = second_candidate_interview(world)
    manager, recruiter = world.users["hiring_manager_a"], world.users["recruiter_a"]
    actions.save_scorecard(manager, first, ratings=_ratings(2, 3), recommendation=3, submit=True)
    actions.save_scorecard(recruiter, first, ratings=_ratings(3, 3), recommendation=3, submit=True)
    actions.save_scorecard(manager, second, ratings=_ratings(4, 4), recommendation=4, notes="Best so far", submit=True)
    actions.save_scorecard(recruiter, second, ratings=_ratings(1, 4), recommendation=1, notes="Not ready", submit=True)
    return first, second


def test_candidates_are_compared_per_competency_best_first(
    world: World, two_candidates: tuple[Interview, Interview]
) -> None:
    first, second = two_candidates
    compared = actions.round_comparison(world.users["recruiter_a"], first)
    assert [item.interview.pk for item in compared] == [second.pk, first.pk]  # 3.25 overall before 2.75
    best, other = compared
    assert best.means == {"skill:Python": 2.5, "potential": 4.0}
    assert best.overall == 3.25
    assert best.flagged  # strong yes against strong no
    assert sorted(best.recommendations) == ["strong no", "strong yes"]
    assert other.means == {"skill:Python": 2.5, "potential": 3.0}
    assert other.cards == 2
    assert not other.flagged


def test_an_interviewer_sees_only_the_interviews_they_have_submitted_on(world: World) -> None:
    first = panel_of_two(world)
    second = second_candidate_interview(world)
    manager, recruiter = world.users["hiring_manager_a"], world.users["recruiter_a"]
    actions.save_scorecard(manager, second, ratings=_ratings(4, 4), recommendation=4, notes="Best so far", submit=True)
    assert actions.round_comparison(recruiter, first) == []  # the recruiter has not submitted on the second
    actions.save_scorecard(recruiter, second, ratings=_ratings(3, 3), recommendation=3, submit=True)
    assert [item.interview.pk for item in actions.round_comparison(recruiter, first)] == [second.pk]


def test_the_page_shows_each_candidate_with_a_link_to_its_summary(
    world: World, two_candidates: tuple[Interview, Interview]
) -> None:
    first, second = two_candidates
    http = HttpClient()
    http.force_login(world.users["recruiter_a"])
    response = http.get(reverse("web:round_comparison", kwargs={"interview_id": first.pk}))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("data-candidate=") == 2
    assert page.index("Bo Chen") < page.index("Ana Lima")
    assert reverse("web:scorecard_summary", kwargs={"interview_id": second.pk}) in page
    assert "3.25" in page


def test_the_page_of_another_clients_interview_is_not_found(world: World) -> None:
    first = panel_of_two(world)
    http = HttpClient()
    http.force_login(world.users["hr_admin_b"])
    assert http.get(reverse("web:round_comparison", kwargs={"interview_id": first.pk})).status_code == 404
