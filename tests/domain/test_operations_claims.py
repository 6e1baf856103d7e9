"""Claims: "next item" picks the right item for the right agent, and concurrent claims never take an item twice.

The concurrency tests run real threads, each with its own database connection, on committed
data (``transaction=True``): on SQLite the compare-and-set UPDATE decides, on PostgreSQL
``FOR UPDATE SKIP LOCKED`` (run them with DATABASE_URL=postgres://…).
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import PermissionDenied
from django.db import OperationalError, connection, connections

from handoff.domain.accounts.models import User
from handoff.domain.operations import selectors
from handoff.domain.operations.actions.claims import (
    NOTHING_WAITING,
    REFUSAL_MESSAGES,
    AlreadyTaken,
    assign,
    assign_to_me,
    claim_next,
    claimable,
)
from handoff.domain.operations.actions.items import change_status, create_item
from handoff.domain.operations.models import ItemStatus, WorkItem
from handoff.engines import routing
from handoff.engines.routing import AgentState, Refusal
from tests import factories
from tests.domain.operations_desk import VALID_VALUES, Desk, agent_on, build_desk
from tests.factories_operations import MONDAY_10_MANILA, QueueFactory, WorkItemFactory

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="FOR UPDATE SKIP LOCKED is PostgreSQL's: run with DATABASE_URL=postgres://…",
)
SATURDAY_10_MANILA = dt.datetime(2026, 3, 7, 2, 0, tzinfo=dt.UTC)


@pytest.fixture
def desk(db: None) -> Desk:
    return build_desk()


def raise_item(desk: Desk, title: str, priority: str = "normal", minutes_ago: int = 0) -> WorkItem:
    data = {"title": title, "priority": priority, "custom_fields": VALID_VALUES}
    return create_item(desk.owner, desk.service.pk, data, now=MONDAY_10_MANILA - dt.timedelta(minutes=minutes_ago))


def claim(user: User) -> WorkItem | None:
    return claim_next(user, now=MONDAY_10_MANILA).item


# --- what is claimed --------------------------------------------------------------------------------------------


def test_next_item_is_the_most_urgent_then_the_earliest_deadline(desk: Desk) -> None:
    desk.profile.concurrency = 10
    desk.profile.save()
    old_normal = raise_item(desk, "old normal", minutes_ago=90)
    new_normal = raise_item(desk, "new normal")
    urgent = raise_item(desk, "urgent", "urgent")
    assert [claim(desk.agent) for _ in range(4)] == [urgent, old_normal, new_normal, None]
    assert selectors.work_item(desk.agent, urgent.pk).assignee_id == desk.agent.pk


def test_the_database_order_is_the_engines_order(desk: Desk) -> None:
    for n, priority in enumerate(["low", "urgent", "normal", "high", "normal", "urgent"]):
        raise_item(desk, f"item {n}", priority, minutes_ago=n * 7)
    rows = list(claimable(desk.agent, [desk.queue.pk]))
    engine = routing.rank_candidates(
        routing.Candidate(r.pk, r.queue_id, r.priority, r.resolution_due, r.created_at) for r in rows
    )
    assert [r.pk for r in rows] == [c.item_id for c in engine]


def test_concurrency_limits_the_items_in_hand(desk: Desk) -> None:
    first = raise_item(desk, "one")
    raise_item(desk, "two")
    assert claim(desk.agent) == first
    outcome = claim_next(desk.agent, now=MONDAY_10_MANILA)
    assert outcome.item is None
    assert outcome.reason == REFUSAL_MESSAGES[Refusal.NO_CAPACITY]
    change_status(desk.agent, first, ItemStatus.RESOLVED, now=MONDAY_10_MANILA)
    assert claim(desk.agent) is not None


def test_an_agent_off_shift_away_or_unqualified_claims_nothing(desk: Desk) -> None:
    raise_item(desk, "waiting")
    assert claim_next(desk.agent, now=SATURDAY_10_MANILA).reason == REFUSAL_MESSAGES[Refusal.OFF_SHIFT]
    desk.profile.state = AgentState.AWAY
    desk.profile.save()
    assert claim_next(desk.agent, now=MONDAY_10_MANILA).reason == REFUSAL_MESSAGES[Refusal.STATE]
    novice, _ = agent_on(desk.client, "novice@provider.test", skills={"refunds": 1})
    assert claim_next(novice, now=MONDAY_10_MANILA).reason == NOTHING_WAITING
    spanish, _ = agent_on(desk.client, "es@provider.test", skills={"refunds": 5}, languages=["es"])
    assert claim_next(spanish, now=MONDAY_10_MANILA).reason == NOTHING_WAITING


def test_an_agent_not_certified_for_the_client_or_not_on_its_team_claims_nothing(desk: Desk) -> None:
    raise_item(desk, "waiting")
    uncertified, profile = agent_on(desk.client, "new@provider.test", skills={"refunds": 5})
    profile.certifications.all().delete()
    assert claim_next(uncertified, now=MONDAY_10_MANILA).reason == NOTHING_WAITING
    other = build_desk("Beta")
    other.profile.skills = {"refunds": 5}
    other.profile.save()
    assert claim_next(other.agent, now=MONDAY_10_MANILA).reason == NOTHING_WAITING


def test_only_agents_claim(desk: Desk) -> None:
    with pytest.raises(PermissionDenied):
        claim_next(desk.owner)
    with pytest.raises(PermissionDenied, match="no agent profile"):
        claim_next(desk.lead)


def test_assign_to_me_and_manual_assignment(desk: Desk) -> None:
    item = raise_item(desk, "mine")
    rival, _ = agent_on(desk.client, "rival@provider.test")
    assert assign_to_me(desk.agent, item).assignee_id == desk.agent.pk
    assert assign_to_me(desk.agent, item).assignee_id == desk.agent.pk  # asking again is harmless
    with pytest.raises(AlreadyTaken):
        assign_to_me(rival, item)
    assert assign(desk.lead, item, rival.pk).assignee_id == rival.pk
    with pytest.raises(PermissionDenied):
        assign(desk.agent, item, desk.agent.pk)


# --- concurrency ------------------------------------------------------------------------------------------------


def patiently[T](work: Callable[[], T]) -> T:
    """Retry a whole transaction that SQLite's shared in-memory test database refused at once.

    The test database is in memory with a shared cache, where a busy table answers "database
    table is locked" immediately instead of waiting out the busy timeout as a database file does.
    The refused transaction did nothing, so running it again is safe.
    """
    for _ in range(2000):
        try:
            return work()
        except OperationalError as error:
            if "locked" not in str(error):
                raise
            time.sleep(0.002)
    raise AssertionError("the database stayed locked")


def run_in_threads[T](workers: int, work: Callable[[int], T]) -> list[T]:
    """Run ``work(n)`` in ``workers`` threads released together; each thread closes its own connection."""
    barrier = threading.Barrier(workers)

    def run(n: int) -> T:
        try:
            barrier.wait()
            return work(n)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(run, range(workers)))


def many_agents(desk: Desk, count: int) -> list[User]:
    agents = []
    for n in range(count):
        user, _ = agent_on(desk.client, f"crowd{n}@provider.test", skills={"refunds": 3}, concurrency=50)
        agents.append(user)
    return agents


def claim_until_empty(user: User) -> list[int]:
    taken = []
    while (item := patiently(lambda: claim(user))) is not None:
        taken.append(item.pk)
    return taken


def check_every_item_claimed_once(desk: Desk, workers: int, items: int) -> None:
    agents = many_agents(desk, workers)
    queue = desk.queue
    for n in range(items):
        WorkItemFactory(queue=queue, title=f"bulk {n}", created_at=MONDAY_10_MANILA - dt.timedelta(seconds=n))
    claimed = run_in_threads(workers, lambda n: claim_until_empty(agents[n]))
    every = [pk for batch in claimed for pk in batch]
    assert len(every) == items
    assert Counter(every).most_common(1)[0][1] == 1
    assert not WorkItem.objects.filter(queue=queue, assignee__isnull=True).exists()


def check_one_winner(desk: Desk, workers: int) -> None:
    agents = many_agents(desk, workers)
    item = WorkItemFactory(queue=desk.queue)

    def try_it(n: int) -> bool:
        try:
            patiently(lambda: assign_to_me(agents[n], item))
        except AlreadyTaken:
            return False
        return True

    results = run_in_threads(workers, try_it)
    assert results.count(True) == 1
    winner = agents[results.index(True)]
    assert WorkItem.objects.get(pk=item.pk).assignee_id == winner.pk


@pytest.mark.django_db(transaction=True)
def test_concurrent_claims_take_every_item_exactly_once() -> None:
    check_every_item_claimed_once(build_desk(), workers=4, items=40)


@pytest.mark.django_db(transaction=True)
def test_assign_to_me_by_eight_agents_at_once_has_exactly_one_winner() -> None:
    check_one_winner(build_desk(), workers=8)


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_postgresql_skip_locked_claims_by_eight_agents_take_every_item_once() -> None:
    check_every_item_claimed_once(build_desk(), workers=8, items=200)


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_postgresql_assign_to_me_race_has_one_winner_repeatedly() -> None:
    desk = build_desk()
    for _ in range(5):
        desk.queue = QueueFactory(service=desk.service, required_skills={}, languages=[])
        check_one_winner_fresh(desk)


def check_one_winner_fresh(desk: Desk) -> None:
    agents = [factories.StaffFactory(role="bpo_agent") for _ in range(8)]
    for user in agents:
        factories.AssignmentFactory(client=desk.client, user=user)
    item = WorkItemFactory(queue=desk.queue)

    def try_it(n: int) -> bool:
        try:
            patiently(lambda: assign_to_me(agents[n], item))
        except AlreadyTaken:
            return False
        return True

    assert run_in_threads(8, try_it).count(True) == 1
