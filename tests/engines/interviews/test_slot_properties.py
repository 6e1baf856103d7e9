"""Properties of the slot search, checked against a minute-by-minute wall-clock oracle."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from handoff.engines.interviews.availability import Availability, LocalWindow, WeeklyWindow
from handoff.engines.interviews.intervals import from_minute, to_minute_floor
from handoff.engines.interviews.slots import (
    NoSlotError,
    PlacedRound,
    Ranking,
    RoundRequest,
    SearchOptions,
    Slot,
    propose_panel,
)

# Mostly zones a few hours apart (so that slots exist), with far ones for the empty cases.
ZONES = ["UTC", "America/New_York", "Europe/London", "Europe/Warsaw", "Asia/Kolkata", "Australia/Sydney"]
# Horizons that contain a DST change in New York, London or Sydney.
STARTS = [datetime(2026, 3, 7, tzinfo=UTC), datetime(2026, 3, 27, tzinfo=UTC), datetime(2026, 10, 3, tzinfo=UTC)]
HORIZON = timedelta(days=3)


def half_hours(start: int, end: int) -> LocalWindow:
    """The window from the ``start``-th to the ``end``-th half hour of the day."""
    return LocalWindow(time(start // 2, 30 * (start % 2)), time(end // 2, 30 * (end % 2)))


@st.composite
def windows(draw: st.DrawFn) -> tuple[WeeklyWindow, ...]:
    """Whole or half hours from 06:00 to 22:00, clear of the small-hours DST changes."""
    days = draw(st.sets(st.integers(0, 6), min_size=3, max_size=7))
    result = []
    for day in sorted(days):
        start = draw(st.integers(12, 30))
        end = draw(st.integers(start + 6, 44))
        result.append(WeeklyWindow(day, half_hours(start, end)))
    return tuple(result)


@st.composite
def people(draw: st.DrawFn, person_id: str, horizon_start: datetime) -> Availability:
    busy = []
    for _ in range(draw(st.integers(0, 3))):
        offset = draw(st.integers(0, 3 * 24 * 60))
        length = draw(st.integers(1, 240))
        begin = horizon_start + timedelta(minutes=offset)
        busy.append((begin, begin + timedelta(minutes=length)))
    label = "candidate" if person_id == "candidate" else person_id.upper()
    tz = draw(st.sampled_from(ZONES[:4]) | st.sampled_from(ZONES))
    return Availability(person_id, label, tz, draw(windows()), busy=tuple(busy))


@st.composite
def searches(draw: st.DrawFn) -> tuple[list[RoundRequest], Availability, datetime, SearchOptions]:
    start = draw(st.sampled_from(STARTS))
    pool = [draw(people(f"p{i}", start)) for i in range(3)]
    rounds = []
    for index in range(draw(st.integers(1, 2))):
        members = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=2, unique_by=lambda p: p.person_id))
        rounds.append(RoundRequest(f"R{index}", timedelta(minutes=draw(st.sampled_from([30, 45, 60]))), tuple(members)))
    options = SearchOptions(
        ranking=Ranking.EARLIEST,
        count=10_000,
        min_separation=timedelta(0),
        buffer=timedelta(minutes=draw(st.sampled_from([0, 10]))),
        gap=timedelta(minutes=draw(st.sampled_from([0, 15]))),
    )
    return rounds, draw(people("candidate", start)), start, options


def free_at(person: Availability, minute: int, buffer: timedelta) -> bool:
    """The oracle: is ``minute`` inside a local window of its local date and clear of busy ± buffer?"""
    moment = from_minute(minute)
    local = moment.astimezone(ZoneInfo(person.tz))
    minute_of_day = local.hour * 60 + local.minute
    in_window = any(w.start_minute <= minute_of_day < w.end_minute for w in person.windows_on(local.date()))
    return in_window and not any(s - buffer <= moment < e + buffer for s, e in person.busy)


def fits(person: Availability, start: datetime, end: datetime, buffer: timedelta) -> bool:
    return all(free_at(person, m, buffer) for m in range(to_minute_floor(start), to_minute_floor(end)))


def oracle_starts(
    rounds: list[RoundRequest], candidate: Availability, start: datetime, options: SearchOptions
) -> list[datetime]:
    """Every 15-minute start in the horizon at which the panel fits, found minute by minute."""
    found = []
    moment = start
    while moment < start + HORIZON:
        slot = _placed(moment, rounds, options)
        if slot.end <= start + HORIZON and _slot_fits(slot, rounds, candidate, options.buffer):
            found.append(moment)
        moment += timedelta(minutes=15)
    return found


def _placed(start: datetime, rounds: list[RoundRequest], options: SearchOptions) -> Slot:
    placed, cursor = [], start
    for request in rounds:
        placed.append(PlacedRound(request.title, cursor, cursor + request.duration, ()))
        cursor += request.duration + options.gap
    return Slot(start, placed[-1].end, tuple(placed))


def _slot_fits(slot: Slot, rounds: list[RoundRequest], candidate: Availability, buffer: timedelta) -> bool:
    if not fits(candidate, slot.start, slot.end, buffer):
        return False
    return all(
        fits(person, placed.start, placed.end, buffer)
        for placed, request in zip(slot.rounds, rounds, strict=True)
        for person in request.interviewers
    )


def search(rounds: list[RoundRequest], candidate: Availability, start: datetime, options: SearchOptions) -> list[Slot]:
    try:
        return propose_panel(rounds, candidate, start, start + HORIZON, options)
    except NoSlotError:
        return []


@settings(max_examples=40, deadline=None)
@given(searches())
def test_proposed_slots_are_exactly_the_oracles_and_respect_everyone(case) -> None:
    rounds, candidate, start, options = case
    slots = search(rounds, candidate, start, options)
    # Every proposed slot lies within every participant's windows and clear of busy ± buffer …
    for slot in slots:
        assert _slot_fits(slot, rounds, candidate, options.buffer)
    # … and none is missed: the engine finds exactly the minute-by-minute oracle's starts.
    assert [s.start for s in slots] == oracle_starts(rounds, candidate, start, options)


@settings(max_examples=40, deadline=None)
@given(searches())
def test_panel_rounds_are_consecutive_and_do_not_overlap(case) -> None:
    rounds, candidate, start, options = case
    for slot in search(rounds, candidate, start, options):
        for before, after in zip(slot.rounds, slot.rounds[1:], strict=False):
            assert after.start == before.end + options.gap
            assert after.start >= before.end
        assert [r.end - r.start for r in slot.rounds] == [r.duration for r in rounds]
        assert slot.start == slot.rounds[0].start
        assert slot.end == slot.rounds[-1].end


@settings(max_examples=40, deadline=None)
@given(searches(), st.integers(0, 6), st.integers(12, 40))
def test_adding_availability_never_removes_a_slot(case, day: int, extra_start: int) -> None:
    rounds, candidate, start, options = case
    extra = WeeklyWindow(day, half_hours(extra_start, extra_start + 4))
    wider = Availability(
        candidate.person_id, candidate.label, candidate.tz, (*candidate.weekly, extra), busy=candidate.busy
    )
    before = {s.start for s in search(rounds, candidate, start, options)}
    after = {s.start for s in search(rounds, wider, start, options)}
    assert before <= after


@settings(max_examples=30, deadline=None)
@given(searches())
def test_spread_ranking_returns_real_slots_on_distinct_days_first(case) -> None:
    rounds, candidate, start, options = case
    every = {s.start for s in search(rounds, candidate, start, options)}
    spread = search(rounds, candidate, start, SearchOptions(count=3, buffer=options.buffer, gap=options.gap))
    assert {s.start for s in spread} <= every
    assert len(spread) == len({s.start for s in spread})
    zone = ZoneInfo(candidate.tz)
    days_offered = {s.start.astimezone(zone).date() for s in spread}
    days_available = {t.astimezone(zone).date() for t in every}
    assert len(days_offered) == min(len(spread), len(days_available))
