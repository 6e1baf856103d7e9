from datetime import date

import pytest

from handoff.engines.sla import BusinessCalendar, MakeUpDay, Window, make_week
from handoff.engines.sla.calendar import parse_clock

from .cases import LUNCH_WEEK


def test_clock_texts_parse_to_minutes() -> None:
    assert parse_clock("09:30") == 570
    assert parse_clock("0:05") == 5
    assert parse_clock("24:00", is_end=True) == 1440
    assert parse_clock("23:59", is_end=True) == 1440
    assert parse_clock("23:59") == 1439  # only an end means "end of day"


@pytest.mark.parametrize("text", ["24:00", "9", "12:60", "25:00", "noon", "09:00:00"])
def test_bad_clock_texts_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="time of day"):
        parse_clock(text)


def test_window_ending_before_its_start_crosses_midnight() -> None:
    night = Window.parse("22:00", "06:00")
    assert (night.start, night.end, night.minutes, night.crosses_midnight) == (1320, 1800, 480, True)
    assert Window.parse("00:00", "24:00").minutes == 1440
    assert not Window.parse("00:00", "24:00").crosses_midnight


def test_empty_window_is_refused() -> None:
    with pytest.raises(ValueError, match="empty"):
        Window.parse("09:00", "09:00")


def test_make_week_places_windows_on_chosen_days() -> None:
    week = make_week([("09:00", "17:00")], days=[0, 2])
    assert [len(day) for day in week] == [1, 0, 1, 0, 0, 0, 0]
    with pytest.raises(ValueError, match="weekdays"):
        make_week([("09:00", "17:00")], days=[7])


def test_calendar_validates_zone_country_and_windows() -> None:
    with pytest.raises(ValueError, match="Nowhere"):
        BusinessCalendar("Europe/Nowhere", LUNCH_WEEK)
    with pytest.raises(ValueError, match="no public holidays"):
        BusinessCalendar("Europe/Warsaw", LUNCH_WEEK, country="XX")
    with pytest.raises(ValueError, match="at least one"):
        BusinessCalendar("Europe/Warsaw", make_week([], range(7)))
    with pytest.raises(ValueError, match="subdivision needs a country"):
        BusinessCalendar("Europe/Warsaw", LUNCH_WEEK, subdivision="BY")


def test_public_holidays_follow_country_and_subdivision() -> None:
    epiphany = date(2026, 1, 6)  # a Tuesday; a holiday in Bavaria, not in Berlin
    bavaria = BusinessCalendar("Europe/Berlin", LUNCH_WEEK, country="DE", subdivision="BY")
    berlin = BusinessCalendar("Europe/Berlin", LUNCH_WEEK, country="DE", subdivision="BE")
    assert bavaria.windows_starting_on(epiphany) == ()
    assert berlin.windows_starting_on(epiphany) == LUNCH_WEEK[1]


def test_observed_holiday_closes_the_weekday_before() -> None:
    us = BusinessCalendar("America/New_York", LUNCH_WEEK, country="US")
    assert us.is_holiday(date(2026, 7, 3))  # July 4th 2026 is a Saturday, observed on Friday


def test_local_additions_removals_and_make_up_days() -> None:
    independence_day = date(2026, 11, 11)
    company_day = date(2026, 6, 1)
    saturday = date(2026, 6, 6)
    calendar = BusinessCalendar(
        "Europe/Warsaw",
        LUNCH_WEEK,
        country="PL",
        added_holidays=frozenset({company_day}),
        removed_holidays=frozenset({independence_day}),
        make_up_days=(MakeUpDay(saturday, like_weekday=0),),
    )
    assert calendar.windows_starting_on(company_day) == ()
    assert calendar.windows_starting_on(independence_day) == LUNCH_WEEK[2]
    assert calendar.windows_starting_on(saturday) == LUNCH_WEEK[0]
    assert calendar.windows_starting_on(date(2026, 6, 13)) == ()  # an ordinary Saturday


def test_calendars_are_values() -> None:
    first = BusinessCalendar("Europe/Warsaw", LUNCH_WEEK, country="PL")
    second = BusinessCalendar("Europe/Warsaw", make_week([("09:00", "12:30"), ("13:30", "18:00")]), country="PL")
    assert first == second
    assert hash(first) == hash(second)
