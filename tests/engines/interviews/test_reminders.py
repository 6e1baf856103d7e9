"""Reminder due times: offsets before the start, past ones skipped, cancelled interviews ignored."""

from datetime import timedelta
from itertools import pairwise

import pytest

from handoff.engines.interviews.reminders import ScheduledInterview, reminders_due, upcoming_reminders

from .cases import utc

DAY, HOUR = timedelta(hours=24), timedelta(hours=1)
MONDAY_TEN = ScheduledInterview("i1", utc(2026, 3, 9, 10))
MONDAY_NOON = ScheduledInterview("i2", utc(2026, 3, 9, 12))


def test_upcoming_reminders_are_24_and_1_hours_before_in_due_order() -> None:
    due = upcoming_reminders([MONDAY_NOON, MONDAY_TEN], now=utc(2026, 3, 1))
    assert [(r.interview_id, r.due_at) for r in due] == [
        ("i1", utc(2026, 3, 8, 10)),
        ("i2", utc(2026, 3, 8, 12)),
        ("i1", utc(2026, 3, 9, 9)),
        ("i2", utc(2026, 3, 9, 11)),
    ]


def test_reminders_already_past_are_skipped() -> None:
    booked_late = upcoming_reminders([MONDAY_TEN], now=utc(2026, 3, 9, 9, 30))
    assert booked_late == []
    assert [r.offset for r in upcoming_reminders([MONDAY_TEN], now=utc(2026, 3, 8, 12))] == [HOUR]


def test_cancelled_interviews_get_no_reminders() -> None:
    assert upcoming_reminders([ScheduledInterview("i3", utc(2026, 3, 9, 10), cancelled=True)], utc(2026, 3, 1)) == []


def test_consecutive_ticks_send_each_reminder_once() -> None:
    ticks = [utc(2026, 3, 8) + timedelta(minutes=5 * n) for n in range(12 * 24 * 2)]
    sent = [r for since, until in pairwise(ticks) for r in reminders_due([MONDAY_TEN], since, until)]
    assert [(r.due_at, r.offset) for r in sent] == [(utc(2026, 3, 8, 10), DAY), (utc(2026, 3, 9, 9), HOUR)]


def test_custom_offsets_and_bad_offsets() -> None:
    due = upcoming_reminders([MONDAY_TEN], utc(2026, 3, 1), offsets=[timedelta(minutes=15)])
    assert [r.due_at for r in due] == [utc(2026, 3, 9, 9, 45)]
    with pytest.raises(ValueError, match="positive"):
        upcoming_reminders([MONDAY_TEN], utc(2026, 3, 1), offsets=[timedelta(0)])
