"""The compiled ranking pass equals the per-factor scores; the ranking equals each candidate scored alone."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handoff.engines.matching import MatchIndex, Profile, Weights
from handoff.engines.matching import index as index_module
from handoff.engines.matching.index import _AllRows
from handoff.engines.matching.query import FACTORS
from handoff.engines.matching.scoring import (
    UNKNOWN,
    evaluate,
    experience_fit,
    filters,
    ranking_scores,
    salary_fit,
)
from tests.engines.matching.builders import profile, query

SKILLS = [f"s{n}" for n in range(12)]
WORDS = ["python", "data", "sales", "nurse", "java", "cloud", "excel", "team", "audit", "payroll", "agile"]
RELATED = {"s0": {"s1": 0.8, "s2": 0.4}, "s3": {"s4": 0.9}, "s5": {"s0": 0.5, "s6": 0.7, "s7": 0.2}}
OCCUPATIONS = {"o1": {"o2": 0.9, "o3": 0.5}}


def _pool(seed: int, size: int) -> list[Profile]:
    rng = np.random.default_rng(seed)
    made = []
    for n in range(size):
        made.append(
            profile(
                f"c{n:04d}",
                " ".join(rng.choice(WORDS, size=int(rng.integers(0, 12)))),
                skills=set(rng.choice(SKILLS, size=int(rng.integers(0, 6)), replace=False)),
                occupations=set(rng.choice(["o1", "o2", "o3", "o4"], size=int(rng.integers(0, 3)), replace=False)),
                years=None if rng.random() < 0.15 else float(rng.uniform(0, 30)),
                salary=None if rng.random() < 0.15 else float(rng.uniform(20_000, 200_000)),
                tz_offset=None if rng.random() < 0.15 else float(rng.choice([-8, -5, -3.5, 0, 1, 5.5, 9])),
                country=None if rng.random() < 0.1 else str(rng.choice(["us", "ca", "gb"])),
                city=None if rng.random() < 0.3 else str(rng.choice(["austin", "leeds", "toronto"])),
                relocate=bool(rng.random() < 0.2),
                languages=set(rng.choice(["en", "es", "fr"], size=int(rng.integers(0, 3)), replace=False)),
                work_authorisations=set(rng.choice(["us", "ca"], size=int(rng.integers(0, 2)), replace=False)),
                flags={"checked"} if rng.random() < 0.7 else set(),
            )
        )
    return made


requisitions = st.fixed_dictionaries(
    {
        "text": st.lists(st.sampled_from([*WORDS, "unknownword"]), max_size=6).map(" ".join),
        "required_skills": st.lists(st.sampled_from([*SKILLS, "s99"]), max_size=5, unique=True).map(tuple),
        "preferred_skills": st.lists(st.sampled_from(SKILLS), max_size=3, unique=True).map(tuple),
        "occupations": st.lists(st.sampled_from(["o1", "o4", "o9"]), max_size=2, unique=True).map(tuple),
        "min_years": st.one_of(st.none(), st.floats(0, 12)),
        "max_years": st.one_of(st.none(), st.floats(12, 30)),
        "salary_max": st.one_of(st.none(), st.floats(0, 150_000)),
        "preferred_languages": st.lists(st.sampled_from(["en", "es", "de"]), max_size=2, unique=True).map(tuple),
        "knockouts": st.sampled_from([(), ("checked",)]),
        "place": st.sampled_from(["remote", "remote-window", "us", "us-austin", "austin", "none"]),
        "work_authorisation": st.sampled_from([None, "us"]),
        "weights": st.one_of(
            st.none(),
            st.dictionaries(st.sampled_from(FACTORS), st.sampled_from([0.0, 0.5, 2.0]), min_size=1).filter(
                lambda found: any(found.values())
            ),
        ),
    }
)


def _query(asked: dict[str, Any]) -> Any:
    asked = dict(asked)
    place = asked.pop("place")
    places: dict[str, dict[str, Any]] = {
        "remote": {"remote": True},
        "remote-window": {"remote": True, "tz_window": (-6.0, -3.5)},
        "us": {"country": "us"},
        "us-austin": {"country": "us", "city": "austin"},
        "austin": {"city": "austin"},
        "none": {},
    }
    where = places[place]
    weights = asked.pop("weights")
    if weights is not None and not any(Weights().as_dict() | weights):
        weights = None
    return query(
        related_skills=RELATED,
        related_occupations=OCCUPATIONS,
        weights=None if weights is None else Weights.from_mapping(weights),
        top=7,
        **asked,
        **where,
    )


@pytest.fixture(scope="module")
def pool_index() -> MatchIndex:
    """Several segments, some rows replaced or removed (dead rows keep their postings)."""
    saved = index_module.SEGMENT_ROWS
    index_module.SEGMENT_ROWS = 64
    try:
        index = MatchIndex()
        made = _pool(5, 300)
        index.add_many(made)
        for replaced in made[::17]:
            index.add(profile(replaced.id, replaced.text + " cloud", skills=replaced.skills | {"s3"}))
        for removed in made[5::23]:
            index.remove(removed.id)
        index.rank(query("data"))  # flushes the buffer into a segment
    finally:
        index_module.SEGMENT_ROWS = saved
    assert len(index.segments) > 3
    return index


@settings(max_examples=60, deadline=None)
@given(requisitions)
def test_the_compiled_pass_scores_every_row_exactly_as_the_per_factor_evaluation(pool_index, asked) -> None:
    asked_query = _query(asked)
    lexicon, _ = pool_index._lexicon(asked_query)
    space = _AllRows(pool_index)
    passed = filters(space, asked_query.requisition, lexicon.tag_id)
    fused = ranking_scores(space, asked_query, lexicon, passed)
    reference = evaluate(space, asked_query, lexicon).score.astype(np.float32)
    assert np.array_equal(fused[passed], reference[passed])
    assert np.all(np.isneginf(fused[~passed]))


@settings(max_examples=40, deadline=None)
@given(requisitions)
def test_the_ranking_is_every_candidate_scored_alone_then_sorted(pool_index, asked) -> None:
    asked_query = _query(asked)
    alone = [pool_index.score_of(profile_id, asked_query) for profile_id in sorted(pool_index._rows)]
    expected = sorted((found for found in alone if found is not None), key=lambda found: (-found.score, found.id))
    assert pool_index.rank(asked_query) == expected[: asked_query.top]


def _experience_reference(years: np.ndarray, low: float | None, high: float | None) -> np.ndarray:
    """The factor as numpy computed it before the compiled kernels (kept here as the definition)."""
    values = np.asarray(years, dtype=np.float32)
    fit = np.ones(len(values), dtype=np.float32)
    if low is not None and np.float32(low) > 0:
        np.minimum(fit, values / np.float32(low), out=fit)
    if high is not None:
        np.minimum(fit, np.maximum(np.float32(0.5), 1 - np.float32(0.05) * (values - np.float32(high))), out=fit)
    fit[np.isnan(values)] = UNKNOWN
    return fit


def _salary_reference(expected: np.ndarray, budget: float) -> np.ndarray:
    values = np.asarray(expected, dtype=np.float32)
    fit = values - np.float32(budget)
    fit /= np.float32(max(budget, 1.0) * 0.5)
    np.subtract(np.float32(1), fit, out=fit)
    np.clip(fit, np.float32(0), np.float32(1), out=fit)
    fit[np.isnan(values)] = UNKNOWN
    return fit


@pytest.mark.parametrize(("low", "high"), [(None, None), (3.0, None), (None, 8.0), (2.5, 7.5), (0.0, 1.0), (0.1, 40.0)])
def test_experience_kernel_equals_the_numpy_definition(low: float | None, high: float | None) -> None:
    rng = np.random.default_rng(3)
    years = np.concatenate([rng.uniform(0, 45, 5000), [math.nan, 0.0, 3.0, 7.5, 8.0, 1e9]]).astype(np.float32)
    assert np.array_equal(experience_fit(years, low, high), _experience_reference(years, low, high))
    some = np.array([3, 0, 5004, 17], dtype=np.int64)
    assert np.array_equal(experience_fit(years, low, high, some), _experience_reference(years[some], low, high))


@pytest.mark.parametrize("budget", [0.0, 1.0, 55_000.0, 90_000.5, 1e7])
def test_salary_kernel_equals_the_numpy_definition(budget: float) -> None:
    rng = np.random.default_rng(4)
    expected = np.concatenate([rng.lognormal(11.2, 0.6, 5000), [math.nan, 0.0, budget, budget * 1.5]])
    expected = expected.astype(np.float32)
    assert np.array_equal(salary_fit(expected, budget), _salary_reference(expected, budget))
