"""The warm-up compiles every ranking kernel a real ranking uses, so the first recruiter does not wait."""

from __future__ import annotations

import numba

from handoff.engines.matching import kernels
from handoff.engines.matching.warmup import compile_kernels
from tests.engines.matching.builders import index_of, profile, query


def _signatures(*, entry_points_only: bool = False) -> dict[str, int]:
    """Compiled signatures per kernel. The helpers (``_name``) are called only from other kernels: code
    loaded from Numba's disk cache holds them inlined, so they may show none without anything to compile."""
    return {
        name: len(value.signatures)
        for name, value in vars(kernels).items()
        if isinstance(value, numba.core.registry.CPUDispatcher) and not (entry_points_only and name.startswith("_"))
    }


def test_every_kernel_called_from_python_is_compiled_by_the_warm_up() -> None:
    compile_kernels()
    compiled = _signatures(entry_points_only=True)
    assert len(compiled) >= 5  # row_filters, ranking_scores, bm25_add, ... and the per-factor kernels
    assert all(count > 0 for count in compiled.values()), [name for name, n in compiled.items() if n == 0]


def test_a_real_ranking_afterwards_compiles_nothing_new() -> None:
    compile_kernels()
    before = _signatures()
    pool = index_of(
        profile("a", "nurse ward care", skills={"triage"}, years=4, country="gb", city="leeds", languages={"en"}),
        profile("b", "icu nurse", skills={"triage", "icu"}, tz_offset=0, salary=41_000, flags={"checked"}),
        profile("c", "care assistant", relocate=True),
    )
    for asked in (
        query("nurse icu", required_skills=("triage",), preferred_skills=("icu",), min_years=2, country="gb"),
        query("nurse", remote=True, tz_window=(-1, 2), salary_max=45_000, knockouts=("checked",)),
        query("care", required_languages=("en",), work_authorisation="gb", related_skills={"icu": {"triage": 0.5}}),
    ):
        assert pool.rank(asked)
        pool.score_of("a", asked)
    assert _signatures() == before
