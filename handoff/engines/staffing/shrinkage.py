"""Shrinkage applied with exact rounding.

scheduled = ceil(raw / (1 − shrinkage)), computed on fractions, not floats:
in floating point 21 / (1 − 0.3) is 30.000000000000004 and rounds up to 31
(the bug in pyworkforce); with the shrinkage read as the decimal the user wrote
(0.3 = 3/10) it is exactly 30.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

import numpy as np
from numpy.typing import ArrayLike, NDArray

ShrinkageValue = float | int | str | Decimal | Fraction


def shrinkage_fraction(shrinkage: ShrinkageValue) -> Fraction:
    """The shrinkage as an exact fraction in [0, 1).

    A float is read as the shortest decimal that prints as it (0.3 → 3/10), so
    the result is what the user typed, not the nearest binary fraction.
    """
    exact = Fraction(repr(shrinkage)) if isinstance(shrinkage, float) else Fraction(shrinkage)
    if not 0 <= exact < 1:
        raise ValueError(f"shrinkage must be at least 0 and below 1 (100 %), got {shrinkage}")
    return exact


def scheduled_agents(raw_agents: int, shrinkage: ShrinkageValue) -> int:
    """Agents to schedule so that ``raw_agents`` remain after shrinkage: ceil(raw / (1 − s))."""
    if raw_agents < 0:
        raise ValueError("raw agents must be zero or more")
    available = 1 - shrinkage_fraction(shrinkage)
    return -(-raw_agents * available.denominator // available.numerator)


def scheduled_agents_array(
    raw_agents: ArrayLike, shrinkage: ShrinkageValue | Iterable[ShrinkageValue]
) -> NDArray[np.int64]:
    """:func:`scheduled_agents` for many intervals; shrinkage is one value or one per interval."""
    raw = np.atleast_1d(np.asarray(raw_agents, dtype=np.int64))
    if isinstance(shrinkage, float | int | str | Decimal | Fraction):
        return _scale_exactly(raw, 1 - shrinkage_fraction(shrinkage))
    values = _per_interval(shrinkage, raw.size)
    result = np.empty_like(raw)
    for value in set(values):
        mask = np.fromiter((v == value for v in values), dtype=np.bool_, count=raw.size)
        result[mask] = _scale_exactly(raw[mask], 1 - shrinkage_fraction(value))
    return result


def _per_interval(shrinkage: ShrinkageValue | Iterable[ShrinkageValue], size: int) -> list[ShrinkageValue]:
    """One shrinkage value per interval."""
    if isinstance(shrinkage, float | int | str | Decimal | Fraction):
        return [shrinkage] * size
    values = [v.item() if isinstance(v, np.generic) else v for v in shrinkage]
    if len(values) != size:
        raise ValueError(f"got {len(values)} shrinkage values for {size} intervals")
    return values


def _scale_exactly(raw: NDArray[np.int64], available: Fraction) -> NDArray[np.int64]:
    """ceil(raw / available) in integers; Python integers when int64 could overflow."""
    numerator, denominator = available.numerator, available.denominator
    if int(raw.max(initial=0)) * denominator < 2**62:
        return np.asarray(-(-raw * denominator // numerator), dtype=np.int64)
    return np.array([-(-int(r) * denominator // numerator) for r in raw], dtype=np.int64)
