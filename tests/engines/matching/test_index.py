"""The index: incremental changes rank like a rebuild, persistence round trips, segments and merges."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from handoff.engines.matching import MatchIndex, Profile, Query, Requisition, rank_requisitions
from handoff.engines.matching import index as index_module
from tests.engines.matching.builders import index_of, profile, query

WORDS = [
    "python",
    "java",
    "sql",
    "excel",
    "sales",
    "nurse",
    "chef",
    "audit",
    "payroll",
    "docker",
    "cloud",
    "design",
    "teacher",
    "welding",
    "forklift",
]


def pool(count: int, seed: int = 1) -> list[Profile]:
    rng = np.random.default_rng(seed)
    made = []
    for n in range(count):
        words = [WORDS[int(i)] for i in rng.integers(len(WORDS), size=int(rng.integers(1, 12)))]
        made.append(
            profile(
                f"p{n:03d}",
                " ".join(words),
                skills=set(words[:3]),
                occupations={f"o{int(rng.integers(4))}"},
                years=float(rng.integers(0, 15)),
                salary=float(rng.integers(40, 120)) * 1000,
                tz_offset=float(rng.integers(-8, 3)),
                languages={"en", "es"} if n % 3 else {"en"},
                flags={"nights"} if n % 4 else set(),
                country="us" if n % 5 else "ca",
            )
        )
    return made


QUERIES = [
    query("python sql cloud", required_skills=("python", "sql"), preferred_skills=("docker",)),
    query(
        "sales excel audit",
        required_skills=("excel",),
        occupations=("o1",),
        related_occupations={"o1": {"o2": 0.9}},
        min_years=3,
        salary_max=90000,
        knockouts=("nights",),
        remote=True,
        tz_window=(-8, -3),
        preferred_languages=("es",),
    ),
    query("chef nurse teacher", related_skills={"nurse": {"chef": 0.5}}, required_skills=("nurse",), country="us"),
]


def rankings(index: MatchIndex) -> list[list[tuple[str, float]]]:
    return [[(r.id, r.score) for r in index.rank(q)] for q in QUERIES]


@pytest.fixture
def small_segments(monkeypatch: pytest.MonkeyPatch) -> None:
    """Segments of 16 rows and merges after 3 small ones, so a few dozen profiles exercise both."""
    monkeypatch.setattr(index_module, "SEGMENT_ROWS", 16)
    monkeypatch.setattr(index_module, "MAX_SMALL_SEGMENTS", 3)


@pytest.mark.usefixtures("small_segments")
def test_incremental_adds_updates_and_removals_rank_exactly_like_a_rebuild() -> None:
    profiles = pool(120)
    incremental = MatchIndex()
    for n, item in enumerate(profiles[:100]):
        incremental.add(item)
        if n % 7 == 0:
            incremental.rank(QUERIES[0])  # a query flushes a small segment
    changed = [profile(p.id, p.text + " python docker", skills=p.skills | {"python"}) for p in profiles[10:30]]
    for item in changed:
        incremental.update(item)
    for item in profiles[40:55]:
        incremental.remove(item.id)
    incremental.add_many(profiles[100:])
    final = {p.id: p for p in profiles}
    final.update({p.id: p for p in changed})
    for item in profiles[40:55]:
        del final[item.id]
    rebuilt = index_of(*sorted(final.values(), key=lambda p: p.id))
    assert len(incremental) == len(rebuilt) == 105
    assert len(incremental.segments) > 1
    assert rankings(incremental) == rankings(rebuilt)


@pytest.mark.usefixtures("small_segments")
def test_save_and_load_give_identical_rankings_and_keep_unchanged_segments(tmp_path: Path) -> None:
    index = index_of(*pool(70))
    index.remove("p005")
    before = rankings(index)
    index.save(tmp_path)
    segment_files = {path.name: path.stat().st_mtime_ns for path in tmp_path.glob("seg*.npy")}
    assert not list(tmp_path.glob("*.pkl"))
    assert segment_files
    loaded = MatchIndex.load(tmp_path)
    assert rankings(loaded) == before
    assert "p005" not in loaded
    assert len(loaded) == 69
    assert rankings(MatchIndex.load(tmp_path, mmap=False)) == before
    loaded.add(profile("new", "python sql cloud", skills={"python", "sql"}))
    loaded.save(tmp_path)
    again = MatchIndex.load(tmp_path)
    assert again.rank(QUERIES[0])[0].id == "new"
    for name, mtime in segment_files.items():
        assert (tmp_path / name).stat().st_mtime_ns == mtime, "an unchanged segment was rewritten"


def test_load_refuses_a_folder_without_an_index_or_of_another_format(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no match index"):
        MatchIndex.load(tmp_path)
    index_of(*pool(3)).save(tmp_path)
    meta = json.loads((tmp_path / "index.json").read_text())
    (tmp_path / "index.json").write_text(json.dumps(meta | {"format": "other/9"}))
    with pytest.raises(ValueError, match="unknown index format"):
        MatchIndex.load(tmp_path)


def test_update_replaces_and_remove_forgets() -> None:
    index = index_of(profile("a", "java"), profile("b", "python"))
    index.update(profile("a", "python python"))
    assert [r.id for r in index.rank(query("python"))] == ["a", "b"]
    index.remove("a")
    assert [r.id for r in index.rank(query("python"))] == ["b"]
    with pytest.raises(KeyError):
        index.remove("a")


@pytest.mark.usefixtures("small_segments")
def test_score_of_and_reverse_direction_agree_with_forward_ranking() -> None:
    index = index_of(*pool(60))
    forward = {q_id: {r.id: r.score for r in index.rank(q)} for q_id, q in zip("abc", QUERIES, strict=True)}
    candidate = "p007"
    reverse = rank_requisitions(index, candidate, dict(zip("abc", QUERIES, strict=True)))
    expected = sorted(
        ((q_id, scores[candidate]) for q_id, scores in forward.items() if candidate in scores),
        key=lambda item: (-item[1], item[0]),
    )
    assert [(r.id, r.score) for r in reverse] == expected
    with pytest.raises(KeyError):
        rank_requisitions(index, "nobody", {})


def test_reverse_leaves_out_requisitions_the_candidate_fails() -> None:
    index = index_of(profile("x", "python", flags=set()), profile("y", "python", flags={"nights"}))
    queries = {
        "night-job": Query(Requisition(text="python", knockouts=("nights",))),
        "day-job": Query(Requisition(text="python")),
    }
    assert [r.id for r in rank_requisitions(index, "x", queries)] == ["day-job"]
    assert [r.id for r in rank_requisitions(index, "y", queries)] == ["day-job", "night-job"]  # a tie, by id


def test_memory_accounting_reports_postings_columns_and_ids() -> None:
    index = index_of(*pool(50))
    index.rank(QUERIES[0])
    sizes = index.nbytes()
    assert sizes["postings"] > 0
    assert sizes["columns"] == 50 * (1 + 4 * 4 + 4 * 2 + 1)
    assert sizes["ids"] == 50 * 4
