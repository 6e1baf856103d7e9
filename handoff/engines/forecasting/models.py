"""Point forecasts of contact volumes: seasonal naive, ETS and a Fourier regression.

Every model maps a :class:`DayHistory` (the day matrix of the history, with
holidays set aside) to a days × slots matrix of expected counts for the days
after it. What all models share is applied around them in :func:`point_forecast`:

- a weekday-slot the queue has not been open in during the last four weeks
  forecasts 0 (nights, weekends of a weekday-only centre);
- a holiday in the horizon is scaled by :mod:`.holiday_effects`.

Prediction intervals are not the models' business: :mod:`.backtest` derives
them from each model's out-of-sample errors, the same way for every model.

Models:

- :class:`SeasonalNaive` — the same slot on the same weekday last week
  ("weekly"), or on the last open day ("daily"). The benchmark every MASE is
  scaled by.
- :class:`ProfileETS` — the call-centre decomposition: daily totals forecast
  by exponential smoothing (Holt-Winters, damped additive trend, weekly
  season over the open weekdays, statsmodels), spread over the day by the
  weekday's intraday profile (mean slot shares of its last six weeks). Fitting
  an ETS with a daily season of 170 five-minute slots directly is slow and
  noisy; the totals carry the trend and weekly pattern, the profile the shape.
- :class:`FourierRegression` — least squares on the square root of the counts
  (variance-stabilising for Poisson-like counts) over the last eight weeks:
  per open weekday an intercept and Fourier terms of the time of day (its
  intraday shape), plus one linear trend in weeks. Back-transformed with the
  residual variance (E[y] = E[√y]² + Var √y).
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal, Protocol

import numpy as np
from numpy.typing import NDArray
from statsmodels.tsa.holtwinters import ExponentialSmoothing  # type: ignore[import-untyped]

from handoff.engines.forecasting.holiday_effects import holiday_factors
from handoff.engines.forecasting.series import FloatArray, IntervalSeries

BoolArray = NDArray[np.bool_]
OPEN_LOOKBACK_WEEKS = 4  # a weekday-slot counts as open if it had data in the last 4 weeks
MIN_HISTORY_DAYS = 14
PROFILE_WEEKS = 6
REGRESSION_WEEKS = 8
FULL_DAY_SHARE = 0.9  # a day's total counts when 90 % of its open slots were observed


@dataclass(frozen=True, eq=False)
class DayHistory:
    """The history as whole days: ``matrix`` has holidays set to NaN, ``raw`` keeps them.

    ``open_slots`` (7 × slots, Monday first) says which weekday-slots the
    queue was open in lately; forecasts elsewhere are 0.
    """

    first_day: date
    step: timedelta
    raw: FloatArray
    holidays: frozenset[date]
    matrix: FloatArray = field(init=False)
    open_slots: BoolArray = field(init=False)

    def __post_init__(self) -> None:
        days = self.raw.shape[0]
        if days < MIN_HISTORY_DAYS:
            raise ValueError(f"the history must cover at least {MIN_HISTORY_DAYS} days, got {days}")
        matrix = self.raw.copy()
        matrix[[self.day(i) in self.holidays for i in range(days)]] = np.nan
        if np.all(np.isnan(matrix)):
            raise ValueError("the history has no observed intervals")
        object.__setattr__(self, "matrix", matrix)
        object.__setattr__(self, "open_slots", self._open_slots())

    @property
    def days(self) -> int:
        return int(self.raw.shape[0])

    @property
    def slots(self) -> int:
        return int(self.raw.shape[1])

    @property
    def end_day(self) -> date:
        """The first day after the history: day 0 of the forecast."""
        return self.first_day + timedelta(days=self.days)

    def day(self, index: int) -> date:
        return self.first_day + timedelta(days=index)

    def weekdays(self, start: int = 0, count: int | None = None) -> NDArray[np.int64]:
        """Weekday (Monday 0) of days ``start`` .. ``start + count`` (relative to ``first_day``)."""
        count = self.days - start if count is None else count
        return (self.first_day.weekday() + np.arange(start, start + count)) % 7

    def open_weekdays(self) -> list[int]:
        return [w for w in range(7) if self.open_slots[w].any()]

    def _open_slots(self) -> BoolArray:
        recent = max(0, self.days - 7 * OPEN_LOOKBACK_WEEKS)
        weekdays = self.weekdays(recent)
        seen = ~np.isnan(self.matrix[recent:])
        return np.array([seen[weekdays == w].any(axis=0) for w in range(7)]).reshape(7, self.slots)


def day_history(series: IntervalSeries, holidays: frozenset[date] = frozenset()) -> DayHistory:
    """The history up to its last midnight (an unfinished last day is left out)."""
    first_day, matrix = series.day_matrix()
    if series.end != datetime.combine(series.end.date(), datetime.min.time(), series.end.tzinfo):
        matrix = matrix[:-1]
    return DayHistory(first_day, series.step, matrix, holidays)


class Model(Protocol):
    """A point forecaster: ``days`` × slots expected counts after the history."""

    @property
    def name(self) -> str: ...

    def predict(self, history: DayHistory, days: int) -> FloatArray: ...


def point_forecast(model: Model, history: DayHistory, days: int) -> FloatArray:
    """The model's forecast with closed weekday-slots at 0 and horizon holidays (``history.holidays``) scaled."""
    if days < 1:
        raise ValueError("the horizon must be at least one day")
    forecast = np.maximum(np.nan_to_num(model.predict(history, days), nan=0.0), 0.0)
    weekdays = (history.end_day.weekday() + np.arange(days)) % 7
    forecast *= history.open_slots[weekdays]
    factors = holiday_factors(history, [history.end_day + timedelta(days=k) for k in range(days)])
    return forecast * factors[:, None]


def forward_filled(rows: FloatArray) -> FloatArray:
    """Each column's last observed value at every row (NaN before the first)."""
    filled = rows.copy()
    for i in range(1, len(filled)):
        gaps = np.isnan(filled[i])
        filled[i, gaps] = filled[i - 1, gaps]
    return filled


@dataclass(frozen=True)
class SeasonalNaive:
    """The last observed value of the same slot one season back.

    ``weekly``: the same weekday (a missing week, e.g. a holiday, falls back a
    week further); ``daily``: the last day the queue was open.
    """

    season: Literal["weekly", "daily"] = "weekly"

    @property
    def name(self) -> str:
        return f"seasonal_naive_{self.season}"

    def predict(self, history: DayHistory, days: int) -> FloatArray:
        if self.season == "daily":
            observed = history.matrix[~np.all(np.isnan(history.matrix), axis=1)]
            return np.tile(forward_filled(observed)[-1], (days, 1))
        last_by_weekday = np.zeros((7, history.slots))
        weekdays = history.weekdays()
        for w in range(7):
            rows = history.matrix[weekdays == w]
            if rows.size:
                last_by_weekday[w] = forward_filled(rows)[-1]
        return last_by_weekday[(history.end_day.weekday() + np.arange(days)) % 7]


def weekday_profiles(history: DayHistory, weeks: int = PROFILE_WEEKS) -> FloatArray:
    """7 × slots: each weekday's mean share of the day's total per slot over its last ``weeks`` full days."""
    profiles = np.zeros((7, history.slots))
    totals = np.nansum(history.matrix, axis=1)
    full = full_days(history)
    weekdays = history.weekdays()
    for w in history.open_weekdays():
        rows = np.flatnonzero(full & (weekdays == w) & (totals > 0))[-weeks:]
        if rows.size:
            shares = np.nan_to_num(history.matrix[rows]) / totals[rows, None]
            profiles[w] = shares.mean(axis=0)
    return profiles


def full_days(history: DayHistory) -> BoolArray:
    """Days with at least 90 % of their weekday's open slots observed."""
    open_count = history.open_slots[history.weekdays()].sum(axis=1)
    observed = (~np.isnan(history.matrix) & history.open_slots[history.weekdays()]).sum(axis=1)
    return np.asarray((open_count > 0) & (observed >= FULL_DAY_SHARE * open_count), dtype=np.bool_)


@dataclass(frozen=True)
class ProfileETS:
    """Daily totals by Holt-Winters ETS (weekly season), intraday shape by weekday profile."""

    damped_trend: bool = True

    @property
    def name(self) -> str:
        return "ets"

    def predict(self, history: DayHistory, days: int) -> FloatArray:
        open_days = history.open_weekdays()
        position = np.flatnonzero(np.isin(history.weekdays(), open_days))  # open days of the history
        totals = np.where(full_days(history), np.nansum(history.matrix, axis=1), np.nan)[position]
        season = len(open_days)
        filled = fill_by_season(totals, season)
        ahead_weekdays = (history.end_day.weekday() + np.arange(days)) % 7
        ahead_open = np.isin(ahead_weekdays, open_days)
        daily = np.zeros(days)
        daily[ahead_open] = ets_totals(filled, season, int(ahead_open.sum()), damped=self.damped_trend)
        return daily[:, None] * weekday_profiles(history)[ahead_weekdays]


def fill_by_season(values: FloatArray, season: int) -> FloatArray:
    """Missing values replaced by the same position one season earlier (or later, at the start)."""
    filled = values.copy()
    if np.all(np.isnan(filled)):
        return np.zeros_like(filled)
    for order in (slice(None), slice(None, None, -1)):
        view = filled[order]
        for i in range(season, len(view)):
            if np.isnan(view[i]):
                view[i] = view[i - season]
    return np.where(np.isnan(filled), np.nanmean(filled), filled)


def ets_totals(totals: FloatArray, season: int, steps: int, *, damped: bool) -> FloatArray:
    """Holt-Winters forecast of ``steps`` open days; multiplicative season when all totals are positive."""
    if steps == 0:
        return np.zeros(0)
    seasonal: Literal["add", "mul"] | None = None
    if season > 1 and len(totals) >= 2 * season + 2:
        seasonal = "mul" if np.all(totals > 0) else "add"
    model = ExponentialSmoothing(
        totals,
        trend="add",
        damped_trend=damped,
        seasonal=seasonal,
        seasonal_periods=season if seasonal else None,
        initialization_method="estimated",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence chatter; the backtest judges the result
        fitted = model.fit(method="least_squares")  # same optimum as L-BFGS-B here, several times faster
    return np.maximum(np.asarray(fitted.forecast(steps), dtype=np.float64), 0.0)


@dataclass(frozen=True)
class FourierRegression:
    """√counts ~ per weekday (intercept + time-of-day Fourier terms) + trend, least squares."""

    harmonics: int = 10
    weeks: int = REGRESSION_WEEKS

    @property
    def name(self) -> str:
        return "fourier_regression"

    def predict(self, history: DayHistory, days: int) -> FloatArray:
        first = max(0, history.days - 7 * self.weeks)
        day_index = np.arange(first, history.days)
        window = history.matrix[first:]
        rows, slots = np.nonzero(~np.isnan(window))
        design = self.design(history, day_index[rows], slots)
        target = np.sqrt(window[rows, slots])
        coefficients = ridge_solve(design, target)
        residual_variance = float(np.mean((target - design @ coefficients) ** 2)) if target.size else 0.0
        ahead_days = np.repeat(np.arange(history.days, history.days + days), history.slots)
        ahead_slots = np.tile(np.arange(history.slots), days)
        root = self.design(history, ahead_days, ahead_slots) @ coefficients
        expected = (np.maximum(root, 0.0) ** 2 + residual_variance).reshape(days, history.slots)
        return expected * history.open_slots.any(axis=0)

    def design(self, history: DayHistory, day_index: NDArray[np.int64], slots: NDArray[np.int64]) -> FloatArray:
        """Columns: per open weekday [1, cos, sin × harmonics]; then the trend in weeks from the end.

        The Fourier terms run over the open part of the day (first to last
        slot ever open), not all 24 hours: fitted on 12 open hours, day-long
        harmonics would be nearly collinear. At most a quarter as many
        harmonics as open slots keeps the fit well conditioned.
        """
        open_any = np.flatnonzero(history.open_slots.any(axis=0))
        first, span = int(open_any[0]), int(open_any[-1] - open_any[0] + 1)
        harmonics = min(self.harmonics, (span - 1) // 4)
        angle = 2 * math.pi * (slots - first + 0.5) / span
        shape = [np.ones_like(angle)]
        for k in range(1, harmonics + 1):
            shape += [np.cos(k * angle), np.sin(k * angle)]
        shape_matrix = np.column_stack(shape)
        weekday = (history.first_day.weekday() + day_index) % 7
        blocks = [shape_matrix * (weekday == w)[:, None] for w in history.open_weekdays()]
        trend = ((day_index - history.days) / 7.0)[:, None]
        return np.column_stack([*blocks, trend])


def ridge_solve(design: FloatArray, target: FloatArray) -> FloatArray:
    """Least squares by the normal equations with a negligible ridge.

    The columns are near-orthogonal (Fourier terms, weekday blocks), so the
    normal equations lose nothing measurable, and they are an order of magnitude
    faster than an SVD-based ``lstsq`` on 16,000 × 127 designs; the ridge
    (1e-9 of the mean diagonal) keeps a weekday without data solvable.
    """
    gram = design.T @ design
    ridge = 1e-9 * max(float(np.trace(gram)) / max(len(gram), 1), 1.0)
    return np.asarray(np.linalg.solve(gram + ridge * np.eye(len(gram)), design.T @ target), dtype=np.float64)


DEFAULT_MODELS: tuple[Model, ...] = (
    SeasonalNaive("weekly"),
    SeasonalNaive("daily"),
    ProfileETS(),
    FourierRegression(),
)
