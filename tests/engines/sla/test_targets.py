"""SLA targets per priority: deadlines, warnings, breaches, met, and recomputation."""

from datetime import UTC, date, datetime, timedelta

import pytest

from handoff.engines.sla import (
    BusinessCalendar,
    ClockKind,
    ItemTimes,
    PriorityTargets,
    SlaPolicy,
    SlaState,
    StatusCategory,
    StatusChange,
    Target,
    TargetKind,
    evaluate,
)

from .cases import WARSAW, WARSAW_OFFICE

HOURS = timedelta(hours=1)
FIRST, NEXT, RESOLUTION, TURNAROUND = (
    TargetKind.FIRST_RESPONSE,
    TargetKind.NEXT_RESPONSE,
    TargetKind.RESOLUTION,
    TargetKind.TURNAROUND,
)
WAITING, PROGRESS, RESOLVED = StatusCategory.WAITING, StatusCategory.IN_PROGRESS, StatusCategory.RESOLVED

POLICY = SlaPolicy(
    name="customer service",
    priorities=(
        PriorityTargets("urgent", (Target(FIRST, 1 * HOURS), Target(NEXT, 2 * HOURS), Target(RESOLUTION, 8 * HOURS))),
        PriorityTargets("normal", (Target(FIRST, 4 * HOURS), Target(NEXT, 8 * HOURS), Target(RESOLUTION, 40 * HOURS))),
        PriorityTargets("batch", (Target(TURNAROUND, 48 * HOURS, clock=ClockKind.CALENDAR, pausable=False),)),
    ),
)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=WARSAW)


CREATED = at(6, 16)  # Friday 16:00


def status(item: ItemTimes, now: datetime, kind: TargetKind, policy: SlaPolicy = POLICY):
    found = evaluate(policy, WARSAW_OFFICE, item, now).get(kind)
    assert found is not None
    return found


def test_first_response_ok_then_warning_then_breached_in_business_time() -> None:
    item = ItemTimes(created_at=CREATED, priority="normal")
    early = status(item, at(6, 17), FIRST)
    assert (early.state, early.deadline, early.remaining) == (SlaState.OK, at(9, 11), 3 * HOURS)
    assert early.warn_at == at(9, 10, 12)  # 80 % of 4 h = 3 h 12 min of business time
    assert early.deadline is not None
    assert early.deadline.tzinfo is UTC
    assert status(item, at(9, 10, 12), FIRST).state is SlaState.WARNING
    assert status(item, at(9, 11), FIRST).state is SlaState.WARNING  # due *by* 11:00
    late = status(item, at(9, 14), FIRST)
    # 11:00–12:30 and 13:30–14:00: failed by 2 business hours, not 3 wall-clock hours
    assert (late.state, late.failed_by, late.remaining) == (SlaState.BREACHED, 2 * HOURS, timedelta(0))


def test_weekend_does_not_raise_a_warning() -> None:
    item = ItemTimes(created_at=CREATED, priority="normal")
    saturday = status(item, at(7, 20), FIRST)
    assert (saturday.state, saturday.elapsed) == (SlaState.OK, 2 * HOURS)


def test_response_in_time_is_met_and_late_response_is_breached() -> None:
    in_time = ItemTimes(created_at=CREATED, priority="normal", first_response_at=at(9, 10))
    late = ItemTimes(created_at=CREATED, priority="normal", first_response_at=at(9, 13, 45))
    met = status(in_time, at(10, 9), FIRST)
    assert (met.state, met.met_at, met.elapsed, met.paused) == (SlaState.MET, at(9, 10), 3 * HOURS, False)
    breached = status(late, at(10, 9), FIRST)
    assert (breached.state, breached.failed_by) == (SlaState.BREACHED, timedelta(hours=1, minutes=45))


def test_a_response_recorded_after_now_is_not_yet_met() -> None:
    item = ItemTimes(created_at=CREATED, priority="normal", first_response_at=at(9, 10))
    assert status(item, at(9, 9, 30), FIRST).state is SlaState.OK


def test_next_response_runs_from_the_unanswered_message() -> None:
    quiet = ItemTimes(created_at=CREATED, priority="urgent", first_response_at=at(6, 16, 30))
    assert evaluate(POLICY, WARSAW_OFFICE, quiet, at(9, 10)).get(NEXT) is None
    waiting = ItemTimes(created_at=CREATED, priority="urgent", awaiting_reply_since=at(9, 12))
    pending = status(waiting, at(9, 14), NEXT)
    assert (pending.deadline, pending.state) == (at(9, 15), SlaState.OK)  # 12:00–12:30 + 13:30–15:00
    assert pending.warn_at == at(9, 14, 36)  # 1 h 36 min of business time
    assert status(waiting, at(9, 14, 40), NEXT).state is SlaState.WARNING
    answered = ItemTimes(
        created_at=CREATED, priority="urgent", awaiting_reply_since=at(9, 12), replied_at=at(9, 14, 30)
    )
    assert status(answered, at(9, 16), NEXT).state is SlaState.MET
    stale_reply = ItemTimes(created_at=CREATED, priority="urgent", awaiting_reply_since=at(9, 12), replied_at=at(9, 11))
    assert status(stale_reply, at(9, 16), NEXT).state is SlaState.BREACHED


def test_waiting_on_customer_pauses_resolution_and_is_rebuilt_from_history() -> None:
    history = (StatusChange(at(9, 10), WAITING), StatusChange(at(10, 10), PROGRESS))
    item = ItemTimes(created_at=at(9, 9), priority="urgent", history=history)
    paused = status(item, at(9, 17), RESOLUTION)
    assert (paused.state, paused.paused, paused.deadline, paused.elapsed) == (SlaState.OK, True, None, 1 * HOURS)
    resumed = status(item, at(10, 11), RESOLUTION)
    # 1 h on Monday, 7 h from Tuesday 10:00 → Tuesday 18:00
    assert (resumed.paused, resumed.deadline, resumed.elapsed) == (False, at(10, 18), 2 * HOURS)
    assert status(item, at(10, 11), RESOLUTION) == resumed  # recomputed, not accumulated


def test_resolution_is_met_when_resolved_and_resumes_when_reopened() -> None:
    resolved = (StatusChange(at(9, 12), RESOLVED),)
    item = ItemTimes(created_at=at(9, 9), priority="urgent", history=resolved)
    assert status(item, at(12, 9), RESOLUTION).state is SlaState.MET
    reopened = (*resolved, StatusChange(at(10, 9), PROGRESS))
    again = status(ItemTimes(created_at=at(9, 9), priority="urgent", history=reopened), at(10, 12), RESOLUTION)
    # 3 h Monday before resolving + 3 h Tuesday after reopening; Monday afternoon while resolved is not counted;
    # the 2 h left run 12:00–12:30 and 13:30–15:00
    assert (again.state, again.elapsed, again.met_at) == (SlaState.OK, 6 * HOURS, None)
    assert again.deadline == at(10, 15)


def test_turnaround_in_calendar_hours_ignores_business_hours_and_pauses() -> None:
    history = (StatusChange(at(6, 17), WAITING),)
    item = ItemTimes(created_at=CREATED, priority="batch", history=history)
    turnaround = status(item, at(8, 12), TURNAROUND)
    assert turnaround.deadline == at(8, 16)
    assert (turnaround.state, turnaround.elapsed) == (SlaState.WARNING, 44 * HOURS)
    assert evaluate(POLICY, WARSAW_OFFICE, item, at(8, 12)).worst is SlaState.WARNING


def test_changing_the_policy_or_calendar_is_calling_again() -> None:
    item = ItemTimes(created_at=CREATED, priority="normal")
    now = at(9, 10)
    before = evaluate(POLICY, WARSAW_OFFICE, item, now)
    assert before == evaluate(POLICY, WARSAW_OFFICE, item, now)
    stricter = SlaPolicy("stricter", (PriorityTargets("normal", (Target(FIRST, 2 * HOURS),)),), warn_fraction=0.5)
    after_policy = evaluate(stricter, WARSAW_OFFICE, item, now).get(FIRST)
    assert after_policy is not None
    assert (after_policy.deadline, after_policy.state) == (at(6, 18), SlaState.BREACHED)
    with_holiday = BusinessCalendar(
        "Europe/Warsaw", WARSAW_OFFICE.week, country="PL", added_holidays=frozenset({date(2026, 3, 9)})
    )
    after_calendar = evaluate(POLICY, with_holiday, item, now).get(FIRST)
    assert after_calendar is not None
    assert (after_calendar.deadline, after_calendar.state) == (at(10, 11), SlaState.OK)


def test_worst_state_orders_breached_first() -> None:
    item = ItemTimes(created_at=CREATED, priority="urgent", first_response_at=at(6, 16, 10))
    report = evaluate(POLICY, WARSAW_OFFICE, item, at(9, 18))
    assert [s.state for s in report.targets] == [SlaState.MET, SlaState.BREACHED]
    assert report.worst is SlaState.BREACHED


def test_policy_validation() -> None:
    with pytest.raises(ValueError, match="no targets for priority"):
        POLICY.targets_for("whenever")
    with pytest.raises(ValueError, match="positive"):
        Target(FIRST, timedelta(0))
    with pytest.raises(ValueError, match="twice"):
        PriorityTargets("p", (Target(FIRST, HOURS), Target(FIRST, 2 * HOURS)))
    with pytest.raises(ValueError, match="warn_fraction"):
        SlaPolicy("p", (), warn_fraction=1.5)
