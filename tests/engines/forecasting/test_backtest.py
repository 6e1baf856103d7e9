"""Rolling-origin backtest: each model wins on the series built to favour it; intervals cover."""

from datetime import timedelta

import numpy as np
import pytest

from handoff.engines.forecasting import (
    IntervalSeries,
    ProfileETS,
    SeasonalNaive,
    backtest,
    forecast,
    forecast_queues,
)
from tests.engines.forecasting.synthetic import (
    START,
    as_series,
    expected_matrix,
    intraday_shape,
    poisson_series,
    random_walk_level_series,
)

DAYS = 70


def exactly_weekly_series(seed: int) -> IntervalSeries:
    """Every week repeats one random week exactly: nothing beats last week's values."""
    rng = np.random.default_rng(seed)
    week = rng.poisson(expected_matrix(7) * rng.uniform(0.5, 1.5, (7, 48)))
    return as_series(np.tile(week, (DAYS // 7, 1)).astype(np.float64))


def random_walk_days_series(seed: int) -> IntervalSeries:
    """Each day's level is yesterday's plus a step, no weekly pattern, no noise: yesterday is the best guess."""
    rng = np.random.default_rng(seed)
    levels = 1000 + np.cumsum(rng.normal(0, 30, DAYS))
    shape = intraday_shape()
    matrix = np.round(levels[:, None] * shape[None, :])
    return IntervalSeries(START, timedelta(minutes=30), np.where(shape > 0, matrix, np.nan).ravel())


@pytest.mark.parametrize(
    ("series", "best"),
    [
        (exactly_weekly_series(1), "seasonal_naive_weekly"),
        (random_walk_days_series(2), "seasonal_naive_daily"),
        (random_walk_level_series(DAYS, seed=0), "ets"),
        (random_walk_level_series(DAYS, seed=3), "ets"),
        (poisson_series(DAYS, seed=0, level=300, slots=288), "fourier_regression"),
        (poisson_series(DAYS, seed=2, level=300, slots=288), "fourier_regression"),
    ],
    ids=[
        "weekly-repeat",
        "daily-random-walk",
        "wandering-level-0",
        "wandering-level-3",
        "noisy-5min-0",
        "noisy-5min-2",
    ],
)
def test_the_backtest_picks_the_model_the_series_favours(series: IntervalSeries, best: str) -> None:
    result = forecast(series, 1, origins=10)
    assert result.chosen.model == best
    assert result.forecast.model == best
    scores = [b.mase for b in result.backtests]
    assert scores == sorted(scores)


def test_backtest_scores_agree_with_their_definitions() -> None:
    series = poisson_series(DAYS, seed=5)
    result = backtest(series, SeasonalNaive("weekly"), origins=6)
    assert result.origins == 6  # Sundays have no actuals, so the six latest other days are used
    assert len(result.mase_by_origin) == 6
    assert result.mase == pytest.approx(result.mase_by_origin.mean())
    assert 0 < result.wape < 1
    assert result.mape > result.wape  # small counts weigh more in MAPE


def test_the_forecast_starts_at_the_next_midnight_and_spans_the_days_asked() -> None:
    series = poisson_series(DAYS, seed=6)
    result = forecast(series, 3, origins=4)
    assert result.forecast.start == START + timedelta(days=DAYS)
    assert result.forecast.mean.shape == (3 * 48,)
    assert result.forecast.series().step == timedelta(minutes=30)
    closed = np.tile(intraday_shape() == 0, 3)
    assert np.all(result.forecast.mean[closed] == 0)
    interval = result.forecast.interval(0.8)
    assert np.all(interval.lower[closed] == 0)
    assert np.all(interval.upper[closed] == 0)


def test_prediction_intervals_cover_about_their_nominal_share() -> None:
    """Stable Poisson demand: the 80 % and 95 % intervals hold about 80 % and 95 % of fresh outcomes."""
    rng = np.random.default_rng(11)
    truth = expected_matrix(DAYS + 7, level=800)
    series = as_series(rng.poisson(truth[:DAYS]).astype(np.float64))
    result = forecast(series, 7, origins=20, models=[ProfileETS()])
    open_slots = result.forecast.mean > 0
    outcomes = rng.poisson(np.tile(truth[DAYS:].ravel(), (40, 1)))[:, open_slots]
    for coverage in (0.8, 0.95):
        interval = result.forecast.interval(coverage)
        hit = (outcomes >= interval.lower[open_slots]) & (outcomes <= interval.upper[open_slots])
        assert hit.mean() == pytest.approx(coverage, abs=0.06)


def test_each_queue_gets_its_own_model() -> None:
    chosen = forecast_queues(
        {"billing": exactly_weekly_series(1), "support": random_walk_days_series(2)},
        1,
        origins=6,
        models=[SeasonalNaive("weekly"), SeasonalNaive("daily")],
    )
    assert chosen["billing"].forecast.model == "seasonal_naive_weekly"
    assert chosen["support"].forecast.model == "seasonal_naive_daily"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s: forecast(s, 1, models=[]), "at least one model"),
        (lambda s: forecast(s, 0), "at least one day"),
        (lambda s: forecast(s, 1, coverages=[1.2]), "coverage"),
        (lambda s: backtest(s, SeasonalNaive(), origins=0), "at least 1"),
        (lambda s: forecast(IntervalSeries(s.start, s.step, s.values[: 48 * 10]), 1), "at least 14 days"),
    ],
)
def test_bad_requests_are_refused_with_the_reason(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call(poisson_series(DAYS, seed=1))
