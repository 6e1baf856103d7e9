"""Stored availability and bookings turned into the interview engine's values (and checked on the way in).

Weekly windows and exceptions are validated here with field errors the forms and the API show: an unknown
zone, a malformed time, a window that ends before it starts, and two windows of one day that overlap.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError

from handoff.engines.interviews import Availability, AvailabilityError, DateException, LocalWindow, WeeklyWindow
from handoff.engines.interviews.availability import WEEKDAY_NAMES, parse_time, weekly, zone

DEFAULT_HOURS = ("09:00", "17:00")  # someone who saved no availability: weekdays, 9 to 5 in their own zone


def _window(start: object, end: object) -> LocalWindow:
    if not isinstance(start, str) or not isinstance(end, str):
        raise AvailabilityError("give start and end as HH:MM")
    try:
        return LocalWindow(parse_time(start), parse_time(end))
    except ValueError as error:
        raise AvailabilityError(str(error) if isinstance(error, AvailabilityError) else "times are HH:MM") from error


def _overlaps(windows: Sequence[LocalWindow]) -> tuple[LocalWindow, LocalWindow] | None:
    ordered = sorted(windows, key=lambda w: w.start_minute)
    for before, after in itertools.pairwise(ordered):
        if after.start_minute < before.end_minute:
            return before, after
    return None


def _describe(window: LocalWindow) -> str:
    end = "24:00" if window.end_minute == 24 * 60 else f"{window.end:%H:%M}"
    return f"{window.start:%H:%M}–{end}"


def parse_weekly(rows: object) -> tuple[WeeklyWindow, ...]:
    """``[{"weekday", "start", "end"}]`` → weekly windows; ValidationError on ``weekly`` naming the fault."""
    if not isinstance(rows, list):
        raise ValidationError({"weekly": "A list of weekly windows is expected."})
    windows: list[WeeklyWindow] = []
    for index, row in enumerate(rows):
        if not isinstance(row, Mapping):
            raise ValidationError({"weekly": f"Window {index + 1}: expected weekday, start and end."})
        try:
            day = int(row.get("weekday", -1))
            windows.append(WeeklyWindow(day, _window(row.get("start"), row.get("end"))))
        except (AvailabilityError, TypeError, ValueError) as error:
            raise ValidationError({"weekly": f"Window {index + 1}: {error}."}) from error
    for day in range(7):
        clash = _overlaps([w.window for w in windows if w.weekday == day])
        if clash:
            first, second = clash
            raise ValidationError(
                {"weekly": f"On {WEEKDAY_NAMES[day]} the windows {_describe(first)} and {_describe(second)} overlap."}
            )
    return tuple(windows)


def parse_exceptions(rows: object) -> tuple[DateException, ...]:
    """``[{"day", "unavailable", "extra": [["10:00", "12:00"]]}]`` → date exceptions (field ``exceptions``)."""
    if not isinstance(rows, list):
        raise ValidationError({"exceptions": "A list of date exceptions is expected."})
    found: list[DateException] = []
    for row in rows:
        try:
            day = dt.date.fromisoformat(str(row["day"]))
            extra = tuple(_window(pair[0], pair[1]) for pair in row.get("extra", []))
            found.append(DateException(day, unavailable=bool(row.get("unavailable")), extra=extra))
        except (AvailabilityError, KeyError, TypeError, ValueError, IndexError) as error:
            raise ValidationError({"exceptions": f"Exception {row!r}: {error}."}) from error
        clash = _overlaps(found[-1].extra)
        if clash:
            raise ValidationError(
                {"exceptions": f"On {day} the windows {_describe(clash[0])} and {_describe(clash[1])} overlap."}
            )
    return tuple(found)


def check_zone(name: str, field: str = "time_zone") -> str:
    try:
        zone(name)
    except AvailabilityError as error:
        raise ValidationError({field: f"Unknown time zone {name!r}."}) from error
    return name


def person_availability(
    person_id: str,
    label: str,
    tz: str,
    weekly_rows: object | None,
    exception_rows: object | None,
    busy: Iterable[tuple[dt.datetime, dt.datetime]] = (),
) -> Availability:
    """An interviewer's engine availability; without saved windows, weekdays 9 to 5 in their zone."""
    windows = parse_weekly(weekly_rows) if weekly_rows else weekly(range(5), DEFAULT_HOURS)
    exceptions = parse_exceptions(exception_rows) if exception_rows else ()
    return Availability(person_id, label, tz, windows, exceptions, tuple(busy))


def windows_as_rows(windows: Iterable[WeeklyWindow]) -> list[dict[str, Any]]:
    return [
        {"weekday": w.weekday, "start": f"{w.window.start:%H:%M}", "end": _describe(w.window).split("–")[1]}
        for w in windows
    ]
