"""The what-if inputs of a staffing calculation, checked once for the web form, the API and the pages.

Every bad value is refused with a Django ``ValidationError`` keyed by the field at fault (the API turns it
into a 422 with field errors, the pages into a message naming the field), before any calculation starts:
the engine would refuse most of them too, but with one message for the whole call.
Shares are fractions (0.8 for 80 %), as in ``handoff staffing``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError

from handoff.engines.staffing import Targets

MAX_TRAFFIC_ERLANGS = 100_000  # far above any real queue; keeps every search well under a second
MAX_INTERVALS = 7 * 96  # a week of 15-minute intervals
MAX_SECONDS = 24 * 3600  # no handle time or patience beyond a day: keeps a forecast queue's traffic bounded


@dataclass(frozen=True)
class StaffingInputs:
    """Handling, targets and shrinkage of one queue (what the what-if form changes)."""

    aht_seconds: float
    targets: Targets
    shrinkage: Decimal = Decimal(0)
    patience_seconds: float | None = None
    interval_minutes: float = 30
    calls: tuple[float, ...] = field(default=())

    @property
    def interval_seconds(self) -> float:
        return self.interval_minutes * 60.0


@dataclass
class _Errors:
    by_field: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, message: str) -> None:
        self.by_field.setdefault(name, []).append(message)

    def raise_any(self) -> None:
        if self.by_field:
            raise ValidationError(self.by_field)


def checked_inputs(
    *,
    aht: float | None,
    target: float | None = None,
    within: float | None = 20.0,
    asa: float | None = None,
    max_occupancy: float | None = None,
    max_abandonment: float | None = None,
    shrinkage: float | Decimal | None = 0,
    patience: float | None = None,
    interval_minutes: float = 30,
    calls: Sequence[float] = (),
) -> StaffingInputs:
    """The inputs as the engine takes them, or a ValidationError naming every field at fault."""
    errors = _Errors()
    _positive(errors, "aht", aht, "AHT must be more than 0 seconds and at most a day (86,400)")
    _positive(
        errors, "patience", patience, "mean patience must be more than 0 seconds and at most a day", optional=True
    )
    if within is None or not (math.isfinite(within) and within >= 0):
        errors.add("within", "the answer-within threshold must be zero or more seconds")
    if target is not None and not (math.isfinite(target) and 0 < target < 1):
        reason = "no staffing answers every call in time" if target >= 1 else "it is a share between 0 and 1"
        errors.add("target", f"the service level target must be above 0 and below 100 % ({reason})")
    _positive(errors, "asa", asa, "the ASA target must be more than 0 seconds", optional=True)
    if max_occupancy is not None and not (math.isfinite(max_occupancy) and 0 < max_occupancy <= 1):
        errors.add("max_occupancy", "the maximum occupancy must be above 0 and at most 100 %")
    if max_abandonment is not None:
        if patience is None:
            errors.add("max_abandonment", "an abandonment target needs the mean patience (Erlang A)")
        elif not (math.isfinite(max_abandonment) and 0 < max_abandonment <= 1):
            errors.add("max_abandonment", "the maximum abandonment must be above 0 and at most 100 %")
    if all(v is None for v in (target, asa, max_occupancy, max_abandonment)):
        errors.add("target", "give a target: service level, ASA, occupancy or abandonment")
    share = _shrinkage(errors, shrinkage)
    if not (math.isfinite(interval_minutes) and 0 < interval_minutes <= 24 * 60):
        errors.add("interval_minutes", "the interval must be more than 0 minutes and at most a day")
    _check_calls(errors, calls, aht, interval_minutes)
    errors.raise_any()
    assert aht is not None  # checked above
    assert within is not None
    targets = Targets(
        service_level=target,
        answer_within_seconds=within,
        max_asa_seconds=asa,
        max_occupancy=max_occupancy,
        max_abandonment=max_abandonment,
    )
    return StaffingInputs(aht, targets, share, patience, interval_minutes, tuple(float(c) for c in calls))


def _positive(errors: _Errors, name: str, value: float | None, message: str, *, optional: bool = False) -> None:
    if value is None:
        if not optional:
            errors.add(name, f"{message}: it is required")
        return
    if not (math.isfinite(value) and 0 < value <= MAX_SECONDS):
        errors.add(name, message)


def _shrinkage(errors: _Errors, value: float | Decimal | None) -> Decimal:
    share = Decimal(str(value)) if value is not None else Decimal(0)
    if not (share.is_finite() and 0 <= share < 1):
        errors.add("shrinkage", "shrinkage must be at least 0 and below 100 %")
        return Decimal(0)
    return share


def _check_calls(errors: _Errors, calls: Sequence[float], aht: float | None, interval_minutes: float) -> None:
    if len(calls) > MAX_INTERVALS:
        errors.add("calls", f"at most {MAX_INTERVALS} intervals at once")
        return
    if not all(math.isfinite(c) and c >= 0 for c in calls):
        errors.add("calls", "calls per interval must be zero or more")
        return
    if (
        calls
        and aht is not None
        and math.isfinite(aht)
        and aht > 0
        and math.isfinite(interval_minutes)
        and interval_minutes > 0
    ):
        traffic = max(calls) * float(aht or 0) / (interval_minutes * 60)
        if traffic > MAX_TRAFFIC_ERLANGS:
            errors.add("calls", f"calls × AHT / interval is {traffic:,.0f} Erlangs; at most 100,000 are supported")
