"""Benchmark: the breach-risk closed form (engines/sla/risk.py) against a Monte Carlo simulation of the same queue.

For a grid of queues (agents, mean handling time, items ahead, business minutes left) the
closed form P(Erlang(k, c mu) + Exp(mu) > r) is compared with a simulation of the same
M/M/c wait (100,000 runs each): the largest absolute difference, and estimates per second
of each.

Run: .venv/bin/python bench/bench_breach_risk.py [--runs N]
"""

from __future__ import annotations

import argparse
import random
import timeit
from datetime import date
from itertools import product

from handoff.engines.sla.risk import QueueLoad, breach_risk

GRID = list(product((1, 2, 5, 12), (10.0, 30.0, 90.0), (0, 3, 10, 40, 150), (15.0, 60.0, 240.0, 960.0)))


def simulate(agents: int, mean: float, ahead: int, remaining: float, runs: int, rng: random.Random) -> float:
    stages = max(ahead - agents + 1, 0)
    late = 0
    for _ in range(runs):
        wait = sum(rng.expovariate(agents / mean) for _ in range(stages))
        late += wait + rng.expovariate(1 / mean) > remaining
    return late / runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20_000)
    args = parser.parse_args()
    rng = random.Random(2026)
    worst = 0.0
    simulated_seconds = 0.0
    for agents, mean, ahead, remaining in GRID:
        exact = breach_risk(QueueLoad(agents, mean), ahead, remaining).probability
        start = timeit.default_timer()
        estimate = simulate(agents, mean, ahead, remaining, args.runs, rng)
        simulated_seconds += timeit.default_timer() - start
        worst = max(worst, abs(exact - estimate))
    closed = timeit.timeit(lambda: [breach_risk(QueueLoad(a, m), k, r) for a, m, k, r in GRID], number=20) / (
        20 * len(GRID)
    )
    print(f"queues: {len(GRID)}; simulation runs per queue: {args.runs:,}")
    print(f"largest |closed form - simulation|: {worst:.4f}")
    print(f"closed form: {1 / closed:,.0f} estimates/s; simulation: {len(GRID) / simulated_seconds:,.1f} estimates/s")
    print(f"measured on {date.today().isoformat()}")


if __name__ == "__main__":
    main()
