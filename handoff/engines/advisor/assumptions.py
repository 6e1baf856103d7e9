"""Every number the advisor's cost model assumes, in one place, each with a label.

DEMO VALUES ARE ILLUSTRATIVE: they are round figures of plausible magnitude for a
client in North America or Western Europe, not market data and not a quote. A provider
replaces them with its own rate cards and benchmarks (``dataclasses.replace``), and
where the platform holds the provider's own delivery data, :class:`Measured` medians
replace the matching defaults; every figure in a result says which source it used.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum

from handoff.engines.advisor.answers import ProcessKind
from handoff.engines.delivery_location import DeliveryLocation

ILLUSTRATIVE = "Demo value, illustrative only: replace with the provider's own rate card or benchmark."


class Source(StrEnum):
    DEFAULT = "default"  # an Assumptions value
    ANSWER = "answer"  # the prospect's own figure
    MEASURED = "measured"  # the provider's measured median for similar work


def _label(text: str, unit: str) -> dict[str, str]:
    return {"label": text, "unit": unit}


@dataclass(frozen=True)
class Assumptions:
    currency: str = field(default="USD", metadata=_label("Currency", ""))
    in_house_cost_per_fte_year: Mapping[str, float] = field(
        default_factory=lambda: {
            "US": 65_000,
            "CA": 55_000,
            "GB": 48_000,
            "IE": 50_000,
            "DE": 60_000,
            "FR": 52_000,
            "NL": 56_000,
            "ES": 38_000,
            "IT": 40_000,
            "PL": 24_000,
            "AU": 60_000,
            "MX": 14_000,
            "IN": 9_000,
            "PH": 8_000,
        },
        metadata=_label("In-house loaded cost per FTE per year, by country", "currency/FTE-year"),
    )
    in_house_cost_per_fte_year_other: float = field(
        default=45_000, metadata=_label("In-house loaded cost per FTE per year, other countries", "currency/FTE-year")
    )
    loaded_cost_multiplier: float = field(
        default=1.3, metadata=_label("Loaded cost ÷ salary (benefits, taxes, space)", "ratio")
    )
    onshore_rate_factor: tuple[float, float] = field(
        default=(0.85, 1.05), metadata=_label("Onshore provider rate as a share of in-house loaded cost", "low/high")
    )
    provider_rate_per_fte_month: Mapping[DeliveryLocation, tuple[float, float]] = field(
        default_factory=lambda: {
            DeliveryLocation.NEARSHORE: (2_800.0, 4_200.0),
            DeliveryLocation.OFFSHORE: (1_400.0, 2_400.0),
        },
        metadata=_label("Provider rate per FTE-month, nearshore and offshore", "currency/FTE-month low/high"),
    )
    night_shift_premium: float = field(
        default=0.15, metadata=_label("Premium for 24/7 cover delivered onshore (night shifts)", "share")
    )
    provider_productivity: float = field(
        default=1.1, metadata=_label("Provider output per FTE relative to in-house", "ratio")
    )
    transactions_per_fte_month: Mapping[ProcessKind, float] = field(
        default_factory=lambda: {
            ProcessKind.CUSTOMER_SERVICE: 1_800,
            ProcessKind.SALES_SUPPORT: 900,
            ProcessKind.IT_SUPPORT: 500,
            ProcessKind.ACCOUNTING: 1_500,
            ProcessKind.PAYROLL: 2_000,
            ProcessKind.DATA_ENTRY: 6_000,
            ProcessKind.OTHER: 1_000,
        },
        metadata=_label("Transactions one in-house FTE handles per month, by process", "transactions/FTE-month"),
    )
    measured_band: float = field(default=0.10, metadata=_label("Range kept around a measured median (±)", "share"))
    min_fte_for_bpo: float = field(default=0.5, metadata=_label("Smallest workload worth outsourcing", "FTE"))
    offshore_languages: frozenset[str] = field(
        default=frozenset({"en", "es", "fr", "pt"}),
        metadata=_label("Languages the offshore centers staff for customer contact", "ISO 639-1"),
    )
    recruiter_cost_per_year: float = field(
        default=75_000, metadata=_label("In-house recruiter loaded cost per year", "currency/year")
    )
    recruiter_hires_per_year: float = field(
        default=40, metadata=_label("Hires one in-house recruiter can close per year", "hires/year")
    )
    agency_fee_share_of_salary: float = field(
        default=0.20, metadata=_label("Agency fee per placement, share of first-year salary", "share")
    )
    advertising_per_hire: float = field(
        default=400, metadata=_label("Job boards and advertising per hire", "currency/hire")
    )
    hiring_manager_hours_per_hire: float = field(
        default=20, metadata=_label("Hiring-manager hours spent per hire", "hours/hire")
    )
    hiring_manager_hourly_cost: float = field(
        default=60, metadata=_label("Hiring-manager loaded cost per hour", "currency/hour")
    )
    rpo_fee_per_hire: tuple[float, float] = field(
        default=(2_500.0, 4_500.0), metadata=_label("RPO fee per hire (enterprise and on-demand)", "currency/hire")
    )
    hybrid_fee_factor: float = field(
        default=0.6, metadata=_label("Hybrid RPO fee as a share of the full fee (fewer stages)", "share")
    )
    time_to_hire_days: float = field(default=44, metadata=_label("Time-to-hire today when not known", "days"))
    rpo_time_to_hire_reduction: float = field(default=0.25, metadata=_label("Time-to-hire reduction with RPO", "share"))
    working_days_per_year: float = field(default=260, metadata=_label("Working days per year", "days"))
    vacancy_cost_factor: float = field(
        default=1.0, metadata=_label("Vacancy cost per open day, as a multiple of daily salary", "ratio")
    )
    first_year_turnover: float = field(
        default=0.20, metadata=_label("New hires leaving within their first year", "share")
    )
    rpo_turnover_reduction: float = field(
        default=0.15, metadata=_label("Relative reduction of first-year turnover with RPO", "share")
    )
    turnover_cost_share_of_salary: float = field(
        default=0.33, metadata=_label("Cost of replacing a leaver, share of annual salary", "share")
    )

    def __post_init__(self) -> None:
        for name in ("onshore_rate_factor", "rpo_fee_per_hire"):
            _check_range(name, getattr(self, name))
        for location, rates in self.provider_rate_per_fte_month.items():
            _check_range(f"provider_rate_per_fte_month[{location}]", rates)
        for row in _numbers(self):
            if row[1] < 0:
                raise ValueError(f"assumption {row[0]} cannot be negative")
        if self.provider_productivity <= 0 or self.recruiter_hires_per_year <= 0 or self.working_days_per_year <= 0:
            raise ValueError("provider_productivity, recruiter_hires_per_year and working_days_per_year must be > 0")
        missing = {DeliveryLocation.NEARSHORE, DeliveryLocation.OFFSHORE} - set(self.provider_rate_per_fte_month)
        if missing:
            raise ValueError(f"provider_rate_per_fte_month needs rates for {', '.join(sorted(missing))}")
        if set(ProcessKind) - set(self.transactions_per_fte_month):
            raise ValueError("transactions_per_fte_month needs a value for every process kind")
        if any(value <= 0 for value in self.transactions_per_fte_month.values()):
            raise ValueError("transactions_per_fte_month values must be > 0")

    def in_house_cost(self, country: str) -> tuple[float, Source, str]:
        """Loaded cost per FTE-year for a country, with where it came from."""
        if country in self.in_house_cost_per_fte_year:
            return self.in_house_cost_per_fte_year[country], Source.DEFAULT, "in_house_cost_per_fte_year"
        return self.in_house_cost_per_fte_year_other, Source.DEFAULT, "in_house_cost_per_fte_year_other"

    def salary(self, country: str) -> float:
        return self.in_house_cost(country)[0] / self.loaded_cost_multiplier


@dataclass(frozen=True)
class Measured:
    """Medians from the provider's own delivery data; each replaces the matching default."""

    time_to_hire_days: float | None = None
    cost_per_transaction: Mapping[ProcessKind, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.time_to_hire_days is not None and self.time_to_hire_days <= 0:
            raise ValueError("measured time_to_hire_days must be > 0")
        if any(value < 0 for value in self.cost_per_transaction.values()):
            raise ValueError("measured cost_per_transaction cannot be negative")


@dataclass(frozen=True)
class AssumptionRow:
    name: str
    label: str
    unit: str
    value: object
    note: str


def describe(assumptions: Assumptions) -> list[AssumptionRow]:
    """Every assumption with its label, for showing (and editing) next to the advice."""
    return [
        AssumptionRow(
            item.name, item.metadata["label"], item.metadata["unit"], getattr(assumptions, item.name), ILLUSTRATIVE
        )
        for item in fields(assumptions)
    ]


def _check_range(name: str, pair: tuple[float, float]) -> None:
    low, high = pair
    if low < 0 or high < low:
        raise ValueError(f"assumption {name} must be a range with 0 ≤ low ≤ high, got {pair}")


def _numbers(assumptions: Assumptions) -> list[tuple[str, float]]:
    return [
        (item.name, float(value))
        for item in fields(assumptions)
        if isinstance(value := getattr(assumptions, item.name), int | float)
    ] + [(f"in_house_cost_per_fte_year[{key}]", value) for key, value in assumptions.in_house_cost_per_fte_year.items()]
