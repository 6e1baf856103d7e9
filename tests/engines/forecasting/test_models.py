"""Each model recovers the structure a synthetic series was built with; holidays; closed hours."""

from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from handoff.engines.forecasting import (
    FourierRegression,
    IntervalSeries,
    ProfileETS,
    SeasonalNaive,
    day_history,
    point_forecast,
)
from handoff.engines.forecasting.holiday_effects import country_holidays, holiday_factors
from tests.engines.forecasting.synthetic import (
    START,
    WEEKLY,
    as_series,
    expected_matrix,
    intraday_shape,
    poisson_series,
)

DAYS = 70  # ten weeks; day 70 is a Monday


def test_weekly_seasonal_naive_repeats_the_same_weekday_and_closes_sundays() -> None:
    series = poisson_series(DAYS, seed=1)
    history = day_history(series)
    forecast = point_forecast(SeasonalNaive("weekly"), history, 7)
    assert np.array_equal(forecast[:6], np.nan_to_num(history.matrix[-7:-1]))
    assert np.all(forecast[6] == 0)  # Sunday: never open


def test_daily_seasonal_naive_repeats_the_last_open_day() -> None:
    history = day_history(poisson_series(DAYS, seed=1))  # ends on a Sunday (closed): Saturday was the last open day
    forecast = point_forecast(SeasonalNaive("daily"), history, 2)
    assert np.array_equal(forecast[0], np.nan_to_num(history.matrix[-2]))
    assert np.array_equal(forecast[1], np.nan_to_num(history.matrix[-2]))


def test_ets_recovers_trend_and_weekly_pattern_of_daily_totals() -> None:
    series = poisson_series(DAYS, seed=2, level=2000, trend_per_day=10)
    forecast = point_forecast(ProfileETS(), day_history(series), 7)
    truth = expected_matrix(DAYS + 7, level=2000, trend_per_day=10)[DAYS:]
    assert forecast.sum(axis=1) == pytest.approx(truth.sum(axis=1), rel=0.05, abs=1)
    assert forecast[0] / forecast[0].sum() == pytest.approx(intraday_shape(), abs=0.01)


def test_fourier_regression_recovers_the_intraday_shape_and_level() -> None:
    series = poisson_series(DAYS, seed=3, level=1500, trend_per_day=-5)
    forecast = point_forecast(FourierRegression(), day_history(series), 6)
    truth = expected_matrix(DAYS + 6, level=1500, trend_per_day=-5)[DAYS:]
    # one trend on the square-root scale for all weekdays only approximates an additive trend
    assert forecast.sum(axis=1) == pytest.approx(truth.sum(axis=1), rel=0.08)
    assert forecast[0] / forecast[0].sum() == pytest.approx(intraday_shape(), abs=0.01)


def test_slots_never_open_lately_are_forecast_zero() -> None:
    forecast = point_forecast(FourierRegression(), day_history(poisson_series(DAYS, seed=4)), 1)
    closed = intraday_shape() == 0
    assert np.all(forecast[0, closed] == 0)
    assert np.all(forecast[0, ~closed] > 0)


def test_a_holiday_the_centre_closed_on_before_is_forecast_closed() -> None:
    matrix = expected_matrix(DAYS)
    past_holiday = START.date() + timedelta(days=29)  # a Tuesday, no data that day
    matrix[29] = np.nan
    next_holiday = START.date() + timedelta(days=DAYS + 1)  # the Tuesday after the history
    holidays = frozenset({past_holiday, next_holiday})
    forecast = point_forecast(SeasonalNaive("weekly"), day_history(as_series(matrix), holidays), 3)
    assert forecast[1].sum() == 0
    assert forecast[0].sum() == pytest.approx(1000 * WEEKLY[0], rel=1e-9)
    assert forecast[2].sum() == pytest.approx(1000 * WEEKLY[2], rel=1e-9)


def test_a_holiday_is_scaled_by_past_holidays_and_left_out_of_the_fit() -> None:
    matrix = expected_matrix(DAYS)
    matrix[31] *= 0.2  # a Thursday holiday at a fifth of the normal volume
    holidays = frozenset({START.date() + timedelta(days=31), START.date() + timedelta(days=DAYS + 3)})
    history = day_history(as_series(matrix), holidays)
    assert np.all(np.isnan(history.matrix[31]))
    factors = holiday_factors(history, [history.end_day + timedelta(days=k) for k in range(5)])
    assert factors.tolist() == pytest.approx([1, 1, 1, 0.2, 1])


def test_without_past_holidays_a_holiday_is_treated_like_a_sunday() -> None:
    matrix = expected_matrix(DAYS)
    matrix[np.arange(DAYS) % 7 == 6] = matrix[0] * 0.1  # Sundays open at a tenth of Monday's volume
    series = IntervalSeries(START, timedelta(minutes=30), np.where(matrix == 0, np.nan, matrix).ravel())
    wednesday = START.date() + timedelta(days=DAYS + 2)
    history = day_history(series, frozenset({wednesday}))
    factors = holiday_factors(history, [wednesday])
    assert factors[0] == pytest.approx(0.1 * 1.2 / 1.0)


def test_country_holidays_come_from_the_calendar() -> None:
    assert date(2016, 4, 21) in country_holidays("BR", date(2016, 3, 1), date(2016, 5, 31))
    with pytest.raises(ValueError, match="no holiday calendar"):
        country_holidays("XX", date(2016, 1, 1), date(2016, 12, 31))


def test_a_history_shorter_than_two_weeks_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 14 days"):
        day_history(poisson_series(10, seed=1))


def test_a_history_without_any_observation_is_refused() -> None:
    empty = IntervalSeries(START, timedelta(minutes=30), np.full(48 * 21, np.nan))
    with pytest.raises(ValueError, match="no observed"):
        day_history(empty)


def test_an_unfinished_last_day_is_left_out() -> None:
    series = poisson_series(DAYS, seed=1)
    longer = IntervalSeries(series.start, series.step, np.concatenate([series.values, np.ones(10)]))
    assert day_history(longer).days == DAYS


def test_the_horizon_must_be_a_day_or_more() -> None:
    with pytest.raises(ValueError, match="at least one day"):
        point_forecast(SeasonalNaive(), day_history(poisson_series(DAYS, seed=1)), 0)


@given(week=arrays(np.float64, (7, 6), elements=st.integers(0, 300)), weeks=st.integers(2, 5), ahead=st.integers(1, 9))
def test_any_weekly_repeating_series_is_continued_exactly_by_the_weekly_naive_forecast(
    week: np.ndarray, weeks: int, ahead: int
) -> None:
    series = IntervalSeries(START, timedelta(hours=4), np.tile(week, (weeks, 1)).ravel())
    forecast = point_forecast(SeasonalNaive("weekly"), day_history(series), ahead)
    expected = week[np.arange(ahead) % 7]
    assert np.array_equal(forecast, expected)
