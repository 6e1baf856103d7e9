"""Changes of the matching state: the index of the talent pool and a client's weights.

The index is a file store (``store``), not a table: its changes run in the worker
(``tasks``), each under the store's lock, and are idempotent — indexing a candidate
reads it afresh, so running a task twice or late gives the same index.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from handoff.domain.matching import documents, store
from handoff.domain.matching.models import MatchWeights
from handoff.domain.recruiting.models import Candidate
from handoff.domain.tenancy.access import Actor, access_client, real_user
from handoff.domain.tenancy.roles import ClientRole, StaffRole
from handoff.engines.matching import FACTORS

WEIGHT_EDITORS = frozenset({StaffRole.ADMIN, StaffRole.ACCOUNT_MANAGER, ClientRole.HR_ADMIN})
REBUILD_BATCH = 2000


@dataclass(frozen=True, slots=True)
class IndexChange:
    indexed: int = 0
    removed: int = 0
    compacted: int = 0


def index_candidates(candidate_ids: Iterable[int]) -> IndexChange:
    """Bring these candidates up to date in the index: (re)indexed, or removed when deleted or merged away."""
    ids = sorted(set(candidate_ids))
    pool = {candidate.pk: candidate for candidate in Candidate.objects.filter(pk__in=ids, merged_into__isnull=True)}
    words = documents.vocabulary()
    profiles = [documents.candidate_profile(pool[pk], words) for pk in ids if pk in pool]
    indexed = removed = compacted = 0
    with store.writing() as index:
        for profile in profiles:
            index.add(profile)
            indexed += 1
        for pk in ids:
            if pk not in pool and str(pk) in index:
                index.remove(str(pk))
                removed += 1
        if store.needs_compaction(index):
            compacted = index.compact()
    return IndexChange(indexed=indexed, removed=removed, compacted=compacted)


def compact_index() -> int:
    """Drop the rows of removed and replaced profiles from the index blocks; the number dropped."""
    with store.writing() as index:
        return index.compact()


def rebuild_index() -> IndexChange:
    """Index the whole live pool from scratch (after a taxonomy import, or to repair the store)."""
    words = documents.vocabulary()
    indexed = 0
    with store.writing(fresh=True) as index:
        rows = Candidate.objects.filter(merged_into__isnull=True).order_by("pk")
        for candidate in rows.iterator(chunk_size=REBUILD_BATCH):
            index.add(documents.candidate_profile(candidate, words))
            indexed += 1
    return IndexChange(indexed=indexed)


@transaction.atomic
def save_weights(actor: Actor, client_id: Any, values: Mapping[str, Any]) -> MatchWeights:
    """Set a client's matching weights and blind mode (provider admins, its account managers, its HR admins)."""
    client = access_client(actor, client_id)
    person = real_user(actor)
    if person is None or person.role not in WEIGHT_EDITORS:
        raise PermissionDenied("Matching weights are set by provider admins, account managers and client HR admins.")
    unknown = sorted(set(values) - {*FACTORS, "blind"})
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, "Unknown setting."))
    weights = MatchWeights.objects.select_for_update().filter(client=client).first() or MatchWeights(client=client)
    for name, value in values.items():
        setattr(weights, name, value)
    weights.updated_by = person
    weights.full_clean()
    weights.save()
    return weights
