"""Forecast accuracy on real queues: rolling origin, MASE against the seasonal naive forecast.

    .venv/bin/python bench/bench_forecast.py            # about 3 minutes
    .venv/bin/python bench/bench_forecast.py --quick    # 10 origins, one timing run

Datasets (../shared/data):

- bank_calls: 5-minute calls of a US bank, weekdays 07:00–21:05, March–October
  2003; forecast the next day at 5 and at 30 minutes, US holidays.
- ServiceNow incidents: tickets opened per day, 1 March – 12 May 2016 (the log's
  partial first and last days left out); forecast the next day and the next
  7 days, Brazilian holidays.

For each, every model is backtested from the last N origins (midnights whose
horizon has data): MASE (scaled by the in-sample weekly seasonal naive MAE of
each training part), MAE relative to the weekly seasonal naive forecast over
the same origins, WAPE, MAPE, and the median time of a backtest run divided
by its origins (one fit and forecast). The "chosen" row is the model the
engine picks (`forecast()`, 20 origins) on the history *before* the evaluation
window, scored on the window; its interval coverage is the share of the
window's outcomes inside the 80 % / 95 % intervals calibrated before it.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from handoff.engines.forecasting import (
    DEFAULT_MODELS,
    BacktestResult,
    IntervalSeries,
    backtest,
    count_events,
    country_holidays,
    day_history,
    forecast,
    from_points,
)
from handoff.engines.forecasting.backtest import spread

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
CALIBRATION_ORIGINS = 20  # origins the engine chooses and calibrates its intervals on, before the window


def bank_calls() -> IntervalSeries:
    with (DATA / "callcenter_bank_calls_5min" / "bank_calls.csv").open() as file:
        rows = list(csv.DictReader(file))
    moments = [datetime.fromisoformat(r["DateTime"].removesuffix("Z")) for r in rows]
    return from_points(moments, [float(r["Calls"]) for r in rows], timedelta(minutes=5), start=datetime(2003, 3, 3))


def servicenow_daily() -> IntervalSeries:
    path = DATA / "servicenow_incident_event_log" / "derived_incidents_one_row_per_ticket.csv"
    with path.open() as file:
        opened = [datetime.fromisoformat(r["opened_at"]) for r in csv.DictReader(file)]
    return count_events(opened, timedelta(days=1), datetime(2016, 3, 1), datetime(2016, 5, 13))


def window_start(series: IntervalSeries, origins: int, horizon: int, holidays: frozenset[date]) -> datetime:
    """Midnight of the earliest origin the evaluation uses (the same rule as the backtest's)."""
    history = day_history(series, holidays)
    cuts = [
        o for o in range(history.days - horizon, 0, -1) if o >= 14 and np.any(~np.isnan(history.raw[o : o + horizon]))
    ][:origins]
    return datetime.combine(history.day(min(cuts)), datetime.min.time())


def timed_backtests(
    series: IntervalSeries, origins: int, horizon: int, holidays: frozenset[date], repeat: int
) -> list[tuple[BacktestResult, float]]:
    results = []
    for model in DEFAULT_MODELS:
        runs = [
            backtest(series, model, origins=origins, horizon_days=horizon, holidays=holidays) for _ in range(repeat)
        ]
        results.append((runs[0], statistics.median(r.seconds for r in runs) / runs[0].origins))
    return results


def coverage(result: BacktestResult, calibration: BacktestResult, level: float) -> float:
    """Share of ``result``'s outcomes inside the intervals ``calibration`` would have drawn around its forecasts."""
    low, high = np.quantile(calibration.scaled_errors(), [(1 - level) / 2, (1 + level) / 2])
    width = spread(result.predicted, calibration.dispersion)
    return float(np.mean((result.errors >= low * width) & (result.errors <= high * width)))


def evaluate(
    name: str, series: IntervalSeries, horizon: int, holidays: frozenset[date], origins: int, repeat: int
) -> None:
    results = timed_backtests(series, origins, horizon, holidays, repeat)
    naive = next(r for r, _ in results if r.model == "seasonal_naive_weekly")
    before = series.until(window_start(series, origins, horizon, holidays))
    picked = forecast(before, horizon, origins=CALIBRATION_ORIGINS, holidays=holidays)
    chosen = next(r for r, _ in results if r.model == picked.chosen.model)
    print(f"\n{name}: {results[0][0].origins} origins, horizon {horizon} day(s)")
    print(f"  {'model':<24}{'MASE':>7}{'rel. MAE':>10}{'WAPE':>8}{'MAPE':>8}{'ms/origin':>11}")
    for result, per_origin in results:
        print(
            f"  {result.model:<24}{result.mase:>7.3f}{result.mae / naive.mae:>10.3f}{result.wape:>8.3f}"
            f"{result.mape:>8.3f}{per_origin * 1000:>11.1f}"
        )
    cover = [coverage(chosen, picked.chosen, level) for level in (0.8, 0.95)]
    print(
        f"  chosen before the window: {chosen.model} → MASE {chosen.mase:.3f}, rel. MAE "
        f"{chosen.mae / naive.mae:.3f}; interval coverage 80 %: {cover[0]:.3f}, 95 %: {cover[1]:.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    if not DATA.is_dir():
        sys.exit(f"{DATA} is absent")
    origins, repeat = (10, 1) if args.quick else (40, 3)
    calls = bank_calls()
    us = country_holidays("US", date(2003, 3, 1), date(2003, 10, 31))
    evaluate("bank calls, 5 min", calls, 1, us, origins, repeat)
    evaluate("bank calls, 30 min", calls.resample(timedelta(minutes=30)), 1, us, origins, repeat)
    tickets = servicenow_daily()
    br = country_holidays("BR", date(2016, 3, 1), date(2016, 5, 31))
    evaluate("ServiceNow incidents per day", tickets, 1, br, min(origins, 28), repeat)
    evaluate("ServiceNow incidents per day", tickets, 7, br, min(origins, 28), repeat)


if __name__ == "__main__":
    main()
