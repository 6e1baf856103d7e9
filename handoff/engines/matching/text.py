"""Tokenising and redaction for matching.

One tokenizer for profiles and requisitions: lowercase ASCII-folded words,
keeping ``+`` and ``#`` suffixes (``c++``, ``c#``) and dotted names
(``node.js``). English stop words and *personal signal* words (pronouns,
titles of address, gender, age and marital words) are dropped, so they can
neither score nor be explained: the score is blind by construction.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterable, Sequence

import numpy as np
from numpy.typing import NDArray

_TOKEN = re.compile(r"[a-z0-9]+(?:\.[a-z0-9]+)*[+#]*")

STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "here",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "same",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "etc",
        "also",
        "well",
        "within",
        "using",
        "use",
        "used",
        "including",
        "include",
        "includes",
        "per",
        "via",
    ]
)

# Words that reveal gender, age or family status; never indexed, never queried.
PERSONAL_SIGNALS = frozenset(
    [
        "he",
        "him",
        "his",
        "himself",
        "she",
        "her",
        "hers",
        "herself",
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "sir",
        "madam",
        "male",
        "female",
        "man",
        "woman",
        "men",
        "women",
        "gender",
        "sex",
        "boy",
        "girl",
        "age",
        "aged",
        "born",
        "birth",
        "dob",
        "birthday",
        "married",
        "single",
        "divorced",
        "widowed",
        "marital",
        "wife",
        "husband",
        "mother",
        "father",
        "pregnant",
        "pregnancy",
        "nationality",
        "religion",
        "photo",
    ]
)

_DROP = STOP_WORDS | PERSONAL_SIGNALS
DROPPED_WORDS = _DROP  # never indexed
_WORD_BYTES = b"abcdefghijklmnopqrstuvwxyz0123456789.+#"
# Dots that end a sentence or start a word, and a + or # that starts one ("c++", "c#", "node.js" stay).
_LOOSE = ("..", ". ", " .", " +", " #")
_SPACES = bytes(byte if byte in _WORD_BYTES else 32 for byte in range(256))
_LOWERED_SPACES = bytes(byte + 32 if 65 <= byte <= 90 else _SPACES[byte] for byte in range(256))  # A-Z lowered
_COMBINING = re.compile("[\u0300-\u036f]")
_EMAIL = re.compile(r"\S+@\S+")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
_PHONE = re.compile(r"\+?\d[\d\s().-]{7,}\d")
_AGE_LINE = re.compile(
    r"^.*\b(?:date of birth|d\.o\.b|born (?:on|in)|age\s*:?\s*\d+|\d+\s*years? old)\b.*$", re.I | re.M
)


def fold(text: str) -> str:
    """Lowercase and strip accents so ``Résumé`` and ``resume`` are one word."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    return _COMBINING.sub("", unicodedata.normalize("NFKD", lowered))


def tokens(text: str) -> list[str]:
    """The indexed words of ``text``, in order, without stop words or personal signals.

    The text is folded as ``fold`` folds it while it is encoded to ASCII (only runs of
    non-ASCII characters take the Unicode route, ``_fold_run``), every byte that cannot be
    part of a word becomes a space in one C-level ``bytes.translate``, and dots that do not
    join two word characters go too (plain ``str.replace``: regular-expression scanning was
    the index build's main cost).
    """
    spaced = " " + text.encode("ascii", _FOLD_ERRORS).translate(_LOWERED_SPACES).decode("ascii") + " "
    for loose in _LOOSE:
        spaced = spaced.replace(loose, " ")
    return [word for word in spaced.split() if word not in _DROP]


# ---- many texts at once (the index build) ---------------------------------------------------

_FOLD_ERRORS = "handoff-fold"
_folded_runs: dict[str, bytes] = {}
_FOLDED_RUNS_KEPT = 1 << 14  # runs remembered (short ones: stray symbols and mis-decoded bytes repeat)
_FOLDED_RUN_CACHED = 8


def _fold_run(error: UnicodeError) -> tuple[bytes, int]:
    """``encode`` error handler: a run of non-ASCII characters as ``tokens`` sees it once folded and translated.

    Case mapping and the NFKD decomposition work character by character (the one
    context rule, a final sigma, gives a non-ASCII letter either way) and an ASCII
    character is never a combining mark, so a run between ASCII characters folds to the
    same part of ``fold(text)`` as it would within the whole text. The result is already
    passed through ``_SPACES``: an upper-case letter from a decomposition ("™" → "TM")
    stays a non-word byte, as it is to ``tokens``.
    """
    if not isinstance(error, UnicodeEncodeError):
        raise error
    run = error.object[error.start : error.end]
    folded = _folded_runs.get(run)
    if folded is None:
        decomposed = _COMBINING.sub("", unicodedata.normalize("NFKD", run.lower()))
        folded = decomposed.encode("ascii", "replace").translate(_SPACES)
        if len(run) <= _FOLDED_RUN_CACHED:
            if len(_folded_runs) >= _FOLDED_RUNS_KEPT:
                _folded_runs.clear()
            _folded_runs[run] = folded
    return folded, error.end


codecs.register_error(_FOLD_ERRORS, _fold_run)

_SEPARATOR = 0  # the byte around every text in ``words_in_bulk``'s buffer
# ``_LOWERED_SPACES`` with the separator kept.
_BULK_SPACES = bytes([_SEPARATOR]) + _LOWERED_SPACES[1:]
_SPACE, _DOT, _PLUS, _HASH = (ord(char) for char in " .+#")
_PADDING = b" " * 16  # after the last text, so 16 bytes can be read from any word's start


def words_in_bulk(
    texts: Sequence[str],
) -> tuple[NDArray[np.uint8], NDArray[np.intp], NDArray[np.intp], NDArray[np.intp]]:
    """Every word of many texts, stop words and personal signals included, as spans of one byte buffer.

    Returns ``(buffer, starts, ends, bounds)``: word ``w`` is ``buffer[starts[w]:ends[w]]``
    (at least 16 bytes follow every word's start);
    the words of ``texts[i]`` are ``bounds[i]`` to ``bounds[i + 1]``, in order those
    ``tokens`` finds before it drops stop words and personal signals. The texts are joined
    around a separator byte, folded and translated in one ``encode`` and one
    ``bytes.translate`` (non-ASCII runs through ``_fold_run``), and the loose dots, ``+``
    and ``#`` are blanked with numpy masks: the Python work is per batch, not per word.
    """
    data = " \x00 ".join(["", *texts, ""]).encode("ascii", _FOLD_ERRORS).translate(_BULK_SPACES)
    if data.count(_SEPARATOR) != len(texts) + 1:
        # A NUL inside a text is a space to ``tokens``; here it must not look like a separator.
        clean = (text.replace("\x00", " ") for text in texts)
        data = " \x00 ".join(["", *clean, ""]).encode("ascii", _FOLD_ERRORS).translate(_BULK_SPACES)
    buffer = np.frombuffer(bytearray(data + _PADDING), dtype=np.uint8)
    _blank_loose(buffer, data)
    word = buffer > _SPACE  # every word byte is above the space; the separator is below
    edges = np.flatnonzero(word[1:] != word[:-1]) + 1  # the buffer starts and ends with a space
    starts, ends = edges[0::2], edges[1::2]
    bounds = np.searchsorted(starts, np.flatnonzero(buffer == _SEPARATOR))
    return buffer, starts, ends, bounds


def _blank_loose(buffer: NDArray[np.uint8], data: bytes) -> None:
    """``tokens``' ``_LOOSE`` replacements, in order, as spaces written into ``buffer`` (same words).

    Each ``str.replace`` there deletes a character next to a space (or turns a pair of dots
    into one space); writing a space over that character instead leaves the same words and
    the same neighbours for the next step. Every match of a step is found before any is
    written, as ``str.replace`` does not rescan. No replacement reaches a separator byte
    (each text is padded with spaces). ``data``: the buffer's bytes, to skip absent cases.
    """
    dots = np.flatnonzero(buffer == _DOT)
    if b".." in data:
        # ".." → " ", left to right: a run of k dots loses its first 2·⌊k/2⌋.
        first = np.ones(len(dots), dtype=bool)
        first[1:] = np.diff(dots) > 1
        run = np.cumsum(first) - 1
        run_length = np.diff(np.append(np.flatnonzero(first), len(dots)))[run]
        offset = dots - dots[first][run]
        paired = offset < run_length - run_length % 2
        buffer[dots[paired]] = _SPACE
        dots = dots[~paired]
    followed = buffer[dots + 1] == _SPACE  # ". " → " "
    buffer[dots[followed]] = _SPACE
    dots = dots[~followed]
    buffer[dots[buffer[dots - 1] == _SPACE]] = _SPACE  # " ." → " "
    for mark, present in ((_PLUS, b"+" in data), (_HASH, b"#" in data)):  # " +" → " ", then " #" → " "
        if present:
            marks = np.flatnonzero(buffer == mark)
            buffer[marks[buffer[marks - 1] == _SPACE]] = _SPACE


def redact(text: str, names: Iterable[str] = ()) -> str:
    """``text`` without e-mail addresses, URLs, phone numbers, age lines and the given names' words.

    Names are removed word by word (``Ana María Pérez`` removes ``ana``, ``maria``,
    ``perez`` anywhere), which may also remove an ordinary word that happens to be
    part of the name; that costs a little recall and keeps the name out of the score.
    """
    text = _AGE_LINE.sub(" ", text)
    text = _EMAIL.sub(" ", text)
    text = _URL.sub(" ", text)
    text = _PHONE.sub(" ", text)
    name_words = {word for name in names for word in _TOKEN.findall(fold(name)) if len(word) > 1}
    if not name_words:
        return text
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(word) for word in sorted(name_words)) + r")\b")
    return pattern.sub(" ", fold(text))
