"""The submittal SLA clocks: elapsed against target, overdue, running vs stopped, medians."""

from __future__ import annotations

import datetime as dt

import pytest

from handoff.engines.submittal_sla import clock, format_hours, median_hours, share_overdue

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def test_a_running_clock_measures_against_now_and_flags_overdue() -> None:
    running = clock(T0, None, 48, T0 + dt.timedelta(hours=50))
    assert running.running
    assert running.elapsed_hours == pytest.approx(50)
    assert running.remaining_hours == pytest.approx(-2)
    assert running.overdue
    assert running.used == pytest.approx(50 / 48)


def test_a_stopped_clock_ignores_now() -> None:
    stopped = clock(T0, T0 + dt.timedelta(hours=10), 48, T0 + dt.timedelta(days=30))
    assert not stopped.running
    assert stopped.elapsed_hours == pytest.approx(10)
    assert not stopped.overdue


def test_a_stop_before_the_start_counts_as_zero() -> None:
    assert clock(T0, T0 - dt.timedelta(hours=1), 1, T0).elapsed_hours == 0


def test_a_target_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        clock(T0, None, 0, T0)


def test_medians_and_share_overdue() -> None:
    hours = [dt.timedelta(hours=h) for h in (1, 5, 30)]
    assert median_hours(hours) == pytest.approx(5)
    assert median_hours([dt.timedelta(hours=2), dt.timedelta(hours=4)]) == pytest.approx(3)
    assert median_hours([]) is None
    clocks = [clock(T0, None, 1, T0 + dt.timedelta(hours=h)) for h in (0.5, 2)]
    assert share_overdue(clocks) == pytest.approx(0.5)
    assert share_overdue([]) is None


def test_format_hours() -> None:
    assert format_hours(76) == "3 d 4 h"
    assert format_hours(5) == "5 h"
    assert format_hours(0.5) == "30 min"
    assert format_hours(-2) == "-2 h"
