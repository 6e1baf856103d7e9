"""Filters and factors, evaluated over the whole pool or over a few rows with the same arithmetic.

``evaluate(space, query, ...)`` computes, for every row of an evaluation
*space* (all index rows, or a chosen subset for explanations and the reverse
direction), whether it passes the hard filters, each applicable factor in
``[0, 1]`` and the combined score. Both kinds of space hand out postings as
positions in the space, so a row's score is bitwise the same either way.

Factors whose requisition part is absent (no skills listed, no salary budget …)
are *not applicable*: they are left out of the score and of the weight total
rather than given a constant, so they neither help nor hurt anyone.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from handoff.engines.matching import kernels
from handoff.engines.matching.query import FACTORS, Query, Requisition

F32 = NDArray[np.float32]
Positions = NDArray[np.integer[Any]]
UNKNOWN = 0.5  # a fact the candidate did not give neither counts for nor against them

# Location credit by closeness: same city, same country, willing to relocate.
SAME_CITY, SAME_COUNTRY, RELOCATES = 1.0, 0.7, 0.5


class Space(Protocol):
    """Rows being evaluated; postings are returned as positions among them.

    ``rows`` are the index rows of the positions; ``full(name)`` is a per-row column of
    the whole index, which the compiled kernels read at ``rows`` (no gathered copies).
    """

    size: int
    rows: NDArray[np.int64]

    def full(self, name: str) -> NDArray[Any]: ...

    def bm25(self, lexicon: Lexicon) -> NDArray[np.floating[Any]]: ...
    def tag(self, tag_id: int) -> Positions: ...
    def assign(self, tag_id: int, target: NDArray[Any], value: Any) -> None:
        """``target[self.tag(tag_id)] = value`` (without building the positions when it can)."""

    def count(self, tag_id: int, counts: NDArray[Any]) -> None:
        """``counts[self.tag(tag_id)] += 1``."""


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Query-time statistics: term ids with their BM25 idf, the BM25 code table (``bm25``), the tag lookup."""

    term_ids: Sequence[int]
    idf: Sequence[float]
    table: NDArray[np.float32]
    tag_id: Callable[[str], int | None]
    tag_frequency: Callable[[int], int] | None = None  # live rows holding a tag (for skill rarity)
    live: int = 0


@dataclass(slots=True)
class Credit:
    """One wanted skill (or the title): credit per row and which candidate key earned it (-1 none)."""

    wanted: str
    keys: list[str]
    credit: F32
    via: NDArray[np.int16] | None

    def subset(self, rows: NDArray[np.int64]) -> Credit:
        return Credit(self.wanted, self.keys, self.credit[rows], None if self.via is None else self.via[rows])


@dataclass(slots=True)
class Evaluation:
    passed: NDArray[np.bool_]
    factors: dict[str, F32]
    weights: dict[str, float]
    score: NDArray[np.float64]
    required: list[Credit] = field(default_factory=list)
    preferred: list[Credit] = field(default_factory=list)
    title: Credit | None = None
    term_scores: NDArray[np.float32] | None = None

    def subset(self, rows: NDArray[np.int64]) -> Evaluation:
        """The same evaluation restricted to ``rows`` (positions of this one's space)."""
        return Evaluation(
            passed=self.passed[rows],
            factors={name: values[rows] for name, values in self.factors.items()},
            weights=self.weights,
            score=self.score[rows],
            required=[item.subset(rows) for item in self.required],
            preferred=[item.subset(rows) for item in self.preferred],
            title=None if self.title is None else self.title.subset(rows),
            term_scores=None if self.term_scores is None else self.term_scores[rows],
        )


def evaluate(
    space: Space, query: Query, lexicon: Lexicon, *, detail: bool = False, passed: NDArray[np.bool_] | None = None
) -> Evaluation:
    """Filters, factors and score of every row of ``space``; ``detail`` keeps what explanations need.

    ``passed``, when given, is the filters' verdict already known for the space's rows
    (the index evaluates the factors over the rows that pass only).
    """
    requisition = query.requisition
    tag = lexicon.tag_id
    passed = filters(space, requisition, tag) if passed is None else passed
    factors: dict[str, F32] = {}
    evaluation = Evaluation(passed=passed, factors=factors, weights={}, score=np.zeros(space.size))
    applicable = _applicable(query, lexicon)
    if applicable["lexical"]:
        factors["lexical"], evaluation.term_scores = lexical(space, lexicon, detail)
    if applicable["required_skills"]:
        evaluation.required = [
            skill_credit(
                space, wanted, query.related_skills.get(wanted, {}), query.related_credit, "skill:", tag, detail
            )
            for wanted in requisition.required_skills
        ]
        factors["required_skills"] = _weighted_mean(
            [item.credit for item in evaluation.required], skill_rarity(requisition.required_skills, query, lexicon)
        )
    if applicable["preferred_skills"]:
        evaluation.preferred = [
            skill_credit(
                space, wanted, query.related_skills.get(wanted, {}), query.related_credit, "skill:", tag, detail
            )
            for wanted in requisition.preferred_skills
        ]
        factors["preferred_skills"] = _weighted_mean(
            [item.credit for item in evaluation.preferred], skill_rarity(requisition.preferred_skills, query, lexicon)
        )
    if applicable["title"]:
        evaluation.title = title_credit(space, query, tag, detail)
        factors["title"] = evaluation.title.credit
    if applicable["experience"]:
        factors["experience"] = experience_fit(
            space.full("years"), requisition.min_years, requisition.max_years, space.rows
        )
    location = location_fit(space, requisition, tag) if applicable["location"] else None
    if location is not None:
        factors["location"] = location
    if applicable["salary"] and requisition.salary_max is not None:
        factors["salary"] = salary_fit(space.full("salary"), requisition.salary_max, space.rows)
    if applicable["languages"]:
        factors["languages"] = _mean(
            [_presence(space, tag("lang:" + code)) for code in requisition.preferred_languages], space.size
        )
    evaluation.weights = {name: getattr(query.weights, name) for name in FACTORS if name in factors}
    evaluation.score = combine(factors, evaluation.weights, space.size)
    return evaluation


def ranking_scores(space: Space, query: Query, lexicon: Lexicon, passed: NDArray[np.bool_]) -> F32:
    """Each row's score, ``-inf`` where ``passed`` is False: ``evaluate``'s score without its per-factor arrays.

    For ranking a whole pool: one compiled pass (``kernels.ranking_scores``) over the
    rows, with each wanted skill, the title and each preferred language reduced to a
    byte per row (which of its keys the row holds) instead of a float array per factor.
    """
    coverage = _Coverage.of(space, query, lexicon)
    scale, used = _scales(query, lexicon)
    numbers, switches = _settings(query.requisition, lexicon.tag_id)
    bm25 = space.bm25(lexicon) if used[0] else np.zeros(0, dtype=np.float32)
    out = np.empty(space.size, dtype=np.float32)
    kernels.ranking_scores(
        passed,
        bm25,
        float(sum(lexicon.idf)) or 1.0,
        coverage.held,
        coverage.credit,
        coverage.entries,
        coverage.weights,
        coverage.ends,
        coverage.divisors,
        scale,
        used,
        numbers,
        switches,
        _PLACE_CREDITS,
        space.full("years"),
        space.full("salary"),
        space.full("tz"),
        space.full("country"),
        space.full("city"),
        space.full("relocate"),
        out,
    )
    return out


@dataclass(frozen=True, slots=True)
class _Coverage:
    """The coverage rows of ``kernels.ranking_scores``: required skills, preferred skills, the title, languages.

    ``held[k, row]`` is which entry of ``credit[k]`` (1-based, ``entries[k]`` of them) the
    row earns for coverage row ``k``, 0 for none; ``weights`` the skills' rarity weights,
    ``ends`` each group's end, ``divisors`` the required, preferred and language divisors.
    """

    held: NDArray[np.unsignedinteger[Any]]
    credit: F32
    entries: NDArray[np.int64]
    weights: F32
    ends: NDArray[np.int64]
    divisors: F32

    @classmethod
    def of(cls, space: Space, query: Query, lexicon: Lexicon) -> _Coverage:
        requisition = query.requisition
        related, share = query.related_skills, query.related_credit
        groups: list[list[tuple[float, str, str]]] = [
            [(value, key, "skill:") for value, key in _skill_expansions(wanted, related.get(wanted, {}), share)]
            for wanted in (*requisition.required_skills, *requisition.preferred_skills)
        ]
        if requisition.occupations:
            groups.append([(value, key, "occ:") for value, key in _title_expansions(query)])
        groups += [[(1.0, code, "lang:")] for code in requisition.preferred_languages]
        rows = max(len(groups), 1)
        widest = max((len(group) for group in groups), default=0)
        held = np.zeros((rows, space.size), dtype=np.uint8 if widest < 255 else np.uint16)
        credit = np.zeros((rows, widest + 1), dtype=np.float32)
        entries = np.zeros(rows, dtype=np.int64)
        for k, group in enumerate(groups):
            for value, key, prefix in group:  # ascending, so a row keeps the best key it holds
                tag_id = lexicon.tag_id(prefix + key)
                if tag_id is None or value <= 0:
                    continue
                entries[k] += 1
                credit[k, entries[k]] = np.float32(value)
                space.assign(tag_id, held[k], held.dtype.type(entries[k]))
        required, preferred = len(requisition.required_skills), len(requisition.preferred_skills)
        required_rarity = skill_rarity(requisition.required_skills, query, lexicon)
        preferred_rarity = skill_rarity(requisition.preferred_skills, query, lexicon)
        weights = np.zeros(rows, dtype=np.float32)
        weights[:required] = required_rarity
        weights[required : required + preferred] = preferred_rarity
        languages = len(requisition.preferred_languages)
        return cls(
            held=held,
            credit=credit,
            entries=entries,
            weights=weights,
            ends=np.cumsum([required, preferred, 1 if requisition.occupations else 0, languages]),
            divisors=np.array(
                [sum(required_rarity) or 1.0, sum(preferred_rarity) or 1.0, max(languages, 1)], dtype=np.float32
            ),
        )


def _applicable(query: Query, lexicon: Lexicon) -> dict[str, bool]:
    """Per factor, whether the requisition asks for it (a factor it does not ask for is left out of the score)."""
    requisition = query.requisition
    return {
        "lexical": bool(lexicon.term_ids),
        "required_skills": bool(requisition.required_skills),
        "preferred_skills": bool(requisition.preferred_skills),
        "title": bool(requisition.occupations),
        "experience": requisition.min_years is not None or requisition.max_years is not None,
        "location": (requisition.remote and requisition.tz_window is not None)
        or (not requisition.remote and bool(requisition.country or requisition.city)),
        "salary": requisition.salary_max is not None,
        "languages": bool(requisition.preferred_languages),
    }


def _scales(query: Query, lexicon: Lexicon) -> tuple[F32, NDArray[np.bool_]]:
    """Per factor (``FACTORS`` order) its weight over the applicable total, and whether it counts at all."""
    applicable = _applicable(query, lexicon)
    weights = {name: getattr(query.weights, name) for name in FACTORS if applicable[name]}
    total = sum(weights.values())
    scale = np.array([np.float32(weights.get(name, 0) / total) if total else 0 for name in FACTORS], dtype=np.float32)
    used = np.array([bool(weights.get(name, 0)) and bool(total) for name in FACTORS], dtype=np.bool_)
    return scale, used


def _settings(requisition: Requisition, tag: Callable[[str], int | None]) -> tuple[F32, NDArray[np.int64]]:
    """The kernel's ``numbers`` (years range, budget, time-zone window …) and ``switches`` (what applies, places)."""
    low, high, budget = requisition.min_years, requisition.max_years, requisition.salary_max
    use_low = low is not None and bool(np.float32(low) > 0)
    window = requisition.tz_window or (0.0, 0.0)
    numbers = np.array(
        [
            low if use_low and low is not None else 1.0,
            0.0 if high is None else high,
            0.0 if budget is None else budget,
            max(budget or 0.0, 1.0) * 0.5,
            window[0],
            window[1],
            UNKNOWN,
        ],
        dtype=np.float32,
    )
    switches = np.array(
        [
            use_low,
            high is not None,
            1 if requisition.remote else 2,
            bool(requisition.country),
            bool(requisition.city),
            _id_or_missing(tag("country:" + (requisition.country or "").lower())),
            _id_or_missing(tag("city:" + (requisition.city or "").lower())),
        ],
        dtype=np.int64,
    )
    return numbers, switches


def combine(factors: dict[str, F32], weights: dict[str, float], size: int) -> NDArray[np.float64]:
    """Weighted mean of the applicable factors (weights renormalised over them).

    Accumulated in float32, factor by factor in ``FACTORS`` order, like the factors
    themselves (a row's score is the same in every space); returned as float64.
    """
    total = sum(weights.values())
    score = np.zeros(size, dtype=np.float32)
    if total == 0:
        return score.astype(np.float64)
    for name, values in factors.items():
        if weights[name]:
            kernels.axpy(score, values, np.float32(weights[name] / total))
    return score.astype(np.float64)


def filters(space: Space, requisition: Requisition, tag: Callable[[str], int | None]) -> NDArray[np.bool_]:
    """Rows passing every hard filter; an unknown fact (no country, no time zone) passes."""
    size = space.size
    musts = [
        tag(prefix + key)
        for prefix, keys in (("flag:", requisition.knockouts), ("lang:", requisition.required_languages))
        for key in keys
    ]
    counts = np.zeros(size if musts else 1, dtype=np.uint8 if len(musts) < 255 else np.int64)
    for tag_id in musts:
        if tag_id is not None:  # a tag no one holds: nobody reaches the count
            space.count(tag_id, counts)
    any_held = np.zeros(size if requisition.any_flags else 1, dtype=bool)
    for flag in requisition.any_flags:
        tag_id = tag("flag:" + flag)
        if tag_id is not None:
            space.assign(tag_id, any_held, True)
    code = (requisition.work_authorisation or "").lower()
    authorised = _has(space, tag("auth:" + code)) if code else np.zeros(1, dtype=bool)
    window = requisition.tz_window if requisition.remote and requisition.tz_window is not None else (0.0, 0.0)
    passed = np.empty(size, dtype=bool)
    every = len(space.rows) == len(space.full("alive"))  # ascending distinct rows, as many as the index has
    kernels.row_filters(
        passed,
        _NO_ROWS if every else space.rows,
        space.full("alive"),
        counts,
        len(musts),
        any_held,
        bool(requisition.any_flags),
        authorised,
        bool(code),
        _id_or_missing(tag("country:" + code)),
        space.full("tz"),
        np.float32(window[0]),
        np.float32(window[1]),
        requisition.remote and requisition.tz_window is not None,
        space.full("country"),
        space.full("relocate"),
        _id_or_missing(tag("country:" + (requisition.country or "").lower())),
        not requisition.remote and bool(requisition.country),
    )
    return passed


def lexical(space: Space, lexicon: Lexicon, detail: bool) -> tuple[F32, NDArray[np.float32] | None]:
    """BM25 per row over the query terms, as a share of the score of a row holding each term once.

    Per posting the weight is ``idf · table[code]`` in float32, summed per row in
    query-term order in float32 (``kernels.bm25_add``) — the same arithmetic in every space.
    """
    bound = float(sum(lexicon.idf)) or 1.0
    share = np.empty(space.size, dtype=np.float32)
    kernels.lexical_share(space.bm25(lexicon), bound, share)
    term = getattr(space, "term", None)
    if not detail or term is None:
        return share, None
    return share, term_scores(term, lexicon, space.size)


def term_scores(
    term: Callable[[int], tuple[Positions, NDArray[np.uint16]]], lexicon: Lexicon, size: int
) -> NDArray[np.float32]:
    """Each query term's BM25 contribution per row (rows × terms), for explanations."""
    per_term = np.zeros((size, len(lexicon.term_ids)), dtype=np.float32)
    for column, (term_id, idf) in enumerate(zip(lexicon.term_ids, lexicon.idf, strict=True)):
        positions, codes = term(term_id)
        per_term[positions, column] = lexicon.table[codes] * np.float32(idf)
    return per_term


def skill_credit(
    space: Space,
    wanted: str,
    related: Mapping[str, float],
    related_credit: float,
    prefix: str,
    tag: Callable[[str], int | None],
    detail: bool,
) -> Credit:
    """Credit per row for one wanted key: 1 when held, else ``related_credit × similarity`` of the best related key."""
    return _best(space, wanted, _skill_expansions(wanted, related, related_credit), prefix, tag, detail)


def _skill_expansions(wanted: str, related: Mapping[str, float], related_credit: float) -> list[tuple[float, str]]:
    """The keys crediting a wanted skill, ascending by credit (the skill itself last, at 1)."""
    expansions = [(related_credit * float(value), key) for key, value in related.items() if key != wanted]
    return [*sorted(expansions), (1.0, wanted)]


def title_credit(space: Space, query: Query, tag: Callable[[str], int | None], detail: bool) -> Credit:
    """Best occupation match over the requisition's occupations (related occupations partly)."""
    return _best(space, " | ".join(query.requisition.occupations), _title_expansions(query), "occ:", tag, detail)


def _title_expansions(query: Query) -> list[tuple[float, str]]:
    """The occupations crediting the title, ascending by credit (the requisition's own at 1)."""
    expansions: dict[str, float] = {}
    for code in query.requisition.occupations:
        for key, value in query.related_occupations.get(code, {}).items():
            expansions[key] = max(expansions.get(key, 0.0), query.related_credit * float(value))
    for code in query.requisition.occupations:
        expansions[code] = 1.0
    return sorted((value, key) for key, value in expansions.items())


def _best(
    space: Space,
    wanted: str,
    ordered: list[tuple[float, str]],
    prefix: str,
    tag: Callable[[str], int | None],
    detail: bool,
) -> Credit:
    """Assign credits in ascending order so each row keeps the best one it earns."""
    credit = np.zeros(space.size, dtype=np.float32)
    via = np.full(space.size, -1, dtype=np.int16) if detail else None
    keys: list[str] = []
    for value, key in ordered:
        tag_id = tag(prefix + key)
        if tag_id is None or value <= 0:
            continue
        space.assign(tag_id, credit, np.float32(value))
        if via is not None:
            space.assign(tag_id, via, np.int16(len(keys)))
        keys.append(key)
    return Credit(wanted=wanted, keys=keys, credit=credit, via=via)


def experience_fit(
    years: NDArray[Any], low: float | None, high: float | None, rows: NDArray[np.int64] | None = None
) -> F32:
    """1 inside the range; below it the share of the minimum; above it −0.05 a year, never under 0.5.

    Computed for ``years[rows]`` (every value when ``rows`` is None), here and in the other factors taking ``rows``.
    """
    values = np.asarray(years, dtype=np.float32)
    rows = _every(values) if rows is None else rows
    fit = np.empty(len(rows), dtype=np.float32)
    use_low = low is not None and bool(np.float32(low) > 0)
    kernels.experience_fit(
        values,
        rows,
        np.float32(low if use_low else 1.0),
        use_low,
        np.float32(0.0 if high is None else high),
        high is not None,
        np.float32(UNKNOWN),
        fit,
    )
    return fit


def salary_fit(expected: NDArray[Any], budget: float, rows: NDArray[np.int64] | None = None) -> F32:
    """1 within budget, falling linearly to 0 at 1.5 × budget; unknown expectation scores ``UNKNOWN``."""
    values = np.asarray(expected, dtype=np.float32)
    rows = _every(values) if rows is None else rows
    fit = np.empty(len(rows), dtype=np.float32)
    kernels.salary_fit(values, rows, np.float32(budget), np.float32(max(budget, 1.0) * 0.5), np.float32(UNKNOWN), fit)
    return fit


def location_fit(space: Space, requisition: Requisition, tag: Callable[[str], int | None]) -> F32 | None:
    """Onsite: same city, same country, relocation; remote: inside the time-zone window. None if not applicable."""
    fit = np.empty(space.size, dtype=np.float32)
    if requisition.remote:
        if requisition.tz_window is None:
            return None
        lo, hi = requisition.tz_window
        kernels.window_fit(space.full("tz"), space.rows, np.float32(lo), np.float32(hi), np.float32(UNKNOWN), fit)
        return fit
    if not requisition.country and not requisition.city:
        return None
    kernels.place_fit(
        space.rows,
        space.full("country"),
        space.full("city"),
        space.full("relocate"),
        _id_or_missing(tag("country:" + (requisition.country or "").lower())),
        bool(requisition.country),
        _id_or_missing(tag("city:" + (requisition.city or "").lower())),
        bool(requisition.city),
        _PLACE_CREDITS,
        fit,
    )
    return fit


_NO_ROWS = np.zeros(0, dtype=np.int64)
_PLACE_CREDITS = np.array([SAME_CITY, SAME_COUNTRY, RELOCATES, UNKNOWN], dtype=np.float32)


def _has(space: Space, tag_id: int | None) -> NDArray[np.bool_]:
    present = np.zeros(space.size, dtype=bool)
    if tag_id is not None:
        space.assign(tag_id, present, True)
    return present


def _presence(space: Space, tag_id: int | None) -> F32:
    present = np.zeros(space.size, dtype=np.float32)
    if tag_id is not None:
        space.assign(tag_id, present, np.float32(1.0))
    return present


def skill_rarity(wanted: Sequence[str], query: Query, lexicon: Lexicon) -> list[float]:
    """Weight of each wanted skill in its coverage factor: its BM25-style idf over the live pool.

    A skill most of the pool holds (office software, SQL) says little about fit, a rare
    one a lot — as BM25 weighs words. A skill no one holds gets the largest weight (it
    lowers every row's coverage alike, so the order is unchanged). All 1 when
    ``query.skill_rarity`` is off or the space gives no frequencies.
    """
    if not query.skill_rarity or lexicon.tag_frequency is None or lexicon.live <= 0:
        return [1.0] * len(wanted)
    weights = []
    for skill in wanted:
        tag_id = lexicon.tag_id("skill:" + skill)
        frequency = 0 if tag_id is None else lexicon.tag_frequency(tag_id)
        weights.append(math.log(1 + (lexicon.live - frequency + 0.5) / (frequency + 0.5)))
    return weights


def _weighted_mean(values: list[F32], weights: list[float]) -> F32:
    size = len(values[0]) if values else 0
    total = np.zeros(size, dtype=np.float32)
    for value, weight in zip(values, weights, strict=True):
        kernels.axpy(total, value, np.float32(weight))
    # float32 rounding of the weighted sum stays within [0, 1]
    kernels.divide_at_most_one(total, np.float32(sum(weights) or 1.0))
    return total


def _mean(values: list[F32], size: int) -> F32:
    total = np.zeros(size, dtype=np.float32)
    for value in values:
        total += value
    return total / np.float32(max(len(values), 1))


def _every(values: NDArray[Any]) -> NDArray[np.int64]:
    return np.arange(len(values), dtype=np.int64)


def _id_or_missing(tag_id: int | None) -> int:
    """A tag id to compare with a column; -2 matches no row (unknown is -1)."""
    return -2 if tag_id is None else tag_id
