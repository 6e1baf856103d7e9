"""Immutable posting segments: the on-disk and in-memory unit of the index.

A segment covers a contiguous range of index rows ``[start, start + size)``.
It holds two posting families in CSC form (one slice per key, rows ascending):

* terms: ``term_ptr`` / ``term_rows`` (local row, ``int32``) / ``term_code``
  (``uint16``: term frequency capped at 63 in the high byte, the row's
  quantised length in the low byte, see ``bm25``) — 6 bytes per posting;
* tags: ``tag_ptr`` / ``tag_rows`` — skills, occupations, languages, places,
  authorisations and knock-out flags, 4 bytes per posting.

Keys added to the vocabularies after a segment was built simply have no
postings in it. Segments never change once built; the index merges small
ones into a new segment and deletes through its own row mask.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import sparse  # type: ignore[import-untyped]

from handoff.engines.matching import bm25

ARRAYS = ("term_ptr", "term_rows", "term_code", "tag_ptr", "tag_rows")
I32 = NDArray[np.int32]
I64 = NDArray[np.int64]


@dataclass(slots=True)
class Segment:
    name: str
    start: int
    size: int
    term_ptr: I64
    term_rows: I32
    term_code: NDArray[np.uint16]
    tag_ptr: I64
    tag_rows: I32

    @property
    def end(self) -> int:
        return self.start + self.size

    def term(self, term_id: int) -> tuple[I32, NDArray[np.uint16]]:
        """Local rows and codes of a term (empty when the segment predates it)."""
        if term_id + 1 >= len(self.term_ptr):
            return _EMPTY_ROWS, _EMPTY_CODES
        lo, hi = int(self.term_ptr[term_id]), int(self.term_ptr[term_id + 1])
        return self.term_rows[lo:hi], self.term_code[lo:hi]

    def tag(self, tag_id: int) -> I32:
        if tag_id + 1 >= len(self.tag_ptr):
            return _EMPTY_ROWS
        return self.tag_rows[int(self.tag_ptr[tag_id]) : int(self.tag_ptr[tag_id + 1])]

    def nbytes(self) -> int:
        return sum(getattr(self, name).nbytes for name in ARRAYS)

    def save(self, folder: Path) -> None:
        for name in ARRAYS:
            target = folder / f"{self.name}.{name}.npy"
            if not target.exists():
                partial = folder / f"{self.name}.{name}.tmp.npy"
                np.save(partial, getattr(self, name))
                partial.replace(target)

    @classmethod
    def load(cls, folder: Path, name: str, start: int, size: int, mmap: bool) -> Segment:
        arrays = {
            # A plain ndarray view of the map: numpy's memmap subclass adds Python overhead to every slice.
            key: np.load(folder / f"{name}.{key}.npy", mmap_mode="r" if mmap else None, allow_pickle=False).view(
                np.ndarray
            )
            for key in ARRAYS
        }
        return cls(name=name, start=start, size=size, **arrays)

    def files(self) -> list[str]:
        return [f"{self.name}.{key}.npy" for key in ARRAYS]


_EMPTY_ROWS: I32 = np.zeros(0, dtype=np.int32)
_EMPTY_CODES: NDArray[np.uint16] = np.zeros(0, dtype=np.uint16)


def csc(
    keys: NDArray[np.integer[Any]], rows: NDArray[np.integer[Any]], values: NDArray[Any], size: int, n_keys: int
) -> tuple[I64, I32, NDArray[Any]]:
    """Group (row, key, value) postings by key with scipy's C counting sort; rows stay ascending within a key."""
    matrix = sparse.coo_matrix((values, (rows, keys)), shape=(size, n_keys)).tocsc()
    return matrix.indptr.astype(np.int64), matrix.indices.astype(np.int32), matrix.data


def build(
    name: str,
    start: int,
    size: int,
    terms: tuple[I64, I32, NDArray[np.uint16]],
    tags: tuple[I64, I32],
    n_terms: int,
    n_tags: int,
) -> Segment:
    """A segment from COO postings (key, local row, [code]) given in ascending row order."""
    term_keys, term_rows, term_code = terms
    term_ptr, term_rows_by_key, term_code_by_key = csc(term_keys, term_rows, term_code, size, n_terms)
    return _with_tags(name, start, size, (term_ptr, term_rows_by_key, term_code_by_key.astype(np.uint16)), tags, n_tags)


def count(
    name: str,
    start: int,
    size: int,
    occurrences: tuple[NDArray[np.integer[Any]], NDArray[np.integer[Any]]],
    lengths: NDArray[np.integer[Any]],
    tags: tuple[I64, I32],
    n_terms: int,
    n_tags: int,
) -> Segment:
    """A segment from raw term occurrences (key, local row), ascending rows, a key repeated as often as its word.

    scipy's COO → CSC conversion sums the repeats into term frequencies (rows stay
    ascending within a key); each posting is then coded with its row's length bucket
    (``lengths``: words per local row).
    """
    term_keys, term_rows = occurrences
    # Counted in 16 bits when no row has 65,536 words (a term frequency never exceeds its row's length).
    ones = np.ones(len(term_keys), dtype=np.uint16 if len(lengths) == 0 or lengths.max() < 1 << 16 else np.int32)
    term_ptr, term_rows_by_key, tf = csc(term_keys, term_rows, ones, size, n_terms)
    code = bm25.codes(tf, bm25.bucket(lengths)[term_rows_by_key])
    return _with_tags(name, start, size, (term_ptr, term_rows_by_key, code), tags, n_tags)


def _with_tags(
    name: str, start: int, size: int, terms: tuple[I64, I32, NDArray[np.uint16]], tags: tuple[I64, I32], n_tags: int
) -> Segment:
    """A segment of term postings already in CSC form, and tag postings (key, local row) grouped here."""
    tag_keys, tag_rows = tags
    tag_ptr, tag_rows_by_key, _ = csc(tag_keys, tag_rows, np.ones(len(tag_keys), dtype=np.uint8), size, n_tags)
    term_ptr, term_rows, term_code = terms
    return Segment(
        name=name,
        start=start,
        size=size,
        term_ptr=term_ptr,
        term_rows=term_rows,
        term_code=term_code,
        tag_ptr=tag_ptr,
        tag_rows=tag_rows_by_key,
    )


def merge(name: str, segments: list[Segment], alive: NDArray[np.bool_], n_terms: int, n_tags: int) -> Segment:
    """One segment with the live postings of consecutive ``segments`` (rows keep their numbers)."""
    start = segments[0].start
    size = segments[-1].end - start
    term_parts: list[tuple[I64, I32, NDArray[np.uint16]]] = []
    tag_parts: list[tuple[I64, I32]] = []
    for segment in segments:
        offset = segment.start - start
        keys = np.repeat(np.arange(len(segment.term_ptr) - 1, dtype=np.int64), np.diff(segment.term_ptr))
        rows = np.asarray(segment.term_rows) + offset
        keep = alive[rows + start]
        term_parts.append((keys[keep], rows[keep].astype(np.int32), np.asarray(segment.term_code)[keep]))
        tag_keys = np.repeat(np.arange(len(segment.tag_ptr) - 1, dtype=np.int64), np.diff(segment.tag_ptr))
        tag_rows = np.asarray(segment.tag_rows) + offset
        tag_keep = alive[tag_rows + start]
        tag_parts.append((tag_keys[tag_keep], tag_rows[tag_keep].astype(np.int32)))
    # Each part is grouped by key; re-sorting by (key, row) restores ascending rows within a key.
    keys = np.concatenate([part[0] for part in term_parts])
    rows = np.concatenate([part[1] for part in term_parts])
    tfs = np.concatenate([part[2] for part in term_parts])
    by_row = np.argsort(rows, kind="stable")
    tag_keys = np.concatenate([part[0] for part in tag_parts])
    tag_rows = np.concatenate([part[1] for part in tag_parts])
    tag_by_row = np.argsort(tag_rows, kind="stable")
    return build(
        name,
        start,
        size,
        (keys[by_row], rows[by_row], tfs[by_row]),
        (tag_keys[tag_by_row], tag_rows[tag_by_row]),
        n_terms,
        n_tags,
    )
