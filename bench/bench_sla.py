"""Benchmark: SLA deadlines from the day-walking engine against minute-by-minute stepping.

The peer is the naive approach a helpdesk such as Frappe Helpdesk takes: starting
from the item's creation, step through wall-clock time and count only the steps
that fall in working hours (here one minute per step, each checked against the
weekday's windows and the holiday list in the local time zone). The engine walks
the calendar a day at a time instead, using cached UTC spans.

Run: .venv/bin/python bench/bench_sla.py [--items N] [--repeat R]
Both implementations are checked to agree on every deadline they computed.
"""

from __future__ import annotations

import argparse
import random
import statistics
import timeit
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta

from handoff.engines.sla import BusinessCalendar, Window, add_business_minutes, make_week
from handoff.engines.sla.schedule import schedule_for

CALENDAR = BusinessCalendar("Europe/Warsaw", make_week([("09:00", "12:30"), ("13:30", "18:00")]), country="PL")
Item = tuple[datetime, int]


def make_items(count: int, seed: int = 2026) -> list[Item]:
    """Minute-aligned creation instants over 2026 and targets from 15 min to 5 business days."""
    rng = random.Random(seed)
    year_start = datetime(2026, 1, 1, tzinfo=UTC)
    targets = [15, 30, 60, 120, 240, 480, 960, 1920, 2400]
    return [(year_start + timedelta(minutes=rng.randrange(365 * 24 * 60)), rng.choice(targets)) for _ in range(count)]


def naive_add_minutes(calendar: BusinessCalendar, start: datetime, minutes: int) -> datetime:
    """Reference: step one wall-clock minute at a time, counting the minutes the calendar is open."""
    zone = calendar.zone
    windows_by_day: dict[date, tuple[Window, ...]] = {}
    moment = start.astimezone(UTC)
    left = minutes
    while left > 0:
        local = moment.astimezone(zone)
        day = local.date()
        windows = windows_by_day.get(day)
        if windows is None:
            windows = windows_by_day[day] = calendar.windows_starting_on(day)
        minute_of_day = local.hour * 60 + local.minute
        if any(w.start <= minute_of_day < w.end for w in windows):
            left -= 1
        moment += timedelta(minutes=1)
    return moment


def run_engine(items: Sequence[Item]) -> list[datetime]:
    return [add_business_minutes(CALENDAR, start, minutes) for start, minutes in items]


def run_naive(items: Sequence[Item]) -> list[datetime]:
    return [naive_add_minutes(CALENDAR, start, minutes) for start, minutes in items]


def median_seconds(function: Callable[[], object], repeat: int) -> float:
    return statistics.median(timeit.repeat(function, number=1, repeat=repeat))


def cold_seconds(function: Callable[[], object]) -> float:
    schedule_for.cache_clear()
    return timeit.timeit(function, number=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--naive-repeat", type=int, default=3)
    args = parser.parse_args()
    items = make_items(args.items)
    engine_cold = cold_seconds(lambda: run_engine(items))
    engine = median_seconds(lambda: run_engine(items), args.repeat)
    naive_results: list[list[datetime]] = []
    naive = median_seconds(lambda: naive_results.append(run_naive(items)), args.naive_repeat)
    assert all(result == run_engine(items) for result in naive_results), "engine and minute stepping disagree"
    print(f"items: {len(items)} (targets 15 min – 5 business days, Warsaw 09:00–12:30/13:30–18:00, PL holidays)")
    print(f"engine (warm cache): median {engine:.4f} s = {len(items) / engine:,.0f} deadlines/s")
    print(f"engine (cold cache, first run): {engine_cold:.4f} s = {len(items) / engine_cold:,.0f} deadlines/s")
    print(f"naive minute stepping: median {naive:.3f} s = {len(items) / naive:,.0f} deadlines/s")
    print(f"speed-up: {naive / engine:,.0f}x warm, {naive / engine_cold:,.0f}x cold (all deadlines identical)")

    long_start = datetime(2026, 3, 6, 15, 0, tzinfo=UTC)
    long_minutes = 10_000 * 60
    schedule_for.cache_clear()
    long_cold = timeit.timeit(lambda: add_business_minutes(CALENDAR, long_start, long_minutes), number=1)
    long_warm = median_seconds(lambda: add_business_minutes(CALENDAR, long_start, long_minutes), args.repeat)
    long_naive = timeit.timeit(lambda: naive_add_minutes(CALENDAR, long_start, long_minutes), number=1)
    assert add_business_minutes(CALENDAR, long_start, long_minutes) == naive_add_minutes(
        CALENDAR, long_start, long_minutes
    )
    print(
        f"10,000 business hours, one deadline: engine {long_cold * 1000:.1f} ms cold, {long_warm * 1000:.2f} ms warm;"
        f" naive {long_naive:.2f} s ({long_naive / long_warm:,.0f}x warm)"
    )
    print(f"measured on {date.today().isoformat()}")


if __name__ == "__main__":
    main()
