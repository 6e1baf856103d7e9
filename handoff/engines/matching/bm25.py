"""BM25 with a per-query lookup table, so a posting costs one small-table read.

Each posting stores a 16-bit *code*: the term frequency (capped at ``MAX_TF``)
in the high byte and the row's length in words quantised to a byte in the low
one (``bucket``: 16 steps per doubling, about 4 % apart, as Lucene quantises
its length norms). At query time ``table(k1, b, average_length)`` holds
``tf · (k1 + 1) / (tf + k1 · (1 − b + b · length / average))`` for every code,
computed from the live average length; a term's contribution is
``idf · table[code]``. Nothing depends on statistics frozen at build time, so an
index changed incrementally scores exactly like one built from scratch.

``kernels.bm25_add`` adds the postings up per row: per row, in query-term order,
each term adds the float32 product ``table[code] · idf``, accumulated in float32 —
the same arithmetic whether the rows are the whole pool or a few chosen ones.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

MAX_TF = 63
STEPS_PER_DOUBLING = 16
CODES = (MAX_TF + 1) << 8


def bucket(lengths: NDArray[np.generic]) -> NDArray[np.uint16]:
    """Quantised length (0–255) of rows with ``lengths`` words."""
    values = np.rint(STEPS_PER_DOUBLING * np.log2(1 + np.asarray(lengths, dtype=np.float64)))
    return np.minimum(values, 255).astype(np.uint16)


def codes(tf: NDArray[np.generic], buckets: NDArray[np.uint16]) -> NDArray[np.uint16]:
    """Posting codes from term frequencies and their rows' length buckets."""
    capped = np.minimum(np.asarray(tf), MAX_TF).astype(np.uint16)
    return ((capped << 8) | buckets).astype(np.uint16)


def table(k1: float, b: float, average_length: float) -> NDArray[np.float32]:
    """Saturated term frequency for every code, for the current average length."""
    tf = np.arange(MAX_TF + 1, dtype=np.float64)[:, None]
    length = 2.0 ** (np.arange(256, dtype=np.float64) / STEPS_PER_DOUBLING) - 1
    norm = k1 * (1 - b + b * length / max(average_length, 1e-9))
    return (tf * (k1 + 1) / (tf + norm[None, :])).astype(np.float32).ravel()


def idf(documents: int, frequency: int) -> float:
    """BM25 inverse document frequency (the non-negative ``log(1 + …)`` form)."""
    return math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5))
