"""The six points on which BPO and RPO differ, filled in with this business's answers and figures.

Points (from the article the project grew from): scope, expertise, impact, function,
cost savings, internal involvement. Each row gives the generic difference and the text for
this business, for BPO and for RPO.
"""

from __future__ import annotations

from dataclasses import dataclass

from handoff.engines.advisor.answers import Answers
from handoff.engines.advisor.assumptions import Assumptions
from handoff.engines.advisor.costs import BpoCosts, Range, RpoCosts
from handoff.engines.advisor.rules import ProcessAdvice, RpoAdvice


@dataclass(frozen=True)
class ComparisonRow:
    point: str
    bpo_in_general: str
    rpo_in_general: str
    bpo: str  # for this business
    rpo: str  # for this business


POINTS = (
    ("scope", "many business processes", "recruitment only"),
    ("expertise", "broad, per process", "talent acquisition"),
    ("impact", "overall efficiency", "quality of hires"),
    ("function", "various non-core areas", "HR"),
    ("cost savings", "across operations (labour cost by location, scale, automation)", "recruiting cost and time"),
    ("internal involvement", "reduces staff involvement", "requires collaboration with HR and hiring managers"),
)


@dataclass(frozen=True)
class _Facts:
    money: str
    outsourced: list[ProcessAdvice]
    bpo_costs: list[BpoCosts]
    rpo: RpoAdvice
    rpo_costs: RpoCosts | None
    hires: int


def compare(
    answers: Answers,
    assumptions: Assumptions,
    rpo: RpoAdvice,
    processes: list[ProcessAdvice],
    bpo_costs: list[BpoCosts],
    rpo_costs: RpoCosts | None,
) -> list[ComparisonRow]:
    facts = _Facts(
        assumptions.currency,
        [advice for advice in processes if advice.outsource],
        bpo_costs,
        rpo,
        rpo_costs,
        answers.hiring.hires_per_year if answers.hiring else 0,
    )
    texts = {
        "scope": (_bpo_scope(facts), _rpo_scope(facts)),
        "expertise": (_bpo_expertise(facts), _rpo_expertise(answers, facts)),
        "impact": (_bpo_impact(facts, assumptions), _rpo_impact(facts)),
        "function": (_bpo_function(facts), _rpo_function(answers, facts)),
        "cost savings": (_bpo_savings(facts), _rpo_savings(facts)),
        "internal involvement": (_bpo_involvement(facts), _rpo_involvement(facts, assumptions)),
    }
    return [ComparisonRow(point, bpo, rpo_text, *texts[point]) for point, bpo, rpo_text in POINTS]


def _money(amount: float, currency: str) -> str:
    return f"{amount:,.0f} {currency}"


def _range(value: Range, currency: str) -> str:
    return f"{value.low:,.0f}–{value.high:,.0f} {currency}"


_NO_BPO = "Not recommended: no process is worth handing over."
_NO_RPO = "Not recommended for your hiring."


def _bpo_scope(facts: _Facts) -> str:
    if not facts.outsourced:
        return _NO_BPO
    kinds = ", ".join(str(advice.process.kind) for advice in facts.outsourced)
    total = sum(advice.fte for advice in facts.outsourced)
    return f"{len(facts.outsourced)} process(es): {kinds}; about {total:.1f} FTE of work."


def _rpo_scope(facts: _Facts) -> str:
    if facts.rpo.model is None:
        return f"{_NO_RPO} ({facts.hires} hires a year)."
    return f"Recruitment only: {facts.hires} hires a year, {facts.rpo.model} model."


def _bpo_expertise(facts: _Facts) -> str:
    if not facts.outsourced:
        return _NO_BPO
    return "Process specialists for " + ", ".join(str(a.process.kind) for a in facts.outsourced) + "."


def _rpo_expertise(answers: Answers, facts: _Facts) -> str:
    if facts.rpo.model is None or answers.hiring is None:
        return _NO_RPO
    share = answers.hiring.hard_to_fill_share
    return f"Talent acquisition: sourcing for {share:.0%} hard-to-fill roles among {facts.hires} hires."


def _bpo_impact(facts: _Facts, assumptions: Assumptions) -> str:
    if not facts.outsourced:
        return _NO_BPO
    gain = assumptions.provider_productivity - 1
    return f"Efficiency: {sum(a.fte for a in facts.outsourced):.1f} FTE of work done with {gain:+.0%} productivity."


def _rpo_impact(facts: _Facts) -> str:
    costs = facts.rpo_costs
    if costs is None:
        return _NO_RPO
    before, after = costs.time_to_hire_before, costs.time_to_hire_after
    return (
        f"Quality and speed of hires: time-to-hire {before.value:.0f} → {after.value:.0f} days "
        f"({after.source}); turnover cost {_money(costs.turnover_cost_before, facts.money)} → "
        f"{_money(costs.turnover_cost_after, facts.money)} a year."
    )


def _bpo_function(facts: _Facts) -> str:
    if not facts.outsourced:
        return _NO_BPO
    return "Non-core areas: " + ", ".join(f"{a.process.kind} ({a.office})" for a in facts.outsourced) + "."


def _rpo_function(answers: Answers, facts: _Facts) -> str:
    if facts.rpo.model is None or answers.hiring is None:
        return _NO_RPO
    return f"HR: alongside your {answers.hiring.recruiters} in-house recruiter(s)."


def _bpo_savings(facts: _Facts) -> str:
    if not facts.bpo_costs:
        return _NO_BPO
    in_house = sum(c.in_house_per_year for c in facts.bpo_costs)
    provider = Range(
        sum(c.provider_per_year.low for c in facts.bpo_costs), sum(c.provider_per_year.high for c in facts.bpo_costs)
    )
    saving = provider.minus_from(in_house)
    return (
        f"Labour cost by location: in-house {_money(in_house, facts.money)} a year against provider "
        f"{_range(provider, facts.money)}; saving {_range(saving, facts.money)} a year."
    )


def _rpo_savings(facts: _Facts) -> str:
    costs = facts.rpo_costs
    if costs is None:
        return _NO_RPO
    return (
        f"Cost per hire {_money(costs.cost_per_hire_before, facts.money)} ({costs.cost_per_hire_before_source}) → "
        f"{_range(costs.cost_per_hire_after, facts.money)}; vacancy cost saved "
        f"{_money(costs.vacancy_cost_saved, facts.money)} and turnover cost saved "
        f"{_money(costs.turnover_cost_saved, facts.money)} a year."
    )


def _bpo_involvement(facts: _Facts) -> str:
    if not facts.outsourced:
        return _NO_BPO
    total = sum(a.fte for a in facts.outsourced)
    return f"Frees about {total:.1f} FTE; you keep a process owner to watch the SLAs."


def _rpo_involvement(facts: _Facts, assumptions: Assumptions) -> str:
    if facts.rpo.model is None:
        return _NO_RPO
    hours = facts.hires * assumptions.hiring_manager_hours_per_hire
    kept = ", ".join(facts.rpo.in_house_stages) or "intake"
    return f"Collaboration: hiring managers spend about {hours:,.0f} hours a year; you keep {kept}."
