"""Term ids for the words of many texts at once, without a Python step per word.

``WordIds.ids`` takes words as spans of a byte buffer (``text.words_in_bulk``). A word
of at most 16 bytes is packed into two integers (its bytes, little-endian, zero-padded:
word bytes are never zero, so the pair is the word) and looked up in a numpy
open-addressing hash table, a batch of words per vectorised probe. Words the table does
not know yet, and longer words, are resolved in Python against the vocabulary dict:
once per distinct word, in order of first occurrence, so new words get exactly the ids
that adding the texts one by one would give them. Stop words and personal signals map
to -1.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
from numpy.typing import NDArray

DROPPED = -1
_UNKNOWN = -2
_PACKED = 16  # longest word held in the table, in bytes
_LONG = np.uint64(0xFFFF_FFFF_FFFF_FFFF)  # second key of a longer word (no word byte is 0xff): never stored
_MULTIPLIER_1 = np.uint64(0x9E3779B97F4A7C15)
_MULTIPLIER_2 = np.uint64(0xC2B2AE3D27D4EB4F)
_MASKS = np.array([(1 << (8 * n)) - 1 for n in range(9)], dtype=np.uint64)
# A table slot: the packed word (0, 0 when free: no word packs to 0) and its id.
_SLOT = np.dtype([("first", np.uint64), ("second", np.uint64), ("id", np.int32)])


class WordIds:
    """Words → ids of ``terms`` (a vocabulary dict that grows as new words come), or ``DROPPED`` for ``drop``."""

    def __init__(self, terms: dict[str, int], drop: Collection[str]) -> None:
        self.terms = terms
        self.drop = drop
        self._bits = 10
        self._table = np.zeros(1 << self._bits, dtype=_SLOT)
        self._count = 0

    def ids(self, buffer: NDArray[np.uint8], starts: NDArray[np.intp], ends: NDArray[np.intp]) -> NDArray[np.int32]:
        """The id of each word ``buffer[starts[w]:ends[w]]`` (``DROPPED`` for a dropped word)."""
        first, second = _pack(buffer, starts, ends - starts)
        ids = self._find(first, second)
        unknown = np.flatnonzero(ids == _UNKNOWN)
        if not len(unknown):
            return ids
        # Resolve each distinct unknown word once, in order of first occurrence.
        long = second[unknown] == _LONG
        short = unknown[~long]
        earliest, inverse = _distinct(first[short], second[short])
        resolved: dict[int, int] = {}
        data = buffer.tobytes()
        for at in np.sort(np.concatenate([short[earliest], unknown[long]])).tolist():
            resolved[at] = self._resolve(data[starts[at] : ends[at]].decode("ascii"))
        if len(short):
            new = short[earliest]
            values = np.array([resolved[at] for at in new.tolist()], dtype=np.int32)
            self._insert(first[new], second[new], values)
            ids[short] = values[inverse]
        if long.any():
            ids[unknown[long]] = [resolved[at] for at in unknown[long].tolist()]
        return ids

    def _resolve(self, word: str) -> int:
        if word in self.drop:
            return DROPPED
        return self.terms.setdefault(word, len(self.terms))

    def _slots(self, first: NDArray[np.uint64], second: NDArray[np.uint64]) -> NDArray[np.intp]:
        mixed = (first * _MULTIPLIER_1) ^ (second * _MULTIPLIER_2)
        return (mixed >> np.uint64(64 - self._bits)).astype(np.intp)

    def _find(self, first: NDArray[np.uint64], second: NDArray[np.uint64]) -> NDArray[np.int32]:
        slot = self._slots(first, second)
        held = self._table.take(slot)
        hit = (held["first"] == first) & (held["second"] == second)
        ids = np.where(hit, held["id"], np.int32(_UNKNOWN))
        pending = np.flatnonzero(~hit & (held["first"] != 0))
        slot = slot[pending]
        mask = len(self._table) - 1
        while len(pending):
            slot = (slot + 1) & mask
            held = self._table.take(slot)
            hit = (held["first"] == first[pending]) & (held["second"] == second[pending])
            ids[pending[hit]] = held["id"][hit]
            probe = ~hit & (held["first"] != 0)
            pending, slot = pending[probe], slot[probe]
        return ids

    def _insert(self, first: NDArray[np.uint64], second: NDArray[np.uint64], ids: NDArray[np.int32]) -> None:
        """Add distinct words the table does not hold, growing it to stay at most half full."""
        if 2 * (self._count + len(first)) > len(self._table):
            old = self._table[self._table["first"] != 0]
            while 2 * (self._count + len(first)) > (1 << self._bits):
                self._bits += 1
            self._table = np.zeros(1 << self._bits, dtype=_SLOT)
            self._count = 0
            self._place(old["first"], old["second"], old["id"])
        self._place(first, second, ids)

    def _place(self, first: NDArray[np.uint64], second: NDArray[np.uint64], ids: NDArray[np.int32]) -> None:
        pending = np.arange(len(first), dtype=np.intp)
        slot = self._slots(first, second)
        mask = len(self._table) - 1
        table = self._table
        while len(pending):
            free = table["first"][slot] == 0
            # One word per free slot this round; the others probe on (a slot taken now is not free next round).
            taken, chosen = np.unique(slot[free], return_index=True)
            words = pending[free][chosen]
            table["first"][taken], table["second"][taken], table["id"][taken] = first[words], second[words], ids[words]
            placed = np.zeros(len(pending), dtype=bool)
            placed[np.flatnonzero(free)[chosen]] = True
            slot = np.where(free, slot, (slot + 1) & mask)
            pending, slot = pending[~placed], slot[~placed]
        self._count += len(first)


def _pack(
    buffer: NDArray[np.uint8], starts: NDArray[np.intp], lengths: NDArray[np.intp]
) -> tuple[NDArray[np.uint64], NDArray[np.uint64]]:
    """Words as two little-endian integers, zero past the word's end; a word over 16 bytes gets ``_LONG`` second."""
    padded = buffer
    if len(starts) and int(starts[-1]) + _PACKED > len(buffer):  # read past the end? (words_in_bulk pads)
        padded = np.concatenate([buffer, np.zeros(_PACKED, dtype=np.uint8)])
    # Every byte offset read as the 8 bytes from there (an overlapping, unaligned view).
    words = np.ndarray(shape=(len(padded) - 7,), dtype="<u8", buffer=padded, strides=(1,))
    first: NDArray[np.uint64] = words[starts] & _MASKS[np.minimum(lengths, 8)]
    second = np.zeros(len(starts), dtype=np.uint64)
    longer = np.flatnonzero(lengths > 8)
    second[longer] = words[starts[longer] + 8] & _MASKS[np.minimum(lengths[longer] - 8, 8)]
    second[longer[lengths[longer] > _PACKED]] = _LONG
    return first, second


def _distinct(first: NDArray[np.uint64], second: NDArray[np.uint64]) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Positions of the first occurrence of each distinct (first, second) pair, and each pair's distinct index."""
    order = np.lexsort((second, first))  # stable: a pair's first occurrence leads its group
    ordered_first, ordered_second = first[order], second[order]
    new = np.ones(len(order), dtype=bool)
    new[1:] = (ordered_first[1:] != ordered_first[:-1]) | (ordered_second[1:] != ordered_second[:-1])
    group = np.cumsum(new) - 1
    inverse = np.empty(len(order), dtype=np.intp)
    inverse[order] = group
    return order[new], inverse
