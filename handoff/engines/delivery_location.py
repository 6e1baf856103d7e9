"""Where a BPO process is delivered from, relative to the client.

Rule (documented in docs/architecture.md and shown in the product):

- **onshore**: the delivery center is in the client's country;
- **nearshore**: another country whose UTC offset differs from the client's by
  at most ``NEARSHORE_MAX_HOURS`` (3 hours), compared at both solstices of the
  reference year so that daylight-saving time on either side is taken into
  account (the larger of the two differences counts);
- **offshore**: anywhere else.

The time-zone difference is what decides how much of the working day the two
sides share; countries with similar time zones are, in practice, the
neighbouring ones (Mexico for the United States, Poland for Germany).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

NEARSHORE_MAX_HOURS = 3.0


class DeliveryLocation(StrEnum):
    ONSHORE = "onshore"
    NEARSHORE = "nearshore"
    OFFSHORE = "offshore"


@dataclass(frozen=True)
class Place:
    country: str  # ISO 3166-1 alpha-2
    time_zone: str  # IANA name


@dataclass(frozen=True)
class LocationDecision:
    location: DeliveryLocation
    hours_apart: float
    reason: str


def hours_apart(zone_a: str, zone_b: str, year: int = 2026) -> float:
    """The largest absolute UTC-offset difference between two zones over the year, in hours."""
    biggest = 0.0
    for month in (1, 7):
        moment = datetime(year, month, 15, 12, 0)
        offset_a = moment.replace(tzinfo=ZoneInfo(zone_a)).utcoffset()
        offset_b = moment.replace(tzinfo=ZoneInfo(zone_b)).utcoffset()
        assert offset_a is not None
        assert offset_b is not None
        biggest = max(biggest, abs((offset_a - offset_b).total_seconds()) / 3600)
    return biggest


def classify(client: Place, center: Place, year: int = 2026) -> LocationDecision:
    """Onshore, nearshore or offshore for a client served from a delivery center."""
    apart = hours_apart(client.time_zone, center.time_zone, year)
    if client.country.upper() == center.country.upper():
        return LocationDecision(DeliveryLocation.ONSHORE, apart, "same country")
    if apart <= NEARSHORE_MAX_HOURS:
        return LocationDecision(
            DeliveryLocation.NEARSHORE, apart, f"another country, {apart:g} h apart (≤ {NEARSHORE_MAX_HOURS:g} h)"
        )
    return LocationDecision(
        DeliveryLocation.OFFSHORE, apart, f"another country, {apart:g} h apart (> {NEARSHORE_MAX_HOURS:g} h)"
    )
