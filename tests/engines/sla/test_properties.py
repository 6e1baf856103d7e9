"""Hypothesis properties of business-time arithmetic, and agreement with a minute-stepping oracle."""

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from handoff.engines.sla import BusinessCalendar, add_business_time, business_time_between, is_within_hours, make_week

from .cases import ALWAYS_NEW_YORK, ORACLE_CALENDARS, oracle_add_minutes, oracle_is_open

DST_EDGE = BusinessCalendar("America/New_York", make_week([("01:00", "03:30"), ("23:00", "02:00")], range(7)))
CALENDARS = [*ORACLE_CALENDARS, DST_EDGE]

calendars = st.sampled_from(CALENDARS)
instants = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC))
amounts = st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=400))
minute_instants = instants.map(lambda moment: moment.replace(second=0, microsecond=0))


@settings(deadline=None)  # the first visit to a stretch of days fills the span cache
@given(calendars, instants, amounts, amounts)
def test_adding_a_then_b_equals_adding_a_plus_b(calendar: BusinessCalendar, start, a, b) -> None:
    in_two_steps = add_business_time(calendar, add_business_time(calendar, start, a), b)
    assert in_two_steps == add_business_time(calendar, start, a + b)


@settings(deadline=None)  # the first visit to a stretch of days fills the span cache
@given(calendars, instants, amounts)
def test_time_between_start_and_deadline_is_the_amount(calendar: BusinessCalendar, start, amount) -> None:
    deadline = add_business_time(calendar, start, amount)
    assert deadline >= start
    assert business_time_between(calendar, start, deadline) == amount


@settings(deadline=None)  # the first visit to a stretch of days fills the span cache
@given(calendars, instants, amounts, amounts)
def test_deadline_grows_with_the_amount(calendar: BusinessCalendar, start, a, b) -> None:
    small, large = sorted((a, b))
    assert add_business_time(calendar, start, small) <= add_business_time(calendar, start, large)


@settings(deadline=None)  # the first visit to a stretch of days fills the span cache
@given(calendars, instants, instants, amounts)
def test_deadline_grows_with_the_start(calendar: BusinessCalendar, one, other, amount) -> None:
    early, late = sorted((one, other))
    assert add_business_time(calendar, early, amount) <= add_business_time(calendar, late, amount)


@settings(deadline=None)  # the first visit to a stretch of days fills the span cache
@given(calendars, instants, instants, instants)
def test_between_adds_up_over_consecutive_stretches(calendar: BusinessCalendar, x, y, z) -> None:
    first, middle, last = sorted((x, y, z))
    whole = business_time_between(calendar, first, last)
    assert whole == business_time_between(calendar, first, middle) + business_time_between(calendar, middle, last)
    assert timedelta(0) <= whole <= last - first


@settings(deadline=None)  # the first visit to a stretch of days fills the span cache
@given(instants, amounts)
def test_always_open_calendar_is_the_wall_clock(start, amount) -> None:
    assert add_business_time(ALWAYS_NEW_YORK, start, amount) == start + amount


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(ORACLE_CALENDARS), minute_instants, st.integers(min_value=0, max_value=2_000))
def test_agrees_with_minute_by_minute_stepping(calendar: BusinessCalendar, start, minutes) -> None:
    deadline = add_business_time(calendar, start, timedelta(minutes=minutes))
    if minutes > 0:
        assert deadline == oracle_add_minutes(calendar, start, minutes)


@settings(deadline=None)  # the first visit to a stretch of days fills the span cache
@given(st.sampled_from(ORACLE_CALENDARS), instants)
def test_is_within_hours_agrees_with_the_wall_clock(calendar: BusinessCalendar, moment) -> None:
    assert is_within_hours(calendar, moment) == oracle_is_open(calendar, moment)
