"""A client's automation setup (active rules, active classifier rows), read once per transaction.

Every raised item runs the client's rules and classifiers (``run_on_created``); without this, each item of a
batch (the API batch, the scheduled run, the demo) read the same rows again: two classifier queries and one
rule query per item. Now a transaction reads each client's rules of a trigger in one query and its active
classifiers (both targets) in one query, and reuses them for every further item of that client.

The memo is kept on the database connection for one transaction only, and dropped
- when the transaction commits (an ``on_commit`` callback clears it),
- when it rolls back, or a savepoint it was made in rolls back (the callback is then discarded, which
  ``_current`` notices), and
- whenever a rule or a classifier row is saved or deleted in this process (signals below).
Outside a transaction nothing is kept. Reads here are system reads: the item was scoped already.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from handoff.domain.automation.models import ClassifierModel, Rule

ATTRIBUTE = "_handoff_automation_memo"


@dataclass
class _Memo:
    sentinel: Callable[[], None]
    rules: dict[tuple[int, str], list[Rule]] = field(default_factory=dict)
    classifiers: dict[int, dict[str, ClassifierModel]] = field(default_factory=dict)


def _current() -> _Memo | None:
    """This transaction's memo (made on first use); None outside a transaction."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return None
    memo: _Memo | None = getattr(connection, ATTRIBUTE, None)
    if memo is not None and any(func is memo.sentinel for _sids, func, _robust in connection.run_on_commit):
        return memo

    def sentinel() -> None:
        if getattr(connection, ATTRIBUTE, None) is made:
            setattr(connection, ATTRIBUTE, None)

    made = _Memo(sentinel)
    transaction.on_commit(sentinel)
    setattr(connection, ATTRIBUTE, made)
    return made


def forget() -> None:
    """Drop the memo (a rule or classifier changed)."""
    setattr(transaction.get_connection(), ATTRIBUTE, None)


def rules_for(client_id: int, service_id: int | None, trigger: str) -> list[Rule]:
    """The client's active rules of a trigger that apply to the service (all services' or its own), in order."""
    memo = _current()
    found = memo.rules.get((client_id, trigger)) if memo is not None else None
    if found is None:
        found = list(Rule.objects.filter(client_id=client_id, is_active=True, trigger=trigger))
        if memo is not None:
            memo.rules[(client_id, trigger)] = found
    return [rule for rule in found if rule.service_id is None or rule.service_id == service_id]


def active_classifiers(client_id: int) -> dict[str, ClassifierModel]:
    """The client's newest active classifier row per target, in one query."""
    memo = _current()
    found = memo.classifiers.get(client_id) if memo is not None else None
    if found is None:
        found = {}
        for row in ClassifierModel.objects.filter(client_id=client_id, is_active=True).order_by("target", "-version"):
            found.setdefault(row.target, row)
        if memo is not None:
            memo.classifiers[client_id] = found
    return found


@receiver(post_save, sender=Rule, dispatch_uid="automation.memo.rule_saved")
@receiver(post_delete, sender=Rule, dispatch_uid="automation.memo.rule_deleted")
@receiver(post_save, sender=ClassifierModel, dispatch_uid="automation.memo.classifier_saved")
@receiver(post_delete, sender=ClassifierModel, dispatch_uid="automation.memo.classifier_deleted")
def _changed(sender: Any, **_: Any) -> None:
    forget()
