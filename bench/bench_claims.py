"""Claims under load on PostgreSQL: 10,000 items, 8 worker processes, 2 of them killed with SIGKILL mid-run.

Two claim strategies run in the same harness, one after the other, on the same items:

- **handoff**: ``operations.actions.claims.claim_next`` (the routing engine picks the agent's
  eligible queues; ``SELECT … FOR UPDATE SKIP LOCKED`` takes the head item; a conditional
  UPDATE assigns it);
- **naive**: read the first unassigned item, then ``UPDATE … SET assignee = me`` (no lock,
  no condition) — the usual first attempt.

Each worker process appends every item it was given to its own log, after the claim committed.
Reported per run: items *lost* (still unassigned when every survivor has stopped), items
*processed twice* (in two log lines), items held by the killed workers (assigned, awaiting a
team lead's reassignment), and claims per second over the whole run.

    createdb is done for you; the database is ``handoff_bench_claims`` (dropped and re-made).
    .venv/bin/python bench/bench_claims.py                 # 3 runs per strategy
    .venv/bin/python bench/bench_claims.py --runs 1 --items 2000
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing as mp
import os
import signal
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATABASE = "handoff_bench_claims"
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
WORKERS = 8
KILLED = 2
NOW = dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)  # Monday 10:00 in Manila: the center is open


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"{SERVER}/{DATABASE}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "handoff.settings")
    import django

    django.setup()


def recreate_database() -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DATABASE}"')


@dataclass(frozen=True)
class World:
    queue_id: int
    agent_ids: tuple[int, ...]


def build_world(items: int) -> World:
    """A client, a BPO engagement at a Manila center, one service and queue, 8 certified agents, the items."""
    from django.core.management import call_command

    from handoff.domain.accounts.models import User
    from handoff.domain.engagements.models import BpoEngagement, DeliveryCenter
    from handoff.domain.operations.models import AgentCertification, AgentProfile, Queue, Service, WorkItem
    from handoff.domain.tenancy.models import AccountAssignment, Client

    call_command("migrate", verbosity=0)
    client = Client.objects.create(name="Bench client", legal_name="Bench Ltd", country="US")
    center = DeliveryCenter.objects.create(
        name="Bench Manila", country="PH", city="Manila", time_zone="Asia/Manila", holiday_country="PH"
    )
    engagement = BpoEngagement.objects.create(
        client=client,
        name="Bench care",
        start_date=dt.date(2026, 1, 1),
        process_type="customer_service",
        office="front",
        delivery_center=center,
        pricing_model="fte_month",
        rate=1,
        status="active",
    )
    service = Service.objects.create(client=client, engagement=engagement, name="Bench service")
    queue = Queue.objects.create(client=client, service=service, name="Bench queue")
    agents = []
    for n in range(WORKERS):
        user = User.objects.create(
            email=f"agent{n}@bench.test", full_name=f"Agent {n}", kind="provider", role="bpo_agent"
        )
        AccountAssignment.objects.create(client=client, user=user)
        profile = AgentProfile.objects.create(user=user, center=center, concurrency=items, state="available")
        AgentCertification.objects.create(client=client, agent=profile)
        agents.append(user.pk)
    priorities = ("urgent", "high", "normal", "low")
    WorkItem.objects.bulk_create(
        WorkItem(
            client=client,
            service=service,
            queue=queue,
            title=f"Item {n}",
            status="new",
            category="open",
            priority=priorities[n % 4],
            priority_rank=n % 4,
            created_at=NOW - dt.timedelta(seconds=n),
            resolution_due=NOW + dt.timedelta(minutes=n % 997),
        )
        for n in range(items)
    )
    return World(queue.pk, tuple(agents))


def reset_items(world: World) -> None:
    from handoff.domain.operations.models import WorkItem

    WorkItem.objects.filter(queue_id=world.queue_id).update(assignee=None, assigned_at=None)


def unassigned(world: World) -> int:
    from handoff.domain.operations.models import WorkItem

    return WorkItem.objects.filter(queue_id=world.queue_id, assignee__isnull=True).count()


# --- the workers -------------------------------------------------------------------------------------------------


def handoff_claim(user: object, world: World) -> int | None:
    from handoff.domain.operations.actions.claims import claim_next

    claim = claim_next(user, now=NOW)  # type: ignore[arg-type]
    return claim.item.pk if claim.item is not None else None


def naive_claim(user: object, world: World) -> int | None:
    """Read the head item, then assign it: two workers reading before either writes both 'get' it."""
    from django.db.models import F

    from handoff.domain.operations.models import WorkItem

    head = (
        WorkItem.objects.filter(queue_id=world.queue_id, assignee__isnull=True)
        .order_by("priority_rank", F("resolution_due").asc(nulls_last=True), "created_at", "id")
        .values_list("pk", flat=True)
        .first()
    )
    if head is None:
        return None
    WorkItem.objects.filter(pk=head).update(assignee=user, assigned_at=NOW)
    return head


def worker(strategy: str, agent_id: int, world: World, log_path: str, ready: object, go: object) -> None:
    setup_django()
    from handoff.domain.accounts.models import User

    user = User.objects.get(pk=agent_id)
    claim = handoff_claim if strategy == "handoff" else naive_claim
    ready.release()  # type: ignore[attr-defined]
    go.wait()  # type: ignore[attr-defined]
    with open(log_path, "w", buffering=1) as log:
        while True:
            taken = claim(user, world)
            if taken is not None:
                log.write(f"{taken}\n")
            elif unassigned(world) == 0:
                return
            else:
                time.sleep(0.01)  # rows locked by a claim in flight (or by a worker just killed)


# --- one run -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    strategy: str
    seconds: float
    claims: int
    lost: int
    twice: int
    held_by_killed: int

    @property
    def per_second(self) -> float:
        return self.claims / self.seconds


def run(strategy: str, world: World, items: int, kill_at: float) -> Result:
    from handoff.domain.operations.models import WorkItem

    reset_items(world)
    context = mp.get_context("spawn")
    ready, go = context.Semaphore(0), context.Event()
    with tempfile.TemporaryDirectory() as folder:
        logs = [str(Path(folder) / f"worker{n}.log") for n in range(WORKERS)]
        processes = [
            context.Process(target=worker, args=(strategy, world.agent_ids[n], world, logs[n], ready, go))
            for n in range(WORKERS)
        ]
        for process in processes:
            process.start()
        for _ in processes:
            ready.acquire()
        started = time.perf_counter()
        go.set()
        while unassigned(world) > items * (1 - kill_at):
            time.sleep(0.005)
        for process in processes[:KILLED]:
            os.kill(process.pid or 0, signal.SIGKILL)
        for process in processes:
            process.join()
        seconds = time.perf_counter() - started
        lines = [int(line) for path in logs if Path(path).exists() for line in Path(path).read_text().split()]
    counts = Counter(lines)
    held = WorkItem.objects.filter(queue_id=world.queue_id, assignee_id__in=world.agent_ids[:KILLED]).count()
    return Result(
        strategy=strategy,
        seconds=seconds,
        claims=len(lines),
        lost=unassigned(world),
        twice=sum(1 for count in counts.values() if count > 1),
        held_by_killed=held,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--kill-at", type=float, default=0.3, help="share of items claimed when 2 workers are killed")
    options = parser.parse_args()
    recreate_database()
    setup_django()
    world = build_world(options.items)
    from django.db import connections

    connections.close_all()
    results: dict[str, list[Result]] = {"handoff": [], "naive": []}
    for number in range(options.runs):
        for strategy in results:  # side by side, alternating, on the same machine load
            outcome = run(strategy, world, options.items, options.kill_at)
            results[strategy].append(outcome)
            print(
                f"run {number + 1} {strategy:8} {outcome.claims:6} claims in {outcome.seconds:6.2f} s "
                f"({outcome.per_second:7.0f}/s), lost {outcome.lost}, twice {outcome.twice}, "
                f"held by killed {outcome.held_by_killed}",
                flush=True,
            )
    print(
        f"\n{options.items} items, {WORKERS} worker processes, {KILLED} killed (SIGKILL) at "
        f"{options.kill_at:.0%} claimed; medians of {options.runs} runs\n"
    )
    print("| strategy | claims/s | lost | processed twice | held by killed workers | seconds |")
    print("|---|---|---|---|---|---|")
    for strategy, rows in results.items():
        print(
            f"| {strategy} | {statistics.median(r.per_second for r in rows):.0f} | "
            f"{max(r.lost for r in rows)} (max) | {statistics.median(r.twice for r in rows):.0f} "
            f"(min {min(r.twice for r in rows)}, max {max(r.twice for r in rows)}) | "
            f"{statistics.median(r.held_by_killed for r in rows):.0f} | "
            f"{statistics.median(r.seconds for r in rows):.1f} |"
        )


if __name__ == "__main__":
    main()
