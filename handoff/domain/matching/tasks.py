"""Background work of matching: keep the index of the talent pool in step with the candidates.

``index_candidate`` is queued after commit whenever a candidate is saved or deleted (see
``signals``); ``compact_index`` drops dead rows from the index blocks — run it on a schedule
with ``handoff matching_index compact`` (cron) or queue it; writes also compact on their own
once a quarter of the rows are dead.
"""

from __future__ import annotations

from django.tasks import task

from handoff.domain.matching import actions


@task
def index_candidate(candidate_id: int) -> str:
    """Re-index one candidate (or remove it when deleted or merged away); what happened."""
    change = actions.index_candidates([candidate_id])
    return "indexed" if change.indexed else ("removed" if change.removed else "absent")


@task
def compact_index() -> int:
    return actions.compact_index()
