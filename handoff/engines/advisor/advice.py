"""The advisor's entry point: answers (and optional assumptions and measured medians) in, advice out."""

from __future__ import annotations

from dataclasses import dataclass, field

from handoff.engines.advisor.answers import Answers, Service, validate
from handoff.engines.advisor.assumptions import AssumptionRow, Assumptions, Measured, describe
from handoff.engines.advisor.comparison import ComparisonRow, compare
from handoff.engines.advisor.costs import BpoCosts, RpoCosts, bpo_costs, rpo_costs
from handoff.engines.advisor.rules import (
    Because,
    ProcessAdvice,
    RpoAdvice,
    Verdict,
    advise_process,
    advise_rpo,
    verdict,
)


@dataclass(frozen=True)
class AdviceLine:
    topic: str  # "verdict", "rpo", "bpo:<index>"
    text: str
    because: tuple[Because, ...]


@dataclass(frozen=True)
class Advice:
    verdict: Verdict
    rpo: RpoAdvice
    processes: list[ProcessAdvice]
    rpo_costs: RpoCosts | None
    bpo_costs: list[BpoCosts]
    comparison: list[ComparisonRow]
    assumptions: list[AssumptionRow]
    measured_used: list[str] = field(default_factory=list)  # which estimates use measured medians

    @property
    def lines(self) -> list[AdviceLine]:
        lines = [AdviceLine("verdict", _verdict_text(self.verdict), self._verdict_because())]
        if self.rpo.rule != "-":
            lines.append(AdviceLine("rpo", self.rpo.text, self.rpo.because))
        lines += [AdviceLine(f"bpo:{p.index}", p.text, p.because) for p in self.processes]
        return lines

    def _verdict_because(self) -> tuple[Because, ...]:
        because = [*self.rpo.because]
        for process in self.processes:
            because += process.because
        return tuple(dict.fromkeys(because))


def advise(answers: Answers, assumptions: Assumptions | None = None, measured: Measured | None = None) -> Advice:
    """Validate the answers, decide, cost and compare. Raises AnswerError (ValueError) on bad answers."""
    validate(answers)
    assumptions = assumptions or Assumptions()
    measured = measured or Measured()
    rpo = advise_rpo(answers, assumptions)
    processes = []
    if Service.BPO in answers.services:
        processes = [advise_process(i, p, answers, assumptions) for i, p in enumerate(answers.processes)]
    rpo_figures = rpo_costs(answers, rpo, assumptions, measured)
    bpo_figures = [c for p in processes if (c := bpo_costs(answers, p, assumptions, measured)) is not None]
    return Advice(
        verdict=verdict(rpo, processes),
        rpo=rpo,
        processes=processes,
        rpo_costs=rpo_figures,
        bpo_costs=bpo_figures,
        comparison=compare(answers, assumptions, rpo, processes, bpo_figures, rpo_figures),
        assumptions=describe(assumptions),
        measured_used=_measured_used(rpo_figures, bpo_figures, processes),
    )


def _measured_used(rpo: RpoCosts | None, bpo: list[BpoCosts], processes: list[ProcessAdvice]) -> list[str]:
    used = []
    if rpo is not None and rpo.time_to_hire_after.source == "measured":
        used.append("time_to_hire_days")
    kinds = {p.index: p.process.kind for p in processes}
    used += [f"cost_per_transaction[{kinds[c.index]}]" for c in bpo if c.provider_source == "measured"]
    return used


def _verdict_text(value: Verdict) -> str:
    return {
        Verdict.BPO: "Business process outsourcing (BPO) fits; recruitment outsourcing does not.",
        Verdict.RPO: "Recruitment process outsourcing (RPO) fits; business process outsourcing does not.",
        Verdict.BOTH: "Both fit: BPO for the processes below and RPO for your hiring.",
        Verdict.NEITHER: "Neither fits today: keep these in-house.",
    }[value]
