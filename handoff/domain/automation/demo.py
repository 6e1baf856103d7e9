"""Demo automation: per client with a BPO service, two example rules (seeded after the demo's traffic, so they
act on new items only; the rules page's dry run shows what they would have done to the existing ones)."""

from __future__ import annotations

from collections import Counter

from handoff.domain.accounts.models import User
from handoff.domain.automation import actions, selectors
from handoff.domain.operations import selectors as operations_selectors

RULES = (
    {
        "name": "Invoice copies answered and resolved",
        "trigger": "create",
        "order": 10,
        "conditions": {"all": [{"field": "title", "op": "regex", "value": r"cop(y|ies) of (an |the )?invoice"}]},
        "actions": [
            {"type": "reply", "template": "Hello, a copy of your invoice is attached to your account. ({title})"},
            {"type": "resolve"},
        ],
    },
    {
        "name": "Blocked cards and fraud are urgent",
        "trigger": "create",
        "order": 20,
        "conditions": {"any": [{"field": "text", "op": "regex", "value": r"\b(blocked|fraud|stolen)\b"}]},
        "actions": [{"type": "set_field", "field": "priority", "value": "urgent"}],
    },
)


def seed_automation(admin: User, created: Counter[str]) -> None:
    client_ids = sorted(set(operations_selectors.services(admin).values_list("client_id", flat=True)))
    for client_id in client_ids:
        if selectors.rules(admin).filter(client_id=client_id).exists():
            continue
        for spec in RULES:
            actions.create_rule(admin, client_id, dict(spec))
            created["automation rules"] += 1
