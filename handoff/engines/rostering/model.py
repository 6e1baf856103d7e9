"""The rostering problem as plain dataclasses.

Time is a grid: ``horizon.days`` days of ``horizon.intervals_per_day`` intervals
(15, 30 or 60 minutes). A shift belongs to the day it *starts* on and may run
past midnight into the next day (22:00–06:00 covers the next day's first
intervals). What runs past the last day is either dropped (a week plus the
night shift's tail) or, with ``cyclic=True``, wraps onto day 0 (a roster that
repeats every week).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np
from numpy.typing import NDArray

MINUTES_PER_DAY = 24 * 60


class RosterInputError(ValueError):
    """The problem is malformed (not merely infeasible); the message names the field."""


@dataclass(frozen=True)
class Horizon:
    """The planning grid: ``days`` days from ``start`` (midnight of day 0)."""

    start: datetime
    days: int
    interval_minutes: int = 30
    cyclic: bool = False

    def __post_init__(self) -> None:
        if self.days < 1:
            raise RosterInputError("horizon.days must be at least 1")
        if self.interval_minutes <= 0 or MINUTES_PER_DAY % self.interval_minutes:
            raise RosterInputError(f"horizon.interval_minutes must divide a day, got {self.interval_minutes}")

    @property
    def intervals_per_day(self) -> int:
        return MINUTES_PER_DAY // self.interval_minutes

    @property
    def intervals(self) -> int:
        """Intervals on which coverage is measured: days × intervals per day."""
        return self.days * self.intervals_per_day

    def at(self, day: int, minute: int) -> datetime:
        """The datetime ``minute`` minutes after midnight of ``day`` (may be past midnight)."""
        return self.start + timedelta(days=day, minutes=minute)

    def steps(self, minutes: int, what: str) -> int:
        """``minutes`` as a whole number of intervals, or an error naming ``what``."""
        if minutes % self.interval_minutes:
            raise RosterInputError(
                f"{what} ({minutes} min) is not a multiple of the {self.interval_minutes}-min interval"
            )
        return minutes // self.interval_minutes


@dataclass(frozen=True)
class BreakRule:
    """A break of ``length_minutes`` starting between ``earliest`` and ``latest`` minutes after shift start.

    The solver picks the start; during an unpaid break the agent is neither paid nor
    counted; during a paid break the agent is paid but still not counted.
    """

    length_minutes: int
    earliest_offset_minutes: int
    latest_offset_minutes: int
    paid: bool = False


@dataclass(frozen=True)
class ShiftPattern:
    """A shift starting at ``start_minute`` after midnight and lasting ``length_minutes`` (may cross midnight)."""

    name: str
    start_minute: int
    length_minutes: int
    breaks: tuple[BreakRule, ...] = ()
    max_agents: int | None = None
    """At most this many agents on this pattern per day (desks, trainers); ``None`` for no limit."""
    pay_multiplier: float = 1.0
    """Wage multiplier for the pattern, e.g. 1.1 for a night differential."""

    @property
    def unpaid_minutes(self) -> int:
        return sum(b.length_minutes for b in self.breaks if not b.paid)

    @property
    def paid_minutes(self) -> int:
        return self.length_minutes - self.unpaid_minutes


@dataclass(frozen=True)
class LabourRules:
    """Working-time limits of one country. Values are configurable defaults, not legal advice.

    ``night_start_minute``/``night_end_minute`` delimit the legal night (wrapping
    midnight); a shift with at least ``night_shift_min_overlap_minutes`` in it is a
    night shift and may be paid at most ``max_night_shift_hours``.
    """

    country: str
    max_hours_per_day: float
    max_hours_per_week: float
    min_rest_hours: float
    max_consecutive_days: int
    night_start_minute: int = 22 * 60
    night_end_minute: int = 6 * 60
    night_shift_min_overlap_minutes: int = 180
    max_night_shift_hours: float | None = None
    source: str = ""


# Sources are summarised in docs on purpose: every value is a default a client's
# legal team confirms (collective agreements often tighten them).
LABOUR_RULES: dict[str, LabourRules] = {
    "DE": LabourRules(
        "DE",
        10,
        48,
        11,
        6,
        23 * 60,
        6 * 60,
        120,
        10,
        "ArbZG §3 (8 h/day, up to 10 h), §5 rest 11 h, §2 night 23–6, §6 night 8 (10) h; "
        "EU 2003/88/EC art. 6 48 h/week",
    ),
    "FR": LabourRules(
        "FR",
        10,
        48,
        11,
        6,
        21 * 60,
        6 * 60,
        180,
        8,
        "Code du travail L3121-18 10 h/day, L3121-20 48 h/week, L3131-1 rest 11 h, "
        "L3132-1 max 6 days/week, L3122-6 night work 8 h",
    ),
    "ES": LabourRules(
        "ES",
        9,
        40,
        12,
        6,
        22 * 60,
        6 * 60,
        180,
        8,
        "Estatuto de los Trabajadores art. 34.1 40 h/week, 34.3 9 h/day and 12 h rest, 36.1 night 22–6 ≤ 8 h",
    ),
    "US": LabourRules(
        "US",
        12,
        60,
        8,
        6,
        22 * 60,
        6 * 60,
        180,
        None,
        "FLSA sets no daily/weekly maximum for adults (overtime after 40 h); these are company-policy defaults",
    ),
    "PH": LabourRules(
        "PH",
        8,
        48,
        8,
        6,
        22 * 60,
        6 * 60,
        180,
        None,
        "Labor Code art. 83 8 h/day, art. 86 night 22–6 (differential), art. 91 24 h rest after 6 days",
    ),
    "IN": LabourRules(
        "IN",
        9,
        48,
        10,
        6,
        22 * 60,
        6 * 60,
        180,
        None,
        "State Shops and Establishments Acts (typically 9 h/day, 48 h/week, one weekly holiday); varies by state",
    ),
    "MX": LabourRules(
        "MX",
        8,
        48,
        10,
        6,
        20 * 60,
        6 * 60,
        210,
        7,
        "Ley Federal del Trabajo art. 60 night 20–6, art. 61 8 h day / 7 h night, art. 69 one rest day per 6",
    ),
}


def unrestricted_rules(country: str = "—") -> LabourRules:
    """No labour limits at all (a day, a week, no rest): for reproducing peers' models."""
    return LabourRules(country, 24, 24 * 7, 0, 10_000, 0, 0, MINUTES_PER_DAY + 1, None, "no limits")


@dataclass(frozen=True)
class Agent:
    """A named agent.

    ``availability`` is one boolean per horizon interval (``None``: always
    available); a shift is offered only if every interval it spans is available
    (intervals past the end of the horizon count as available). Hours and days
    limits apply per block of 7 days from day 0; minimums only to full weeks.
    """

    id: str
    skills: frozenset[str]
    country: str = "DE"
    hourly_rate: float = 20.0
    min_hours_per_week: float = 0
    max_hours_per_week: float | None = None
    min_days_per_week: int = 0
    max_days_per_week: int | None = None
    max_consecutive_days: int | None = None
    availability: NDArray[np.bool_] | None = field(default=None, compare=False)
    excluded_shifts: frozenset[tuple[int, str]] = frozenset()
    """(day, pattern name) pairs the agent must not work, e.g. a declined overtime."""
    preferred_patterns: frozenset[str] = frozenset()
    preference_bonus: int = 0
    """Objective units saved each time the agent works a preferred pattern."""


@dataclass(frozen=True)
class CoverageRequirement:
    """Agents wanted per interval for one skill (soft), with an optional hard maximum (seats)."""

    skill: str
    required: NDArray[np.int64]
    maximum: NDArray[np.int64] | None = None


@dataclass(frozen=True)
class ShiftDemand:
    """A hard minimum of agents on one pattern on one day (positions rather than intervals)."""

    day: int
    pattern: str
    minimum: int


@dataclass(frozen=True)
class Weights:
    """Objective = under × missing agent-intervals + over × surplus agent-intervals + cost − preferences.

    Cost is wages in cents (hourly rate × paid hours × 100) times ``cost``. The
    defaults make one missing agent-interval worth far more than any wage saving.
    """

    under: int = 100_000
    over: int = 100
    cost: int = 1


@dataclass(frozen=True)
class RosterProblem:
    horizon: Horizon
    patterns: tuple[ShiftPattern, ...]
    agents: tuple[Agent, ...]
    requirements: tuple[CoverageRequirement, ...] = ()
    shift_demands: tuple[ShiftDemand, ...] = ()
    weights: Weights = Weights()
    labour_rules: Mapping[str, LabourRules] = field(default_factory=lambda: dict(LABOUR_RULES))

    def rules_for(self, agent: Agent) -> LabourRules:
        try:
            return self.labour_rules[agent.country]
        except KeyError:
            raise RosterInputError(f"agent {agent.id}: no labour rules for country {agent.country!r}") from None


@dataclass(frozen=True)
class RosterBreak:
    start: datetime
    end: datetime
    paid: bool


@dataclass(frozen=True)
class RosteredShift:
    agent_id: str
    day: int
    pattern: str
    skill: str
    start: datetime
    end: datetime
    breaks: tuple[RosterBreak, ...]
    paid_hours: float


@dataclass(frozen=True)
class SkillCoverage:
    skill: str
    required: NDArray[np.int64]
    scheduled: NDArray[np.int64]

    @property
    def under(self) -> NDArray[np.int64]:
        missing: NDArray[np.int64] = np.maximum(self.required - self.scheduled, 0)
        return missing

    @property
    def over(self) -> NDArray[np.int64]:
        surplus: NDArray[np.int64] = np.maximum(self.scheduled - self.required, 0)
        return surplus


@dataclass(frozen=True)
class Roster:
    """A solved roster: shifts per agent, coverage per skill, and how good it is."""

    status: str
    objective: float
    best_bound: float
    wall_seconds: float
    shifts: tuple[RosteredShift, ...]
    coverage: tuple[SkillCoverage, ...]
    wage_cost: float

    def for_agent(self, agent_id: str) -> list[RosteredShift]:
        return [s for s in self.shifts if s.agent_id == agent_id]

    @property
    def under_coverage(self) -> int:
        return int(sum(c.under.sum() for c in self.coverage))

    @property
    def over_coverage(self) -> int:
        return int(sum(c.over.sum() for c in self.coverage))
