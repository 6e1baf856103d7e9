"""A regular interval series: a start, a step and one value per step.

Contact volumes come as counts per 5, 15 or 30 minutes (or per day). Hours
when a queue is closed and gaps in the record are missing values (NaN), not
zeros: a model must not learn that nobody calls at 3 a.m. on a Sunday from a
log that simply has no rows then, and a backtest scores only observed values.

Models work on the *day matrix*: one row per calendar day, one column per
slot of the day (288 at 5 minutes, 48 at 30 minutes, 1 for daily counts),
which makes weekday profiles and same-slot-last-week lookups plain indexing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]
DAY = timedelta(days=1)


@dataclass(frozen=True, eq=False)
class IntervalSeries:
    """Counts per interval from ``start``, one every ``step``; NaN marks a missing interval.

    The step must divide a day and ``start`` must fall on the step's grid
    counted from midnight, so every interval belongs to exactly one day and
    one slot of that day.
    """

    start: datetime
    step: timedelta
    values: FloatArray

    def __post_init__(self) -> None:
        if self.step <= timedelta(0) or DAY % self.step != timedelta(0):
            raise ValueError(f"the step must divide a day evenly, got {self.step}")
        offset = datetime.combine(self.start.date(), datetime.min.time(), self.start.tzinfo)
        if (self.start - offset) % self.step != timedelta(0):
            raise ValueError(f"the start {self.start} is not on the {self.step} grid counted from midnight")
        values = np.asarray(self.values, dtype=np.float64)
        if values.ndim != 1:
            raise ValueError("values must be one-dimensional")
        if np.any(np.isinf(values)):
            raise ValueError("values must be finite numbers or NaN for a missing interval")
        if np.any(values < 0):
            raise ValueError("volumes cannot be negative")
        object.__setattr__(self, "values", values)

    @property
    def slots_per_day(self) -> int:
        return DAY // self.step

    @property
    def end(self) -> datetime:
        """The end of the last interval (exclusive)."""
        return self.start + self.step * len(self.values)

    def observed(self) -> int:
        """How many intervals have a value."""
        return int(np.count_nonzero(~np.isnan(self.values)))

    def resample(self, step: timedelta) -> IntervalSeries:
        """Sums over a coarser step (5 → 15 or 30 minutes, or → one day).

        A coarse interval is missing only when all its parts are; otherwise
        the missing parts count as zero (the queue was closed for part of
        it, as at 21:00–21:05 in a centre closing at 21:05).
        """
        if step % self.step != timedelta(0):
            raise ValueError(f"can only resample to a multiple of {self.step}, got {step}")
        factor = step // self.step
        day_start = datetime.combine(self.start.date(), datetime.min.time(), self.start.tzinfo)
        lead = ((self.start - day_start) % step) // self.step
        tail = (-(lead + len(self.values))) % factor
        padded = np.concatenate([np.full(lead, np.nan), self.values, np.full(tail, np.nan)]).reshape(-1, factor)
        present = ~np.isnan(padded)
        sums = np.where(present.any(axis=1), np.nansum(padded, axis=1), np.nan)
        return IntervalSeries(self.start - self.step * lead, step, sums)

    def day_matrix(self) -> tuple[date, FloatArray]:
        """(first day, days × slots matrix) padded with NaN to whole days."""
        day_start = datetime.combine(self.start.date(), datetime.min.time(), self.start.tzinfo)
        lead = (self.start - day_start) // self.step
        slots = self.slots_per_day
        tail = (-(lead + len(self.values))) % slots
        padded = np.concatenate([np.full(lead, np.nan), self.values, np.full(tail, np.nan)])
        return self.start.date(), padded.reshape(-1, slots)

    def until(self, moment: datetime) -> IntervalSeries:
        """The part before ``moment`` (a training window)."""
        count = max(0, min(len(self.values), math.ceil((moment - self.start) / self.step)))
        return IntervalSeries(self.start, self.step, self.values[:count].copy())


def from_day_matrix(first_day: date, matrix: ArrayLike, step: timedelta, tzinfo: object = None) -> IntervalSeries:
    """The inverse of :meth:`IntervalSeries.day_matrix`."""
    values = np.asarray(matrix, dtype=np.float64).ravel()
    start = datetime.combine(first_day, datetime.min.time(), tzinfo)  # type: ignore[arg-type]
    return IntervalSeries(start, step, values)


def from_points(
    timestamps: Sequence[datetime], values: Iterable[float], step: timedelta, *, start: datetime | None = None
) -> IntervalSeries:
    """A regular series from (timestamp, value) pairs; intervals without a pair are missing.

    Timestamps must lie on the step's grid and appear once each.
    """
    counts = np.asarray(list(values), dtype=np.float64)
    if len(timestamps) != len(counts):
        raise ValueError(f"got {len(timestamps)} timestamps and {len(counts)} values")
    if not len(timestamps):
        raise ValueError("no data points")
    first = start if start is not None else min(timestamps)
    offsets = np.array([(t - first) / step for t in timestamps])
    index = np.rint(offsets).astype(np.int64)
    if np.any(np.abs(offsets - index) > 1e-9) or np.any(index < 0):
        raise ValueError(f"every timestamp must lie on the {step} grid from {first}")
    if len(np.unique(index)) != len(index):
        raise ValueError("a timestamp appears more than once")
    out = np.full(int(index.max()) + 1, np.nan)
    out[index] = counts
    return IntervalSeries(first, step, out)


def count_events(moments: Iterable[datetime], step: timedelta, start: datetime, end: datetime) -> IntervalSeries:
    """Events (tickets opened, calls arrived) counted per interval between start and end.

    Every interval in the range is observed: no event means zero.
    """
    length = math.ceil((end - start) / step)
    offsets = np.array([(m - start) // step for m in moments if start <= m < end], dtype=np.int64)
    counts = np.bincount(offsets, minlength=length).astype(np.float64) if offsets.size else np.zeros(length)
    return IntervalSeries(start, step, counts[:length])
