"""Benchmark: panel slot search by interval arithmetic against a naive minute-by-minute scan.

Scenario: a five-round panel (45 minutes each, 15-minute gaps) with five interviewers in four
time zones (Kolkata, Warsaw, London, New York), a candidate in London, a four-week horizon that
crosses both the US and the EU change to summer time, and seeded random meetings (two or three
a working day per interviewer, 30–90 minutes) as busy times, with a 10-minute buffer.

* engine — ``propose_panel`` (every start, and the product call: 5 spread suggestions).
* naive — for each person, mark each minute of the horizon free or not from their local wall
  clock, windows and busy times; then try every 15-minute start and check every minute of each
  round for its interviewers and of the whole block for the candidate.

Both must find the same starts. Run: .venv/bin/python bench/bench_interview_slots.py [--repeat R]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta

from handoff.engines.interviews.availability import WEEKDAYS, Availability, candidate_hours, weekly
from handoff.engines.interviews.slots import Ranking, RoundRequest, SearchOptions, propose_panel

START = datetime(2026, 3, 2, tzinfo=UTC)
END = START + timedelta(weeks=4)
BUFFER = timedelta(minutes=10)
GAP = timedelta(minutes=15)
ROUND = timedelta(minutes=45)
STEP = 15


def meetings(seed: int, tz_offset_hours: int) -> tuple[tuple[datetime, datetime], ...]:
    """Two or three seeded meetings each weekday around the person's working day."""
    rng = random.Random(seed)
    busy = []
    for day in range(28):
        midnight = START + timedelta(days=day)
        if midnight.weekday() >= 5:
            continue
        for _ in range(rng.randint(2, 3)):
            start = midnight + timedelta(hours=9 - tz_offset_hours, minutes=15 * rng.randrange(32))
            busy.append((start, start + timedelta(minutes=rng.choice([30, 45, 60, 90]))))
    return tuple(busy)


def people() -> tuple[list[RoundRequest], Availability]:
    asha = Availability("asha", "Asha", "Asia/Kolkata", weekly(WEEKDAYS, ("09:00", "18:00")), busy=meetings(1, 5))
    bob = Availability("bob", "Bob", "Europe/Warsaw", weekly(WEEKDAYS, ("08:00", "17:00")), busy=meetings(2, 1))
    cara = Availability(
        "cara", "Cara", "Europe/London", weekly(WEEKDAYS, ("08:00", "12:30"), ("13:30", "18:00")), busy=meetings(3, 0)
    )
    dan = Availability("dan", "Dan", "Europe/London", weekly(WEEKDAYS, ("09:00", "17:30")), busy=meetings(4, 0))
    eve = Availability("eve", "Eve", "America/New_York", weekly(WEEKDAYS, ("08:00", "17:00")), busy=meetings(5, -5))
    rounds = [
        RoundRequest("Technical (Kolkata)", ROUND, (asha,)),
        RoundRequest("System design", ROUND, (bob,)),
        RoundRequest("Pairing", ROUND, (cara, dan)),
        RoundRequest("Culture", ROUND, (dan,)),
        RoundRequest("Hiring manager", ROUND, (eve,)),
    ]
    return rounds, candidate_hours("Europe/London", start="08:00", end="19:00")


def engine_all(rounds: Sequence[RoundRequest], candidate: Availability) -> list[datetime]:
    options = SearchOptions(
        ranking=Ranking.EARLIEST, count=100_000, min_separation=timedelta(0), buffer=BUFFER, gap=GAP
    )
    return [s.start for s in propose_panel(rounds, candidate, START, END, options)]


def engine_suggest(rounds: Sequence[RoundRequest], candidate: Availability) -> list[datetime]:
    options = SearchOptions(count=5, buffer=BUFFER, gap=GAP)
    return [s.start for s in propose_panel(rounds, candidate, START, END, options)]


def free_minutes(person: Availability, total: int) -> list[bool]:
    """Minute m of the horizon is free: inside a local window and clear of busy ± buffer."""
    zone = person.zone
    busy = [(s - BUFFER, e + BUFFER) for s, e in person.busy]
    windows_cache: dict[object, list[tuple[int, int]]] = {}
    result = []
    for minute in range(total):
        moment = START + timedelta(minutes=minute)
        local = moment.astimezone(zone)
        day = local.date()
        if day not in windows_cache:
            windows_cache[day] = [(w.start_minute, w.end_minute) for w in person.windows_on(day)]
        of_day = local.hour * 60 + local.minute
        inside = any(a <= of_day < b for a, b in windows_cache[day])
        result.append(inside and not any(s <= moment < e for s, e in busy))
    return result


def naive_all(rounds: Sequence[RoundRequest], candidate: Availability) -> list[datetime]:
    total = int((END - START) / timedelta(minutes=1))
    everyone = {p.person_id: p for r in rounds for p in r.interviewers} | {candidate.person_id: candidate}
    free = {pid: free_minutes(person, total) for pid, person in everyone.items()}
    length = len(rounds) * 45 + (len(rounds) - 1) * 15
    found = []
    for start in range(0, total - length + 1, STEP):
        ok = all(free[candidate.person_id][start : start + length])
        offset = start
        for request in rounds:
            if not ok:
                break
            ok = all(all(free[p.person_id][offset : offset + 45]) for p in request.interviewers)
            offset += 45 + 15
        if ok:
            found.append(START + timedelta(minutes=start))
    return found


def median_seconds(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    rounds, candidate = people()
    engine_starts = engine_all(rounds, candidate)
    naive_starts = naive_all(rounds, candidate)
    if engine_starts != naive_starts:
        raise SystemExit(f"disagreement: engine {len(engine_starts)} starts, naive {len(naive_starts)}")
    suggestions = engine_suggest(rounds, candidate)
    print(f"{len(engine_starts)} feasible starts in 4 weeks, both agree; suggestions (London):")
    for start in suggestions:
        print("   ", start.astimezone(candidate.zone).strftime("%a %d %b %H:%M"))
    rows = [
        ("engine, 5 spread suggestions", median_seconds(lambda: engine_suggest(rounds, candidate), args.repeat)),
        ("engine, every feasible start", median_seconds(lambda: engine_all(rounds, candidate), args.repeat)),
        ("naive minute-by-minute scan", median_seconds(lambda: naive_all(rounds, candidate), max(3, args.repeat // 2))),
    ]
    print(f"\n| method | median ms (of {args.repeat}) |\n|---|---|")
    for name, seconds in rows:
        print(f"| {name} | {seconds * 1000:.1f} |")
    print(f"\nspeed-up of the engine (every start) over the naive scan: {rows[2][1] / rows[1][1]:.0f}×")


if __name__ == "__main__":
    main()
