"""SLA clocks rebuilt from the status history."""

import random
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from handoff.engines.sla import (
    StatusCategory,
    StatusChange,
    add_business_time,
    business_time_between,
    deadline_after_pauses,
    elapsed_after_pauses,
)
from handoff.engines.sla.pauses import running_segments

from .cases import NEW_YORK, NEW_YORK_OFFICE, WARSAW, WARSAW_OFFICE

OPEN, WAITING, PROGRESS = StatusCategory.OPEN, StatusCategory.WAITING, StatusCategory.IN_PROGRESS
CREATED = datetime(2026, 3, 2, 10, 0, tzinfo=WARSAW)  # a Monday
EIGHT_HOURS = timedelta(hours=8)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=WARSAW)


def test_pause_over_lunch_and_night_moves_the_deadline_by_paused_business_time() -> None:
    history = (StatusChange(at(2, 11), WAITING), StatusChange(at(3, 10), PROGRESS))
    # Unpaused: Monday 10–12:30 and 13:30–18 (7 h) + Tuesday 9–10 → Tuesday 10:00.
    assert add_business_time(WARSAW_OFFICE, CREATED, EIGHT_HOURS) == at(3, 10)
    # Running Monday 10–11 (1 h); paused Monday 11:00 → Tuesday 10:00 (6 h Monday + 1 h Tuesday of business
    # time); the 7 h left run Tuesday 10–12:30 and 13:30–18:00.
    assert deadline_after_pauses(WARSAW_OFFICE, CREATED, EIGHT_HOURS, history) == at(3, 18)


def test_elapsed_excludes_pauses() -> None:
    history = (StatusChange(at(2, 11), WAITING), StatusChange(at(3, 10), PROGRESS))
    assert elapsed_after_pauses(WARSAW_OFFICE, CREATED, at(3, 11), history) == timedelta(hours=2)
    assert elapsed_after_pauses(WARSAW_OFFICE, CREATED, at(2, 16), history) == timedelta(hours=1)


def test_currently_paused_short_of_target_has_no_deadline() -> None:
    history = (StatusChange(at(2, 11), WAITING),)
    assert deadline_after_pauses(WARSAW_OFFICE, CREATED, EIGHT_HOURS, history) is None


def test_pause_after_the_target_ran_out_keeps_the_deadline() -> None:
    history = (StatusChange(at(4, 9), WAITING),)
    assert deadline_after_pauses(WARSAW_OFFICE, CREATED, EIGHT_HOURS, history) == add_business_time(
        WARSAW_OFFICE, CREATED, EIGHT_HOURS
    )


def test_repeated_and_earlier_changes_are_harmless() -> None:
    history = (
        StatusChange(at(1, 9), WAITING),  # before creation: clipped, the clock starts paused
        StatusChange(at(2, 12), OPEN),
        StatusChange(at(2, 14), PROGRESS),  # running → running: no effect
        StatusChange(at(2, 15), WAITING),
        StatusChange(at(2, 15, 30), WAITING),  # paused → paused: no effect
        StatusChange(at(2, 16), PROGRESS),
    )
    segments = running_segments(CREATED, history)
    assert [(s.start, s.end) for s in segments] == [(at(2, 12), at(2, 15)), (at(2, 16), None)]


def test_recomputing_from_the_same_history_gives_the_same_answer_whatever_its_order() -> None:
    history = [
        StatusChange(at(2, 11), WAITING),
        StatusChange(at(3, 10), PROGRESS),
        StatusChange(at(5, 15), WAITING),
        StatusChange(at(9, 9, 30), OPEN),
    ]
    expected = deadline_after_pauses(NEW_YORK_OFFICE, CREATED, timedelta(hours=30), tuple(history))
    shuffler = random.Random(5)
    for _ in range(20):
        shuffler.shuffle(history)
        assert deadline_after_pauses(NEW_YORK_OFFICE, CREATED, timedelta(hours=30), tuple(history)) == expected


start_offsets = st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=20))
pause_lengths = st.timedeltas(min_value=timedelta(seconds=1), max_value=timedelta(days=60))
targets = st.timedeltas(min_value=timedelta(minutes=1), max_value=timedelta(hours=200))


@settings(deadline=None)  # the first visit to a stretch of days fills the span cache
@given(start_offsets, pause_lengths, targets)
def test_a_pause_shifts_the_deadline_by_exactly_its_business_time(offset, length, target) -> None:
    created = datetime(2026, 2, 20, 14, 7, tzinfo=NEW_YORK)
    pause_start = created + offset
    pause_end = pause_start + length
    history = (StatusChange(pause_start, WAITING), StatusChange(pause_end, PROGRESS))
    unpaused = add_business_time(NEW_YORK_OFFICE, created, target)
    paused = deadline_after_pauses(NEW_YORK_OFFICE, created, target, history)
    assert paused is not None
    if pause_start.astimezone(UTC) >= unpaused:
        assert paused == unpaused  # the pause came after the target ran out
    else:
        shift = business_time_between(NEW_YORK_OFFICE, paused, unpaused)
        assert -shift == business_time_between(NEW_YORK_OFFICE, pause_start, pause_end)
        assert elapsed_after_pauses(NEW_YORK_OFFICE, created, paused, history) == target


@settings(deadline=None)  # the first visit to a stretch of days fills the span cache
@given(
    st.lists(st.tuples(start_offsets, st.sampled_from(list(StatusCategory))), max_size=8, unique_by=lambda c: c[0]),
    targets,
)
def test_elapsed_at_the_deadline_is_the_target(changes, target) -> None:
    created = datetime(2026, 2, 20, 14, 7, tzinfo=NEW_YORK)
    history = tuple(StatusChange(created + offset, category) for offset, category in changes)
    deadline = deadline_after_pauses(NEW_YORK_OFFICE, created, target, history)
    if deadline is not None:
        assert elapsed_after_pauses(NEW_YORK_OFFICE, created, deadline, history) == target
        assert deadline_after_pauses(NEW_YORK_OFFICE, created, target, history[::-1]) == deadline
