"""Receivers that keep the index in step: a saved or deleted candidate queues ``index_candidate`` after commit.

Connected in ``MatchingConfig.ready`` (the recruiting app knows nothing of matching). A merge saves
both profiles, so the kept one is re-indexed and the merged-away one removed.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from handoff.domain.recruiting.models import Candidate

DISPATCH_UID = "matching.index_candidate"


def connect() -> None:
    post_save.connect(candidate_changed, sender=Candidate, dispatch_uid=DISPATCH_UID + ".save")
    post_delete.connect(candidate_changed, sender=Candidate, dispatch_uid=DISPATCH_UID + ".delete")


def candidate_changed(sender: type[Candidate], instance: Candidate, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # fixtures being loaded
        return
    candidate_id: int = instance.pk
    transaction.on_commit(lambda: _enqueue(candidate_id), robust=True)


def _enqueue(candidate_id: int) -> None:
    from handoff.domain.matching.tasks import index_candidate  # tasks import actions, which import the models

    index_candidate.enqueue(candidate_id)
