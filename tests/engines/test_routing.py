"""The routing engine: eligibility, claim order, round-robin agent choice."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handoff.engines.routing import (
    Agent,
    AgentState,
    Candidate,
    QueueRule,
    Refusal,
    Shift,
    agent_refusals,
    choose_agent,
    eligible_queues,
    is_eligible,
    next_for,
    order_key,
    priority_rank,
    queue_refusals,
    rank_candidates,
)

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
BILLING = QueueRule(1, client_id=10, required_skills={"billing": 3}, languages=frozenset({"en"}))
SPANISH = QueueRule(2, client_id=10, required_skills={}, languages=frozenset({"es"}))
OTHER_CLIENT = QueueRule(3, client_id=20)


def agent(**changes: object) -> Agent:
    base = {
        "agent_id": 1,
        "skills": {"billing": 3},
        "languages": frozenset({"EN"}),
        "certified_clients": frozenset({10}),
    }
    return Agent(**{**base, **changes})  # type: ignore[arg-type]


# --- eligibility ------------------------------------------------------------------------------------------------


def test_a_qualified_agent_is_eligible_whatever_the_case_of_the_language_code() -> None:
    assert is_eligible(agent(), BILLING)
    assert eligible_queues(agent(), [BILLING, SPANISH, OTHER_CLIENT]) == [1]


@pytest.mark.parametrize(
    ("changes", "refusal"),
    [
        ({"skills": {"billing": 2}}, Refusal.SKILL),
        ({"skills": {}}, Refusal.SKILL),
        ({"languages": frozenset({"fr"})}, Refusal.LANGUAGE),
        ({"certified_clients": frozenset({20})}, Refusal.NOT_CERTIFIED),
    ],
)
def test_a_queue_refuses_an_agent_below_its_requirements(changes: dict[str, object], refusal: Refusal) -> None:
    assert refusal in queue_refusals(agent(**changes), BILLING)
    assert not is_eligible(agent(**changes), BILLING)


@pytest.mark.parametrize(
    ("changes", "refusal"),
    [
        ({"state": AgentState.AWAY}, Refusal.STATE),
        ({"state": AgentState.OFFLINE}, Refusal.STATE),
        ({"center_open": False}, Refusal.OFF_SHIFT),
        ({"shift": Shift(22 * 60, 6 * 60), "local_minute": 12 * 60}, Refusal.OFF_SHIFT),
        ({"in_hand": 2, "concurrency": 2}, Refusal.NO_CAPACITY),
    ],
)
def test_an_agent_away_off_shift_or_full_takes_nothing(changes: dict[str, object], refusal: Refusal) -> None:
    assert agent_refusals(agent(**changes)) == (refusal,)
    assert eligible_queues(agent(**changes), [BILLING]) == []


def test_a_busy_agent_with_room_still_takes_work() -> None:
    assert is_eligible(agent(state=AgentState.BUSY, in_hand=1, concurrency=3), BILLING)


@pytest.mark.parametrize(
    ("minute", "inside"),
    [(22 * 60, True), (23 * 60 + 59, True), (0, True), (359, True), (360, False), (21 * 60 + 59, False)],
)
def test_a_night_shift_crosses_midnight(minute: int, inside: bool) -> None:
    assert Shift(22 * 60, 6 * 60).contains(minute) is inside


def test_an_empty_shift_and_an_unknown_priority_are_errors() -> None:
    with pytest.raises(ValueError, match="two different times"):
        Shift(600, 600)
    with pytest.raises(ValueError, match="unknown priority 'critical'"):
        priority_rank("critical")


# --- order ------------------------------------------------------------------------------------------------------


def candidate(item_id: int, priority: str = "normal", deadline_h: float | None = 4, age_h: float = 0) -> Candidate:
    deadline = None if deadline_h is None else T0 + dt.timedelta(hours=deadline_h)
    return Candidate(item_id, 1, priority, deadline, T0 - dt.timedelta(hours=age_h))


def test_items_are_ordered_by_priority_then_deadline_then_age_then_id() -> None:
    items = [
        candidate(1, "low", deadline_h=0.5),
        candidate(2, "normal", deadline_h=None),
        candidate(3, "normal", deadline_h=2),
        candidate(4, "urgent", deadline_h=9),
        candidate(5, "normal", deadline_h=2, age_h=1),
        candidate(6, "normal", deadline_h=2, age_h=1),
    ]
    assert [c.item_id for c in rank_candidates(items)] == [4, 5, 6, 3, 2, 1]


def test_next_for_takes_the_head_of_the_eligible_queues_only() -> None:
    foreign = Candidate(9, 3, "urgent", T0, T0)
    mine = candidate(7, "low")
    assert next_for(agent(), [BILLING, OTHER_CLIENT], [foreign, mine]) == mine
    assert next_for(agent(state=AgentState.AWAY), [BILLING], [mine]) is None


# --- choosing an agent ------------------------------------------------------------------------------------------


def test_the_least_loaded_agent_gets_the_item() -> None:
    busy = agent(agent_id=1, in_hand=1, concurrency=2)
    idle = agent(agent_id=2, in_hand=0, concurrency=1)
    assert choose_agent([busy, idle], BILLING) == idle


def test_ties_go_round_robin_to_the_agent_who_waited_longest() -> None:
    agents = {
        1: agent(agent_id=1, last_assigned_at=T0),
        2: agent(agent_id=2, last_assigned_at=T0 - dt.timedelta(minutes=5)),
        3: agent(agent_id=3, last_assigned_at=None),
    }
    order = []
    clock = T0
    for _ in range(6):
        chosen = choose_agent(agents.values(), BILLING)
        assert chosen is not None
        order.append(chosen.agent_id)
        clock += dt.timedelta(minutes=1)
        agents[chosen.agent_id] = agent(agent_id=chosen.agent_id, last_assigned_at=clock)
    assert order == [3, 2, 1, 3, 2, 1]


def test_nobody_is_chosen_when_no_agent_qualifies() -> None:
    assert choose_agent([agent(languages=frozenset({"de"}))], BILLING) is None


# --- properties -------------------------------------------------------------------------------------------------

priorities = st.sampled_from(["urgent", "high", "normal", "low"])
candidates = st.builds(
    Candidate,
    item_id=st.integers(1, 10_000),
    queue_id=st.just(1),
    priority=priorities,
    deadline=st.none() | st.integers(0, 10_000).map(lambda m: T0 + dt.timedelta(minutes=m)),
    created_at=st.integers(0, 10_000).map(lambda m: T0 - dt.timedelta(minutes=m)),
)


@given(st.lists(candidates, max_size=30, unique_by=lambda c: c.item_id))
def test_ranking_is_a_total_order_independent_of_the_input_order(items: list[Candidate]) -> None:
    ranked = rank_candidates(items)
    assert rank_candidates(reversed(items)) == ranked
    assert sorted(c.item_id for c in ranked) == sorted(c.item_id for c in items)
    ranks = [priority_rank(c.priority) for c in ranked]
    assert ranks == sorted(ranks)
    for before, after in itertools.pairwise(ranked):
        if before.priority == after.priority and after.deadline is not None:
            assert before.deadline is not None
            assert before.deadline <= after.deadline
        assert order_key(before) != order_key(after)


skills = st.dictionaries(st.sampled_from(["billing", "refunds", "kyc"]), st.integers(1, 5), max_size=3)
languages = st.frozensets(st.sampled_from(["en", "es", "fr"]), max_size=3)


@given(skills, languages, skills, languages)
def test_raising_an_agents_skills_or_languages_never_makes_a_queue_refuse(
    agent_skills: dict[str, int], agent_languages: frozenset[str], needed: dict[str, int], spoken: frozenset[str]
) -> None:
    queue = QueueRule(1, 10, needed, spoken)
    before = agent(skills=agent_skills, languages=agent_languages)
    better = agent(skills={**agent_skills, **dict.fromkeys(needed, 5)}, languages=agent_languages | spoken)
    if is_eligible(before, queue):
        assert is_eligible(better, queue)
    assert is_eligible(better, queue)


@given(st.lists(st.tuples(st.integers(0, 4), st.integers(1, 4)), min_size=1, max_size=8))
def test_the_chosen_agent_has_the_lowest_load(loads: list[tuple[int, int]]) -> None:
    agents = [agent(agent_id=n, in_hand=held, concurrency=held + room) for n, (held, room) in enumerate(loads)]
    chosen = choose_agent(agents, BILLING)
    assert chosen is not None
    assert chosen.load == min(a.load for a in agents)
