"""Holidays: set aside in the history, scaled in the horizon.

A public holiday is not a normal weekday, so the models never see one: the
history's holidays are NaN in :attr:`DayHistory.matrix` (a weekly seasonal
naive then looks a week further back, a profile skips the day). A holiday in
the forecast horizon gets the model's normal forecast for that day times a
factor:

1. *Scaled by its history* when the history holds past holidays on open
   weekdays: the factor is the median, over those holidays, of the holiday's
   total over the median total of the same weekday in the two weeks either
   side. A holiday without any data counts as a total of 0 (the queue was
   closed), so a centre that closes on holidays forecasts 0 for the next one.
2. *Treated like a Sunday* when the history has no past holiday: the factor
   is the mean Sunday total over the mean total of the holiday's weekday
   (0 when the queue does not open on Sundays).

The factor keeps the normal day's intraday shape; only its level changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

import holidays as holiday_calendars
import numpy as np

from handoff.engines.forecasting.series import FloatArray

if TYPE_CHECKING:
    from handoff.engines.forecasting.models import DayHistory

REFERENCE_DAYS = 14
SUNDAY = 6


def country_holidays(country: str, first: date, last: date, subdivision: str | None = None) -> frozenset[date]:
    """Public holidays of a country (ISO code, e.g. "US", "BR", "PL") between two dates, inclusive."""
    try:
        calendar = holiday_calendars.country_holidays(
            country, subdiv=subdivision, years=range(first.year, last.year + 1)
        )
    except NotImplementedError as error:
        raise ValueError(f"no holiday calendar for country {country!r}") from error
    return frozenset(day for day in calendar if first <= day <= last)


def holiday_factors(history: DayHistory, horizon: Sequence[date]) -> FloatArray:
    """One factor per horizon day: 1 on normal days, the holiday factor on ``history.holidays``."""
    factors = np.ones(len(horizon))
    ahead = [i for i, day in enumerate(horizon) if day in history.holidays]
    if not ahead:
        return factors
    observed_ratio = past_holiday_ratio(history)
    for i in ahead:
        factors[i] = observed_ratio if observed_ratio is not None else sunday_ratio(history, horizon[i].weekday())
    return factors


def day_totals(history: DayHistory) -> FloatArray:
    """Each day's total from the raw history (holidays included); 0 for a day without data."""
    return np.asarray(np.nansum(history.raw, axis=1), dtype=np.float64)


def past_holiday_ratio(history: DayHistory) -> float | None:
    """The median holiday-to-normal ratio over the history's holidays on open weekdays, if any."""
    totals = day_totals(history)
    weekdays = history.weekdays()
    normal = np.array([history.day(i) not in history.holidays for i in range(history.days)])
    observed = ~np.all(np.isnan(history.matrix), axis=1)
    ratios = []
    for i in range(history.days):
        if history.day(i) not in history.holidays or not history.open_slots[weekdays[i]].any():
            continue
        lo, hi = max(0, i - REFERENCE_DAYS), min(history.days, i + REFERENCE_DAYS + 1)
        same = np.arange(lo, hi)
        same = same[(weekdays[same] == weekdays[i]) & normal[same] & observed[same]]
        reference = float(np.median(totals[same])) if same.size else 0.0
        if reference > 0:
            ratios.append(totals[i] / reference)
    return float(np.median(ratios)) if ratios else None


def sunday_ratio(history: DayHistory, weekday: int) -> float:
    """Mean Sunday total over the mean total of ``weekday`` (0 when the queue is closed on Sundays)."""
    totals = day_totals(history)
    weekdays = history.weekdays()
    observed = ~np.all(np.isnan(history.matrix), axis=1)
    sundays = totals[observed & (weekdays == SUNDAY)]
    same = totals[observed & (weekdays == weekday)]
    if not sundays.size or not same.size or same.mean() <= 0:
        return 0.0
    return float(sundays.mean() / same.mean())
