"""Erlang C against Erlang A on a real call centre: the "Anonymous Bank" (Israel), February 1999.

For every hour of every day with enough calls, the observed arrivals, mean
service time and agents on duty go into both models, and their predicted
probability of waiting, ASA and abandonment are compared with what the
callers of that hour actually experienced.

    .venv/bin/python bench/bench_erlang_validity.py

Definitions (one row per call in the log):

- offered call = served by an agent (outcome AGENT, a named server) or
  abandoned in the queue (outcome HANG after entering the queue). Callers
  who hung up in the voice menu without asking for an agent, PHANTOM calls
  and AGENT rows without a server are left out. Its hour is the hour it left
  the voice menu (entered the queue).
- observed P(wait) = share of offered calls with a queue time above 0;
  ASA = mean queue time of served calls; abandonment = abandoned / offered.
- mean service time of the hour = mean ser_time of its served calls.
- agents on duty, two estimates: (busy) the distinct agents with a service
  overlapping the hour; (span) each agent counts for the share of the hour
  inside the span from their first service start to their last service end
  of that day, summed and rounded. The log has no roster, so both are
  estimates; the span one does not credit an agent who took one call in
  the hour's last minutes with the whole hour.
- mean patience (Erlang A) = total queue time of all queued calls / abandoned
  calls, the maximum-likelihood estimate for exponential patience with
  service censoring (Mandelbaum and Zeltyn), from days 1–14 only; the
  errors are reported on days 15–28 (hold-out) and on the whole month.
"""

from __future__ import annotations

import csv
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from handoff.engines.staffing import erlang_a_metrics, erlang_c_metrics

DATA = (
    Path(__file__).resolve().parents[1].parent
    / "shared"
    / "data"
    / "callcenter_anonymous_bank_1999_feb"
    / "data_anonymous_bank_february.txt"
)
MIN_CALLS = 30  # hours with fewer offered calls are too noisy to score
SL_SECONDS = 20.0


@dataclass
class Call:
    day: int
    hour: int
    served: bool
    wait: float
    service: float
    server: str
    service_start: float  # seconds after midnight (served calls)
    service_end: float
    queue_start: float  # seconds after midnight


def seconds(clock: str) -> float:
    h, m, s = (int(x) for x in clock.split(":"))
    return h * 3600.0 + m * 60 + s


def load_calls() -> list[Call]:
    calls = []
    with DATA.open() as file:
        for row in csv.DictReader(file, delimiter="\t"):
            queued = row["q_start"] != "0:00:00"
            served = row["outcome"] == "AGENT" and row["server"] != "NO_SERVER"
            abandoned = row["outcome"] == "HANG" and queued
            if not (served or abandoned):
                continue
            entry = seconds(row["vru_exit"])
            calls.append(
                Call(
                    day=int(row["date"][-2:]),
                    hour=int(entry // 3600),
                    served=served,
                    wait=float(row["q_time"]),
                    service=float(row["ser_time"]),
                    server=row["server"],
                    service_start=seconds(row["ser_start"]) if served else 0.0,
                    service_end=seconds(row["ser_start"]) + float(row["ser_time"]) if served else 0.0,
                    queue_start=entry,
                )
            )
    return calls


def agents_busy(calls: list[Call]) -> dict[tuple[int, int], int]:
    """Distinct agents with a service overlapping each (day, hour)."""
    seen: dict[tuple[int, int], set[str]] = defaultdict(set)
    for c in calls:
        if c.served:
            for hour in range(int(c.service_start // 3600), int(c.service_end // 3600) + 1):
                seen[(c.day, hour)].add(c.server)
    return {k: len(v) for k, v in seen.items()}


def agents_span(calls: list[Call]) -> dict[tuple[int, int], int]:
    """Agents on duty as the hour's overlap with each agent's first-to-last service span of the day."""
    spans: dict[tuple[int, str], list[float]] = {}
    for c in calls:
        if c.served:
            lo_hi = spans.setdefault((c.day, c.server), [c.service_start, c.service_end])
            lo_hi[0], lo_hi[1] = min(lo_hi[0], c.service_start), max(lo_hi[1], c.service_end)
    presence: dict[tuple[int, int], float] = defaultdict(float)
    for (day, _), (lo, hi) in spans.items():
        for hour in range(int(lo // 3600), int(hi // 3600) + 1):
            overlap = min(hi, (hour + 1) * 3600) - max(lo, hour * 3600)
            presence[(day, hour)] += max(overlap, 0) / 3600
    return {k: round(v) for k, v in presence.items()}


def agents_when_queueing(calls: list[Call]) -> dict[tuple[int, int], int]:
    """Busy agents while callers wait: a work-conserving centre has every agent on duty busy then.

    Per day, a one-second grid counts the services and the waiting calls in
    progress; an hour's agents on duty are the mean number of busy agents over
    its seconds with someone waiting (rounded), or its peak number of busy
    agents when nobody waited in it.
    """
    day_seconds = 86_400
    by_day: dict[int, list[Call]] = defaultdict(list)
    for c in calls:
        by_day[c.day].append(c)
    agents: dict[tuple[int, int], int] = {}
    for day, group in by_day.items():
        busy = np.zeros(day_seconds + 1)
        waiting = np.zeros(day_seconds + 1)
        for c in group:
            if c.served:
                busy[int(c.service_start)] += 1
                busy[min(int(c.service_end), day_seconds)] -= 1
            if c.wait > 0:
                waiting[int(c.queue_start)] += 1
                waiting[min(int(c.queue_start + c.wait), day_seconds)] -= 1
        busy_now = np.cumsum(busy)[:day_seconds].reshape(24, 3600)
        queue_now = np.cumsum(waiting)[:day_seconds].reshape(24, 3600) > 0
        for hour in range(24):
            if busy_now[hour].max() <= 0:
                continue
            during_queue = busy_now[hour][queue_now[hour]]
            estimate = during_queue.mean() if during_queue.size else busy_now[hour].max()
            agents[(day, hour)] = round(float(estimate))
    return agents


@dataclass
class Hour:
    day: int
    hour: int
    offered: int
    mean_service: float
    p_wait: float
    asa: float
    abandonment: float
    service_level: float


def observed_hours(calls: list[Call]) -> list[Hour]:
    grouped: dict[tuple[int, int], list[Call]] = defaultdict(list)
    for c in calls:
        grouped[(c.day, c.hour)].append(c)
    hours = []
    for (day, hour), group in sorted(grouped.items()):
        served = [c for c in group if c.served]
        if len(group) < MIN_CALLS or not served:
            continue
        hours.append(
            Hour(
                day=day,
                hour=hour,
                offered=len(group),
                mean_service=statistics.mean(c.service for c in served),
                p_wait=sum(c.wait > 0 for c in group) / len(group),
                asa=statistics.mean(c.wait for c in served),
                abandonment=sum(not c.served for c in group) / len(group),
                service_level=sum(c.served and c.wait <= SL_SECONDS for c in group) / len(group),
            )
        )
    return hours


def patience_estimate(calls: list[Call]) -> float:
    """Total queue time of queued calls / abandoned calls (exponential patience MLE)."""
    abandoned = sum(not c.served for c in calls)
    return sum(c.wait for c in calls) / abandoned


def compare(hours: list[Hour], agents: dict[tuple[int, int], int], patience: float) -> dict[str, dict[str, float]]:
    rows = [h for h in hours if agents.get((h.day, h.hour), 0) > 0]
    n = np.array([agents[(h.day, h.hour)] for h in rows])
    aht = np.array([h.mean_service for h in rows])
    traffic = np.array([h.offered for h in rows]) * aht / 3600.0
    observed = {
        "p_wait": np.array([h.p_wait for h in rows]),
        "asa": np.array([h.asa for h in rows]),
        "abandonment": np.array([h.abandonment for h in rows]),
        "service_level": np.array([h.service_level for h in rows]),
    }
    c = erlang_c_metrics(traffic, n, aht, SL_SECONDS)
    a = erlang_a_metrics(traffic, n, aht, patience, SL_SECONDS)
    stable = n > traffic
    predicted = {
        "Erlang C": {
            "p_wait": c.p_wait,
            "asa": c.asa_seconds,
            "abandonment": np.zeros(len(rows)),
            "service_level": c.service_level,
        },
        "Erlang A": {
            "p_wait": a.p_wait,
            "asa": a.asa_seconds,
            "abandonment": a.p_abandon,
            "service_level": a.service_level,
        },
    }
    table: dict[str, dict[str, float]] = {}
    for model, figures in predicted.items():
        table[model] = {"hours": float(len(rows)), "unstable": float((~stable).sum())}
        for key, values in figures.items():
            error = values - observed[key]
            finite = np.isfinite(error)
            table[model][f"{key} MAE"] = float(np.mean(np.abs(error[finite])))
            table[model][f"{key} bias"] = float(np.mean(error[finite]))
            table[model][f"{key} MAE (stable hours)"] = float(np.mean(np.abs(error[stable & finite])))
    table["observed"] = {f"{k} mean": float(v.mean()) for k, v in observed.items()}
    table["observed"]["traffic mean"] = float(traffic.mean())
    table["observed"]["agents mean"] = float(n.mean())
    return table


def print_table(title: str, table: dict[str, dict[str, float]]) -> None:
    print(
        f"\n{title}: {int(table['Erlang C']['hours'])} hours, Erlang C unstable (agents ≤ traffic) in "
        f"{int(table['Erlang C']['unstable'])}"
    )
    print("  observed means: " + ", ".join(f"{k} {v:.3f}" for k, v in table["observed"].items()))
    print(f"  {'figure':<34}{'Erlang C':>12}{'Erlang A':>12}")
    for key in table["Erlang C"]:
        if key in {"hours", "unstable"}:
            continue
        print(f"  {key:<34}{table['Erlang C'][key]:>12.3f}{table['Erlang A'][key]:>12.3f}")


def main() -> None:
    if not DATA.is_file():
        sys.exit(f"{DATA} is absent")
    began = time.perf_counter()
    calls = load_calls()
    offered = len(calls)
    abandoned = sum(not c.served for c in calls)
    patience = patience_estimate([c for c in calls if c.day <= 14])
    hours = observed_hours(calls)
    print(
        f"{offered} offered calls, {abandoned} abandoned in queue ({abandoned / offered:.1%}); "
        f"mean patience from days 1-14: {patience:.0f} s"
    )
    estimates = {"busy while queueing": agents_when_queueing(calls), "distinct serving": agents_busy(calls)}
    estimates["first-to-last span"] = agents_span(calls)
    for label, agents in estimates.items():
        print_table(
            f"agents = {label}, hold-out days 15-28", compare([h for h in hours if h.day > 14], agents, patience)
        )
        print_table(f"agents = {label}, whole month", compare(hours, agents, patience))
    print(f"\n({time.perf_counter() - began:.1f} s)")


if __name__ == "__main__":
    main()
