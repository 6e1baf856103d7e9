"""Hand-worked cases of business-time arithmetic."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from handoff.engines.sla import (
    BusinessCalendar,
    add_business_minutes,
    add_business_time,
    business_minutes_between,
    business_time_between,
    is_within_hours,
    make_week,
    next_opening,
)

from .cases import ALWAYS_NEW_YORK, NEW_YORK, NEW_YORK_OFFICE, NIGHT_SHIFT, WARSAW, WARSAW_OFFICE

HOUR = 60


def local(zone: ZoneInfo, *parts: int) -> datetime:
    return datetime(*parts, tzinfo=zone)  # type: ignore[arg-type, misc]


def test_friday_afternoon_plus_four_hours_is_monday_late_morning() -> None:
    deadline = add_business_minutes(WARSAW_OFFICE, local(WARSAW, 2026, 3, 6, 16, 0), 4 * HOUR)
    assert deadline == local(WARSAW, 2026, 3, 9, 11, 0)  # 2 h on Friday, 2 h on Monday
    assert deadline.tzinfo is UTC


def test_lunch_break_is_skipped() -> None:
    deadline = add_business_minutes(WARSAW_OFFICE, local(WARSAW, 2026, 3, 10, 12, 0), 1 * HOUR)
    assert deadline == local(WARSAW, 2026, 3, 10, 14, 0)


def test_deadline_may_fall_on_a_window_end_but_not_after_it() -> None:
    deadline = add_business_minutes(WARSAW_OFFICE, local(WARSAW, 2026, 3, 10, 12, 0), 30)
    assert deadline == local(WARSAW, 2026, 3, 10, 12, 30)


def test_public_holiday_is_skipped() -> None:
    # Poland's Independence Day, Wednesday 11 November 2026
    deadline = add_business_minutes(WARSAW_OFFICE, local(WARSAW, 2026, 11, 10, 16, 0), 4 * HOUR)
    assert deadline == local(WARSAW, 2026, 11, 12, 11, 0)


def test_observed_us_holiday_and_weekend_are_skipped() -> None:
    # July 4th 2026 is a Saturday, so Friday 3 July is off; 1 h on Thursday, then Monday
    deadline = add_business_minutes(NEW_YORK_OFFICE, local(NEW_YORK, 2026, 7, 2, 16, 0), 2 * HOUR)
    assert deadline == local(NEW_YORK, 2026, 7, 6, 10, 0)


def test_removing_a_holiday_makes_it_a_working_day() -> None:
    working = BusinessCalendar(
        "Europe/Warsaw", WARSAW_OFFICE.week, country="PL", removed_holidays=frozenset({date(2026, 11, 11)})
    )
    deadline = add_business_minutes(working, local(WARSAW, 2026, 11, 10, 16, 0), 4 * HOUR)
    assert deadline == local(WARSAW, 2026, 11, 11, 11, 0)


def test_business_week_across_new_york_spring_forward() -> None:
    # Clocks go forward on Sunday 8 March 2026: Friday is UTC-5, Monday UTC-4
    deadline = add_business_minutes(NEW_YORK_OFFICE, local(NEW_YORK, 2026, 3, 6, 16, 0), 2 * HOUR)
    assert deadline == datetime(2026, 3, 9, 14, 0, tzinfo=UTC)  # Monday 10:00 EDT


def test_24_7_calendar_counts_real_hours_on_dst_days() -> None:
    always_warsaw = BusinessCalendar.always_open("Europe/Warsaw")
    spring = business_time_between(always_warsaw, local(WARSAW, 2026, 3, 28, 12), local(WARSAW, 2026, 3, 29, 12))
    autumn = business_time_between(always_warsaw, local(WARSAW, 2026, 10, 24, 12), local(WARSAW, 2026, 10, 25, 12))
    assert (spring, autumn) == (timedelta(hours=23), timedelta(hours=25))
    deadline = add_business_time(always_warsaw, local(WARSAW, 2026, 3, 28, 12), timedelta(hours=24))
    assert deadline.astimezone(WARSAW).hour == 13


def test_24_7_calendar_equals_wall_clock_arithmetic() -> None:
    start = datetime(2026, 3, 1, 8, 17, 3, 250, tzinfo=UTC)
    for hours in (0, 1, 23, 24, 25, 24 * 40, 24 * 400):
        deadline = add_business_time(ALWAYS_NEW_YORK, start, timedelta(hours=hours))
        assert deadline == start + timedelta(hours=hours)


def test_window_in_the_spring_forward_gap_opens_at_the_change() -> None:
    early = BusinessCalendar("America/New_York", make_week([("02:30", "04:00")], range(7)))
    assert next_opening(early, local(NEW_YORK, 2026, 3, 8, 0)) == local(NEW_YORK, 2026, 3, 8, 3, 0)
    day = (local(NEW_YORK, 2026, 3, 8, 0), local(NEW_YORK, 2026, 3, 9, 0))
    assert business_time_between(early, *day) == timedelta(hours=1)


def test_window_spanning_a_dst_change_has_its_real_length() -> None:
    small_hours = BusinessCalendar("America/New_York", make_week([("01:00", "04:00")], range(7)))
    spring_day = (local(NEW_YORK, 2026, 3, 8, 0), local(NEW_YORK, 2026, 3, 8, 12))
    autumn_day = (local(NEW_YORK, 2026, 11, 1, 0), local(NEW_YORK, 2026, 11, 1, 12))
    assert business_time_between(small_hours, *spring_day) == timedelta(hours=2)
    assert business_time_between(small_hours, *autumn_day) == timedelta(hours=4)


def test_repeated_wall_time_means_its_first_occurrence() -> None:
    from_half_past_one = BusinessCalendar("America/New_York", make_week([("01:30", "03:00")], range(7)))
    assert next_opening(from_half_past_one, local(NEW_YORK, 2026, 11, 1, 0)) == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)
    autumn_day = (local(NEW_YORK, 2026, 11, 1, 0), local(NEW_YORK, 2026, 11, 1, 12))
    assert business_time_between(from_half_past_one, *autumn_day) == timedelta(hours=2, minutes=30)


def test_overnight_window_belongs_to_the_day_it_starts() -> None:
    # Night shift 22:00–06:00 starting Monday to Friday
    assert add_business_minutes(NIGHT_SHIFT, local(WARSAW, 2026, 3, 6, 5, 0), 2 * HOUR) == local(
        WARSAW, 2026, 3, 6, 23, 0
    )  # Friday 05–06 from Thursday's shift, then Friday 22:00
    assert add_business_minutes(NIGHT_SHIFT, local(WARSAW, 2026, 3, 7, 5, 0), 2 * HOUR) == local(
        WARSAW, 2026, 3, 9, 23, 0
    )  # Saturday 05–06 from Friday's shift, then Monday 22:00
    assert is_within_hours(NIGHT_SHIFT, local(WARSAW, 2026, 3, 7, 5, 59))
    assert not is_within_hours(NIGHT_SHIFT, local(WARSAW, 2026, 3, 8, 5, 0))  # no Saturday shift


def test_holiday_cancels_the_whole_overnight_shift_starting_on_it() -> None:
    # Wednesday 11 November 2026 is a holiday: Tuesday's shift runs into Wednesday, Wednesday's does not happen
    assert is_within_hours(NIGHT_SHIFT, local(WARSAW, 2026, 11, 11, 3, 0))
    assert not is_within_hours(NIGHT_SHIFT, local(WARSAW, 2026, 11, 11, 23, 0))
    assert not is_within_hours(NIGHT_SHIFT, local(WARSAW, 2026, 11, 12, 3, 0))


def test_overnight_shift_over_dst_changes_has_real_length() -> None:
    weekend_nights = BusinessCalendar("Europe/Warsaw", make_week([("22:00", "06:00")], [5]))
    spring = business_time_between(weekend_nights, local(WARSAW, 2026, 3, 28, 12), local(WARSAW, 2026, 3, 29, 12))
    autumn = business_time_between(weekend_nights, local(WARSAW, 2026, 10, 24, 12), local(WARSAW, 2026, 10, 25, 12))
    assert (spring, autumn) == (timedelta(hours=7), timedelta(hours=9))


def test_24_00_and_23_59_mean_end_of_day() -> None:
    evening_to_midnight = BusinessCalendar("Europe/Warsaw", make_week([("18:00", "24:00")]))
    evening_to_2359 = BusinessCalendar("Europe/Warsaw", make_week([("18:00", "23:59")]))
    start = local(WARSAW, 2026, 3, 10, 23, 0)
    assert add_business_minutes(evening_to_midnight, start, 60) == local(WARSAW, 2026, 3, 11, 0, 0)
    assert add_business_minutes(evening_to_2359, start, 61) == local(WARSAW, 2026, 3, 11, 18, 1)
    day = (local(WARSAW, 2026, 3, 10, 0), local(WARSAW, 2026, 3, 11, 0))
    assert business_minutes_between(evening_to_2359, *day) == 360


def test_whole_day_windows_leave_no_gap_at_midnight() -> None:
    all_week = BusinessCalendar("Europe/Warsaw", make_week([("00:00", "23:59")], range(7)))
    start = local(WARSAW, 2026, 3, 27, 20, 0)
    end = local(WARSAW, 2026, 3, 30, 20, 0)
    assert business_time_between(all_week, start, end) == end.astimezone(UTC) - start.astimezone(UTC)


def test_between_counts_open_time_and_is_antisymmetric() -> None:
    friday = local(WARSAW, 2026, 3, 6, 16, 0)
    monday = local(WARSAW, 2026, 3, 9, 11, 0)
    assert business_time_between(WARSAW_OFFICE, friday, monday) == timedelta(hours=4)
    assert business_time_between(WARSAW_OFFICE, monday, friday) == -timedelta(hours=4)
    assert business_time_between(WARSAW_OFFICE, friday, friday) == timedelta(0)


def test_inputs_in_any_zone_give_the_same_utc_deadline() -> None:
    start = local(WARSAW, 2026, 3, 6, 16, 0)
    in_manila = start.astimezone(ZoneInfo("Asia/Manila"))
    assert add_business_minutes(WARSAW_OFFICE, start, 500) == add_business_minutes(WARSAW_OFFICE, in_manila, 500)


def test_window_edges_are_half_open() -> None:
    assert is_within_hours(WARSAW_OFFICE, local(WARSAW, 2026, 3, 10, 9, 0))
    assert is_within_hours(WARSAW_OFFICE, local(WARSAW, 2026, 3, 10, 12, 29, 59))
    assert not is_within_hours(WARSAW_OFFICE, local(WARSAW, 2026, 3, 10, 12, 30))
    assert not is_within_hours(WARSAW_OFFICE, local(WARSAW, 2026, 3, 7, 10, 0))  # Saturday


def test_next_opening() -> None:
    open_now = local(WARSAW, 2026, 3, 10, 10, 15)
    assert next_opening(WARSAW_OFFICE, open_now) == open_now
    assert next_opening(WARSAW_OFFICE, local(WARSAW, 2026, 3, 10, 12, 45)) == local(WARSAW, 2026, 3, 10, 13, 30)
    assert next_opening(WARSAW_OFFICE, local(WARSAW, 2026, 3, 6, 19, 0)) == local(WARSAW, 2026, 3, 9, 9, 0)
    assert next_opening(WARSAW_OFFICE, local(WARSAW, 2026, 12, 24, 19, 0)) == local(WARSAW, 2026, 12, 28, 9, 0)


def test_adding_zero_returns_the_start_even_when_closed() -> None:
    saturday = local(WARSAW, 2026, 3, 7, 10, 0)
    assert add_business_minutes(WARSAW_OFFICE, saturday, 0) == saturday


def test_ten_thousand_business_hours() -> None:
    deadline = add_business_time(WARSAW_OFFICE, local(WARSAW, 2026, 3, 6, 16, 0), timedelta(hours=10_000))
    assert business_time_between(WARSAW_OFFICE, local(WARSAW, 2026, 3, 6, 16, 0), deadline) == timedelta(hours=10_000)
    assert date(2030, 1, 1) < deadline.date() < date(2032, 1, 1)  # 8 h a day, about 250 days a year


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        add_business_minutes(WARSAW_OFFICE, local(WARSAW, 2026, 3, 6, 16, 0), -1)
    with pytest.raises(ValueError, match="aware"):
        add_business_minutes(WARSAW_OFFICE, datetime(2026, 3, 6, 16, 0), 10)


def test_calendar_closed_for_years_is_reported() -> None:
    closed = BusinessCalendar(
        "UTC",
        make_week([("09:00", "17:00")], [0]),
        added_holidays=frozenset(date(2026, 1, 5) + timedelta(weeks=n) for n in range(200)),
    )
    with pytest.raises(ValueError, match="closed for more than"):
        next_opening(closed, datetime(2026, 1, 1, tzinfo=UTC))
