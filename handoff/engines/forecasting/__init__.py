"""Forecasting engine: contact volumes per interval, a model chosen per queue by backtest.

- :mod:`.series`: a regular interval series (start, step, values; NaN = missing), resampling.
- :mod:`.models`: seasonal naive, ETS on daily totals × weekday profile, Fourier regression.
- :mod:`.holiday_effects`: holidays set aside in the history, scaled in the horizon.
- :mod:`.backtest`: rolling-origin MASE / WAPE / MAPE, the choice of model, prediction intervals.
"""

from handoff.engines.forecasting.backtest import (
    BacktestResult,
    Forecast,
    PredictionInterval,
    QueueForecast,
    backtest,
    forecast,
    forecast_queues,
)
from handoff.engines.forecasting.holiday_effects import country_holidays
from handoff.engines.forecasting.models import (
    DEFAULT_MODELS,
    DayHistory,
    FourierRegression,
    Model,
    ProfileETS,
    SeasonalNaive,
    day_history,
    point_forecast,
)
from handoff.engines.forecasting.series import IntervalSeries, count_events, from_day_matrix, from_points

__all__ = [
    "DEFAULT_MODELS",
    "BacktestResult",
    "DayHistory",
    "Forecast",
    "FourierRegression",
    "IntervalSeries",
    "Model",
    "PredictionInterval",
    "ProfileETS",
    "QueueForecast",
    "SeasonalNaive",
    "backtest",
    "count_events",
    "country_holidays",
    "day_history",
    "forecast",
    "forecast_queues",
    "from_day_matrix",
    "from_points",
    "point_forecast",
]
