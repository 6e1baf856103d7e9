"""Rolling-origin backtest, model choice per queue and prediction intervals.

The backtest cuts the history at each of the last ``origins`` midnights,
fits the model on what came before, forecasts the next ``horizon_days`` and
scores the forecast against the observed intervals (missing ones are skipped):

- MASE: the forecast's mean absolute error over the in-sample mean absolute
  error of the weekly seasonal naive forecast (same slot, 7 days earlier) of
  the training part — Hyndman and Koehler (2006). Below 1 is better than
  the naive forecast was in sample; averaged over origins.
- WAPE: Σ|error| / Σ actual over all origins.
- MAPE: the mean of |error| / actual over intervals with a positive actual
  (at 5 minutes many counts are small; WAPE is the sturdier percentage).

:func:`forecast` runs the backtest for every candidate model, keeps the one
with the lowest mean MASE and forecasts with it. Its prediction intervals come
from that model's out-of-sample errors. Count noise grows like the square
root of the level and a misjudged level like the level itself, so errors get
the negative-binomial spread s(ŷ) = √(ŷ + k²·ŷ² + 1), with the dispersion k²
estimated from the errors by moments (Σ(e² − ŷ) / Σŷ², at least 0). The
interval at coverage c is ŷ + q·s(ŷ) for the (1 − c)/2 and (1 + c)/2
quantiles q of the errors divided by their s(ŷ), cut at 0. Slots forecast at
0 (closed) get [0, 0].
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np

from handoff.engines.forecasting.models import DEFAULT_MODELS, DayHistory, Model, day_history, point_forecast
from handoff.engines.forecasting.series import FloatArray, IntervalSeries

DEFAULT_COVERAGES = (0.8, 0.95)
DEFAULT_ORIGINS = 20  # 20 errors at least: the 95 % interval needs more than a handful
MIN_SCALE = 1e-9


@dataclass(frozen=True)
class PredictionInterval:
    """Lower and upper bounds per interval expected to hold ``coverage`` of outcomes."""

    coverage: float
    lower: FloatArray
    upper: FloatArray


@dataclass(frozen=True, eq=False)
class Forecast:
    """Expected counts per interval from ``start`` (midnight of the first forecast day)."""

    model: str
    start: datetime
    step: timedelta
    mean: FloatArray
    intervals: tuple[PredictionInterval, ...]

    def series(self) -> IntervalSeries:
        return IntervalSeries(self.start, self.step, self.mean)

    def interval(self, coverage: float) -> PredictionInterval:
        for interval in self.intervals:
            if abs(interval.coverage - coverage) < 1e-9:
                return interval
        raise KeyError(f"no {coverage:.0%} interval; have {[i.coverage for i in self.intervals]}")


@dataclass(frozen=True, eq=False)
class BacktestResult:
    """One model's scores over the origins, and its out-of-sample errors with their forecasts."""

    model: str
    origins: int
    mase: float
    mae: float
    wape: float
    mape: float
    seconds: float
    mase_by_origin: FloatArray
    errors: FloatArray
    predicted: FloatArray

    @property
    def dispersion(self) -> float:
        """k² of the spread √(ŷ + k²ŷ² + 1): the variance beyond Poisson, relative to ŷ²."""
        squares = float(np.sum(self.predicted**2))
        excess = float(np.sum(self.errors**2 - self.predicted))
        return max(excess / squares, 0.0) if squares > 0 else 0.0

    def scaled_errors(self) -> FloatArray:
        """The errors divided by their spread."""
        return self.errors / spread(self.predicted, self.dispersion)


def spread(predicted: FloatArray, dispersion: float) -> FloatArray:
    return np.asarray(np.sqrt(predicted + dispersion * predicted**2 + 1.0), dtype=np.float64)


@dataclass(frozen=True, eq=False)
class QueueForecast:
    """The chosen model's forecast and every candidate's backtest, best first."""

    forecast: Forecast
    backtests: tuple[BacktestResult, ...]

    @property
    def chosen(self) -> BacktestResult:
        return self.backtests[0]


def naive_scale(history: DayHistory) -> float:
    """In-sample MAE of the weekly seasonal naive forecast (pairs 7 days apart, both observed).

    A history that repeats exactly week after week has no naive error; the
    scale is then floored at ``MIN_SCALE`` so an exact forecast still scores 0
    and any other a huge MASE, instead of dividing by zero.
    """
    matrix = history.matrix
    differences = np.abs(matrix[7:] - matrix[:-7])
    if not np.any(~np.isnan(differences)):
        raise ValueError("the history has no pair of observed intervals a week apart to scale errors by (MASE)")
    return max(float(np.nanmean(differences)), MIN_SCALE)


def backtest(
    series: IntervalSeries,
    model: Model,
    *,
    origins: int = DEFAULT_ORIGINS,
    horizon_days: int = 1,
    holidays: frozenset[date] = frozenset(),
) -> BacktestResult:
    """Score ``model`` from each of the last ``origins`` midnights whose horizon holds observed data."""
    if origins < 1 or horizon_days < 1:
        raise ValueError("origins and horizon_days must be at least 1")
    full = day_history(series, holidays)
    cut_points = [o for o in range(full.days - horizon_days, 0, -1) if _has_actuals(full, o, horizon_days)][:origins]
    if not cut_points:
        raise ValueError("no origin with observed data in its horizon")
    began = time.perf_counter()
    errors, actuals, predictions, mase = [], [], [], []
    for cut in sorted(cut_points):
        history = DayHistory(full.first_day, full.step, full.raw[:cut], holidays)
        predicted = point_forecast(model, history, horizon_days)
        actual = full.raw[cut : cut + horizon_days]
        seen = ~np.isnan(actual)
        error = actual[seen] - predicted[seen]
        errors.append(error)
        actuals.append(actual[seen])
        predictions.append(predicted[seen])
        mase.append(float(np.mean(np.abs(error))) / naive_scale(history))
    return _result(model.name, errors, actuals, predictions, np.array(mase), time.perf_counter() - began)


def _has_actuals(history: DayHistory, cut: int, horizon_days: int) -> bool:
    return cut >= 14 and bool(np.any(~np.isnan(history.raw[cut : cut + horizon_days])))


def _result(
    name: str,
    errors: list[FloatArray],
    actuals: list[FloatArray],
    predictions: list[FloatArray],
    mase: FloatArray,
    seconds: float,
) -> BacktestResult:
    error = np.concatenate(errors)
    actual = np.concatenate(actuals)
    positive = actual > 0
    return BacktestResult(
        model=name,
        origins=len(mase),
        mase=float(mase.mean()),
        mae=float(np.mean(np.abs(error))),
        wape=float(np.abs(error).sum() / actual.sum()) if actual.sum() > 0 else float("nan"),
        mape=float(np.mean(np.abs(error[positive]) / actual[positive])) if positive.any() else float("nan"),
        seconds=seconds,
        mase_by_origin=mase,
        errors=error,
        predicted=np.concatenate(predictions),
    )


def with_intervals(
    model: str,
    start: datetime,
    step: timedelta,
    mean: FloatArray,
    calibration: BacktestResult,
    coverages: Sequence[float],
) -> Forecast:
    """A forecast with intervals from the quantiles of a backtest's scaled out-of-sample errors."""
    width = spread(mean, calibration.dispersion)
    scaled = calibration.scaled_errors()
    active = mean > 0
    intervals = []
    for coverage in coverages:
        if not 0 < coverage < 1:
            raise ValueError(f"interval coverage must be between 0 and 1, got {coverage}")
        low, high = np.quantile(scaled, [(1 - coverage) / 2, (1 + coverage) / 2])
        lower = np.where(active, np.maximum(mean + low * width, 0.0), 0.0)
        upper = np.where(active, np.maximum(mean + high * width, mean), 0.0)
        intervals.append(PredictionInterval(coverage, lower, upper))
    return Forecast(model, start, step, mean, tuple(intervals))


def forecast(
    series: IntervalSeries,
    days: int,
    *,
    models: Sequence[Model] = DEFAULT_MODELS,
    holidays: frozenset[date] = frozenset(),
    origins: int = DEFAULT_ORIGINS,
    coverages: Sequence[float] = DEFAULT_COVERAGES,
) -> QueueForecast:
    """Backtest every model, forecast ``days`` with the best (lowest MASE), intervals from its errors.

    The backtest forecasts as many days ahead as asked (at most 7), so the
    errors behind the intervals are errors at that horizon.
    """
    if not models:
        raise ValueError("give at least one model")
    if days < 1:
        raise ValueError("the horizon must be at least one day")
    if not all(0 < c < 1 for c in coverages):
        raise ValueError(f"interval coverages must be between 0 and 1, got {list(coverages)}")
    horizon = min(days, 7)
    results = sorted(
        (backtest(series, m, origins=origins, horizon_days=horizon, holidays=holidays) for m in models),
        key=lambda r: (np.nan_to_num(r.mase, nan=np.inf), r.model),
    )
    chosen = next(m for m in models if m.name == results[0].model)
    history = day_history(series, holidays)
    mean = point_forecast(chosen, history, days).ravel()
    start = datetime.combine(history.end_day, datetime.min.time(), series.start.tzinfo)
    return QueueForecast(with_intervals(chosen.name, start, series.step, mean, results[0], coverages), tuple(results))


def forecast_queues(
    histories: Mapping[str, IntervalSeries],
    days: int,
    *,
    models: Sequence[Model] = DEFAULT_MODELS,
    holidays: frozenset[date] = frozenset(),
    origins: int = DEFAULT_ORIGINS,
    coverages: Sequence[float] = DEFAULT_COVERAGES,
) -> dict[str, QueueForecast]:
    """:func:`forecast` for each queue: every queue gets the model that backtests best on its own history."""
    return {
        queue: forecast(series, days, models=models, holidays=holidays, origins=origins, coverages=coverages)
        for queue, series in histories.items()
    }
