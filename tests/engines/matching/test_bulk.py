"""The bulk build: words of many texts at once, their ids, and ``add_many`` equal to ``add`` one by one."""

from __future__ import annotations

import random
from collections import Counter

import numpy as np
import pytest

from handoff.engines.matching import MatchIndex, Profile, bm25
from handoff.engines.matching import index as index_module
from handoff.engines.matching.text import _LOOSE, _SPACES, DROPPED_WORDS, fold, tokens, words_in_bulk
from handoff.engines.matching.wordids import DROPPED, WordIds
from tests.engines.matching.builders import profile
from tests.engines.matching.test_index import QUERIES, WORDS, pool, rankings

PIECES = [
    *"ab .+#,\t\nZ9Q",
    "..",
    "...",
    " +",
    " #",
    "c++",
    "C#",
    "node.js",
    "e.g.",
    "\x00",
    "É",
    "é",
    "\u0301",
    "ß",
    "ﬁ",
    "¼",
    "Σ",
    "ΣΑΣ",
    "İ",
    "\u212a",  # Kelvin sign: lowercases to ASCII "k"
    "Ａ",
    "™",
    "\u200b",
    "ï¼",
    "Ⅻ",
    "\u0345",
    "the",
    "She",
    "abcdefgh",
    "abcdefghi",
    "abcdefghijklmnop",
    "abcdefghijklmnopq",
    "supercalifragilisticexpialidocious",
]


def _reference_tokens(text: str) -> list[str]:
    """``tokens`` as it was written before the fold moved into an encode error handler."""
    spaced = " " + fold(text).encode("ascii", "replace").translate(_SPACES).decode("ascii") + " "
    for loose in _LOOSE:
        spaced = spaced.replace(loose, " ")
    return [word for word in spaced.split() if word not in DROPPED_WORDS]


def _words(texts: list[str]) -> list[list[str]]:
    buffer, starts, ends, bounds = words_in_bulk(texts)
    data = buffer.tobytes()
    found = [data[start:end].decode() for start, end in zip(starts.tolist(), ends.tolist(), strict=True)]
    return [found[bounds[i] : bounds[i + 1]] for i in range(len(texts))]


def _kept(words: list[str]) -> list[str]:
    return [word for word in words if word not in DROPPED_WORDS]


def test_words_in_bulk_are_the_tokens_of_each_text() -> None:
    rng = random.Random(5)
    for _ in range(400):
        texts = ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 40))) for _ in range(rng.randint(1, 7))]
        expected = [_reference_tokens(text) for text in texts]
        assert [tokens(text) for text in texts] == expected
        assert [_kept(words) for words in _words(texts)] == expected
    assert _words([]) == []
    assert _words(["", " ", "\x00"]) == [[], [], []]


def test_every_character_folds_as_fold_folds_it() -> None:
    characters = [chr(c) for c in range(0x20, 0x30000) if not 0xD800 <= c < 0xE000]
    texts = [f"a{c}b {c}x Q{c} {c}{c}\u0301{c}" for c in characters]
    for at in range(0, len(texts), 20000):
        chunk = texts[at : at + 20000]
        expected = [_reference_tokens(text) for text in chunk]
        assert [tokens(text) for text in chunk] == expected
        assert [_kept(words) for words in _words(chunk)] == expected


def test_word_ids_number_new_words_in_order_of_first_occurrence() -> None:
    rng = random.Random(3)
    vocabulary = ["w" * n for n in range(1, 40)] + [f"x{n}" for n in range(3000)] + ["the", "she", "and"]
    terms: dict[str, int] = {}
    ids = WordIds(terms, DROPPED_WORDS)
    expected: dict[str, int] = {}
    for _ in range(30):
        texts = [" ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 60))) for _ in range(20)]
        buffer, starts, ends, _ = words_in_bulk(texts)
        found = ids.ids(buffer, starts, ends).tolist()
        words = [word for text in texts for word in text.split()]
        for word in words:
            if word not in DROPPED_WORDS:
                expected.setdefault(word, len(expected))
        assert found == [DROPPED if word in DROPPED_WORDS else expected[word] for word in words]
        assert terms == expected
        assert list(terms) == list(expected)


def _postings(index: MatchIndex) -> dict[int, dict[int, int]]:
    """Row → {term id: code} read back from the segments."""
    by_row: dict[int, dict[int, int]] = {}
    for segment in index.segments:
        for term_id in range(len(segment.term_ptr) - 1):
            rows, codes = segment.term(term_id)
            for row, code in zip(rows.tolist(), codes.tolist(), strict=True):
                by_row.setdefault(row + segment.start, {})[term_id] = code
    return by_row


def _same_index(one: MatchIndex, other: MatchIndex) -> None:
    one.rank(QUERIES[0])
    other.rank(QUERIES[0])
    assert list(one._terms) == list(other._terms)
    assert list(one._tags) == list(other._tags)
    assert one._ids == other._ids
    assert one._rows == other._rows
    assert one._length_sum == other._length_sum
    assert [(s.name, s.start, s.size) for s in one.segments] == [(s.name, s.start, s.size) for s in other.segments]
    for mine, theirs in zip(one.segments, other.segments, strict=True):
        for name in ("term_ptr", "term_rows", "term_code", "tag_ptr", "tag_rows"):
            assert getattr(mine, name).dtype == getattr(theirs, name).dtype
            assert np.array_equal(getattr(mine, name), getattr(theirs, name))
    for name in index_module.COLUMNS:
        assert np.array_equal(one.column(name), other.column(name), equal_nan=True)
    assert rankings(one) == rankings(other)


@pytest.mark.parametrize(("batch_rows", "small_batch"), [(1, 8), (3, 8), (8, 8), (13, 1), (2048, 1), (2048, 8)])
def test_add_many_equals_add_one_by_one(monkeypatch: pytest.MonkeyPatch, batch_rows: int, small_batch: int) -> None:
    """Batches of any size, tokenised in bulk or one text at a time, give the same index as single adds."""
    monkeypatch.setattr(index_module, "SEGMENT_ROWS", 16)
    monkeypatch.setattr(index_module, "MAX_SMALL_SEGMENTS", 3)
    monkeypatch.setattr(index_module, "BATCH_ROWS", batch_rows)
    monkeypatch.setattr(index_module, "SMALL_BATCH", small_batch)
    rng = random.Random(11)
    profiles = pool(90)
    texts = [" ".join(rng.choice([*PIECES, *WORDS]) for _ in range(rng.randint(0, 30))) for _ in profiles]
    profiles = [
        profile(p.id, text + " " + p.text, skills=p.skills, occupations=p.occupations, country=p.country, city=c)
        for p, text, c in zip(profiles, texts, ["paris", None, "lima"] * 30, strict=True)
    ]
    # The same id twice in one batch, and ids already indexed before the batch.
    batch = [*profiles[20:], profiles[25], profile("p003", "python python python", skills={"new-skill"})]
    one_by_one, together = MatchIndex(), MatchIndex()
    for item in profiles[:20]:
        one_by_one.add(item)
    together.add_many(profiles[:20])
    for item in batch:
        one_by_one.add(item)
    together.add_many(batch)
    _same_index(one_by_one, together)
    assert len(together) == 90
    assert together.dead_rows() == 2


@pytest.mark.parametrize("small_batch", [1, 8])
def test_postings_hold_capped_term_frequencies_and_length_buckets(
    monkeypatch: pytest.MonkeyPatch, small_batch: int
) -> None:
    monkeypatch.setattr(index_module, "SMALL_BATCH", small_batch)
    texts = ["python " * 70 + "sql the sql", "java", "", "The she HE", "c++ c++ node.js. Résumé résume"]
    index = MatchIndex()
    index.add_many(Profile(id=f"p{n}", text=text) for n, text in enumerate(texts))
    index.rank(QUERIES[0])
    found = _postings(index)
    for row, text in enumerate(texts):
        counts = Counter(tokens(text))
        bucket = int(bm25.bucket(np.array([counts.total()]))[0])
        expected = {index._terms[term]: min(tf, bm25.MAX_TF) << 8 | bucket for term, tf in counts.items()}
        assert found.get(row, {}) == expected
        assert index.column("length")[row] == counts.total()
