"""Compile the ranking kernels before the first recruiter waits for them.

Numba compiles ``kernels`` at first use (3–5 s on these machines) and caches the machine code
on disk beside the source, so the next process only loads it. ``compile_kernels`` ranks a few
made-up profiles for a remote and an onsite requisition asking for every factor, in both
directions, which reaches every kernel; the platform's start script runs it before the web
server starts.
"""

from __future__ import annotations

import time

from handoff.engines.matching.index import MatchIndex
from handoff.engines.matching.profile import Profile
from handoff.engines.matching.query import Query, Requisition
from handoff.engines.matching.reverse import rank_requisitions

_PROFILES = (
    Profile(
        id="warm-1",
        text="python data engineer cloud",
        skills=frozenset({"python", "sql"}),
        occupations=frozenset({"15-1252.00"}),
        years=6.0,
        country="us",
        city="austin",
        tz_offset=-6.0,
        salary=120_000.0,
        languages=frozenset({"en"}),
        work_authorisations=frozenset({"us"}),
        flags=frozenset({"checked"}),
    ),
    Profile(id="warm-2", text="payroll accountant excel", skills=frozenset({"excel"}), relocate=True),
    Profile(id="warm-3", text="", years=1.0, tz_offset=5.5, salary=40_000.0),
)


def _requisition(*, remote: bool) -> Requisition:
    return Requisition(
        text="python data engineer",
        required_skills=("python", "java"),
        preferred_skills=("sql",),
        occupations=("15-1252.00",),
        min_years=3.0,
        max_years=10.0,
        remote=remote,
        country=None if remote else "us",
        city=None if remote else "austin",
        tz_window=(-8.0, 1.0) if remote else None,
        salary_max=130_000.0,
        required_languages=("en",),
        preferred_languages=("es",),
        work_authorisation="us",
        knockouts=("checked",),
    )


def _query(requisition: Requisition) -> Query:
    return Query(
        requisition,
        related_skills={"python": {"java": 0.5}},
        related_occupations={"15-1252.00": {"15-1251.00": 0.7}},
        top=2,
    )


def compile_kernels() -> float:
    """Rank a made-up pool once each way; returns the seconds it took (compiling, or loading the cache)."""
    started = time.perf_counter()
    index = MatchIndex()
    index.add_many(_PROFILES)
    requisitions = [_requisition(remote=True), _requisition(remote=False)]
    for requisition in requisitions:
        index.rank(_query(requisition))
    rank_requisitions(index, "warm-1", {str(n): _query(r) for n, r in enumerate(requisitions)})
    return time.perf_counter() - started
