"""Forecasting real queues: the bank's 5-minute calls (2003) and ServiceNow's daily incidents (2016)."""

import csv
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from handoff.engines.forecasting import (
    IntervalSeries,
    SeasonalNaive,
    backtest,
    count_events,
    country_holidays,
    forecast,
    from_points,
)

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
BANK = DATA / "callcenter_bank_calls_5min" / "bank_calls.csv"
SERVICENOW = DATA / "servicenow_incident_event_log" / "derived_incidents_one_row_per_ticket.csv"
pytestmark = pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data is absent")


def bank_calls() -> IntervalSeries:
    with BANK.open() as file:
        rows = list(csv.DictReader(file))
    moments = [datetime.fromisoformat(r["DateTime"].removesuffix("Z")) for r in rows]
    return from_points(moments, [float(r["Calls"]) for r in rows], timedelta(minutes=5), start=datetime(2003, 3, 3))


def servicenow_daily() -> IntervalSeries:
    """Incidents opened per day, 1 March – 12 May 2016 (the first and last days of the log are partial)."""
    with SERVICENOW.open() as file:
        opened = [datetime.fromisoformat(r["opened_at"]) for r in csv.DictReader(file)]
    return count_events(opened, timedelta(days=1), datetime(2016, 3, 1), datetime(2016, 5, 13))


@pytest.mark.parametrize("minutes", [5, 30])
def test_next_day_bank_calls_beat_the_seasonal_naive_forecast(minutes: int) -> None:
    series = bank_calls().resample(timedelta(minutes=minutes))
    holidays = country_holidays("US", date(2003, 3, 1), date(2003, 10, 31))
    result = forecast(series, 1, origins=5, holidays=holidays)
    naive = next(b for b in result.backtests if b.model == "seasonal_naive_weekly")
    assert result.chosen.model in {"ets", "fourier_regression"}
    assert result.chosen.mase < 0.9 * naive.mase
    assert result.chosen.wape < 0.15
    assert result.forecast.mean.sum() == pytest.approx(30_000, rel=0.3)  # a weekday's calls


def test_daily_incidents_beat_the_seasonal_naive_forecast_and_respect_holidays() -> None:
    series = servicenow_daily()
    holidays = country_holidays("BR", date(2016, 3, 1), date(2016, 5, 31))
    naive = backtest(series, SeasonalNaive("weekly"), origins=21, horizon_days=7, holidays=holidays)
    result = forecast(series, 7, origins=21, holidays=holidays)
    assert result.chosen.mase < naive.mase
    # Good Friday and Tiradentes in the history put a holiday at a small share of a normal day
    tiradentes = forecast(series.until(datetime(2016, 4, 18)), 7, origins=7, holidays=holidays)
    assert tiradentes.forecast.mean[3] < 0.3 * tiradentes.forecast.mean[2]
