"""The advisor's questionnaire: what a prospective client tells us, as frozen dataclasses.

``validate(answers)`` raises :class:`AnswerError` (a ``ValueError``) naming the question
(``field``) and saying what is wrong, so an interface can show the message on that question
and keep the other answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MAX_HIRES_PER_EMPLOYEE = 3.0
"""More hires a year than this multiple of today's headcount is treated as a typing mistake."""

PRIORITY_MAX = 5
"""Priorities are weights from 0 (do not care) to 5 (decisive); 4 or more counts as high."""

HIGH_PRIORITY = 4


class AnswerError(ValueError):
    """A missing or contradictory answer; ``field`` names the question (e.g. ``hiring.hires_per_year``)."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


class Service(StrEnum):
    BPO = "bpo"
    RPO = "rpo"


class Collaboration(StrEnum):
    NONE = "none"
    SOME = "some"
    HIGH = "high"


class ProcessKind(StrEnum):
    CUSTOMER_SERVICE = "customer_service"
    SALES_SUPPORT = "sales_support"
    IT_SUPPORT = "it_support"
    ACCOUNTING = "accounting"
    PAYROLL = "payroll"
    DATA_ENTRY = "data_entry"
    OTHER = "other"


class Coverage(StrEnum):
    OFFICE_HOURS = "office_hours"
    EXTENDED = "extended"
    ALWAYS = "24x7"


class Sensitivity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


@dataclass(frozen=True)
class Business:
    country: str  # ISO 3166-1 alpha-2, e.g. "US"
    time_zone: str  # IANA name, e.g. "America/New_York"
    industry: str
    employees: int


@dataclass(frozen=True)
class Hiring:
    hires_per_year: int
    peak_quarter_share: float = 0.25  # share of the year's hires made in the busiest quarter; 0.25 = even
    hard_to_fill_share: float = 0.0  # share of hires for roles that are hard to fill
    time_to_hire_days: float | None = None  # today's, if known
    cost_per_hire: float | None = None  # today's, if known (ANSI/SHRM definition)
    recruiters: int = 0  # in-house recruiters
    hr_collaboration: Collaboration = Collaboration.SOME


@dataclass(frozen=True)
class Process:
    kind: ProcessKind
    customer_facing: bool
    monthly_volume: int | None = None  # transactions a month (contacts, tickets, invoices, payslips, records)
    in_house_fte: float | None = None  # people doing it today, if known (wins over volume)
    languages: tuple[str, ...] = ("en",)  # ISO 639-1 codes
    coverage: Coverage = Coverage.OFFICE_HOURS
    sensitivity: Sensitivity = Sensitivity.LOW
    regulated: bool = False


@dataclass(frozen=True)
class Priorities:
    cost: int = 3
    speed: int = 3
    quality: int = 3
    control: int = 3


@dataclass(frozen=True)
class Answers:
    business: Business
    hiring: Hiring | None = None
    processes: tuple[Process, ...] = ()
    priorities: Priorities = field(default_factory=Priorities)
    services: frozenset[Service] = frozenset({Service.BPO, Service.RPO})  # which questions the prospect asks


def validate(answers: Answers) -> None:
    """Raise AnswerError for the first missing, out-of-range or contradictory answer."""
    _validate_business(answers.business)
    if Service.RPO in answers.services:
        if answers.hiring is None:
            raise AnswerError("hiring", "answer the hiring questions to get recruitment (RPO) advice")
        _validate_hiring(answers.hiring, answers.business.employees)
    if Service.BPO in answers.services and not answers.processes:
        raise AnswerError("processes", "list at least one process to get outsourcing (BPO) advice")
    for index, process in enumerate(answers.processes):
        _validate_process(process, f"processes[{index}]")
    _validate_priorities(answers.priorities)


def _validate_business(business: Business) -> None:
    if not re.fullmatch(r"[A-Z]{2}", business.country):
        raise AnswerError("business.country", f"{business.country!r} is not a two-letter country code such as US")
    try:
        ZoneInfo(business.time_zone)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise AnswerError("business.time_zone", f"unknown time zone {business.time_zone!r}") from error
    if business.employees < 1:
        raise AnswerError("business.employees", "must be at least 1")


def _validate_hiring(hiring: Hiring, employees: int) -> None:
    if hiring.hires_per_year < 0:
        raise AnswerError("hiring.hires_per_year", "cannot be negative")
    if hiring.hires_per_year > MAX_HIRES_PER_EMPLOYEE * employees:
        raise AnswerError(
            "hiring.hires_per_year",
            f"{hiring.hires_per_year} hires is more than {MAX_HIRES_PER_EMPLOYEE:g} times your {employees} employees",
        )
    _check_share("hiring.peak_quarter_share", hiring.peak_quarter_share)
    if hiring.peak_quarter_share < 0.25:
        raise AnswerError("hiring.peak_quarter_share", "the busiest quarter holds at least a quarter of the hires")
    _check_share("hiring.hard_to_fill_share", hiring.hard_to_fill_share)
    _check_positive("hiring.time_to_hire_days", hiring.time_to_hire_days)
    _check_positive("hiring.cost_per_hire", hiring.cost_per_hire)
    if hiring.recruiters < 0:
        raise AnswerError("hiring.recruiters", "cannot be negative")
    if hiring.recruiters > employees:
        raise AnswerError("hiring.recruiters", "cannot exceed the number of employees")


def _validate_process(process: Process, prefix: str) -> None:
    if process.monthly_volume is None and process.in_house_fte is None:
        raise AnswerError(f"{prefix}.monthly_volume", "give the monthly volume or the in-house FTE")
    if process.monthly_volume is not None and process.monthly_volume < 0:
        raise AnswerError(f"{prefix}.monthly_volume", "cannot be negative")
    if process.in_house_fte is not None and process.in_house_fte < 0:
        raise AnswerError(f"{prefix}.in_house_fte", "cannot be negative")
    if not process.languages:
        raise AnswerError(f"{prefix}.languages", "name at least one language")
    for language in process.languages:
        if not re.fullmatch(r"[a-z]{2}", language):
            raise AnswerError(f"{prefix}.languages", f"{language!r} is not a two-letter language code such as en")


def _validate_priorities(priorities: Priorities) -> None:
    for name in ("cost", "speed", "quality", "control"):
        value = getattr(priorities, name)
        if not 0 <= value <= PRIORITY_MAX:
            raise AnswerError(f"priorities.{name}", f"must be between 0 and {PRIORITY_MAX}")


def _check_share(field_name: str, value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise AnswerError(field_name, "must be a share between 0 and 1")


def _check_positive(field_name: str, value: float | None) -> None:
    if value is not None and value <= 0:
        raise AnswerError(field_name, "must be greater than 0 when given")
