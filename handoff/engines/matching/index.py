"""The talent-pool index: incremental, persisted, memory-bounded, ranked with numpy.

Rows are appended: adding a profile gives it a new row, updating one marks its
old row dead and appends the new version, removing marks it dead. New rows wait
in a small buffer that becomes an immutable ``Segment`` when it is full
(``SEGMENT_ROWS``) or before a query or a save; when more than
``MAX_SMALL_SEGMENTS`` small segments pile up at the tail they are merged, with
their dead postings dropped. A removed or replaced profile's row keeps its slot
in the per-row columns (26 bytes) and its postings in full segments until the
index is rebuilt from its live profiles.

BM25 statistics (live document count, average length, each query term's live
document frequency) are computed at query time from the live rows only, so an
index grown by any sequence of adds, updates and removals ranks exactly as one
built from scratch on the final profiles (ties are broken by id).

``save(folder)`` writes plain ``.npy`` files (no pickle) plus JSON vocabularies;
segments already on disk are not rewritten. ``MatchIndex.load(folder)`` maps the
segment files read-only (``mmap``), so the resident memory is the per-row
columns and the id map, while postings are paged in by the OS as queries touch them.
"""

from __future__ import annotations

import bisect
import json
import math
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import chain, islice
from operator import attrgetter
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from handoff.engines.matching import bm25, kernels
from handoff.engines.matching import segment as segments
from handoff.engines.matching.explain import Result, explain
from handoff.engines.matching.profile import Profile
from handoff.engines.matching.query import Query
from handoff.engines.matching.scoring import Evaluation, Lexicon, evaluate, filters, ranking_scores
from handoff.engines.matching.segment import Segment
from handoff.engines.matching.text import DROPPED_WORDS, tokens, words_in_bulk
from handoff.engines.matching.wordids import DROPPED, WordIds

FORMAT = "handoff-match-index/1"
SEGMENT_ROWS = 1 << 15
BATCH_ROWS = 1024  # profiles tokenised together by ``add_many``
SMALL_BATCH = 8  # fewer profiles than this are tokenised one by one
MAX_SMALL_SEGMENTS = 8
TAG_CACHE_BYTES = 64 << 20  # a tag's rows over all segments, kept for the next queries until the index changes

# Per-row columns: name → (dtype, value for a new row before it is set).
COLUMNS: dict[str, tuple[str, float]] = {
    "alive": ("bool", 0),
    "length": ("float32", 0),
    "years": ("float32", math.nan),
    "salary": ("float32", math.nan),
    "tz": ("float32", math.nan),
    "country": ("int32", -1),
    "city": ("int32", -1),
    "relocate": ("bool", 0),
}


class _Buffer:
    """Rows added since the last segment, as numpy arrays per batch of rows (no per-row Python or numpy objects).

    Terms are raw occurrences (a term id once per occurrence of its word, rows in order,
    ``term_counts`` occurrences per row); the segment build sums them into term
    frequencies. Tags are (tag id, local row) postings, rows ascending within a tag.
    """

    def __init__(self) -> None:
        self.rows = 0
        self.terms: list[NDArray[np.int32]] = []
        self.term_counts: list[NDArray[np.int64]] = []
        self.tags: list[NDArray[np.int64]] = []
        self.tag_rows: list[NDArray[np.int32]] = []

    def __len__(self) -> int:
        return self.rows

    def append(
        self,
        terms: NDArray[np.int32],
        term_counts: NDArray[np.int64],
        tags: NDArray[np.int64],
        tag_rows: NDArray[np.int32],
    ) -> None:
        """Add a batch of rows (``tag_rows`` counted from 0 in the batch)."""
        _append(self.terms, terms)
        _append(self.term_counts, term_counts)
        _append(self.tags, tags)
        _append(self.tag_rows, tag_rows + np.int32(self.rows))
        self.rows += len(term_counts)

    def segment(self, name: str, start: int, n_terms: int, n_tags: int) -> Segment:
        """The buffered rows as a segment; the buffer is emptied first (its chunks freed as they are joined)."""
        rows = self.rows
        term_counts = _joined(self.term_counts, np.int64)
        terms = _joined(self.terms, np.int32)
        tags = _joined(self.tags, np.int64), _joined(self.tag_rows, np.int32)
        self.rows = 0
        occurrences = (terms, np.repeat(np.arange(rows, dtype=np.int32), term_counts))
        return segments.count(name, start, rows, occurrences, term_counts, tags, n_terms, n_tags)


def _joined(chunks: list[Any], dtype: type[np.generic]) -> NDArray[Any]:
    """The chunks as one array; the list is emptied."""
    joined = np.concatenate([np.zeros(0, dtype=dtype), *chunks])
    chunks.clear()
    return joined


_SMALL_CHUNK = 1 << 16


def _append(chunks: list[Any], part: NDArray[Any]) -> None:
    """Append ``part``, merging small chunks pairwise as they pile up.

    Rows added one at a time so make a few arrays (each element copied about log₂ n times), not one per row.
    """
    chunks.append(part)
    while len(chunks) > 1 and len(chunks[-2]) <= len(chunks[-1]) and len(chunks[-2]) < _SMALL_CHUNK:
        last = chunks.pop()
        chunks[-1] = np.concatenate([chunks[-1], last])


_TAG_KINDS = (
    ("skill", attrgetter("skills")),
    ("occ", attrgetter("occupations")),
    ("lang", attrgetter("languages")),
    ("auth", attrgetter("work_authorisations")),
    ("flag", attrgetter("flags")),
)


class _TagIds:
    """Tag ids of profiles' skills, occupations … by value, per kind (no key strings built for known tags)."""

    def __init__(self, tags: dict[str, int]) -> None:
        self.tags = tags
        self.kinds: dict[str, dict[str, int]] = {kind: {} for kind, _ in _TAG_KINDS}
        self.country: dict[str, int] = {}
        self.city: dict[str, int] = {}

    def of(self, batch: list[Profile]) -> tuple[NDArray[np.int64], NDArray[np.int32], list[int], list[int]]:
        """Tag postings of a batch (tag ids, batch rows; grouped by kind, rows ascending), countries' and cities' ids.

        Tags new to the index get the ids that adding the profiles one by one gives them.
        """
        try:
            return self._known(batch)
        except KeyError:
            for profile in batch:
                self._register(profile)
            return self._known(batch)

    def _known(self, batch: list[Profile]) -> tuple[NDArray[np.int64], NDArray[np.int32], list[int], list[int]]:
        """As ``of``; raises ``KeyError`` if a tag is new."""
        found: list[int] = []
        counts: list[int] = []
        for kind, values_of in _TAG_KINDS:
            values = list(map(values_of, batch))
            found += map(self.kinds[kind].__getitem__, chain.from_iterable(values))
            counts += map(len, values)
        countries = [self.country[p.country] if p.country else -1 for p in batch]
        cities = [self.city[p.city] if p.city else -1 for p in batch]
        rows = np.tile(np.arange(len(batch), dtype=np.int32), len(_TAG_KINDS))
        return np.array(found, dtype=np.int64), np.repeat(rows, counts), countries, cities

    def _register(self, profile: Profile) -> None:
        """New tags in ``_tag_keys`` order, then country and city, as ``add`` numbered them one profile at a time."""
        kinds = self.kinds
        if (
            all(all(map(kinds[kind].__contains__, values_of(profile))) for kind, values_of in _TAG_KINDS)
            and (not profile.country or profile.country in self.country)
            and (not profile.city or profile.city in self.city)
        ):
            return
        tags = self.tags
        for key in _tag_keys(profile):
            kind, value = key.split(":", 1)
            self.kinds[kind][value] = tags.setdefault(key, len(tags))
        if profile.country:
            self.country[profile.country] = tags.setdefault("country:" + profile.country, len(tags))
        if profile.city:
            self.city[profile.city] = tags.setdefault("city:" + profile.city, len(tags))


class MatchIndex:
    """Profiles by id, ranked for a ``Query`` (top k with explanations)."""

    def __init__(self, k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self._terms: dict[str, int] = {}
        self._tags: dict[str, int] = {}
        self._ids: list[str] = []
        self._rows: dict[str, int] = {}
        self._columns: dict[str, NDArray[Any]] = {
            name: np.zeros(1024, dtype=dtype) for name, (dtype, _) in COLUMNS.items()
        }
        self._segments: list[Segment] = []
        self._dead: dict[str, int] = {}
        self._pending = _Buffer()
        self._length_sum = 0.0
        self._sequence = 0
        self._table: tuple[float, NDArray[np.float32]] | None = None
        self._tag_rows: dict[int, NDArray[np.int32]] = {}
        self._every = np.zeros(0, dtype=np.int64)
        self._frequencies: dict[tuple[bool, int], int] = {}
        self._bulk: tuple[WordIds, _TagIds] | None = None  # lookups over _terms and _tags, made when first needed

    # ---- changes -------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, profile_id: object) -> bool:
        return profile_id in self._rows

    def add(self, profile: Profile) -> None:
        """Add a profile, or replace the one with the same id."""
        self.add_many((profile,))

    update = add

    def add_many(self, profiles: Iterable[Profile]) -> None:
        """Add (or replace) profiles in order, exactly as ``add`` one by one, tokenised a batch at a time."""
        remaining = iter(profiles)
        while batch := list(islice(remaining, max(1, min(BATCH_ROWS, SEGMENT_ROWS - len(self._pending))))):
            self._add_batch(batch)
            if len(self._pending) >= SEGMENT_ROWS:
                self._flush()

    def _add_batch(self, batch: list[Profile]) -> None:
        """New rows for ``batch`` (at most a segment's room): term and tag ids found for the whole batch at once."""
        if self._bulk is None:
            self._bulk = (WordIds(self._terms, DROPPED_WORDS), _TagIds(self._tags))
        words, tag_ids = self._bulk
        self._changed()
        size = len(batch)
        first = len(self._ids)
        self._grow(first + size)
        if size >= SMALL_BATCH:
            buffer, starts, ends, bounds = words_in_bulk([profile.text for profile in batch])
            ids = words.ids(buffer, starts, ends)
            kept = ids != DROPPED
            terms = ids[kept]
            lengths = np.diff(np.concatenate([[0], np.cumsum(kept, dtype=np.int64)])[bounds])
        else:  # a few profiles (single adds): numpy's per-call costs would outweigh its per-word gains
            vocabulary = self._terms
            found: list[list[int]] = []
            for profile in batch:
                words_of = tokens(profile.text)
                for term in [term for term in dict.fromkeys(words_of) if term not in vocabulary]:
                    vocabulary[term] = len(vocabulary)
                found.append(list(map(vocabulary.__getitem__, words_of)))
            terms = np.fromiter(chain.from_iterable(found), dtype=np.int32)
            lengths = np.fromiter(map(len, found), dtype=np.int64, count=size)
        tags, tag_rows, countries, cities = tag_ids.of(batch)
        values = {
            "years": np.array([math.nan if p.years is None else p.years for p in batch], dtype=np.float32),
            "salary": np.array([math.nan if p.salary is None else p.salary for p in batch], dtype=np.float32),
            "tz": np.array([math.nan if p.tz_offset is None else p.tz_offset for p in batch], dtype=np.float32),
            "relocate": np.array([p.relocate for p in batch], dtype=bool),
        }
        # Nothing above changes the rows (only the vocabularies grow); from here on nothing fails.
        self._pending.append(terms, lengths, tags, tag_rows)
        rows = slice(first, first + size)
        columns = self._columns
        columns["alive"][rows] = True
        columns["length"][rows] = lengths
        columns["country"][rows] = countries
        columns["city"][rows] = cities
        for name, column in values.items():
            columns[name][rows] = column
        self._length_sum += int(lengths.sum())
        # A replaced profile (already indexed, or earlier in this batch) loses its old row.
        for row, profile in enumerate(batch, start=first):
            if profile.id in self._rows:
                self.remove(profile.id)
            self._ids.append(profile.id)
            self._rows[profile.id] = row

    def remove(self, profile_id: str) -> None:
        """Remove a profile; an unknown id raises ``KeyError``."""
        row = self._rows.pop(profile_id)
        self._changed()
        self._columns["alive"][row] = False
        self._length_sum -= float(self._columns["length"][row])
        flushed = self._segment_of(row)
        if flushed is not None:
            self._dead[flushed.name] = self._dead.get(flushed.name, 0) + 1

    def _changed(self) -> None:
        """Forget what was cached for queries (tag rows, frequencies): rows, liveness or segments changed."""
        if self._tag_rows or self._frequencies:
            self._tag_rows.clear()
            self._frequencies.clear()

    def _grow(self, rows: int) -> None:
        capacity = len(self._columns["alive"])
        if rows <= capacity:
            return
        capacity = max(rows, capacity * 2)
        for name, (dtype, default) in COLUMNS.items():
            grown = np.full(capacity, default, dtype=dtype)
            grown[: len(self._columns[name])] = self._columns[name]
            self._columns[name] = grown

    def _segment_of(self, row: int) -> Segment | None:
        position = bisect.bisect_right([segment.start for segment in self._segments], row) - 1
        if position < 0 or row >= self._segments[position].end:
            return None
        return self._segments[position]

    def _flush(self) -> None:
        """Turn the buffer into a segment; merge the tail's small segments when there are too many."""
        if not self._pending:
            return
        self._changed()
        start = self._segments[-1].end if self._segments else 0
        built = self._pending.segment(self._next_name(), start, len(self._terms), len(self._tags))
        self._pending = _Buffer()
        self._segments.append(built)
        self._dead[built.name] = int(np.count_nonzero(~self._columns["alive"][built.start : built.end]))
        small = [segment for segment in self._segments if segment.size < SEGMENT_ROWS]
        if len(small) > MAX_SMALL_SEGMENTS and all(
            seg is self._segments[-len(small) + i] for i, seg in enumerate(small)
        ):
            self._merge_tail(len(small))

    def _merge_tail(self, count: int) -> None:
        tail = self._segments[-count:]
        merged = segments.merge(self._next_name(), tail, self._columns["alive"], len(self._terms), len(self._tags))
        self._segments[-count:] = [merged]
        for segment in tail:
            self._dead.pop(segment.name, None)
        self._dead[merged.name] = 0

    def _next_name(self) -> str:
        self._sequence += 1
        return f"seg{self._sequence:06d}"

    # ---- ranking ---------------------------------------------------------------------------

    def rank(self, query: Query) -> list[Result]:
        """The top ``query.top`` live profiles passing the filters, best first, each explained."""
        self._flush()
        if not self._rows:
            return []
        lexicon, terms = self._lexicon(query)
        space = _AllRows(self)
        passed = filters(space, query.requisition, lexicon.tag_id)
        passing = int(np.count_nonzero(passed))
        if passing == 0:
            return []
        score = ranking_scores(space, query, lexicon, passed)  # -inf where a filter failed
        # Explanations (and the scores shown) for the top rows only, by the same arithmetic as ``score_of``.
        top = self._top(score, min(query.top, passing), space.rows)
        return self._explained(query, lexicon, terms, space.rows[top])

    def score_of(self, profile_id: str, query: Query) -> Result | None:
        """One profile's result for ``query`` (None when it fails a filter); equal to its entry in ``rank``."""
        self._flush()
        row = self._rows[profile_id]
        lexicon, terms = self._lexicon(query)
        results = self._explained(query, lexicon, terms, np.array([row], dtype=np.int64))
        return results[0] if results else None

    def _explained(self, query: Query, lexicon: Lexicon, terms: list[str], rows: NDArray[np.int64]) -> list[Result]:
        if len(rows) == 0:
            return []
        rows = np.sort(rows)
        return self._results(evaluate(_SomeRows(self, rows), query, lexicon, detail=True), terms, rows)

    def _results(self, evaluation: Evaluation, terms: list[str], rows: NDArray[np.int64]) -> list[Result]:
        """Explained results of an evaluation over ``rows`` (ascending), best first, ties by id."""
        explained = explain(evaluation, terms)
        scores = evaluation.score.tolist()
        results = [
            Result(id=self._ids[int(row)], score=scores[p], explanation=explained[p])
            for p, row in enumerate(rows.tolist())
            if evaluation.passed[p]
        ]
        return sorted(results, key=lambda result: (-result.score, result.id))

    def _top(self, score: NDArray[np.floating[Any]], k: int, rows: NDArray[np.int64]) -> NDArray[np.int64]:
        """Positions of the k best scores, ties at the cut-off broken by id (``rows``: each position's row)."""
        if len(score) == 0:
            return np.zeros(0, dtype=np.int64)
        k = min(k, len(score))
        threshold = np.partition(score, len(score) - k)[len(score) - k]
        positions = np.flatnonzero(score >= threshold).astype(np.int64)
        if len(positions) > k:
            ids = self._ids
            ranked = sorted(positions.tolist(), key=lambda at: (-score[at], ids[rows[at]]))[:k]
            positions = np.array(ranked, dtype=np.int64)
        return positions

    def _lexicon(self, query: Query) -> tuple[Lexicon, list[str]]:
        """Query terms known to the pool, each weighted idf × its count in the requisition text.

        A word the requisition repeats ("sales" five times in a sales posting) weighs more,
        as in BM25 over a query's full token list.
        """
        live = len(self._rows)
        term_ids: list[int] = []
        idf: list[float] = []
        terms: list[str] = []
        for term, count in Counter(tokens(query.requisition.text)).items():
            term_id = self._terms.get(term)
            frequency = self._document_frequency(term_id) if term_id is not None else 0
            if term_id is None or frequency == 0:
                continue
            term_ids.append(term_id)
            idf.append(count * bm25.idf(live, frequency))
            terms.append(term)
        lexicon = Lexicon(
            term_ids=term_ids,
            idf=idf,
            table=self.table(),
            tag_id=self._tags.get,
            tag_frequency=self._tag_frequency,
            live=live,
        )
        return lexicon, terms

    def _tag_frequency(self, tag_id: int) -> int:
        """Live rows holding a tag (skill, occupation …)."""
        return self._frequency(True, tag_id)

    def _document_frequency(self, term_id: int) -> int:
        return self._frequency(False, term_id)

    def _frequency(self, is_tag: bool, key: int) -> int:
        """Live rows holding a tag or a term, cached until the index changes."""
        known = self._frequencies.get((is_tag, key))
        if known is not None:
            return known
        alive = self._columns["alive"]
        total = 0
        for segment in self._segments:
            rows = segment.tag(key) if is_tag else segment.term(key)[0]
            if self._dead.get(segment.name, 0):
                total += int(np.count_nonzero(alive[rows + segment.start]))
            else:
                total += len(rows)
        self._frequencies[(is_tag, key)] = total
        return total

    def tag_rows(self, tag_id: int) -> NDArray[np.int32]:
        """Every row holding a tag, ascending (dead rows included), cached within ``TAG_CACHE_BYTES``."""
        cache = self._tag_rows
        rows = cache.pop(tag_id, None)
        if rows is None:
            rows = np.concatenate(
                [np.zeros(0, dtype=np.int32), *(segment.tag(tag_id) + segment.start for segment in self._segments)]
            ).astype(np.int32, copy=False)
            while cache and sum(held.nbytes for held in cache.values()) + rows.nbytes > TAG_CACHE_BYTES:
                del cache[next(iter(cache))]  # the least recently used
        cache[tag_id] = rows  # (re)inserted last: most recently used
        return rows

    def table(self) -> NDArray[np.float32]:
        """The BM25 code table for the live average length, cached until it changes."""
        average = self._length_sum / max(len(self._rows), 1)
        if self._table is None or self._table[0] != average:
            self._table = (average, bm25.table(self.k1, self.b, average))
        return self._table[1]

    def column(self, name: str) -> NDArray[Any]:
        return self._columns[name][: len(self._ids)]

    def every_row(self) -> NDArray[np.int64]:
        """0, 1, … up to the last row (kept between queries)."""
        if len(self._every) < self.rows:
            self._every = np.arange(max(self.rows, 2 * len(self._every)), dtype=np.int64)
        return self._every[: self.rows]

    @property
    def segments(self) -> list[Segment]:
        return self._segments

    @property
    def rows(self) -> int:
        return len(self._ids)

    def nbytes(self) -> dict[str, int]:
        """Bytes held by postings, per-row columns and the id strings (Python object overhead excluded)."""
        return {
            "postings": sum(segment.nbytes() for segment in self._segments),
            "columns": sum(self._columns[name][: self.rows].nbytes for name in COLUMNS),
            "ids": sum(len(profile_id) for profile_id in self._ids),
        }

    # ---- compaction ------------------------------------------------------------------------

    def dead_rows(self) -> int:
        """Rows of removed or replaced profiles still holding a slot (and postings) until ``compact``."""
        return self.rows - len(self._rows)

    def compact(self) -> int:
        """Drop dead rows: live rows are renumbered in order, segments with dead rows rebuilt, small ones packed.

        Segments without dead rows keep their postings (only their start moves), so their
        files are reused by ``save``. Returns the number of rows dropped; ranking is unchanged.
        """
        self._flush()
        dropped = self.dead_rows()
        if dropped == 0:
            return 0
        self._changed()
        alive = self._columns["alive"][: self.rows]
        packed: list[Segment] = []
        group: list[_Piece] = []
        start = 0
        for segment in self._segments:
            keep = alive[segment.start : segment.end]
            if keep.all() and segment.size >= SEGMENT_ROWS:
                start = self._pack(group, start, packed)
                packed.append(replace(segment, start=start))
                start += segment.size
                continue
            piece = _piece(segment, keep)
            if group and sum(item.size for item in group) + piece.size > SEGMENT_ROWS:
                start = self._pack(group, start, packed)
            group.append(piece)
        self._pack(group, start, packed)
        live = np.flatnonzero(alive)
        self._columns = {name: np.array(self._columns[name][live]) for name in COLUMNS}
        self._grow(max(len(live), 1))
        self._ids = [self._ids[row] for row in live.tolist()]
        self._rows = {profile_id: row for row, profile_id in enumerate(self._ids)}
        self._segments = packed
        self._dead = {segment.name: 0 for segment in packed}
        return dropped

    def _pack(self, group: list[_Piece], start: int, packed: list[Segment]) -> int:
        """Build one segment from the pieces in ``group`` (emptied) at ``start``; the next free row."""
        size = sum(piece.size for piece in group)
        if size == 0:
            group.clear()
            return start
        offsets = np.cumsum([0, *(piece.size for piece in group)])
        term_rows = np.concatenate([piece.term_rows + offset for piece, offset in zip(group, offsets, strict=False)])
        tag_rows = np.concatenate([piece.tag_rows + offset for piece, offset in zip(group, offsets, strict=False)])
        by_row = np.argsort(term_rows, kind="stable")
        tag_by_row = np.argsort(tag_rows, kind="stable")
        term_keys = np.concatenate([piece.term_keys for piece in group])
        codes = np.concatenate([piece.codes for piece in group])
        tag_keys = np.concatenate([piece.tag_keys for piece in group])
        packed.append(
            segments.build(
                self._next_name(),
                start,
                size,
                (term_keys[by_row], term_rows[by_row].astype(np.int32), codes[by_row]),
                (tag_keys[tag_by_row], tag_rows[tag_by_row].astype(np.int32)),
                len(self._terms),
                len(self._tags),
            )
        )
        group.clear()
        return start + size

    # ---- persistence -----------------------------------------------------------------------

    def save(self, folder: Path) -> None:
        """Write the index to ``folder``; unchanged segments are kept, ``index.json`` is replaced last."""
        self._flush()
        folder.mkdir(parents=True, exist_ok=True)
        for segment in self._segments:
            segment.save(folder)
        rows = self.rows
        for name in COLUMNS:
            _save_array(folder / f"column.{name}.npy", self._columns[name][:rows])
        encoded = [profile_id.encode() for profile_id in self._ids]
        _save_array(folder / "ids.offsets.npy", np.cumsum([0, *map(len, encoded)], dtype=np.int64))
        _save_array(folder / "ids.bytes.npy", np.frombuffer(b"".join(encoded), dtype=np.uint8))
        _write_json(folder / "terms.json", list(self._terms))
        _write_json(folder / "tags.json", list(self._tags))
        meta = {
            "format": FORMAT,
            "k1": self.k1,
            "b": self.b,
            "sequence": self._sequence,
            "segments": [
                {"name": s.name, "start": s.start, "size": s.size, "dead": self._dead.get(s.name, 0)}
                for s in self._segments
            ],
        }
        _write_json(folder / "index.json", meta)
        keep = {name for segment in self._segments for name in segment.files()}
        for stale in folder.glob("seg*.npy"):
            if stale.name not in keep:
                stale.unlink()

    @classmethod
    def load(cls, folder: Path, *, mmap: bool = True) -> MatchIndex:
        """An index saved by ``save``; postings are memory-mapped unless ``mmap`` is False."""
        meta_path = folder / "index.json"
        if not meta_path.is_file():
            raise FileNotFoundError(f"{folder} holds no match index (index.json is missing)")
        meta = json.loads(meta_path.read_text())
        if meta.get("format") != FORMAT:
            raise ValueError(f"{folder}: unknown index format {meta.get('format')!r}")
        index = cls(k1=float(meta["k1"]), b=float(meta["b"]))
        index._sequence = int(meta["sequence"])
        index._terms = {term: i for i, term in enumerate(json.loads((folder / "terms.json").read_text()))}
        index._tags = {tag: i for i, tag in enumerate(json.loads((folder / "tags.json").read_text()))}
        offsets = np.load(folder / "ids.offsets.npy", allow_pickle=False)
        blob = np.load(folder / "ids.bytes.npy", allow_pickle=False).tobytes()
        index._ids = [blob[offsets[i] : offsets[i + 1]].decode() for i in range(len(offsets) - 1)]
        index._columns = {
            name: np.array(np.load(folder / f"column.{name}.npy", allow_pickle=False)) for name in COLUMNS
        }
        index._grow(max(len(index._ids), 1))
        alive = index._columns["alive"]
        index._rows = {index._ids[row]: row for row in np.flatnonzero(alive[: len(index._ids)]).tolist()}
        index._length_sum = float(
            index._columns["length"][: len(index._ids)][alive[: len(index._ids)]].astype(np.float64).sum()
        )
        for item in meta["segments"]:
            index._segments.append(Segment.load(folder, item["name"], int(item["start"]), int(item["size"]), mmap))
            index._dead[item["name"]] = int(item["dead"])
        return index


@dataclass(frozen=True, slots=True)
class _Piece:
    """A segment's live postings, rows renumbered among its live rows (COO, grouped by key)."""

    size: int
    term_keys: NDArray[np.int64]
    term_rows: NDArray[np.int64]
    codes: NDArray[np.uint16]
    tag_keys: NDArray[np.int64]
    tag_rows: NDArray[np.int64]


def _piece(segment: Segment, keep: NDArray[np.bool_]) -> _Piece:
    renumber = np.cumsum(keep, dtype=np.int64) - 1
    keys = np.repeat(np.arange(len(segment.term_ptr) - 1, dtype=np.int64), np.diff(segment.term_ptr))
    rows = np.asarray(segment.term_rows)
    held = keep[rows]
    tag_keys = np.repeat(np.arange(len(segment.tag_ptr) - 1, dtype=np.int64), np.diff(segment.tag_ptr))
    tag_rows = np.asarray(segment.tag_rows)
    tag_held = keep[tag_rows]
    return _Piece(
        size=int(np.count_nonzero(keep)),
        term_keys=keys[held],
        term_rows=renumber[rows[held]],
        codes=np.asarray(segment.term_code)[held],
        tag_keys=tag_keys[tag_held],
        tag_rows=renumber[tag_rows[tag_held]],
    )


def _tag_keys(profile: Profile) -> list[str]:
    keys = ["skill:" + skill for skill in sorted(profile.skills)]
    keys += ["occ:" + code for code in sorted(profile.occupations)]
    keys += ["lang:" + language for language in sorted(profile.languages)]
    keys += ["auth:" + country for country in sorted(profile.work_authorisations)]
    keys += ["flag:" + flag for flag in sorted(profile.flags)]
    return keys


def _save_array(path: Path, values: NDArray[Any]) -> None:
    partial = path.with_suffix(".tmp.npy")
    np.save(partial, values)
    partial.replace(path)


def _write_json(path: Path, value: object) -> None:
    partial = path.with_suffix(".tmp")
    partial.write_text(json.dumps(value))
    os.replace(partial, path)


class _AllRows:
    """Every row of the index; positions are row numbers."""

    def __init__(self, index: MatchIndex) -> None:
        self.index = index
        self.size = index.rows
        self.rows = index.every_row()

    def bm25(self, lexicon: Lexicon) -> NDArray[np.float32]:
        """Per segment, the query terms' postings summed per row straight from the segment (``kernels.bm25_add``)."""
        scores = np.zeros(self.size, dtype=np.float32)
        table = lexicon.table
        idf = np.asarray(lexicon.idf, dtype=np.float32)
        term_ids = np.asarray(lexicon.term_ids, dtype=np.int64)
        for segment in self.index.segments:
            kernels.bm25_add(
                scores, segment.start, segment.term_rows, segment.term_code, segment.term_ptr, term_ids, idf, table
            )
        return scores

    def tag(self, tag_id: int) -> NDArray[np.int32]:
        return self.index.tag_rows(tag_id)

    def assign(self, tag_id: int, target: NDArray[Any], value: Any) -> None:
        kernels.assign(target, self.index.tag_rows(tag_id), value)

    def count(self, tag_id: int, counts: NDArray[Any]) -> None:
        kernels.count_into(counts, self.index.tag_rows(tag_id))

    def full(self, name: str) -> NDArray[Any]:
        return self.index.column(name)


class _SomeRows:
    """Chosen rows (ascending); positions index into them."""

    def __init__(self, index: MatchIndex, rows: NDArray[np.int64]) -> None:
        self.index = index
        self.rows = rows
        self.size = len(rows)
        self._parts: list[tuple[Segment, NDArray[np.int64], NDArray[np.intp]]] = []
        self._terms: dict[int, tuple[NDArray[np.intp], NDArray[np.uint16]]] = {}
        self._tags: dict[int, NDArray[np.intp]] = {}
        for segment in index.segments:
            lo, hi = np.searchsorted(rows, [segment.start, segment.end])
            if hi > lo:
                self._parts.append((segment, rows[lo:hi] - segment.start, np.arange(lo, hi, dtype=np.intp)))

    def term(self, term_id: int) -> tuple[NDArray[np.intp], NDArray[np.uint16]]:
        """Positions holding the term and their codes (kept: the score and the explanation both ask)."""
        if term_id not in self._terms:
            self.find_terms([term_id])
        return self._terms[term_id]

    def find_terms(self, term_ids: Sequence[int]) -> None:
        """Look the chosen rows up in several terms' postings at once (one ``searchsorted`` per term and segment).

        Per segment the lookups land in a terms × rows grid of posting indices; which
        ones hold the row, and their codes, is then read for the whole grid at once.
        """
        wanted = np.array(list(dict.fromkeys(t for t in term_ids if t not in self._terms)), dtype=np.int64)
        if not len(wanted):
            return
        keys: list[NDArray[np.intp]] = [np.zeros(0, dtype=np.intp)]
        positions: list[NDArray[np.intp]] = [np.zeros(0, dtype=np.intp)]
        codes: list[NDArray[np.uint16]] = [np.zeros(0, dtype=np.uint16)]
        for segment, local, where in self._parts:
            most = len(wanted) * len(local)
            term_of, row_of = np.empty(most, dtype=np.intp), np.empty(most, dtype=np.intp)
            code = np.empty(most, dtype=np.uint16)
            found = kernels.find_terms(
                segment.term_ptr, segment.term_rows, segment.term_code, wanted, local, term_of, row_of, code
            )
            keys.append(term_of[:found])
            positions.append(where[row_of[:found]])
            codes.append(code[:found])
        key = np.concatenate(keys)
        order = np.argsort(key, kind="stable")  # segments are ascending, so positions stay ascending per term
        position, code = np.concatenate(positions)[order], np.concatenate(codes)[order]
        bounds = np.searchsorted(key[order], np.arange(len(wanted) + 1)).tolist()
        for k, term_id in enumerate(wanted.tolist()):
            self._terms[term_id] = (position[bounds[k] : bounds[k + 1]], code[bounds[k] : bounds[k + 1]])

    def bm25(self, lexicon: Lexicon) -> NDArray[np.float32]:
        self.find_terms(lexicon.term_ids)
        found = [self.term(term_id) for term_id in lexicon.term_ids]
        ptr = np.cumsum([0, *(len(positions) for positions, _ in found)], dtype=np.int64)
        rows = np.concatenate([np.zeros(0, dtype=np.intp), *(positions for positions, _ in found)])
        codes = np.concatenate([np.zeros(0, dtype=np.uint16), *(codes for _, codes in found)])
        scores = np.zeros(self.size, dtype=np.float32)
        term_ids = np.arange(len(found), dtype=np.int64)  # the gathered postings are already in query-term order
        kernels.bm25_add(
            scores, 0, rows, codes, ptr, term_ids, np.asarray(lexicon.idf, dtype=np.float32), lexicon.table
        )
        return scores

    def tag(self, tag_id: int) -> NDArray[np.intp]:
        """Positions holding the tag (kept: a skill's credit and its explanation both ask)."""
        found = self._tags.get(tag_id)
        if found is None:
            out = np.empty(len(self.rows), dtype=np.intp)
            found = self._tags[tag_id] = out[: kernels.members(self.index.tag_rows(tag_id), self.rows, out)]
        return found

    def assign(self, tag_id: int, target: NDArray[Any], value: Any) -> None:
        target[self.tag(tag_id)] = value

    def count(self, tag_id: int, counts: NDArray[Any]) -> None:
        counts[self.tag(tag_id)] += 1

    def full(self, name: str) -> NDArray[Any]:
        return self.index.column(name)
