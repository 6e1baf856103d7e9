"""Synthetic call series with known structure, for the forecasting tests."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np

from handoff.engines.forecasting import IntervalSeries
from handoff.engines.forecasting.series import FloatArray

START = datetime(2024, 1, 1)  # a Monday
WEEKLY = np.array([1.2, 1.0, 1.0, 0.95, 0.9, 0.5, 0.0])  # Monday .. Sunday; closed on Sundays
OPENS, CLOSES = 8, 20  # hours


def intraday_shape(slots: int = 48) -> FloatArray:
    """A smooth two-peak day between 08:00 and 20:00, summing to 1."""
    hours = (np.arange(slots) + 0.5) * 24 / slots
    shape = np.exp(-((hours - 10.5) ** 2) / 4) + 0.8 * np.exp(-((hours - 15) ** 2) / 6)
    shape[(hours < OPENS) | (hours > CLOSES)] = 0
    return np.asarray(shape / shape.sum(), dtype=np.float64)


def expected_matrix(days: int, level: float = 1000.0, trend_per_day: float = 0.0, slots: int = 48) -> FloatArray:
    """days × slots expected counts: level (+ linear trend) × weekday factor × intraday shape."""
    day = np.arange(days)
    totals = (level + trend_per_day * day) * WEEKLY[day % 7]
    return np.asarray(totals[:, None] * intraday_shape(slots)[None, :], dtype=np.float64)


def as_series(matrix: FloatArray) -> IntervalSeries:
    """The matrix as a series, with the closed slots (and Sundays) missing rather than zero."""
    values = matrix.astype(np.float64).copy()
    slots = values.shape[1]
    values[:, intraday_shape(slots) == 0] = np.nan
    values[np.arange(len(values)) % 7 == 6] = np.nan
    return IntervalSeries(START, timedelta(days=1) / slots, values.ravel())


def poisson_series(
    days: int, seed: int, level: float = 1000.0, trend_per_day: float = 0.0, slots: int = 48
) -> IntervalSeries:
    rng = np.random.default_rng(seed)
    return as_series(rng.poisson(expected_matrix(days, level, trend_per_day, slots)).astype(np.float64))


def random_walk_level_series(days: int, seed: int, level: float = 5000.0, volatility: float = 0.05) -> IntervalSeries:
    """Daily totals whose level wanders (a geometric random walk) under the weekly pattern, Poisson counts."""
    rng = np.random.default_rng(seed)
    levels = level * np.exp(np.cumsum(rng.normal(0, volatility, days)))
    expected = levels[:, None] * WEEKLY[np.arange(days) % 7][:, None] * intraday_shape()[None, :]
    return as_series(rng.poisson(expected).astype(np.float64))
