"""The advisor's rules: RPO or not (and which model), BPO or not per process (and where from).

Every decision carries ``because``: the answers (question and value) that led to it.
Thresholds are module constants so that the page can quote them.

RPO (evaluated in this order; the first rule that matches decides):

R1. No hiring, or fewer than ``RPO_MIN_HIRES`` hires a year with under ``HARD_TO_FILL_MANY``
    of them hard to fill → **no RPO** (hire directly; use a search firm for the odd hard role).
R2. A surge: the busiest quarter holds at least ``SURGE_PEAK_SHARE`` of the year's hires, or the
    year's hires are at least ``GROWTH_SURGE_RATIO`` × today's headcount → **on-demand RPO**
    (a project with a target headcount and window).
R3. The in-house recruiters can close every hire (recruiters × ``recruiter_hires_per_year`` ≥
    hires) and under ``HARD_TO_FILL_MANY`` of roles are hard to fill → **no RPO**.
R4. HR can collaborate (some or high) and there is at least one in-house recruiter → **hybrid RPO**:
    the provider takes sourcing, screening and scheduling (and assessment when many roles are hard
    to fill); the client keeps intake, and keeps interviewing and the offer in-house when control is
    a high priority (≥ 4 of 5) or HR collaboration is high.
R5. Sustained volume (at least ``ENTERPRISE_MIN_HIRES`` hires a year) with little in-house capacity
    → **enterprise RPO**; below that volume → **on-demand RPO** per hiring wave.

More hires never turns an RPO recommendation into "no RPO": R1 and R3 only get harder to meet.

BPO, per process:

B1. Customer-facing → **front-office**; internal → **back-office**.
B2. Less than ``min_fte_for_bpo`` of work (in-house FTE, or volume ÷ transactions per FTE) →
    **keep in-house** (too small to hand over).
B3. High data sensitivity with control a high priority (≥ 4) → **keep in-house**.
B4. Allowed delivery locations: high sensitivity and regulated → onshore only (data residency);
    high sensitivity or regulated → onshore or nearshore; customer-facing in a language the offshore
    centers do not staff (``offshore_languages``) → not offshore.
B5. 24/7 coverage → **follow-the-sun**: nearshore and offshore centers hand over across time zones;
    when only onshore is allowed, onshore with night shifts (a premium).
B6. Otherwise the primary location: customer-facing work in office or extended hours needs live
    time-zone overlap → nearshore, unless cost is a high priority (≥ 4) → offshore; internal work
    needs no live overlap → offshore when cost is at least a medium priority (≥ 3), else nearshore;
    when the wanted location is not allowed, the next dearer allowed one (offshore → nearshore → onshore).

Verdict: BPO when at least one process is outsourced, RPO when an RPO model is recommended,
both, or neither.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from handoff.engines.advisor.answers import (
    HIGH_PRIORITY,
    Answers,
    Collaboration,
    Coverage,
    Hiring,
    Process,
    Sensitivity,
    Service,
)
from handoff.engines.advisor.assumptions import Assumptions, Source
from handoff.engines.delivery_location import DeliveryLocation

RPO_MIN_HIRES = 12
HARD_TO_FILL_MANY = 0.5
SURGE_PEAK_SHARE = 0.4
GROWTH_SURGE_RATIO = 0.5
ENTERPRISE_MIN_HIRES = 50
MEDIUM_PRIORITY = 3


class RpoModel(StrEnum):
    ENTERPRISE = "enterprise"
    ON_DEMAND = "on_demand"
    HYBRID = "hybrid"


class Stage(StrEnum):
    INTAKE = "intake"
    SOURCING = "sourcing"
    SCREENING = "screening"
    ASSESSMENT = "assessment"
    SCHEDULING = "scheduling"
    INTERVIEWING = "interviewing"
    OFFER = "offer"


class Office(StrEnum):
    FRONT = "front_office"
    BACK = "back_office"


class Verdict(StrEnum):
    BPO = "bpo"
    RPO = "rpo"
    BOTH = "both"
    NEITHER = "neither"


@dataclass(frozen=True)
class Because:
    field: str  # the question, e.g. "hiring.peak_quarter_share"
    value: str  # the answer given, as text


@dataclass(frozen=True)
class RpoAdvice:
    model: RpoModel | None  # None: no RPO
    rule: str
    text: str
    because: tuple[Because, ...]
    in_house_stages: tuple[Stage, ...] = ()
    provider_stages: tuple[Stage, ...] = ()


@dataclass(frozen=True)
class ProcessAdvice:
    index: int
    process: Process
    outsource: bool
    office: Office
    locations: tuple[DeliveryLocation, ...]  # primary first; empty when kept in-house
    follow_the_sun: bool
    fte: float
    fte_source: Source
    text: str
    because: tuple[Because, ...]


def _b(name: str, value: object) -> Because:
    return Because(name, str(value))


def in_house_capacity(hiring: Hiring, assumptions: Assumptions) -> float:
    return hiring.recruiters * assumptions.recruiter_hires_per_year


def advise_rpo(answers: Answers, assumptions: Assumptions) -> RpoAdvice:
    hiring = answers.hiring
    if hiring is None or Service.RPO not in answers.services:
        return RpoAdvice(None, "-", "Recruitment advice was not asked for.", (_b("services", "no rpo"),))
    hires = _b("hiring.hires_per_year", hiring.hires_per_year)
    hard = _b("hiring.hard_to_fill_share", hiring.hard_to_fill_share)
    if hiring.hires_per_year < RPO_MIN_HIRES and hiring.hard_to_fill_share < HARD_TO_FILL_MANY:
        text = f"No RPO: {hiring.hires_per_year} hires a year is too few to hand over; hire directly."
        return RpoAdvice(None, "R1", text, (hires, hard))
    surge = _surge(answers, hiring)
    if surge:
        text = "On-demand RPO: a hiring surge is best run as a project with a target headcount and window."
        return RpoAdvice(RpoModel.ON_DEMAND, "R2", text, (hires, *surge))
    capacity = in_house_capacity(hiring, assumptions)
    recruiters = _b("hiring.recruiters", hiring.recruiters)
    if capacity >= hiring.hires_per_year and hiring.hard_to_fill_share < HARD_TO_FILL_MANY:
        text = f"No RPO: {hiring.recruiters} in-house recruiters can close about {capacity:g} hires a year."
        return RpoAdvice(None, "R3", text, (hires, recruiters, hard))
    collaboration = _b("hiring.hr_collaboration", hiring.hr_collaboration)
    if hiring.hr_collaboration is not Collaboration.NONE and hiring.recruiters >= 1:
        return _hybrid(answers, hiring, (hires, recruiters, collaboration))
    if hiring.hires_per_year >= ENTERPRISE_MIN_HIRES:
        text = "Enterprise RPO: sustained volume with little in-house capacity; the provider runs all of recruiting."
        return RpoAdvice(RpoModel.ENTERPRISE, "R5", text, (hires, recruiters, collaboration), (Stage.INTAKE,))
    text = "On-demand RPO per hiring wave: too few hires for a standing team, and no in-house capacity."
    return RpoAdvice(RpoModel.ON_DEMAND, "R5", text, (hires, recruiters, collaboration))


def _surge(answers: Answers, hiring: Hiring) -> tuple[Because, ...]:
    reasons: list[Because] = []
    if hiring.peak_quarter_share >= SURGE_PEAK_SHARE:
        reasons.append(_b("hiring.peak_quarter_share", hiring.peak_quarter_share))
    if hiring.hires_per_year >= GROWTH_SURGE_RATIO * answers.business.employees:
        reasons.append(_b("business.employees", answers.business.employees))
    return tuple(reasons)


def _hybrid(answers: Answers, hiring: Hiring, because: tuple[Because, ...]) -> RpoAdvice:
    keep = [Stage.INTAKE]
    extra: list[Because] = []
    if answers.priorities.control >= HIGH_PRIORITY or hiring.hr_collaboration is Collaboration.HIGH:
        keep += [Stage.INTERVIEWING, Stage.OFFER]
        if answers.priorities.control >= HIGH_PRIORITY:
            extra.append(_b("priorities.control", answers.priorities.control))
    provider = [Stage.SOURCING, Stage.SCREENING, Stage.SCHEDULING]
    if hiring.hard_to_fill_share >= HARD_TO_FILL_MANY:
        provider.append(Stage.ASSESSMENT)
        extra.append(_b("hiring.hard_to_fill_share", hiring.hard_to_fill_share))
    else:
        keep.append(Stage.ASSESSMENT)
    provider += [stage for stage in (Stage.INTERVIEWING, Stage.OFFER) if stage not in keep]
    keep, provider = _in_stage_order(keep), _in_stage_order(provider)
    text = "Hybrid RPO: your HR keeps " + ", ".join(keep) + "; the provider runs " + ", ".join(provider) + "."
    return RpoAdvice(RpoModel.HYBRID, "R4", text, (*because, *extra), tuple(keep), tuple(provider))


def _in_stage_order(stages: list[Stage]) -> list[Stage]:
    order = list(Stage)
    return sorted(stages, key=order.index)


def process_fte(process: Process, assumptions: Assumptions) -> tuple[float, Source]:
    if process.in_house_fte is not None:
        return process.in_house_fte, Source.ANSWER
    volume = process.monthly_volume or 0
    return volume / assumptions.transactions_per_fte_month[process.kind], Source.DEFAULT


def advise_process(index: int, process: Process, answers: Answers, assumptions: Assumptions) -> ProcessAdvice:
    prefix = f"processes[{index}]"
    office = Office.FRONT if process.customer_facing else Office.BACK
    facing = _b(f"{prefix}.customer_facing", process.customer_facing)
    fte, fte_source = process_fte(process, assumptions)
    size = _size_because(prefix, process, fte_source)
    if fte < assumptions.min_fte_for_bpo:
        text = f"Keep {process.kind} in-house: about {fte:.1f} FTE of work is too little to hand over."
        return ProcessAdvice(index, process, False, office, (), False, fte, fte_source, text, (facing, size))
    sensitivity = _b(f"{prefix}.sensitivity", process.sensitivity)
    if process.sensitivity is Sensitivity.HIGH and answers.priorities.control >= HIGH_PRIORITY:
        text = f"Keep {process.kind} in-house: highly sensitive data and control is a high priority."
        because = (sensitivity, _b("priorities.control", answers.priorities.control))
        return ProcessAdvice(index, process, False, office, (), False, fte, fte_source, text, because)
    allowed, limits = _allowed_locations(index, process, assumptions)
    locations, follow, choice = _choose(index, process, answers, allowed)
    where = " + ".join(locations)
    sun = " (follow-the-sun)" if follow else ""
    text = f"Outsource {process.kind} as {office.replace('_', '-')} BPO, delivered {where}{sun}; about {fte:.1f} FTE."
    reasons = (facing, size, *limits, *choice)
    return ProcessAdvice(index, process, True, office, locations, follow, fte, fte_source, text, reasons)


def _size_because(prefix: str, process: Process, fte_source: Source) -> Because:
    if fte_source is Source.ANSWER:
        return _b(f"{prefix}.in_house_fte", process.in_house_fte)
    return _b(f"{prefix}.monthly_volume", process.monthly_volume)


def _allowed_locations(
    index: int, process: Process, assumptions: Assumptions
) -> tuple[list[DeliveryLocation], list[Because]]:
    prefix = f"processes[{index}]"
    allowed = [DeliveryLocation.OFFSHORE, DeliveryLocation.NEARSHORE, DeliveryLocation.ONSHORE]  # cheapest first
    limits: list[Because] = []
    high = process.sensitivity is Sensitivity.HIGH
    if high or process.regulated:
        limits += [_b(f"{prefix}.sensitivity", process.sensitivity), _b(f"{prefix}.regulated", process.regulated)]
        allowed = [DeliveryLocation.ONSHORE] if high and process.regulated else allowed[1:]
    foreign = sorted(set(process.languages) - assumptions.offshore_languages)
    if process.customer_facing and foreign and DeliveryLocation.OFFSHORE in allowed:
        allowed.remove(DeliveryLocation.OFFSHORE)
        limits.append(_b(f"{prefix}.languages", ",".join(process.languages)))
    return allowed, limits


def _choose(
    index: int, process: Process, answers: Answers, allowed: list[DeliveryLocation]
) -> tuple[tuple[DeliveryLocation, ...], bool, list[Because]]:
    prefix = f"processes[{index}]"
    coverage = _b(f"{prefix}.coverage", process.coverage)
    cost = _b("priorities.cost", answers.priorities.cost)
    if process.coverage is Coverage.ALWAYS:
        remote = tuple(location for location in allowed if location is not DeliveryLocation.ONSHORE)
        if remote:
            return tuple(reversed(remote)), len(remote) > 1, [coverage]
        return (DeliveryLocation.ONSHORE,), False, [coverage]
    if process.customer_facing:
        zone = _b("business.time_zone", answers.business.time_zone)
        wanted = DeliveryLocation.OFFSHORE if answers.priorities.cost >= HIGH_PRIORITY else DeliveryLocation.NEARSHORE
        return (_first_allowed(wanted, allowed),), False, [coverage, zone, cost]
    wanted = DeliveryLocation.OFFSHORE if answers.priorities.cost >= MEDIUM_PRIORITY else DeliveryLocation.NEARSHORE
    return (_first_allowed(wanted, allowed),), False, [cost]


def _first_allowed(wanted: DeliveryLocation, allowed: list[DeliveryLocation]) -> DeliveryLocation:
    order = [DeliveryLocation.OFFSHORE, DeliveryLocation.NEARSHORE, DeliveryLocation.ONSHORE]
    for location in order[order.index(wanted) :]:
        if location in allowed:
            return location
    return allowed[-1]


def verdict(rpo: RpoAdvice, processes: list[ProcessAdvice]) -> Verdict:
    bpo = any(advice.outsource for advice in processes)
    if bpo and rpo.model is not None:
        return Verdict.BOTH
    if bpo:
        return Verdict.BPO
    return Verdict.RPO if rpo.model is not None else Verdict.NEITHER
