"""The reverse direction: rank open requisitions for one candidate.

Each requisition is scored for the candidate with the pool's statistics, via
``MatchIndex.score_of``, so the candidate's score for a requisition equals the
one they get in that requisition's own ranking; requisitions whose hard
filters the candidate fails are left out.
"""

from __future__ import annotations

from collections.abc import Mapping

from handoff.engines.matching.explain import Result
from handoff.engines.matching.index import MatchIndex
from handoff.engines.matching.query import Query


def rank_requisitions(index: MatchIndex, profile_id: str, queries: Mapping[str, Query], top: int = 50) -> list[Result]:
    """Requisitions (by id) ranked for ``profile_id``, best first, each with the candidate's explanation."""
    if profile_id not in index:
        raise KeyError(f"unknown profile {profile_id!r}")
    results: list[Result] = []
    for requisition_id, query in queries.items():
        found = index.score_of(profile_id, query)
        if found is not None:
            results.append(Result(id=requisition_id, score=found.score, explanation=found.explanation))
    results.sort(key=lambda result: (-result.score, result.id))
    return results[:top]
