"""Hand-worked slot searches: common hours across zones, busy times, ranking, panels, errors."""

from datetime import UTC, date, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from handoff.engines.interviews.availability import Availability, DateException, candidate_hours, weekly
from handoff.engines.interviews.slots import (
    NoSlotError,
    Ranking,
    RoundRequest,
    SearchOptions,
    propose_panel,
    propose_slots,
    still_fits,
)

from .cases import (
    ANA_MANILA,
    BOB_WARSAW,
    CANDIDATE_LONDON,
    CANDIDATE_NEW_YORK,
    CARA_LONDON,
    DEV_NEW_YORK,
    MONDAY,
    TWO_WEEKS,
    utc,
)

HOUR = timedelta(hours=1)
EARLIEST = SearchOptions(ranking=Ranking.EARLIEST, min_separation=timedelta(0))
NEW_YORK = ZoneInfo("America/New_York")


def test_warsaw_interviewer_and_new_york_candidate_meet_in_the_new_york_morning() -> None:
    slots = propose_slots(HOUR, [BOB_WARSAW], CANDIDATE_NEW_YORK, MONDAY, TWO_WEEKS, EARLIEST)
    # Common time on Monday 2 March: 13:00–16:00 UTC (08:00–11:00 New York, 14:00–17:00 Warsaw).
    assert [s.start for s in slots] == [utc(2026, 3, 2, 13, minute) for minute in (0, 15, 30, 45)] + [
        utc(2026, 3, 2, 14)
    ]
    assert all(s.end - s.start == HOUR for s in slots)


def test_common_time_grows_by_an_hour_when_new_york_moves_to_summer_time_first() -> None:
    options = SearchOptions(ranking=Ranking.EARLIEST, min_separation=timedelta(0), count=100)
    slots = propose_slots(HOUR, [BOB_WARSAW], CANDIDATE_NEW_YORK, utc(2026, 3, 9), utc(2026, 3, 10), options)
    # 9 March: New York is UTC-4, Warsaw still UTC+1 → 12:00–16:00 UTC in common.
    assert slots[0].start == utc(2026, 3, 9, 12)
    assert slots[-1].end == utc(2026, 3, 9, 16)


def test_spread_ranking_takes_one_slot_per_day_nearest_the_candidates_midday() -> None:
    slots = propose_slots(HOUR, [BOB_WARSAW], CANDIDATE_NEW_YORK, MONDAY, TWO_WEEKS, SearchOptions(count=3))
    assert [s.start.astimezone(NEW_YORK).date() for s in slots] == [
        date(2026, 3, 2),
        date(2026, 3, 3),
        date(2026, 3, 4),
    ]
    # The latest common start (10:00 New York) is the closest to 13:00 for the candidate.
    assert all(s.start.astimezone(NEW_YORK).time() == time(10) for s in slots)


def test_busy_interviewer_and_buffer_push_the_slot_later() -> None:
    busy_bob = Availability(
        "bob", "Bob Nowak", "Europe/Warsaw", BOB_WARSAW.weekly, busy=((utc(2026, 3, 2, 13), utc(2026, 3, 2, 14)),)
    )
    options = SearchOptions(ranking=Ranking.EARLIEST, buffer=timedelta(minutes=10), count=1)
    (slot,) = propose_slots(HOUR, [busy_bob], CANDIDATE_NEW_YORK, MONDAY, TWO_WEEKS, options)
    assert slot.start == utc(2026, 3, 2, 14, 15)  # 14:10 is the earliest after the buffer, 14:15 on the grid


def test_every_required_interviewer_must_be_free() -> None:
    options = SearchOptions(ranking=Ranking.EARLIEST, count=1)
    (slot,) = propose_slots(HOUR, [BOB_WARSAW, DEV_NEW_YORK], CANDIDATE_LONDON, MONDAY, TWO_WEEKS, options)
    # Dev starts 14:00 UTC, Bob ends 16:00 UTC, the London candidate is free.
    assert slot.start == utc(2026, 3, 2, 14)
    assert slot.rounds[0].interviewer_ids == ("bob", "dev")


def test_panel_rounds_are_consecutive_with_the_gap_and_their_own_interviewers() -> None:
    rounds = [
        RoundRequest("Technical", HOUR, (BOB_WARSAW,)),
        RoundRequest("Culture", timedelta(minutes=45), (CARA_LONDON,)),
        RoundRequest("Final", timedelta(minutes=30), (DEV_NEW_YORK,)),
    ]
    options = SearchOptions(ranking=Ranking.EARLIEST, gap=timedelta(minutes=15), count=1)
    (panel,) = propose_panel(rounds, CANDIDATE_LONDON, MONDAY, TWO_WEEKS, options)
    technical, culture, final = panel.rounds
    assert culture.start == technical.end + timedelta(minutes=15)
    assert final.start == culture.end + timedelta(minutes=15)
    # Dev starts 14:00 UTC, so the final round could start then with the block at 11:45, but Cara's
    # 12:30–13:30 lunch would cut the culture round (13:00–13:45); her round moves to 13:30.
    assert culture.start == utc(2026, 3, 2, 13, 30)
    assert final.start == utc(2026, 3, 2, 14, 30)
    assert panel.start == utc(2026, 3, 2, 12, 15)
    assert (panel.start, panel.end) == (technical.start, final.end)


def test_no_common_hours_names_the_interviewer_the_candidate_and_their_zones() -> None:
    with pytest.raises(NoSlotError) as raised:
        propose_slots(HOUR, [ANA_MANILA], CANDIDATE_NEW_YORK, MONDAY, TWO_WEEKS)
    assert str(raised.value).startswith(
        "no common time: interviewer Ana Reyes (Asia/Manila) and candidate (America/New_York) "
        "share no working hours on weekdays"
    )


def test_a_widened_candidate_day_makes_manila_and_new_york_meet() -> None:
    evening_candidate = candidate_hours("America/New_York", start="07:00", end="22:00")
    (slot,) = propose_slots(HOUR, [ANA_MANILA], evening_candidate, MONDAY, TWO_WEEKS, SearchOptions(count=1))
    local = slot.start.astimezone(NEW_YORK)
    assert time(20) <= local.time() <= time(21)


def test_interviewer_on_leave_for_the_whole_horizon_is_named() -> None:
    away = Availability(
        "bob",
        "Bob Nowak",
        "Europe/Warsaw",
        BOB_WARSAW.weekly,
        exceptions=tuple(DateException(date(2026, 3, d), unavailable=True) for d in range(1, 8)),
    )
    with pytest.raises(NoSlotError, match=r"interviewer Bob Nowak \(Europe/Warsaw\) has no working hours"):
        propose_slots(HOUR, [away], CANDIDATE_NEW_YORK, MONDAY, utc(2026, 3, 7))


def test_too_short_common_window_is_explained() -> None:
    with pytest.raises(NoSlotError, match=r"longest stretch .* is 180 min, shorter than the round's 240 min"):
        propose_slots(4 * HOUR, [BOB_WARSAW], CANDIDATE_NEW_YORK, MONDAY, utc(2026, 3, 7))


def test_fully_booked_common_time_is_explained() -> None:
    busy = tuple((utc(2026, 3, d, 12), utc(2026, 3, d, 17)) for d in range(2, 7))
    booked = Availability("bob", "Bob Nowak", "Europe/Warsaw", BOB_WARSAW.weekly, busy=busy)
    with pytest.raises(NoSlotError, match="already booked"):
        propose_slots(HOUR, [booked], CANDIDATE_NEW_YORK, MONDAY, utc(2026, 3, 7))


def test_panel_that_only_fits_round_by_round_is_explained() -> None:
    rounds = [RoundRequest("A", 2 * HOUR, (BOB_WARSAW,)), RoundRequest("B", 2 * HOUR, (BOB_WARSAW,))]
    with pytest.raises(NoSlotError, match="each round fits on its own"):
        propose_panel(rounds, CANDIDATE_NEW_YORK, MONDAY, utc(2026, 3, 7))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: RoundRequest("X", timedelta(0), (BOB_WARSAW,)), "positive whole number of minutes"),
        (lambda: RoundRequest("X", HOUR, ()), "at least one required interviewer"),
        (lambda: SearchOptions(step=timedelta(0)), "step must be positive"),
        (lambda: propose_slots(HOUR, [BOB_WARSAW], CANDIDATE_NEW_YORK, TWO_WEEKS, MONDAY), "horizon ends"),
        (lambda: propose_panel([], CANDIDATE_NEW_YORK, MONDAY, TWO_WEEKS), "at least one round"),
    ],
)
def test_bad_requests_are_refused(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


def test_slot_times_are_aware_utc() -> None:
    (slot,) = propose_slots(HOUR, [BOB_WARSAW], CANDIDATE_NEW_YORK, MONDAY, TWO_WEEKS, SearchOptions(count=1))
    assert slot.start.tzinfo is UTC


def test_an_offered_slot_is_checked_again_when_the_candidate_picks_it() -> None:
    rounds = [RoundRequest("Technical", HOUR, (BOB_WARSAW,))]
    (slot,) = propose_panel(rounds, CANDIDATE_NEW_YORK, MONDAY, TWO_WEEKS, SearchOptions(count=1))
    assert still_fits(slot, rounds, CANDIDATE_NEW_YORK)
    booked_meanwhile = Availability(
        "bob", "Bob Nowak", "Europe/Warsaw", BOB_WARSAW.weekly, busy=((slot.start, slot.start + timedelta(minutes=30)),)
    )
    assert not still_fits(slot, [RoundRequest("Technical", HOUR, (booked_meanwhile,))], CANDIDATE_NEW_YORK)


def test_people_without_a_common_working_day_are_told_so() -> None:
    weekend = Availability("wes", "Wes", "Europe/London", weekly([5, 6], ("09:00", "17:00")))
    with pytest.raises(NoSlotError, match=r"interviewer Wes \(Europe/London\) and candidate .* share no working day"):
        propose_slots(HOUR, [weekend], CANDIDATE_NEW_YORK, MONDAY, TWO_WEEKS)


@pytest.mark.parametrize(("busy_from", "starts"), [((10, 14), [(9, 0)]), ((10, 15), [(9, 0), (9, 15)])])
def test_a_slot_fits_a_free_stretch_exactly_but_not_a_minute_more(busy_from: tuple[int, int], starts: list) -> None:
    busy = ((utc(2026, 3, 2, *busy_from), utc(2026, 3, 2, 17)),)
    person = Availability("u", "U", "UTC", weekly([0], ("09:00", "17:00")), busy=busy)
    anyone = Availability("c", "candidate", "UTC", weekly([0], ("00:00", "24:00")))
    options = SearchOptions(ranking=Ranking.EARLIEST, buffer=timedelta(0), count=50, min_separation=timedelta(0))
    slots = propose_slots(HOUR, [person], anyone, MONDAY, utc(2026, 3, 3), options)
    assert [s.start for s in slots] == [utc(2026, 3, 2, *hm) for hm in starts]
