"""Automation of BPO work items: rules (conditions → actions) and a per-client text classifier.

Pure Python: rules are evaluated against a plain dict of an item and return the changes they
would make (the domain writes them); the classifier trains and predicts on plain strings.
"""

from handoff.engines.automation.rules import (
    ACTION_TYPES,
    OPERATORS,
    Action,
    Change,
    Condition,
    Group,
    Outcome,
    RuleError,
    RuleSpec,
    apply_rules,
    matches,
    parse_actions,
    parse_conditions,
    render_template,
)

__all__ = [
    "ACTION_TYPES",
    "OPERATORS",
    "Action",
    "Change",
    "Condition",
    "Group",
    "Outcome",
    "RuleError",
    "RuleSpec",
    "apply_rules",
    "matches",
    "parse_actions",
    "parse_conditions",
    "render_template",
]
