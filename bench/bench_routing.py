"""Routing decision time with 1,000 agents and 10,000 waiting items (the pure engine, no database).

    .venv/bin/python bench/bench_routing.py                 # 200 decisions of each kind
    .venv/bin/python bench/bench_routing.py --decisions 50

Two decisions, each timed one at a time (p50 and p95 of the per-decision times):

- *next item*: ``routing.next_for`` for a random agent over all 10,000 waiting items — the engine works
  out the agent's eligible queues once (skills at levels, languages, certification, shift, capacity) and
  ranks only those queues' items. Peer: a naive scan that checks the agent against each item's queue
  item by item and keeps the best claim key seen.
- *push one item*: ``routing.choose_agent`` for a random queue over all 1,000 agents — eligibility, then
  least loaded, then longest waiting. Peer: a naive pass that computes every agent's full list of
  refusals, sorts the eligible ones by the whole key and takes the first.

Both peers return the same answers as the engine on every decision (checked).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from handoff.engines import routing

SKILLS = ("billing", "refunds", "payroll", "kyc", "orders", "returns", "tax", "claims")
LANGUAGES = ("en", "es", "fr", "de", "pt", "pl")
PRIORITIES = ("urgent", "high", "normal", "low")
START = datetime(2026, 3, 2, 9, tzinfo=UTC)


def build(
    agents: int, items: int, queues: int, clients: int, seed: int
) -> tuple[list[routing.Agent], list[routing.QueueRule], list[routing.Candidate]]:
    rng = random.Random(seed)
    rules = [
        routing.QueueRule(
            queue_id=q,
            client_id=q % clients,
            required_skills={skill: rng.randint(1, 3) for skill in rng.sample(SKILLS, rng.randint(1, 2))},
            languages=frozenset(rng.sample(LANGUAGES[:3], 1)),
        )
        for q in range(queues)
    ]
    people = [
        routing.Agent(
            agent_id=a,
            skills={skill: rng.randint(1, 5) for skill in rng.sample(SKILLS, rng.randint(2, 5))},
            languages=frozenset(rng.sample(LANGUAGES, rng.randint(1, 3))) | {"en"},
            certified_clients=frozenset(rng.sample(range(clients), rng.randint(1, 4))),
            state=rng.choice(("available", "available", "busy", "away")),
            center_open=rng.random() < 0.8,
            local_minute=rng.randrange(1440),
            in_hand=rng.randint(0, 3),
            concurrency=rng.randint(1, 4),
            last_assigned_at=START - timedelta(minutes=rng.randint(1, 600)) if rng.random() < 0.9 else None,
        )
        for a in range(agents)
    ]
    candidates = [
        routing.Candidate(
            item_id=i,
            queue_id=rng.randrange(queues),
            priority=rng.choice(PRIORITIES),
            deadline=START + timedelta(minutes=rng.randint(10, 5000)) if rng.random() < 0.9 else None,
            created_at=START - timedelta(minutes=rng.randint(0, 5000)),
        )
        for i in range(items)
    ]
    return people, rules, candidates


def naive_next(
    agent: routing.Agent, queues: list[routing.QueueRule], candidates: list[routing.Candidate]
) -> routing.Candidate | None:
    by_id = {queue.queue_id: queue for queue in queues}
    best, best_key = None, None
    for candidate in candidates:
        if not routing.is_eligible(agent, by_id[candidate.queue_id]):
            continue
        key = routing._sortable(routing.order_key(candidate))
        if best_key is None or key < best_key:
            best, best_key = candidate, key
    return best


def naive_push(agents: list[routing.Agent], queue: routing.QueueRule) -> routing.Agent | None:
    eligible = [agent for agent in agents if not (routing.agent_refusals(agent) + routing.queue_refusals(agent, queue))]
    eligible.sort(
        key=lambda agent: (
            agent.load,
            agent.last_assigned_at is not None,
            agent.last_assigned_at.timestamp() if agent.last_assigned_at else 0.0,
            agent.agent_id,
        )
    )
    return eligible[0] if eligible else None


def timed(call: object, *args: object) -> tuple[float, object]:
    started = time.perf_counter()
    result = call(*args)  # type: ignore[operator]
    return time.perf_counter() - started, result


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"p50 {statistics.median(ordered) * 1000:.3f} ms, p95 {p95 * 1000:.3f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=int, default=1000)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--queues", type=int, default=60)
    parser.add_argument("--clients", type=int, default=12)
    parser.add_argument("--decisions", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    agents, queues, candidates = build(args.agents, args.items, args.queues, args.clients, args.seed)
    rng = random.Random(args.seed + 1)
    rows: dict[str, list[float]] = {
        "next item (engine)": [],
        "next item (naive scan)": [],
        "push (engine)": [],
        "push (naive)": [],
    }
    routable = [agent for agent in agents if not routing.agent_refusals(agent)]
    for _ in range(args.decisions):
        agent = rng.choice(routable)
        engine_time, engine_pick = timed(routing.next_for, agent, queues, candidates)
        naive_time, naive_pick = timed(naive_next, agent, queues, candidates)
        assert engine_pick == naive_pick, (engine_pick, naive_pick)
        rows["next item (engine)"].append(engine_time)
        rows["next item (naive scan)"].append(naive_time)
        queue = rng.choice(queues)
        engine_time, engine_agent = timed(routing.choose_agent, agents, queue)
        naive_time, naive_agent = timed(naive_push, agents, queue)
        assert engine_agent == naive_agent
        rows["push (engine)"].append(engine_time)
        rows["push (naive)"].append(naive_time)
    print(
        f"{args.agents} agents ({len(routable)} routable now), {args.items} waiting items, "
        f"{args.queues} queues, {args.clients} clients; {args.decisions} decisions of each kind"
    )
    for name, samples in rows.items():
        print(f"{name:24} {percentiles(samples)}")
    for kind in ("next item", "push"):
        engine = statistics.median(rows[f"{kind} (engine)"])
        naive = statistics.median(rows[f"{kind} (naive scan)" if kind == "next item" else "push (naive)"])
        print(f"{kind}: engine p50 is {naive / engine:.1f}x the naive peer's speed")


if __name__ == "__main__":
    main()
