"""Properties of the score under hypothesis: monotone in skills, blind to personal signals, order-free."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handoff.engines.matching import MatchIndex, Profile
from handoff.engines.matching import index as index_module
from handoff.engines.matching.text import PERSONAL_SIGNALS
from tests.engines.matching.builders import index_of, profile, query

SKILLS = ["python", "sql", "excel", "docker", "java", "nursing"]
WORDS = ["python", "data", "sales", "nurse", "java", "cloud", "excel", "team", "audit"]

skill_sets = st.frozensets(st.sampled_from(SKILLS), max_size=4)
texts = st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join)
years = st.one_of(st.none(), st.floats(0, 40))
profiles = st.builds(
    lambda text, skills, yrs, tz: (text, skills, yrs, tz),
    texts,
    skill_sets,
    years,
    st.one_of(st.none(), st.sampled_from([-8.0, -5.0, 0.0, 1.0, 5.5])),
)
requisitions = st.fixed_dictionaries(
    {
        "text": texts,
        "required_skills": st.lists(st.sampled_from(SKILLS), max_size=3, unique=True).map(tuple),
        "preferred_skills": st.lists(st.sampled_from(SKILLS), max_size=2, unique=True).map(tuple),
        "min_years": st.one_of(st.none(), st.floats(0, 10)),
    }
)
RELATED = {"python": {"java": 0.6}, "sql": {"excel": 0.5}}


def _build(pool: list[tuple[str, frozenset[str], float | None, float | None]]) -> list[Profile]:
    return [
        profile(f"c{n}", text, skills=skills, years=yrs, tz_offset=tz) for n, (text, skills, yrs, tz) in enumerate(pool)
    ]


@given(st.lists(profiles, min_size=1, max_size=6), requisitions, st.data())
def test_adding_a_skill_never_lowers_that_candidates_score(pool, asked, data) -> None:
    made = _build(pool)
    target = data.draw(st.sampled_from(made))
    skill = data.draw(st.sampled_from(SKILLS))
    q = query(related_skills=RELATED, **asked)
    before = index_of(*made).score_of(target.id, q)
    improved = [
        profile(p.id, p.text, skills=p.skills | {skill}, years=p.years, tz_offset=p.tz_offset) if p is target else p
        for p in made
    ]
    after = index_of(*improved).score_of(target.id, q)
    assert before is not None
    assert after is not None
    assert after.score >= before.score - 1e-9


@given(st.lists(profiles, min_size=1, max_size=6), requisitions)
def test_scores_are_within_zero_and_one_and_contributions_add_up(pool, asked) -> None:
    for result in index_of(*_build(pool)).rank(query(related_skills=RELATED, **asked)):
        assert -1e-9 <= result.score <= 1 + 1e-9
        total = sum(f.contribution for f in result.explanation.factors.values())
        assert total == pytest.approx(result.score, abs=1e-6)


@given(
    st.lists(profiles, min_size=1, max_size=5),
    requisitions,
    st.lists(st.sampled_from(sorted(PERSONAL_SIGNALS)), min_size=1, max_size=4),
)
def test_personal_signal_words_never_change_a_score(pool, asked, signals) -> None:
    made = _build(pool)
    said = " ".join(signals)
    signalled = [profile(p.id, f"{p.text} {said}", skills=p.skills, years=p.years, tz_offset=p.tz_offset) for p in made]
    q = query(related_skills=RELATED, **(asked | {"text": f"{asked['text']} {said}"}))
    assert [(r.id, r.score) for r in index_of(*made).rank(q)] == [(r.id, r.score) for r in index_of(*signalled).rank(q)]


@given(st.lists(profiles, min_size=1, max_size=12), st.lists(st.integers(0, 11), max_size=6), requisitions)
def test_any_order_of_adds_and_removals_ranks_like_a_rebuild(monkeypatch_module, pool, removed, asked) -> None:
    made = _build(pool)
    incremental = MatchIndex()
    for item in reversed(made):
        incremental.add(item)
    gone = {made[i].id for i in removed if i < len(made)}
    for profile_id in gone:
        incremental.remove(profile_id)
    rebuilt = index_of(*[p for p in made if p.id not in gone])
    q = query(related_skills=RELATED, **asked)
    assert [(r.id, r.score) for r in incremental.rank(q)] == [(r.id, r.score) for r in rebuilt.rank(q)]


@pytest.fixture(scope="module")
def monkeypatch_module():
    """Tiny segments for the whole module's hypothesis runs (function-scoped fixtures do not reset per example)."""
    patcher = pytest.MonkeyPatch()
    patcher.setattr(index_module, "SEGMENT_ROWS", 4)
    patcher.setattr(index_module, "MAX_SMALL_SEGMENTS", 2)
    yield patcher
    patcher.undo()
