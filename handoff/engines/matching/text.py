"""Tokenising and redaction for matching.

One tokenizer for profiles and requisitions: lowercase ASCII-folded words,
keeping ``+`` and ``#`` suffixes (``c++``, ``c#``) and dotted names
(``node.js``). English stop words and *personal signal* words (pronouns,
titles of address, gender, age and marital words) are dropped, so they can
neither score nor be explained: the score is blind by construction.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

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
_WORD_BYTES = b"abcdefghijklmnopqrstuvwxyz0123456789.+#"
# Dots that end a sentence or start a word, and a + or # that starts one ("c++", "c#", "node.js" stay).
_LOOSE = ("..", ". ", " .", " +", " #")
_SPACES = bytes(byte if byte in _WORD_BYTES else 32 for byte in range(256))
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

    Every byte that cannot be part of a word becomes a space in one C-level
    ``bytes.translate``, and dots that do not join two word characters go too
    (plain ``str.replace``: regular-expression scanning was the index build's main cost).
    """
    spaced = " " + fold(text).encode("ascii", "replace").translate(_SPACES).decode("ascii") + " "
    for loose in _LOOSE:
        spaced = spaced.replace(loose, " ")
    return [word for word in spaced.split() if word not in _DROP]


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
