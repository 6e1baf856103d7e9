"""Weekly windows to UTC spans: zones, DST, exceptions, busy times; the span arithmetic."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from handoff.engines.interviews.availability import (
    Availability,
    AvailabilityError,
    DateException,
    LocalWindow,
    describe_days,
    public_holidays,
    weekly,
)
from handoff.engines.interviews.intervals import from_minute, intersect, normalise, start_times, subtract

from .cases import BOB_WARSAW, CARA_LONDON, DEV_NEW_YORK, utc

NEW_YORK = ZoneInfo("America/New_York")


def spans_as_datetimes(person: Availability, start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
    return [(from_minute(a), from_minute(b)) for a, b in person.working_spans(start, end)]


def test_warsaw_window_in_winter_is_one_hour_ahead_of_utc() -> None:
    spans = spans_as_datetimes(BOB_WARSAW, utc(2026, 3, 2), utc(2026, 3, 3))
    assert spans == [(utc(2026, 3, 2, 8), utc(2026, 3, 2, 16))]


def test_new_york_window_keeps_its_wall_clock_across_the_spring_change() -> None:
    spans = spans_as_datetimes(DEV_NEW_YORK, utc(2026, 3, 6), utc(2026, 3, 10))
    # Friday 6 March is EST (UTC-5), Monday 9 March is EDT (UTC-4): 09:00 local both days.
    assert spans == [(utc(2026, 3, 6, 14), utc(2026, 3, 6, 22)), (utc(2026, 3, 9, 13), utc(2026, 3, 9, 21))]
    for start, _ in spans:
        assert start.astimezone(NEW_YORK).time() == time(9)


def test_window_on_a_skipped_wall_time_is_shifted_by_the_gap() -> None:
    night = Availability("n", "Night", "America/New_York", weekly([6], ("02:30", "04:00")))
    spans = spans_as_datetimes(night, utc(2026, 3, 8), utc(2026, 3, 9))
    # 02:30 does not exist on 8 March; it maps to 07:30 UTC (= 03:30 EDT), 04:00 EDT is 08:00 UTC.
    assert spans == [(utc(2026, 3, 8, 7, 30), utc(2026, 3, 8, 8))]


def test_lunch_break_splits_the_day_and_horizon_clips_the_spans() -> None:
    spans = spans_as_datetimes(CARA_LONDON, utc(2026, 3, 2, 9), utc(2026, 3, 2, 17))
    assert spans == [(utc(2026, 3, 2, 9), utc(2026, 3, 2, 12, 30)), (utc(2026, 3, 2, 13, 30), utc(2026, 3, 2, 17))]


def test_unavailable_exception_removes_the_day_and_extra_window_adds_one() -> None:
    person = Availability(
        "bob",
        "Bob",
        "Europe/Warsaw",
        weekly(range(5), ("09:00", "17:00")),
        exceptions=(
            DateException(date(2026, 3, 3), unavailable=True),
            DateException(date(2026, 3, 7), extra=(LocalWindow(time(10), time(12)),)),
        ),
    )
    spans = spans_as_datetimes(person, utc(2026, 3, 3), utc(2026, 3, 8))
    assert (utc(2026, 3, 3, 8), utc(2026, 3, 3, 16)) not in spans
    assert spans[0] == (utc(2026, 3, 4, 8), utc(2026, 3, 4, 16))
    assert spans[-1] == (utc(2026, 3, 7, 9), utc(2026, 3, 7, 11))  # Saturday, by exception


def test_window_ending_at_midnight_runs_to_the_end_of_the_day() -> None:
    late = Availability("l", "Late", "UTC", weekly([0], ("20:00", "24:00")))
    assert spans_as_datetimes(late, utc(2026, 3, 2), utc(2026, 3, 4)) == [(utc(2026, 3, 2, 20), utc(2026, 3, 3))]


def test_busy_time_is_removed_with_its_buffer_and_seconds_are_widened() -> None:
    busy = (datetime(2026, 3, 2, 10, 0, 30, tzinfo=UTC), utc(2026, 3, 2, 11))
    person = Availability("u", "U", "UTC", weekly([0], ("09:00", "17:00")), busy=(busy,))
    free = [
        (from_minute(a), from_minute(b))
        for a, b in person.free_spans(utc(2026, 3, 2), utc(2026, 3, 3), timedelta(minutes=15))
    ]
    assert free == [(utc(2026, 3, 2, 9), utc(2026, 3, 2, 9, 45)), (utc(2026, 3, 2, 11, 15), utc(2026, 3, 2, 17))]


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Availability("x", "X", "Mars/Olympus", ()), "unknown time zone 'Mars/Olympus'"),
        (lambda: LocalWindow(time(17), time(9)), "ends before it starts"),
        (lambda: DateException(date(2026, 3, 2)), "mark it unavailable or give extra windows"),
        (lambda: Availability("x", "X", "UTC", (), busy=((datetime(2026, 3, 2), datetime(2026, 3, 3)),)), "aware"),
    ],
)
def test_bad_availability_is_refused_with_a_message(build, message: str) -> None:
    with pytest.raises(AvailabilityError, match=message):
        build()


def test_describe_days() -> None:
    assert describe_days(frozenset(range(5))) == "on weekdays"
    assert describe_days(frozenset({0, 5})) == "on Mon, Sat"


def test_span_arithmetic() -> None:
    assert normalise([(5, 8), (1, 3), (3, 4), (7, 9), (10, 10)]) == [(1, 4), (5, 9)]
    assert intersect([(0, 10), (20, 30)], [(5, 25)]) == [(5, 10), (20, 25)]
    assert subtract([(0, 10), (20, 30)], [(2, 3), (8, 22), (29, 40)]) == [(0, 2), (3, 8), (22, 29)]
    assert start_times([(0, 60), (100, 120)], 30) == [(0, 31)]


def test_public_holidays_close_the_day() -> None:
    closed = public_holidays("PL", date(2026, 4, 1), date(2026, 5, 31))
    assert date(2026, 5, 1) in {e.day for e in closed}  # Labour Day, a Friday
    bob = Availability("bob", "Bob", "Europe/Warsaw", weekly(range(5), ("09:00", "17:00")), exceptions=closed)
    assert bob.working_spans(utc(2026, 5, 1), utc(2026, 5, 2)) == []
    with pytest.raises(AvailabilityError, match="no public holidays known for 'XX'"):
        public_holidays("XX", date(2026, 1, 1), date(2026, 2, 1))
