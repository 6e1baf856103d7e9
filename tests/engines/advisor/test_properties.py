from hypothesis import given
from hypothesis import strategies as st

from handoff.engines.advisor import (
    Answers,
    Business,
    Collaboration,
    Coverage,
    Hiring,
    Priorities,
    Process,
    ProcessKind,
    Sensitivity,
    advise,
)
from handoff.engines.delivery_location import DeliveryLocation

shares = st.floats(min_value=0, max_value=1)
priority = st.integers(min_value=0, max_value=5)


@st.composite
def hiring_and_business(draw):
    employees = draw(st.integers(min_value=1, max_value=5_000))
    hires = draw(st.integers(min_value=0, max_value=3 * employees))
    hiring = Hiring(
        hires_per_year=hires,
        peak_quarter_share=draw(st.floats(min_value=0.25, max_value=1)),
        hard_to_fill_share=draw(shares),
        time_to_hire_days=draw(st.none() | st.floats(min_value=1, max_value=200)),
        cost_per_hire=draw(st.none() | st.floats(min_value=1, max_value=50_000)),
        recruiters=draw(st.integers(min_value=0, max_value=min(employees, 30))),
        hr_collaboration=draw(st.sampled_from(Collaboration)),
    )
    country = draw(st.sampled_from(["US", "DE", "IN", "BR"]))
    return Business(country, "Europe/Berlin", "any", employees), hiring


processes = st.builds(
    Process,
    kind=st.sampled_from(ProcessKind),
    customer_facing=st.booleans(),
    monthly_volume=st.none() | st.integers(min_value=0, max_value=200_000),
    in_house_fte=st.none() | st.floats(min_value=0, max_value=500),
    languages=st.lists(st.sampled_from(["en", "es", "de", "ja"]), min_size=1, max_size=3).map(tuple),
    coverage=st.sampled_from(Coverage),
    sensitivity=st.sampled_from(Sensitivity),
    regulated=st.booleans(),
).filter(lambda process: process.monthly_volume is not None or process.in_house_fte is not None)
priorities = st.builds(Priorities, cost=priority, speed=priority, quality=priority, control=priority)


@st.composite
def answers(draw):
    business, hiring = draw(hiring_and_business())
    return Answers(business, hiring, tuple(draw(st.lists(processes, min_size=1, max_size=4))), draw(priorities))


@given(hiring_and_business(), priorities, st.integers(min_value=0, max_value=15_000))
def test_more_hires_never_makes_rpo_less_advisable(pair, prio, extra) -> None:
    business, hiring = pair
    more = min(hiring.hires_per_year + extra, 3 * business.employees)
    fewer_answers = Answers(business, hiring, (Process(ProcessKind.OTHER, False, in_house_fte=1),), prio)
    more_answers = Answers(
        business, Hiring(**{**hiring.__dict__, "hires_per_year": more}), fewer_answers.processes, prio
    )
    if advise(fewer_answers).rpo.model is not None:
        assert advise(more_answers).rpo.model is not None


@given(answers())
def test_costs_are_non_negative_and_ranges_ordered(given_answers) -> None:
    advice = advise(given_answers)
    for costs in advice.bpo_costs:
        assert costs.in_house_per_year >= 0
        assert 0 <= costs.provider_per_year.low <= costs.provider_per_year.high
        assert costs.savings_per_year.low <= costs.savings_per_year.high
    rpo = advice.rpo_costs
    if rpo is not None:
        assert rpo.cost_per_hire_before >= 0
        assert 0 <= rpo.cost_per_hire_after.low <= rpo.cost_per_hire_after.high
        assert rpo.vacancy_cost_saved >= 0
        assert 0 <= rpo.turnover_cost_after <= rpo.turnover_cost_before


@given(answers())
def test_every_line_has_a_because_and_24x7_is_onshore_only_when_nothing_else_is_allowed(given_answers) -> None:
    advice = advise(given_answers)
    assert all(line.because for line in advice.lines)
    for process in advice.processes:
        restricted = process.process.sensitivity is Sensitivity.HIGH and process.process.regulated
        if process.outsource and process.process.coverage is Coverage.ALWAYS and not restricted:
            assert DeliveryLocation.ONSHORE not in process.locations
        if process.outsource and restricted:
            assert process.locations == (DeliveryLocation.ONSHORE,)
