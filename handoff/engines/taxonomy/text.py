"""Text normalisation shared by the loaders and the normaliser.

Rules (both the indexed names and the queries go through the same function, so the
rules only have to be consistent, not linguistically perfect):

- ``normalise`` (skills and every key): Unicode NFKC, lower case, ``&`` → ``and``;
  every character other than a letter, a digit, ``+`` or ``#`` becomes a space, except a
  ``.`` inside or in front of a word (``node.js``, ``.net``, ``asp.net``); runs of spaces
  collapse. ``C++``, ``C#``, ``.NET`` and ``Node.js`` therefore survive; ``Sr.`` becomes ``sr``.
- ``normalise_title`` (job titles) adds, word by word: abbreviations expanded
  (``sr``/``snr`` → senior, ``jr`` → junior, ``mgr`` → manager, ``asst`` → assistant,
  ``engr``/``eng`` → engineer, ``dev`` → developer, ``admin`` → administrator,
  ``rep`` → representative, ``tech`` → technician, ``vp`` → vice president, ... see
  ``TITLE_ABBREVIATIONS``); grade markers dropped (``ii``, ``iii``, ``iv``, ``level``, digits);
  plurals made singular (``ies`` → ``y``, ``sses``/``xes``/``ches``/``shes`` lose ``es``, a final
  ``s`` is dropped after four letters unless the word ends in ``ss``/``us``/``is``; ``-men`` → ``-man``),
  because O*NET names occupations in the plural ("Software Developers") and people in the singular.
- ``title_variants`` splits "Registered Nurse (RN)" into the whole, the part outside the
  brackets and the part inside, so the short and long forms are both found.
"""

from __future__ import annotations

import re
import unicodedata

_KEEP = re.compile(r"[^\w+#.]+")
_DOTS = re.compile(r"(?<!\w)\.(?!\w)|\.(?!\w)")  # a dot not followed by a word character goes
_UNDERSCORE = re.compile(r"_+")
_SPACES = re.compile(r"\s+")
_BRACKETS = re.compile(r"\(([^()]*)\)")

TITLE_ABBREVIATIONS: dict[str, str] = {
    "sr": "senior",
    "snr": "senior",
    "jr": "junior",
    "mgr": "manager",
    "mngr": "manager",
    "asst": "assistant",
    "assoc": "associate",
    "dir": "director",
    "eng": "engineer",
    "engr": "engineer",
    "dev": "developer",
    "devs": "developer",
    "admin": "administrator",
    "rep": "representative",
    "reps": "representative",
    "tech": "technician",
    "techs": "technician",
    "coord": "coordinator",
    "spec": "specialist",
    "supv": "supervisor",
    "supvr": "supervisor",
    "vp": "vice president",
    "svp": "senior vice president",
    "avp": "assistant vice president",
    "exec": "executive",
    "ops": "operations",
    "mktg": "marketing",
    "mkt": "marketing",
    "cust": "customer",
    "svc": "service",
    "svcs": "service",
    "acctg": "accounting",
    "dept": "department",
    "prog": "programmer",
    "sw": "software",
    "hr": "human resources",
    "qa": "quality assurance",
}
_GRADE_MARKERS = frozenset({"ii", "iii", "iv", "level", "lvl"})
_IRREGULAR = {"men": "man", "women": "woman", "children": "child", "people": "person", "staff": "staff"}
_KEEP_FINAL_S = ("ss", "us", "is")


def normalise(text: str) -> str:
    """The matching key of a skill name or any label: see the module docstring."""
    folded = unicodedata.normalize("NFKC", text).lower().replace("&", " and ")
    spaced = _UNDERSCORE.sub(" ", _KEEP.sub(" ", folded))
    return _SPACES.sub(" ", _DOTS.sub(" ", spaced)).strip()


def singular(word: str) -> str:
    """A plural English word made singular by the few rules that cover job titles."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 4 or not word.isalpha():
        return word
    if word.endswith("men"):  # firemen, salesmen, chairwomen
        return word[:-3] + "man"
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(_KEEP_FINAL_S):
        return word[:-1]
    return word


def normalise_title(text: str) -> str:
    """The matching key of a job title: ``normalise`` plus abbreviations, grades and plurals."""
    words: list[str] = []
    for word in normalise(text).replace(".", " ").split():
        if word in _GRADE_MARKERS or word.isdigit():
            continue
        expanded = TITLE_ABBREVIATIONS.get(word, word)
        words.extend(singular(part) for part in expanded.split())
    return " ".join(words)


def title_variants(text: str) -> list[str]:
    """The title, the title without its bracketed part, and the bracketed part itself (distinct, non-empty)."""
    variants = [text]
    inside = [part.strip() for part in _BRACKETS.findall(text)]
    outside = _BRACKETS.sub(" ", text).strip()
    variants.extend([outside, *inside])
    seen: dict[str, None] = {}
    for variant in variants:
        if variant and variant not in seen:
            seen[variant] = None
    return list(seen)


def slug(text: str) -> str:
    """A stable id fragment: the normalised text with spaces as hyphens ("Microsoft Excel" → "microsoft-excel")."""
    return normalise(text).replace(" ", "-")
