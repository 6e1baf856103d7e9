"""The BPO/RPO advisor: documented rules (rules.py), cost model (costs.py), assumptions
(assumptions.py), the six-point comparison (comparison.py). Pure Python, no Django."""

from handoff.engines.advisor.advice import Advice, AdviceLine, advise
from handoff.engines.advisor.answers import (
    AnswerError,
    Answers,
    Business,
    Collaboration,
    Coverage,
    Hiring,
    Priorities,
    Process,
    ProcessKind,
    Sensitivity,
    Service,
)
from handoff.engines.advisor.assumptions import Assumptions, Measured, Source
from handoff.engines.advisor.rules import Office, RpoModel, Stage, Verdict

__all__ = [
    "Advice",
    "AdviceLine",
    "AnswerError",
    "Answers",
    "Assumptions",
    "Business",
    "Collaboration",
    "Coverage",
    "Hiring",
    "Measured",
    "Office",
    "Priorities",
    "Process",
    "ProcessKind",
    "RpoModel",
    "Sensitivity",
    "Service",
    "Source",
    "Stage",
    "Verdict",
    "advise",
]
