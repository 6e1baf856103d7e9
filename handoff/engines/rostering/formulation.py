"""The roster as one integer linear model, shared by CP-SAT, the LP bound and the diagnosis.

Variables (all integer, most boolean):

- ``x[u]`` for every *unit* u = (agent, day, pattern, skill) the agent may work:
  1 if the agent works that shift on that skill. Units the agent may not work
  (availability, excluded shifts, skills, a shift longer than the country allows)
  are never created, so they cannot be chosen.
- ``y[d, p, s, k, o]``: how many of the agents working pattern p on day d on
  skill s start break k ``o`` intervals into the shift; Σₒ y[d, p, s, k, o] =
  Σ_agents x[a, d, p, s], so every worked shift has each break exactly once.
  Agents on the same shift and skill are interchangeable for coverage, so the
  break counts are handed out to them afterwards; this keeps the model one
  break variable per placement instead of one per agent and placement.
- ``under[s, t]``, ``over[s, t]`` ≥ 0 with
  Σ x covering t − Σ y (breaks) covering t + under − over = required[s, t].

Hard constraints belong to named *groups* (one agent's minimum hours in a week,
one agent's rest rule, one shift demand …) so that an infeasible problem can be
explained group by group (:mod:`.diagnose`). In headcount mode (no named
agents) ``x`` counts agents per (day, pattern, skill) and ``y`` agents per break
start, as in classic shift scheduling.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from handoff.engines.rostering.model import (
    MINUTES_PER_DAY,
    Agent,
    CoverageRequirement,
    Horizon,
    LabourRules,
    RosterInputError,
    RosterProblem,
    ShiftPattern,
    Weights,
)

NO_SKILL = ""


@dataclass(frozen=True)
class Unit:
    """One shift an agent (or the headcount pool, ``agent = -1``) may work."""

    var: int
    agent: int
    day: int
    pattern: int
    skill: str
    covered: tuple[int, ...]
    paid_minutes: int


@dataclass(frozen=True)
class BreakOption:
    """How many agents of one (day, pattern, skill) take break ``rule`` at ``offset`` intervals into the shift."""

    var: int
    day: int
    pattern: int
    skill: str
    rule: int
    offset: int
    covered: tuple[int, ...]


@dataclass
class Row:
    indices: list[int]
    coefs: list[int]
    lower: int | None
    upper: int | None
    group: str | None = None


@dataclass
class LinearModel:
    lower: list[int] = field(default_factory=list)
    upper: list[int] = field(default_factory=list)
    objective: list[int] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    groups: dict[str, str] = field(default_factory=dict)
    units: list[Unit] = field(default_factory=list)
    breaks: list[BreakOption] = field(default_factory=list)
    under: dict[tuple[str, int], int] = field(default_factory=dict)
    over: dict[tuple[str, int], int] = field(default_factory=dict)
    objective_offset: int = 0

    def variable(self, lower: int, upper: int, cost: int = 0) -> int:
        self.lower.append(lower)
        self.upper.append(upper)
        self.objective.append(cost)
        return len(self.lower) - 1

    def add(self, terms: list[tuple[int, int]], lower: int | None, upper: int | None, group: str | None = None) -> None:
        self.rows.append(Row([v for v, _ in terms], [c for _, c in terms], lower, upper, group))

    def group(self, key: str, description: str) -> str:
        self.groups[key] = description
        return key


def validate_patterns(horizon: Horizon, patterns: tuple[ShiftPattern, ...]) -> None:
    """Every time is on the grid, and breaks fit inside the shift in order without overlapping."""
    names = [p.name for p in patterns]
    if len(set(names)) != len(names):
        raise RosterInputError("shift pattern names must be unique")
    for p in patterns:
        where = f"shift pattern {p.name!r}"
        if not 0 <= p.start_minute < MINUTES_PER_DAY:
            raise RosterInputError(f"{where}: start must be within the day (0–1439 minutes)")
        if not 0 < p.length_minutes <= MINUTES_PER_DAY:
            raise RosterInputError(f"{where}: length must be between 1 minute and 24 hours")
        horizon.steps(p.start_minute, f"{where} start")
        horizon.steps(p.length_minutes, f"{where} length")
        previous_end = 0
        for k, b in enumerate(p.breaks):
            for minutes, label in (
                (b.length_minutes, "length"),
                (b.earliest_offset_minutes, "earliest start"),
                (b.latest_offset_minutes, "latest start"),
            ):
                horizon.steps(minutes, f"{where} break {k + 1} {label}")
            if b.length_minutes <= 0 or b.earliest_offset_minutes > b.latest_offset_minutes:
                raise RosterInputError(f"{where} break {k + 1}: needs a positive length and earliest ≤ latest start")
            if b.earliest_offset_minutes < previous_end:
                raise RosterInputError(f"{where} break {k + 1}: its window overlaps the previous break's")
            previous_end = b.latest_offset_minutes + b.length_minutes
            if previous_end > p.length_minutes:
                raise RosterInputError(f"{where} break {k + 1}: the window runs past the end of the shift")


def validate_requirements(horizon: Horizon, requirements: tuple[CoverageRequirement, ...]) -> None:
    skills = [r.skill for r in requirements]
    if len(set(skills)) != len(skills):
        raise RosterInputError("one coverage requirement per skill")
    for r in requirements:
        for label, array in (("required", r.required), ("maximum", r.maximum)):
            if array is None:
                continue
            if np.shape(array) != (horizon.intervals,):
                raise RosterInputError(
                    f"requirement {r.skill!r}: {label} needs {horizon.intervals} intervals, got shape {np.shape(array)}"
                )
            if np.any(np.asarray(array) < 0):
                raise RosterInputError(f"requirement {r.skill!r}: {label} must not be negative")


class _Builder:
    def __init__(self, horizon: Horizon, patterns: tuple[ShiftPattern, ...], weights: Weights) -> None:
        validate_patterns(horizon, patterns)
        self.horizon = horizon
        self.patterns = patterns
        self.weights = weights
        self.model = LinearModel()
        self.coverage_terms: defaultdict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
        self.shift_vars: defaultdict[tuple[int, int, str], list[tuple[int, int]]] = defaultdict(list)

    def timeline(self, day: int, start_step: int, steps: int) -> tuple[int, ...]:
        """Horizon intervals spanned, dropping (or, if cyclic, wrapping) those past the end."""
        total = self.horizon.intervals
        first = day * self.horizon.intervals_per_day + start_step
        spanned = range(first, first + steps)
        if self.horizon.cyclic:
            return tuple(g % total for g in spanned)
        return tuple(g for g in spanned if g < total)

    def add_unit(self, agent: int, day: int, p: int, skill: str, upper: int, cost: int) -> int:
        pattern = self.patterns[p]
        h = self.horizon
        start = h.steps(pattern.start_minute, "start")
        covered = self.timeline(day, start, h.steps(pattern.length_minutes, "length"))
        var = self.model.variable(0, upper, cost)
        self.model.units.append(Unit(var, agent, day, p, skill, covered, pattern.paid_minutes))
        self.shift_vars[(day, p, skill)].append((var, upper))
        if skill != NO_SKILL:
            for t in covered:
                self.coverage_terms[(skill, t)].append((var, 1))
        return var

    def add_breaks(self) -> None:
        """Break placement counts per (day, pattern, skill), each break taken once per worked shift."""
        h = self.horizon
        for (day, p, skill), xs in self.shift_vars.items():
            pattern = self.patterns[p]
            start = h.steps(pattern.start_minute, "start")
            upper = sum(bound for _, bound in xs)
            for k, rule in enumerate(pattern.breaks):
                link: list[tuple[int, int]] = [(var, -1) for var, _ in xs]
                length = h.steps(rule.length_minutes, "break")
                earliest, latest = h.steps(rule.earliest_offset_minutes, "b"), h.steps(rule.latest_offset_minutes, "b")
                for offset in range(earliest, latest + 1):
                    option = self.model.variable(0, upper)
                    cover = self.timeline(day, start + offset, length)
                    self.model.breaks.append(BreakOption(option, day, p, skill, k, offset, cover))
                    link.append((option, 1))
                    if skill != NO_SKILL:
                        for t in cover:
                            self.coverage_terms[(skill, t)].append((option, -1))
                self.model.add(link, 0, 0)

    def add_coverage(self, requirements: tuple[CoverageRequirement, ...], surplus_limit: int) -> None:
        validate_requirements(self.horizon, requirements)
        self.add_breaks()
        m = self.model
        for r in requirements:
            required = np.asarray(r.required, dtype=np.int64)
            cap_group = None
            if r.maximum is not None:
                cap_group = m.group(f"seat_cap:{r.skill}", f"the per-interval maximum of agents on skill {r.skill!r}")
            for t in range(self.horizon.intervals):
                terms = self.coverage_terms.get((r.skill, t), [])
                under = m.variable(0, int(required[t]), self.weights.under)
                over = m.variable(0, surplus_limit, self.weights.over)
                m.under[(r.skill, t)] = under
                m.over[(r.skill, t)] = over
                m.add([*terms, (under, 1), (over, -1)], int(required[t]), int(required[t]))
                if r.maximum is not None and terms:
                    m.add(terms, None, int(r.maximum[t]), cap_group)

    def add_pattern_caps(self, by_day_pattern: dict[tuple[int, int], list[int]]) -> None:
        for p, pattern in enumerate(self.patterns):
            if pattern.max_agents is None:
                continue
            group = self.model.group(
                f"pattern_cap:{pattern.name}", f"at most {pattern.max_agents} agents on shift {pattern.name!r} per day"
            )
            for day in range(self.horizon.days):
                xs = by_day_pattern.get((day, p), [])
                if xs:
                    self.model.add([(v, 1) for v in xs], None, pattern.max_agents, group)


def wage_cents(hourly_rate: float, paid_minutes: int) -> int:
    return round(hourly_rate * paid_minutes * 100 / 60)


def is_night_shift(pattern: ShiftPattern, rules: LabourRules) -> bool:
    """At least ``night_shift_min_overlap_minutes`` of the shift fall in the legal night."""
    start, end = rules.night_start_minute, rules.night_end_minute

    def at_night(minute: int) -> bool:
        clock = minute % MINUTES_PER_DAY
        return start <= clock < end if start < end else clock >= start or clock < end

    worked = range(pattern.start_minute, pattern.start_minute + pattern.length_minutes)
    return sum(1 for minute in worked if at_night(minute)) >= rules.night_shift_min_overlap_minutes


def pattern_allowed(pattern: ShiftPattern, rules: LabourRules, agent: Agent) -> bool:
    """The country's daily and night-work limits allow this shift at all."""
    paid_hours = pattern.paid_minutes / 60
    weekly = agent.max_hours_per_week if agent.max_hours_per_week is not None else math.inf
    if paid_hours > min(rules.max_hours_per_day, weekly):
        return False
    return not (
        rules.max_night_shift_hours is not None
        and paid_hours > rules.max_night_shift_hours
        and is_night_shift(pattern, rules)
    )


def shift_available(problem: RosterProblem, agent: Agent, day: int, pattern: ShiftPattern) -> bool:
    """Every interval the shift spans is in the agent's availability, and the shift is not excluded."""
    if (day, pattern.name) in agent.excluded_shifts:
        return False
    if agent.availability is None:
        return True
    h = problem.horizon
    availability = np.asarray(agent.availability, dtype=bool)
    if availability.shape != (h.intervals,):
        raise RosterInputError(f"agent {agent.id}: availability needs {h.intervals} intervals")
    first = day * h.intervals_per_day + pattern.start_minute // h.interval_minutes
    spanned = np.arange(first, first + pattern.length_minutes // h.interval_minutes)
    if h.cyclic:
        return bool(availability[spanned % h.intervals].all())
    return bool(availability[spanned[spanned < h.intervals]].all())


def allowed_shifts(problem: RosterProblem, agent: Agent) -> list[tuple[int, int]]:
    """(day, pattern index) pairs the agent may work before any cross-day rule is applied."""
    rules = problem.rules_for(agent)
    return [
        (day, p)
        for p, pattern in enumerate(problem.patterns)
        if pattern_allowed(pattern, rules, agent)
        for day in range(problem.horizon.days)
        if shift_available(problem, agent, day, pattern)
    ]


def weeks(horizon: Horizon) -> list[range]:
    return [range(w, min(w + 7, horizon.days)) for w in range(0, horizon.days, 7)]


def build_roster_model(problem: RosterProblem) -> LinearModel:
    """The full named-agent model (see module docstring)."""
    ids = [a.id for a in problem.agents]
    if len(set(ids)) != len(ids):
        raise RosterInputError("agent ids must be unique")
    b = _Builder(problem.horizon, problem.patterns, problem.weights)
    required_skills = {r.skill for r in problem.requirements}
    by_day_pattern: defaultdict[tuple[int, int], list[int]] = defaultdict(list)
    for a, agent in enumerate(problem.agents):
        skills = sorted(agent.skills & required_skills) or [NO_SKILL]
        per_shift: defaultdict[tuple[int, int], list[int]] = defaultdict(list)
        for day, p in allowed_shifts(problem, agent):
            pattern = problem.patterns[p]
            cost = wage_cents(agent.hourly_rate * pattern.pay_multiplier, pattern.paid_minutes) * problem.weights.cost
            if pattern.name in agent.preferred_patterns:
                cost -= agent.preference_bonus
            for skill in skills:
                var = b.add_unit(a, day, p, skill, 1, cost)
                per_shift[(day, p)].append(var)
                by_day_pattern[(day, p)].append(var)
        _agent_rules(b, problem, agent, per_shift)
    b.add_coverage(problem.requirements, max(len(problem.agents), 1))
    b.add_pattern_caps(by_day_pattern)
    _shift_demands(b, problem, by_day_pattern)
    return b.model


def _agent_rules(
    b: _Builder, problem: RosterProblem, agent: Agent, per_shift: dict[tuple[int, int], list[int]]
) -> None:
    """One shift a day, weekly hours and days, consecutive days and rest for one agent."""
    m, h, rules = b.model, problem.horizon, problem.rules_for(agent)
    per_day: defaultdict[int, list[int]] = defaultdict(list)
    for (day, _), xs in per_shift.items():
        per_day[day].extend(xs)
    for xs in per_day.values():
        if len(xs) > 1:
            m.add([(v, 1) for v in xs], None, 1)
    _weekly_limits(b, problem, agent, per_shift, per_day)
    _consecutive_days(b, agent, rules, per_day)
    rest = round(rules.min_rest_hours * 60)
    group = m.group(
        f"rest:{agent.id}",
        f"minimum rest of {rules.min_rest_hours:g} h between shifts for agent {agent.id} ({rules.country} rules)",
    )
    for (d1, p1), xs1 in per_shift.items():
        first = problem.patterns[p1]
        end = d1 * MINUTES_PER_DAY + first.start_minute + first.length_minutes
        clashes: defaultdict[int, list[int]] = defaultdict(list)
        for (d2, p2), xs2 in per_shift.items():
            ahead = (d2 - d1) % h.days if h.cyclic else d2 - d1
            gap = (d1 + ahead) * MINUTES_PER_DAY + problem.patterns[p2].start_minute - end
            if ahead > 0 and gap < rest:
                clashes[d2].extend(xs2)
        # at most one shift a day, so one row per following day forbids every clash at once
        for xs2 in clashes.values():
            m.add([(v, 1) for v in xs1 + xs2], None, 1, group)


def _weekly_limits(
    b: _Builder,
    problem: RosterProblem,
    agent: Agent,
    per_shift: dict[tuple[int, int], list[int]],
    per_day: dict[int, list[int]],
) -> None:
    m, rules = b.model, problem.rules_for(agent)
    own = agent.max_hours_per_week if agent.max_hours_per_week is not None else math.inf
    max_hours = min(rules.max_hours_per_week, own)
    max_days = min(7, agent.max_days_per_week if agent.max_days_per_week is not None else 7)
    for w, days in enumerate(weeks(problem.horizon)):
        full = len(days) == 7
        hours = [(v, problem.patterns[p].paid_minutes) for (day, p), xs in per_shift.items() if day in days for v in xs]
        worked = [(v, 1) for day in days for v in per_day.get(day, [])]
        label = f"agent {agent.id}, week {w + 1}"
        if full and agent.min_hours_per_week > 0:
            possible = _best_hours(problem, per_shift, days, max_days)
            key = m.group(
                f"min_hours:{agent.id}:{w}",
                f"minimum weekly hours for {label} ({agent.min_hours_per_week:g} h) cannot be met "
                f"with their availability, skills and {rules.country} labour rules "
                f"(at most {possible:g} h of shifts are open to them)",
            )
            m.add(hours, round(agent.min_hours_per_week * 60), None, key)
        if max_hours < math.inf:
            key = m.group(f"max_hours:{agent.id}:{w}", f"maximum weekly hours for {label} ({max_hours:g} h)")
            m.add(hours, None, round(max_hours * 60), key)
        if full and agent.min_days_per_week > 0:
            key = m.group(
                f"min_days:{agent.id}:{w}", f"minimum working days for {label} ({agent.min_days_per_week} days)"
            )
            m.add(worked, agent.min_days_per_week, None, key)
        if max_days < len(days):
            key = m.group(f"max_days:{agent.id}:{w}", f"maximum working days for {label} ({max_days} days)")
            m.add(worked, None, max_days, key)


def _best_hours(
    problem: RosterProblem, per_shift: dict[tuple[int, int], list[int]], days: range, max_days: int
) -> float:
    """Most paid hours the agent could work in the week ignoring rest: the longest shift on the best days."""
    best_per_day: defaultdict[int, int] = defaultdict(int)
    for day, p in per_shift:
        if day in days:
            best_per_day[day] = max(best_per_day[day], problem.patterns[p].paid_minutes)
    return float(sum(sorted(best_per_day.values(), reverse=True)[:max_days]) / 60)


def _consecutive_days(b: _Builder, agent: Agent, rules: LabourRules, per_day: dict[int, list[int]]) -> None:
    own = agent.max_consecutive_days if agent.max_consecutive_days is not None else rules.max_consecutive_days
    limit = min(rules.max_consecutive_days, own)
    days = b.horizon.days
    if limit >= days:
        return
    group = b.model.group(
        f"consecutive:{agent.id}", f"at most {limit} consecutive working days for agent {agent.id} ({rules.country})"
    )
    starts = range(days) if b.horizon.cyclic else range(days - limit)
    for first in starts:
        window = [(first + i) % days for i in range(limit + 1)]
        terms = [(v, 1) for day in window for v in per_day.get(day, [])]
        if len(terms) > limit:
            b.model.add(terms, None, limit, group)


def _shift_demands(b: _Builder, problem: RosterProblem, by_day_pattern: dict[tuple[int, int], list[int]]) -> None:
    index = {p.name: i for i, p in enumerate(problem.patterns)}
    for demand in problem.shift_demands:
        if demand.pattern not in index or not 0 <= demand.day < problem.horizon.days:
            raise RosterInputError(f"shift demand for unknown shift {demand.pattern!r} or day {demand.day}")
        xs = by_day_pattern.get((demand.day, index[demand.pattern]), [])
        chosen = set(xs)
        able = {problem.agents[u.agent].id for u in b.model.units if u.var in chosen}
        key = b.model.group(
            f"demand:{demand.day}:{demand.pattern}",
            f"at least {demand.minimum} agents on shift {demand.pattern!r} on day {demand.day + 1} "
            f"({len(able)} agents can work it)",
        )
        b.model.add([(v, 1) for v in xs], demand.minimum, None, key)


def build_headcount_model(
    horizon: Horizon,
    patterns: tuple[ShiftPattern, ...],
    requirements: tuple[CoverageRequirement, ...],
    weights: Weights,
    pool_size: int,
    hourly_rate: float = 0.0,
) -> LinearModel:
    """Anonymous shift scheduling: how many agents start each pattern each day, per skill."""
    b = _Builder(horizon, patterns, weights)
    by_day_pattern: defaultdict[tuple[int, int], list[int]] = defaultdict(list)
    for r in requirements:
        for p, pattern in enumerate(patterns):
            upper = min(pool_size, pattern.max_agents if pattern.max_agents is not None else pool_size)
            cost = wage_cents(hourly_rate * pattern.pay_multiplier, pattern.paid_minutes) * weights.cost
            for day in range(horizon.days):
                by_day_pattern[(day, p)].append(b.add_unit(-1, day, p, r.skill, upper, cost))
    b.add_coverage(requirements, pool_size * len(patterns))
    b.add_pattern_caps(by_day_pattern)
    return b.model
