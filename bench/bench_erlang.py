"""Erlang C and Erlang A staffing, side by side with pyworkforce, in one run.

Run:  .venv/bin/python bench/bench_erlang.py            (about a minute)
      .venv/bin/python bench/bench_erlang.py --quick    (fewer repeats, a smaller Erlang A sample)

Workload: 50 queues × 96 quarter-hour intervals (a day) = 4800 intervals, each
with its own call volume (a daily profile times a queue's size, at least one
call) and AHT; targets 80 % answered within 20 s and at most 85 % occupancy;
Erlang A with a mean patience of 5 minutes; shrinkage 30 %.

Timings are medians of timeit.repeat (number=1). pyworkforce's Erlang A takes
a tenth of a second or more per interval, so it is timed on an evenly spread
sample of intervals and extrapolated to all 4800 (said so in the output).
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import timeit
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from handoff.engines.staffing import Targets, agents_needed

QUEUES = 50
INTERVALS = 96
INTERVAL_SECONDS = 900
SERVICE_LEVEL, WITHIN_SECONDS, MAX_OCCUPANCY = 0.8, 20, 0.85
PATIENCE_SECONDS = 300
SHRINKAGES = (0.1, 0.2, 0.3, 0.35)
TARGETS = Targets(service_level=SERVICE_LEVEL, answer_within_seconds=WITHIN_SECONDS, max_occupancy=MAX_OCCUPANCY)


@dataclass(frozen=True)
class Workload:
    calls: np.ndarray
    aht: np.ndarray


def workload(seed: int = 6) -> Workload:
    """A day of quarter hours for 50 queues: a two-peak daily profile scaled per queue."""
    rng = np.random.default_rng(seed)
    hours = (np.arange(INTERVALS) + 0.5) / 4
    profile = 0.05 + np.exp(-(((hours - 10.5) / 2.2) ** 2)) + 0.8 * np.exp(-(((hours - 15.5) / 2.5) ** 2))
    peak_calls = rng.uniform(10, 400, QUEUES)
    calls = np.maximum(np.round(np.outer(peak_calls, profile) * rng.uniform(0.9, 1.1, (QUEUES, INTERVALS))), 1)
    aht = np.repeat(rng.uniform(120, 480, QUEUES).round(), INTERVALS).reshape(QUEUES, INTERVALS)
    return Workload(calls=calls.ravel(), aht=aht.ravel())


def median_seconds(call: Callable[[], object], repeat: int) -> float:
    return statistics.median(timeit.repeat(call, number=1, repeat=repeat))


def ours_c(load: Workload, shrinkage: float = 0.3) -> np.ndarray:
    return agents_needed(
        load.calls, load.aht, TARGETS, interval_seconds=INTERVAL_SECONDS, shrinkage=shrinkage
    ).raw_agents


def ours_a(load: Workload) -> np.ndarray:
    return agents_needed(
        load.calls,
        load.aht,
        TARGETS,
        interval_seconds=INTERVAL_SECONDS,
        patience_seconds=PATIENCE_SECONDS,
        shrinkage=0.3,
    ).raw_agents


def theirs_c(load: Workload, shrinkage: float = 0.3) -> list[dict[str, float]]:
    from pyworkforce.queuing import ErlangC  # type: ignore[import-untyped]

    return [
        ErlangC(
            transactions=float(c),
            aht=float(h) / 60,
            asa=WITHIN_SECONDS / 60,
            interval=INTERVAL_SECONDS // 60,
            shrinkage=shrinkage,
        ).required_positions(service_level=SERVICE_LEVEL, max_occupancy=MAX_OCCUPANCY)
        for c, h in zip(load.calls, load.aht, strict=True)
    ]


def theirs_a(load: Workload, rows: np.ndarray) -> list[dict[str, float]]:
    from pyworkforce.queuing import ErlangA

    return [
        ErlangA(
            transactions=float(load.calls[i]),
            aht=float(load.aht[i]) / 60,
            asa=WITHIN_SECONDS / 60,
            interval=INTERVAL_SECONDS // 60,
            patience=PATIENCE_SECONDS / 60,
            shrinkage=0.3,
        ).required_positions(service_level=SERVICE_LEVEL, max_occupancy=MAX_OCCUPANCY)
        for i in rows
    ]


def bench_erlang_c(load: Workload, repeat: int) -> list[dict[str, float]]:
    ours = median_seconds(lambda: ours_c(load), repeat)
    theirs = median_seconds(lambda: theirs_c(load), max(3, repeat // 3))
    print(f"(a) Erlang C agents needed, {load.calls.size} intervals")
    print(f"    handoff     {ours * 1000:9.1f} ms  (median of {repeat})")
    print(f"    pyworkforce {theirs * 1000:9.1f} ms  (median of {max(3, repeat // 3)})")
    print(f"    handoff is {theirs / ours:,.0f}× faster")
    return theirs_c(load)


def bench_erlang_a(load: Workload, repeat: int, sample: int) -> tuple[np.ndarray, list[dict[str, float]]]:
    rows = np.linspace(0, load.calls.size - 1, sample).round().astype(int)
    ours = median_seconds(lambda: ours_a(load), repeat)
    runs = 3
    kept: list[list[dict[str, float]]] = []
    theirs_sample = median_seconds(lambda: kept.append(theirs_a(load, rows)), runs)
    theirs = theirs_sample / sample * load.calls.size
    print(f"(b) Erlang A agents needed, {load.calls.size} intervals, patience {PATIENCE_SECONDS} s")
    print(f"    handoff     {ours * 1000:9.1f} ms  (all {load.calls.size} intervals, median of {repeat})")
    print(
        f"    pyworkforce {theirs:9.1f} s   (extrapolated from {sample} evenly spread intervals: "
        f"{theirs_sample:.2f} s, {theirs_sample / sample * 1000:.0f} ms per interval, median of {runs})"
    )
    print(f"    handoff is {theirs / ours:,.0f}× faster")
    return rows, kept[0]


def compare(
    load: Workload, theirs_c_results: list[dict[str, float]], rows: np.ndarray, theirs_a_results: list[dict[str, float]]
) -> None:
    print("(c) correctness against pyworkforce")
    raw_theirs = np.array([r["raw_positions"] for r in theirs_c_results])
    raw_ours = ours_c(load)
    same = int((raw_theirs == raw_ours).sum())
    print(f"    Erlang C raw agents identical in {same} of {raw_ours.size} intervals")
    for i in np.flatnonzero(raw_theirs != raw_ours):
        explain_difference(load, int(i), int(raw_ours[i]), int(raw_theirs[i]))
    for shrinkage in SHRINKAGES:
        compare_shrinkage(load, raw_ours, shrinkage)
    a_ours = ours_a(load)[rows]
    a_theirs = np.array([r["raw_positions"] for r in theirs_a_results])
    print(f"    Erlang A raw agents identical in {int((a_ours == a_theirs).sum())} of {rows.size} sampled intervals")
    sl_gap = max(
        abs(r["service_level"] - s) for r, s in zip(theirs_a_results, erlang_a_sl(load, rows, a_theirs), strict=True)
    )
    print(f"    Erlang A service level at pyworkforce's staffing: largest difference {sl_gap:.1e}")


def explain_difference(load: Workload, i: int, ours: int, theirs: int) -> None:
    """Show the exact occupancy of our staffing where pyworkforce asks for another agent."""
    traffic = Fraction(int(load.calls[i])) * Fraction(int(load.aht[i])) / INTERVAL_SECONDS
    occupancy = traffic / ours
    verdict = "meets" if occupancy <= Fraction(str(MAX_OCCUPANCY)) else "MISSES"
    print(
        f"      interval {i}: {load.calls[i]:.0f} calls × {load.aht[i]:.0f} s = {float(traffic)} Erlangs; "
        f"ours {ours}, pyworkforce {theirs}; {ours} agents give occupancy exactly {occupancy} "
        f"({verdict} the {MAX_OCCUPANCY:.0%} limit; a floating-point tie in pyworkforce)"
    )


def erlang_a_sl(load: Workload, rows: np.ndarray, agents: np.ndarray) -> np.ndarray:
    from handoff.engines.staffing import erlang_a_metrics

    traffic = load.calls[rows] * load.aht[rows] / INTERVAL_SECONDS
    return erlang_a_metrics(traffic, agents, load.aht[rows], PATIENCE_SECONDS, WITHIN_SECONDS).service_level


def compare_shrinkage(load: Workload, raw_ours: np.ndarray, shrinkage: float) -> None:
    """Scheduled agents where both sides agree on the raw agents, so only the shrinkage rounding differs."""
    ours = agents_needed(load.calls, load.aht, TARGETS, interval_seconds=INTERVAL_SECONDS, shrinkage=shrinkage)
    results = theirs_c(load, shrinkage)
    theirs = np.array([r["positions"] for r in results])
    same_raw = np.array([r["raw_positions"] for r in results]) == raw_ours
    differ = np.flatnonzero(same_raw & (ours.scheduled_agents != theirs))
    examples = ", ".join(
        f"{raw_ours[i]} raw → ours {ours.scheduled_agents[i]}, pyworkforce {theirs[i]}"
        for i in differ[np.unique(raw_ours[differ], return_index=True)[1]][:4]
    )
    print(
        f"    shrinkage {shrinkage:.0%}: same raw agents but different scheduled agents in {differ.size} of "
        f"{int(same_raw.sum())} intervals" + (f" ({examples})" if differ.size else "")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, 8 Erlang A sample intervals")
    args = parser.parse_args()
    if importlib.util.find_spec("pyworkforce") is None:
        sys.exit("pyworkforce is missing: var/tools/bin/uv sync --group bench")
    load = workload()
    traffic = load.calls * load.aht / INTERVAL_SECONDS
    print(f"{load.calls.size} intervals, traffic {traffic.min():.2f}–{traffic.max():.1f} Erlangs\n")
    repeat = 5 if args.quick else 15
    theirs_c_results = bench_erlang_c(load, repeat)
    rows, theirs_a_results = bench_erlang_a(load, repeat, 8 if args.quick else 24)
    compare(load, theirs_c_results, rows, theirs_a_results)


if __name__ == "__main__":
    main()
