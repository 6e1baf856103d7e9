"""Calendars and a minute-by-minute oracle shared by the SLA engine tests."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from handoff.engines.sla import BusinessCalendar, make_week

WARSAW = ZoneInfo("Europe/Warsaw")
NEW_YORK = ZoneInfo("America/New_York")

LUNCH_WEEK = make_week([("09:00", "12:30"), ("13:30", "18:00")])
WARSAW_OFFICE = BusinessCalendar("Europe/Warsaw", LUNCH_WEEK, country="PL")
NEW_YORK_OFFICE = BusinessCalendar("America/New_York", make_week([("09:00", "17:00")]), country="US", subdivision="NY")
NIGHT_SHIFT = BusinessCalendar("Europe/Warsaw", make_week([("22:00", "06:00")]), country="PL")
MANILA_SPLIT = BusinessCalendar(
    "Asia/Manila", make_week([("07:00", "11:00"), ("12:00", "16:00"), ("20:00", "24:00")], range(6)), country="PH"
)
ALWAYS_NEW_YORK = BusinessCalendar.always_open("America/New_York")

# Calendars whose window edges avoid wall times that DST repeats or skips (for the wall-clock oracle).
ORACLE_CALENDARS = [WARSAW_OFFICE, NEW_YORK_OFFICE, NIGHT_SHIFT, MANILA_SPLIT, ALWAYS_NEW_YORK]


def oracle_is_open(calendar: BusinessCalendar, moment: datetime) -> bool:
    """Open at ``moment``? Decided from the local wall clock alone, independently of the engine's spans."""
    local = moment.astimezone(calendar.zone)
    minute = local.hour * 60 + local.minute
    today = calendar.windows_starting_on(local.date())
    yesterday = calendar.windows_starting_on(local.date() - timedelta(days=1))
    return any(w.start <= minute < w.end for w in today) or any(w.start <= minute + 1440 < w.end for w in yesterday)


def oracle_add_minutes(calendar: BusinessCalendar, start: datetime, minutes: int) -> datetime:
    """Step one real minute at a time from a minute-aligned start until ``minutes`` open minutes passed."""
    moment = start.astimezone(UTC)
    left = minutes
    while left > 0:
        if oracle_is_open(calendar, moment):
            left -= 1
        moment += timedelta(minutes=1)
    return moment
