"""Shift scheduling and rostering, side by side with pyworkforce, plus a week for 50 agents.

Run:  .venv/bin/python bench/bench_rostering.py            (about 4 minutes)
      .venv/bin/python bench/bench_rostering.py --quick    (1 run each, 20 s limit on the big week)

(a) pyworkforce's own examples (its test suite's inputs), solved by pyworkforce and
    by our engine on the same input, and each answer scored with pyworkforce's own
    objective formula (recomputed here from the returned counts / assignments):
    - MinAbsDifference: 2 days × 24 hours, 4 shifts, Σ |required − scheduled|,
      at most 25 agents a period and 20 a shift.
    - MinRequiredResources: the same demand met in full, Σ agents × shift cost,
      with unit costs and with the cost dict {Morning 8, Afternoon 8, Night 10, Mixed 7}.
    - MinHoursRoster: 55 named resources × 7 days × 4 shifts from
      ``rostering_data.json``: minimum positions per shift, one shift a day, at most
      one rest day, at least 40 h, no Night → Morning, banned shifts, weighted
      preferences; objective Σ hours − weight × preferred shifts.
    pyworkforce's "Night" shift covers 00:00–05:00 and 21:00–24:00 of the *same*
    day (it cannot cross midnight); we express exactly that as a 24 h shift with
    a fixed 16 h unpaid break, so both solve the identical problem.
(b) A week of 30-minute requirements (Erlang C from the staffing engine, voice and
    chat) for 50 agents in DE/FR/ES/PH under their labour rules, 8.5 h shifts
    every hour from 05:00 to 23:00 (those from 16:00 on cross midnight, the
    cyclic week wraps Sunday night onto Monday morning) with a 30-minute lunch
    placed by the solver, 4 h part-time shifts, availability gaps and skills.
    Reported: solve time, objective, under/over coverage, and the gap to the LP
    relaxation bound and to CP-SAT's own bound.

Timings are medians over runs; both solvers use 2 CP-SAT workers.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pyworkforce  # type: ignore[import-untyped]
from pyworkforce.rostering import MinHoursRoster  # type: ignore[import-untyped]
from pyworkforce.scheduling import MinAbsDifference, MinRequiredResources  # type: ignore[import-untyped]

from handoff.engines.rostering import (
    Agent,
    BreakRule,
    CoverageRequirement,
    Horizon,
    RosterProblem,
    ShiftDemand,
    ShiftPattern,
    SolverOptions,
    Weights,
    gap,
    roster_lp_bound,
    solve_headcount,
    solve_roster,
)
from handoff.engines.rostering.model import LABOUR_RULES, LabourRules
from handoff.engines.staffing import Targets, agents_needed

MONDAY = datetime(2026, 1, 5)
REQUIRED = [
    [9, 11, 17, 9, 7, 12, 5, 11, 8, 9, 18, 17, 8, 12, 16, 8, 7, 12, 11, 10, 13, 19, 16, 7],
    [13, 13, 12, 15, 18, 20, 13, 16, 17, 8, 13, 11, 6, 19, 11, 20, 19, 17, 10, 13, 14, 23, 16, 8],
]
COVERAGE = {
    "Morning": [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    "Afternoon": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0],
    "Night": [1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1],
    "Mixed": [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0],
}
ROSTERING_DATA = Path(pyworkforce.__file__).parent / "rostering" / "tests" / "rostering_data.json"


def median_run(call: Callable[[], Any], runs: int) -> tuple[Any, float]:
    """The last result and the median wall time of ``runs`` calls."""
    times, result = [], None
    for _ in range(runs):
        began = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - began)
    return result, statistics.median(times)


# --- (a) pyworkforce's examples -------------------------------------------------------------------------


def pyworkforce_patterns(max_agents: int, costs: dict[str, float] | None = None) -> tuple[ShiftPattern, ...]:
    """pyworkforce's four shifts on our grid; its same-day Night as a 24 h shift with a 16 h unpaid gap."""
    costs = costs or dict.fromkeys(COVERAGE, 8)
    multiplier = {name: cost / 8 for name, cost in costs.items()}
    return (
        ShiftPattern("Morning", 5 * 60, 8 * 60, max_agents=max_agents, pay_multiplier=multiplier["Morning"]),
        ShiftPattern("Afternoon", 13 * 60, 8 * 60, max_agents=max_agents, pay_multiplier=multiplier["Afternoon"]),
        ShiftPattern(
            "Night",
            0,
            24 * 60,
            breaks=(BreakRule(16 * 60, 5 * 60, 5 * 60),),
            max_agents=max_agents,
            pay_multiplier=multiplier["Night"],
        ),
        ShiftPattern("Mixed", 9 * 60, 8 * 60, max_agents=max_agents, pay_multiplier=multiplier["Mixed"]),
    )


def scheduled_by_counts(counts: dict[tuple[int, str], int]) -> np.ndarray:
    """Agents per day and hour from counts per (day, shift), with pyworkforce's coverage arrays."""
    scheduled = np.zeros((2, 24), dtype=np.int64)
    for (day, shift), n in counts.items():
        scheduled[day] += n * np.array(COVERAGE[shift])
    return scheduled


def pwf_counts(solution: dict[str, Any]) -> dict[tuple[int, str], int]:
    return {(r["day"], r["shift"]): r["resources"] for r in solution["resources_shifts"]}


def ours_counts(schedule: Any) -> dict[tuple[int, str], int]:
    return {(day, shift): n for (day, shift, _), n in schedule.counts.items()}


def headcount_requirement(maximum: int) -> tuple[Horizon, CoverageRequirement]:
    horizon = Horizon(MONDAY, days=2, interval_minutes=60)
    required = np.array(REQUIRED, dtype=np.int64).ravel()
    return horizon, CoverageRequirement("all", required, maximum=np.full(48, maximum, dtype=np.int64))


def bench_min_abs_difference(runs: int) -> list[tuple[str, float, float, float, float]]:
    pwf, pwf_time = median_run(
        lambda: MinAbsDifference(
            2, 24, COVERAGE, REQUIRED, max_period_concurrency=25, max_shift_concurrency=20
        ).solve(),
        runs,
    )
    horizon, requirement = headcount_requirement(25)
    options = SolverOptions(time_limit_seconds=120, workers=2)
    ours, ours_time = median_run(
        lambda: solve_headcount(
            horizon, pyworkforce_patterns(20), (requirement,), Weights(under=1, over=1, cost=0), 80, 0, options
        ),
        runs,
    )

    def score(counts: dict[tuple[int, str], int]) -> float:
        return float(np.abs(np.array(REQUIRED) - scheduled_by_counts(counts)).sum())

    assert scheduled_by_counts(ours_counts(ours)).max() <= 25
    return [("MinAbsDifference Σ|req − sched|", score(pwf_counts(pwf)), score(ours_counts(ours)), pwf_time, ours_time)]


def bench_min_required_resources(runs: int) -> list[tuple[str, float, float, float, float]]:
    rows = []
    horizon, requirement = headcount_requirement(25)
    weights = Weights(under=10**7, over=0, cost=1)
    options = SolverOptions(time_limit_seconds=120, workers=2)
    cost_dicts: tuple[tuple[str, dict[str, float] | None], ...] = (
        ("unit costs", None),
        ("cost dict", {"Morning": 8, "Afternoon": 8, "Night": 10, "Mixed": 7}),
    )
    for label, cost_dict in cost_dicts:
        peer = MinRequiredResources(
            2, 24, COVERAGE, REQUIRED, max_period_concurrency=25, max_shift_concurrency=25, cost_dict=cost_dict
        )
        pwf, pwf_time = median_run(peer.solve, runs)
        patterns = pyworkforce_patterns(25, cost_dict)
        ours, ours_time = median_run(
            partial(solve_headcount, horizon, patterns, (requirement,), weights, 100, 1.0, options), runs
        )
        unit: dict[str, float] = cost_dict or dict.fromkeys(COVERAGE, 1.0)

        def score(counts: dict[tuple[int, str], int], unit: dict[str, float] = unit) -> float:
            if (scheduled_by_counts(counts) < np.array(REQUIRED)).any():
                return float("inf")  # demand not met: not a solution of this problem
            return float(sum(n * unit[shift] for (_, shift), n in counts.items()))

        rows.append(
            (
                f"MinRequiredResources Σ agents × cost ({label})",
                score(pwf_counts(pwf)),
                score(ours_counts(ours)),
                pwf_time,
                ours_time,
            )
        )
    return rows


ROSTER_TIMES = {"Morning": (6 * 60, 8 * 60), "Afternoon": (14 * 60, 8 * 60), "Night": (22 * 60, 8 * 60)}


def pwf_roster_problem(data: dict[str, Any]) -> RosterProblem:
    """MinHoursRoster's example on our model: its rules as agents' contracts, shift demands and rest."""
    lengths = dict(zip(data["shifts"], data["shifts_hours"], strict=True))
    patterns = tuple(
        ShiftPattern(name, *ROSTER_TIMES.get(name, (10 * 60, lengths[name] * 60))) for name in data["shifts"]
    )
    # Night ends 06:00 and Morning starts 06:00: a 1-minute rest rule forbids exactly Night → Morning.
    rules = LabourRules("PWF", 24, 24 * 7, 1 / 60, 10_000, 0, 0, 24 * 60 + 1, None, "pyworkforce example")
    banned: dict[str, set[tuple[int, str]]] = {}
    for ban in data["banned_shifts"]:
        banned.setdefault(ban["resource"], set()).add((int(ban["day"]), ban["shift"]))
    preferred: dict[str, set[str]] = {}
    for preference in data["resources_preferences"]:
        preferred.setdefault(preference["resource"], set()).add(preference["shift"])
    weight = {p["resource"]: p["weight"] for p in data["resources_prioritization"]}
    agents = tuple(
        Agent(
            resource,
            frozenset(),
            country="PWF",
            hourly_rate=1.0,  # objective in cents = 100 × hours
            min_hours_per_week=data["min_working_hours"],
            min_days_per_week=data["num_days"] - data["max_resting"],
            excluded_shifts=frozenset(banned.get(resource, set())),
            preferred_patterns=frozenset(preferred.get(resource, set())),
            preference_bonus=round(100 * weight.get(resource, 1)),
        )
        for resource in data["resources"]
    )
    demands = tuple(
        ShiftDemand(day, shift, count)
        for shift, counts in data["required_resources"].items()
        for day, count in enumerate(counts)
    )
    horizon = Horizon(MONDAY, days=data["num_days"], interval_minutes=60)
    return RosterProblem(horizon, patterns, agents, (), demands, Weights(), {"PWF": rules})


def pwf_roster_objective(data: dict[str, Any], assignments: list[tuple[str, int, str]]) -> float:
    """MinHoursRoster's objective, Σ hours − weight × preferred, after checking every hard rule."""
    hours = dict(zip(data["shifts"], data["shifts_hours"], strict=True))
    weight = {p["resource"]: p["weight"] for p in data["resources_prioritization"]}
    preferred = {(p["resource"], p["shift"]) for p in data["resources_preferences"]}
    worked = {(r, d): s for r, d, s in assignments}
    assert len(worked) == len(assignments), "two shifts on one day"
    for shift, counts in data["required_resources"].items():
        for day, count in enumerate(counts):
            assert sum(1 for (_, d), s in worked.items() if d == day and s == shift) >= count
    for resource in data["resources"]:
        days = [d for (r, d) in worked if r == resource]
        assert len(days) >= data["num_days"] - data["max_resting"]
        assert sum(hours[worked[(resource, d)]] for d in days) >= data["min_working_hours"]
        for d in days:
            assert not (worked[(resource, d)] == "Night" and worked.get((resource, d + 1)) == "Morning")
    for ban in data["banned_shifts"]:
        assert worked.get((ban["resource"], int(ban["day"]))) != ban["shift"]
    return float(sum(hours[s] - weight.get(r, 1) * ((r, s) in preferred) for r, _, s in assignments))


def bench_min_hours_roster(runs: int) -> list[tuple[str, float, float, float, float]]:
    data = json.loads(ROSTERING_DATA.read_text())
    pwf, pwf_time = median_run(
        lambda: MinHoursRoster(
            num_days=data["num_days"],
            resources=data["resources"],
            shifts=data["shifts"],
            shifts_hours=data["shifts_hours"],
            min_working_hours=data["min_working_hours"],
            max_resting=data["max_resting"],
            non_sequential_shifts=data["non_sequential_shifts"],
            banned_shifts=data["banned_shifts"],
            required_resources=data["required_resources"],
            resources_preferences=data["resources_preferences"],
            resources_prioritization=data["resources_prioritization"],
        ).solve(),
        runs,
    )
    problem = pwf_roster_problem(data)
    ours, ours_time = median_run(lambda: solve_roster(problem, SolverOptions(time_limit_seconds=240, workers=2)), runs)
    pwf_assignments = [(r["resource"], r["day"], r["shift"]) for r in pwf["resource_shifts"]]
    ours_assignments = [(s.agent_id, s.day, s.pattern) for s in ours.shifts]
    return [
        (
            "MinHoursRoster Σ hours − weight × preferred",
            pwf_roster_objective(data, pwf_assignments),
            pwf_roster_objective(data, ours_assignments),
            pwf_time,
            ours_time,
        )
    ]


# --- (b) a week for 50 agents ---------------------------------------------------------------------------

AGENTS = 50
COUNTRY_RATES = {"DE": 24.0, "FR": 22.0, "ES": 18.0, "PH": 7.0}


def week_requirements(horizon: Horizon) -> tuple[CoverageRequirement, ...]:
    """Erlang C raw agents per half hour (80/20) for a voice and a chat queue, weekends lighter."""
    hours = (np.arange(horizon.intervals) % horizon.intervals_per_day + 0.5) / 2
    weekday = np.arange(horizon.intervals) // horizon.intervals_per_day
    day_factor = np.where(weekday >= 5, 0.6, 1.0)
    profile = 0.08 + np.exp(-(((hours - 10.5) / 2.5) ** 2)) + 0.8 * np.exp(-(((hours - 15.5) / 3) ** 2))
    targets = Targets(service_level=0.8, answer_within_seconds=20)
    requirements = []
    for skill, peak_calls, aht in (("voice", 55, 300), ("chat", 30, 420)):
        calls = np.round(peak_calls * profile * day_factor)
        raw = agents_needed(calls, np.full(horizon.intervals, aht), targets, interval_seconds=1800).raw_agents
        requirements.append(CoverageRequirement(skill, np.asarray(raw, dtype=np.int64)))
    return tuple(requirements)


def week_patterns() -> tuple[ShiftPattern, ...]:
    lunch = (BreakRule(30, 3 * 60, 5 * 60),)
    full = tuple(ShiftPattern(f"F{h:02d}", h * 60, 8 * 60 + 30, breaks=lunch) for h in range(5, 24))
    part = tuple(ShiftPattern(f"P{h:02d}", h * 60, 4 * 60) for h in (8, 12, 16, 18))
    return full + part


def week_agents(horizon: Horizon, seed: int = 11) -> tuple[Agent, ...]:
    rng = np.random.default_rng(seed)
    countries = ["DE"] * 15 + ["FR"] * 10 + ["ES"] * 10 + ["PH"] * 15
    agents = []
    for i, country in enumerate(countries):
        skills = {"voice"} if i % 5 < 3 else {"chat"} if i % 5 == 3 else {"voice", "chat"}
        availability = np.ones(horizon.intervals, dtype=bool)
        if rng.random() < 0.3:  # one day off requested
            day = int(rng.integers(0, 7))
            availability[day * 48 : (day + 1) * 48] = False
        if country != "PH" and rng.random() < 0.5:  # no nights: unavailable 23:00–06:00
            for day in range(7):
                availability[day * 48 + 46 : day * 48 + 48] = False
                availability[day * 48 : day * 48 + 12] = False
        part_time = i % 7 == 6
        agents.append(
            Agent(
                f"{country.lower()}-{i:02d}",
                frozenset(skills),
                country=country,
                hourly_rate=COUNTRY_RATES[country],
                min_hours_per_week=16 if part_time else 32,
                max_hours_per_week=24 if part_time else 40,
                max_days_per_week=5,
                availability=availability,
            )
        )
    return tuple(agents)


def bench_week(runs: int, limit: float) -> dict[str, float]:
    horizon = Horizon(MONDAY, days=7, interval_minutes=30, cyclic=True)
    problem = RosterProblem(
        horizon,
        week_patterns(),
        week_agents(horizon),
        week_requirements(horizon),
        weights=Weights(under=10_000, over=100, cost=1),
        labour_rules=LABOUR_RULES,
    )
    results = []
    for seed in range(runs):
        results.append(solve_roster(problem, SolverOptions(time_limit_seconds=limit, workers=2, seed=seed)))
    bound, bound_time = median_run(lambda: roster_lp_bound(problem), 1)
    best = min(results, key=lambda r: r.objective)
    required = int(sum(r.required.sum() for r in problem.requirements))
    return {
        "runs": runs,
        "limit": limit,
        "required agent-intervals": required,
        "solve seconds (median)": statistics.median(r.wall_seconds for r in results),
        "objective (median)": statistics.median(r.objective for r in results),
        "objective (best)": best.objective,
        "under-coverage agent-intervals (best)": best.under_coverage,
        "over-coverage agent-intervals (best)": best.over_coverage,
        "wage cost € (best)": best.wage_cost,
        "shifts (best)": len(best.shifts),
        "overnight shifts (best)": sum(1 for s in best.shifts if s.end.date() != s.start.date()),
        "LP bound": bound.value,
        "LP seconds": bound_time,
        "gap to LP bound (best)": gap(best.objective, bound.value),
        "gap to CP-SAT bound (best)": gap(best.objective, best.best_bound),
        "status (best)": best.status,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    runs = 1 if args.quick else 5
    print(f"pyworkforce {pyworkforce.__version__}; medians of {runs} runs\n")
    print(f"{'example':52} {'pyworkforce':>12} {'handoff':>12} {'pwf s':>8} {'ours s':>8}")
    rows = bench_min_abs_difference(runs) + bench_min_required_resources(runs) + bench_min_hours_roster(runs)
    for name, theirs, ours, their_time, our_time in rows:
        verdict = "equal" if ours == theirs else ("better" if ours < theirs else "WORSE")
        print(f"{name:52} {theirs:12.2f} {ours:12.2f} {their_time:8.3f} {our_time:8.3f}  {verdict}")
    week = bench_week(1 if args.quick else 3, 20 if args.quick else 60)
    print("\nA week, 30-minute intervals, 50 agents (DE/FR/ES/PH), overnight shifts, cyclic:")
    for key, value in week.items():
        print(f"  {key:40} {value:.4g}" if isinstance(value, float) else f"  {key:40} {value}")


if __name__ == "__main__":
    main()
