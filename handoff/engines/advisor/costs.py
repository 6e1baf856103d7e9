"""Costs and savings, every figure with the assumptions (and their source) it used.

RPO — ANSI/SHRM cost-per-hire: (external costs + internal costs) ÷ hires.
  before: internal = in-house recruiters × recruiter cost + hires × hiring-manager hours × hourly cost;
          external = hires × advertising + agency hires × agency fee × salary, where agency hires are
          the hires the in-house recruiters cannot close (hires − recruiters × hires per recruiter).
          When the prospect knows today's cost-per-hire, that figure is used instead (source: answer).
  after:  internal = recruiters kept (none for enterprise) + the same hiring-manager time;
          external = hires × advertising + provider fee × provider hires (enterprise: all hires;
          hybrid: all hires at ``hybrid_fee_factor``; on-demand: the hires beyond in-house capacity,
          over the year or in the peak quarter, whichever is more), as a low–high range.
  vacancy cost saved = hires × days saved × daily salary × vacancy cost factor; days saved =
          time-to-hire today − time-to-hire with RPO (the measured median when known, else today ×
          (1 − reduction)), never below zero.
  turnover cost = hires × first-year turnover × replacement cost share × salary; with RPO the
          turnover share drops by ``rpo_turnover_reduction``.
BPO — per outsourced process: in-house cost = FTE × loaded cost per FTE-year of the client's country;
  provider cost = FTE ÷ provider productivity × 12 × rate per FTE-month of the primary location
  (onshore: a share of the in-house loaded cost, plus the night premium for 24/7), as a range; when
  a measured cost per transaction for the process kind and a volume are known, provider cost =
  volume × 12 × that median ± ``measured_band`` (source: measured). Savings = in-house − provider.
"""

from __future__ import annotations

from dataclasses import dataclass

from handoff.engines.advisor.answers import Answers, Coverage, Hiring
from handoff.engines.advisor.assumptions import Assumptions, Measured, Source
from handoff.engines.advisor.rules import ProcessAdvice, RpoAdvice, RpoModel, in_house_capacity
from handoff.engines.delivery_location import DeliveryLocation

MONTHS = 12


@dataclass(frozen=True)
class Range:
    low: float
    high: float

    def __post_init__(self) -> None:
        if self.high < self.low:
            raise ValueError(f"range low {self.low} is above high {self.high}")

    def minus_from(self, amount: float) -> Range:
        """amount − this range (a saving: the high cost gives the low saving)."""
        return Range(amount - self.high, amount - self.low)

    def scaled(self, factor: float) -> Range:
        return Range(self.low * factor, self.high * factor)


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    source: Source
    assumption: str  # which assumption (or answer / measured field) it came from


@dataclass(frozen=True)
class CostPerHire:
    external: float
    internal: float
    hires: int

    @property
    def value(self) -> float:
        return (self.external + self.internal) / self.hires if self.hires else 0.0


@dataclass(frozen=True)
class RpoCosts:
    model: RpoModel
    cost_per_hire_before: float
    cost_per_hire_before_source: Source
    before: CostPerHire
    after_low: CostPerHire
    after_high: CostPerHire
    time_to_hire_before: Figure
    time_to_hire_after: Figure
    vacancy_cost_saved: float
    turnover_cost_before: float
    turnover_cost_after: float

    @property
    def cost_per_hire_after(self) -> Range:
        return Range(self.after_low.value, self.after_high.value)

    @property
    def turnover_cost_saved(self) -> float:
        return self.turnover_cost_before - self.turnover_cost_after


@dataclass(frozen=True)
class BpoCosts:
    index: int
    location: DeliveryLocation
    fte: float
    in_house_per_year: float
    provider_per_year: Range
    provider_source: Source
    assumption: str

    @property
    def savings_per_year(self) -> Range:
        return self.provider_per_year.minus_from(self.in_house_per_year)


def rpo_costs(answers: Answers, rpo: RpoAdvice, assumptions: Assumptions, measured: Measured) -> RpoCosts | None:
    hiring = answers.hiring
    if hiring is None or rpo.model is None or hiring.hires_per_year == 0:
        return None
    salary = assumptions.salary(answers.business.country)
    before = cost_per_hire_before(hiring, salary, assumptions)
    known = hiring.cost_per_hire
    tth_before = _time_to_hire_before(hiring, assumptions)
    tth_after = _time_to_hire_after(tth_before.value, assumptions, measured)
    days_saved = max(0.0, tth_before.value - tth_after.value)
    daily = salary / assumptions.working_days_per_year * assumptions.vacancy_cost_factor
    leavers = hiring.hires_per_year * assumptions.first_year_turnover
    turnover_before = leavers * assumptions.turnover_cost_share_of_salary * salary
    return RpoCosts(
        model=rpo.model,
        cost_per_hire_before=known if known is not None else before.value,
        cost_per_hire_before_source=Source.ANSWER if known is not None else Source.DEFAULT,
        before=before,
        after_low=_cost_per_hire_after(hiring, rpo.model, salary, assumptions, 0),
        after_high=_cost_per_hire_after(hiring, rpo.model, salary, assumptions, 1),
        time_to_hire_before=tth_before,
        time_to_hire_after=tth_after,
        vacancy_cost_saved=hiring.hires_per_year * days_saved * daily,
        turnover_cost_before=turnover_before,
        turnover_cost_after=turnover_before * (1 - assumptions.rpo_turnover_reduction),
    )


def cost_per_hire_before(hiring: Hiring, salary: float, assumptions: Assumptions) -> CostPerHire:
    hires = hiring.hires_per_year
    agency_hires = max(0.0, hires - in_house_capacity(hiring, assumptions))
    external = hires * assumptions.advertising_per_hire + agency_hires * assumptions.agency_fee_share_of_salary * salary
    internal = hiring.recruiters * assumptions.recruiter_cost_per_year + _hiring_manager_cost(hires, assumptions)
    return CostPerHire(external, internal, hires)


def _cost_per_hire_after(
    hiring: Hiring, model: RpoModel, salary: float, assumptions: Assumptions, end: int
) -> CostPerHire:
    hires = hiring.hires_per_year
    fee = assumptions.rpo_fee_per_hire[end]
    capacity = in_house_capacity(hiring, assumptions)
    kept = 0 if model is RpoModel.ENTERPRISE else hiring.recruiters
    if model is RpoModel.ENTERPRISE:
        fees = fee * hires
    elif model is RpoModel.HYBRID:
        fees = fee * assumptions.hybrid_fee_factor * hires
    else:
        fees = fee * max(hires - capacity, hires * hiring.peak_quarter_share - capacity / 4, 0.0)
    external = hires * assumptions.advertising_per_hire + fees
    internal = kept * assumptions.recruiter_cost_per_year + _hiring_manager_cost(hires, assumptions)
    return CostPerHire(external, internal, hires)


def _hiring_manager_cost(hires: int, assumptions: Assumptions) -> float:
    return hires * assumptions.hiring_manager_hours_per_hire * assumptions.hiring_manager_hourly_cost


def _time_to_hire_before(hiring: Hiring, assumptions: Assumptions) -> Figure:
    if hiring.time_to_hire_days is not None:
        return Figure("time_to_hire_before", hiring.time_to_hire_days, Source.ANSWER, "hiring.time_to_hire_days")
    return Figure("time_to_hire_before", assumptions.time_to_hire_days, Source.DEFAULT, "time_to_hire_days")


def _time_to_hire_after(before: float, assumptions: Assumptions, measured: Measured) -> Figure:
    if measured.time_to_hire_days is not None:
        return Figure("time_to_hire_after", measured.time_to_hire_days, Source.MEASURED, "time_to_hire_days")
    value = before * (1 - assumptions.rpo_time_to_hire_reduction)
    return Figure("time_to_hire_after", value, Source.DEFAULT, "rpo_time_to_hire_reduction")


def bpo_costs(answers: Answers, advice: ProcessAdvice, assumptions: Assumptions, measured: Measured) -> BpoCosts | None:
    if not advice.outsource:
        return None
    location = advice.locations[0]
    loaded, _source, _name = assumptions.in_house_cost(answers.business.country)
    in_house = advice.fte * loaded
    process = advice.process
    median = measured.cost_per_transaction.get(process.kind)
    if median is not None and process.monthly_volume is not None:
        base = process.monthly_volume * MONTHS * median
        band = assumptions.measured_band
        provider = Range(base * (1 - band), base * (1 + band))
        return BpoCosts(advice.index, location, advice.fte, in_house, provider, Source.MEASURED, "cost_per_transaction")
    rate, name = _rate_per_fte_month(location, loaded, process.coverage, assumptions)
    provider_fte = advice.fte / assumptions.provider_productivity
    return BpoCosts(
        advice.index, location, advice.fte, in_house, rate.scaled(provider_fte * MONTHS), Source.DEFAULT, name
    )


def _rate_per_fte_month(
    location: DeliveryLocation, loaded: float, coverage: Coverage, assumptions: Assumptions
) -> tuple[Range, str]:
    if location is DeliveryLocation.ONSHORE:
        premium = 1 + assumptions.night_shift_premium if coverage is Coverage.ALWAYS else 1.0
        low, high = assumptions.onshore_rate_factor
        return Range(low, high).scaled(loaded / MONTHS * premium), "onshore_rate_factor"
    low, high = assumptions.provider_rate_per_fte_month[location]
    return Range(low, high), "provider_rate_per_fte_month"
