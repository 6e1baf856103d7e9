from hypothesis import given
from hypothesis import strategies as st

from handoff.engines.delivery_location import (
    NEARSHORE_MAX_HOURS,
    DeliveryLocation,
    Place,
    classify,
    hours_apart,
)

ZONES = [
    "America/New_York",
    "America/Chicago",
    "America/Mexico_City",
    "America/Los_Angeles",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Warsaw",
    "Asia/Ho_Chi_Minh",
    "Asia/Manila",
    "Asia/Kolkata",
    "Australia/Sydney",
    "Asia/Singapore",
]


def test_same_country_is_onshore_even_across_time_zones() -> None:
    decision = classify(Place("US", "America/New_York"), Place("US", "America/Los_Angeles"))
    assert decision.location is DeliveryLocation.ONSHORE
    assert decision.hours_apart == 3


def test_mexico_serves_the_us_nearshore() -> None:
    assert classify(Place("US", "America/Chicago"), Place("MX", "America/Mexico_City")).location == "nearshore"


def test_poland_serves_germany_nearshore() -> None:
    assert classify(Place("DE", "Europe/Berlin"), Place("PL", "Europe/Warsaw")).location == "nearshore"


def test_philippines_serves_the_us_offshore() -> None:
    decision = classify(Place("US", "America/New_York"), Place("PH", "Asia/Manila"))
    assert decision.location is DeliveryLocation.OFFSHORE
    assert decision.hours_apart == 13  # 12 h in July (EDT), 13 h in January (EST): the larger counts


def test_daylight_saving_is_taken_into_account() -> None:
    # London and Lagos share UTC+1 in summer but are 1 h apart in winter; Sydney and Tokyo 1-2 h.
    assert hours_apart("Europe/London", "Africa/Lagos") == 1
    assert hours_apart("Australia/Sydney", "Asia/Tokyo") == 2


def test_vietnam_for_singapore_is_nearshore_but_for_germany_offshore() -> None:
    center = Place("VN", "Asia/Ho_Chi_Minh")
    assert classify(Place("SG", "Asia/Singapore"), center).location == "nearshore"
    assert classify(Place("DE", "Europe/Berlin"), center).location == "offshore"


@given(st.sampled_from(ZONES), st.sampled_from(ZONES))
def test_hours_apart_is_symmetric_and_bounded(zone_a: str, zone_b: str) -> None:
    assert hours_apart(zone_a, zone_b) == hours_apart(zone_b, zone_a)
    assert 0 <= hours_apart(zone_a, zone_b) <= 26


@given(st.sampled_from(ZONES), st.sampled_from(ZONES))
def test_classification_follows_the_documented_rule(zone_a: str, zone_b: str) -> None:
    decision = classify(Place("AA", zone_a), Place("BB", zone_b))
    expected = DeliveryLocation.NEARSHORE if decision.hours_apart <= NEARSHORE_MAX_HOURS else DeliveryLocation.OFFSHORE
    assert decision.location is expected
    assert classify(Place("AA", zone_a), Place("aa", zone_b)).location is DeliveryLocation.ONSHORE
