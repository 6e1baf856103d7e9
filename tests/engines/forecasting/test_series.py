"""The regular interval series: grid checks, gaps, resampling, the day matrix."""

from datetime import datetime, timedelta

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from handoff.engines.forecasting import IntervalSeries, count_events, from_day_matrix, from_points

FIVE = timedelta(minutes=5)
THIRTY = timedelta(minutes=30)


def test_points_with_a_gap_leave_the_gap_missing() -> None:
    start = datetime(2003, 3, 3, 7)
    series = from_points([start, start + FIVE, start + 3 * FIVE], [4, 5, 7], FIVE)
    assert series.values[:2].tolist() == [4, 5]
    assert np.isnan(series.values[2])
    assert series.values[3] == 7
    assert series.observed() == 3


def test_resampling_sums_and_counts_a_partly_closed_interval_as_open() -> None:
    start = datetime(2003, 3, 3, 21)  # 21:00 and 21:05 open, the rest of the half hour closed
    series = IntervalSeries(start, FIVE, np.array([3.0, 2.0, *[np.nan] * 10]))
    half_hours = series.resample(THIRTY)
    assert half_hours.start == start
    assert half_hours.values[0] == 5
    assert np.isnan(half_hours.values[1])


def test_resampling_aligns_a_start_inside_the_coarse_interval() -> None:
    series = IntervalSeries(datetime(2024, 1, 1, 7, 10), FIVE, np.ones(6))
    coarse = series.resample(THIRTY)
    assert coarse.start == datetime(2024, 1, 1, 7)
    assert coarse.values.tolist() == [4, 2]


def test_day_matrix_pads_to_whole_days_and_round_trips() -> None:
    series = IntervalSeries(datetime(2024, 1, 1, 7), THIRTY, np.arange(50, dtype=float))
    first_day, matrix = series.day_matrix()
    assert matrix.shape == (2, 48)
    assert matrix[0, 14] == 0
    assert np.isnan(matrix[0, 13])
    back = from_day_matrix(first_day, matrix, THIRTY)
    assert back.start == datetime(2024, 1, 1)
    assert np.array_equal(back.values[14:64], series.values)
    assert np.isnan(back.values[:14]).all()


def test_count_events_counts_per_interval_with_zero_for_none() -> None:
    start = datetime(2016, 3, 1)
    moments = [start + timedelta(hours=1), start + timedelta(hours=2), start + timedelta(days=2, hours=3)]
    series = count_events(moments, timedelta(days=1), start, start + timedelta(days=3))
    assert series.values.tolist() == [2, 0, 1]


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: IntervalSeries(datetime(2024, 1, 1), timedelta(minutes=7), np.ones(3)), "divide a day"),
        (lambda: IntervalSeries(datetime(2024, 1, 1, 7, 3), FIVE, np.ones(3)), "not on the"),
        (lambda: IntervalSeries(datetime(2024, 1, 1), FIVE, np.array([1.0, -2.0])), "negative"),
        (lambda: IntervalSeries(datetime(2024, 1, 1), FIVE, np.array([1.0, np.inf])), "finite"),
        (lambda: from_points([datetime(2024, 1, 1, 0, 2)], [1], FIVE, start=datetime(2024, 1, 1)), "grid"),
        (lambda: from_points([datetime(2024, 1, 1)] * 2, [1, 2], FIVE), "more than once"),
        (lambda: IntervalSeries(datetime(2024, 1, 1), FIVE, np.ones(3)).resample(timedelta(minutes=7)), "multiple"),
    ],
)
def test_bad_series_are_refused_with_the_reason(build, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        build()


@given(
    values=arrays(np.float64, st.integers(1, 200), elements=st.one_of(st.just(np.nan), st.integers(0, 500))),
    offset=st.integers(0, 287),
    factor=st.sampled_from([3, 6, 12, 288]),
)
def test_resampling_keeps_the_total(values: np.ndarray, offset: int, factor: int) -> None:
    series = IntervalSeries(datetime(2024, 1, 1) + offset * FIVE, FIVE, values)
    coarse = series.resample(FIVE * factor)
    assert np.nansum(coarse.values) == np.nansum(values)
    assert coarse.observed() <= series.observed()
    assert np.isnan(coarse.values).all() == np.isnan(values).all()
