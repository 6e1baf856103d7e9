"""The ranking's inner loops, compiled with Numba: one pass where numpy needs several.

Each kernel performs, element by element, exactly the float32 operations of the
numpy expression it replaces (same order, no fused multiply-add, NaN handled the
same way), so scores do not depend on which path or which space computed them.
Compiled code is cached next to this module (``cache=True``): a process pays the
compilation once per machine, not per query.
"""

from __future__ import annotations

from typing import Any

import numba
import numpy as np
from numpy.typing import NDArray

_jit = numba.njit(cache=True, nogil=True, boundscheck=False, error_model="numpy")

F32 = NDArray[np.float32]


@_jit
def _experience(
    value: Any, low: Any, use_low: bool, high: Any, use_high: bool, unknown: Any
) -> Any:  # pragma: no cover - compiled
    # Written without early returns, as selects: the fused loop stays free of unpredictable branches.
    one, half, slope = np.float32(1.0), np.float32(0.5), np.float32(0.05)
    share = value / low
    fit = share if use_low and share < one else one
    falling = one - slope * (value - high)
    falling = falling if falling > half else half
    fit = falling if use_high and falling < fit else fit
    return unknown if np.isnan(value) else fit


@_jit
def _salary(value: Any, budget: Any, span: Any, unknown: Any) -> Any:  # pragma: no cover - compiled
    zero, one = np.float32(0.0), np.float32(1.0)
    fit = one - (value - budget) / span
    fit = zero if fit < zero else (one if fit > one else fit)
    return unknown if np.isnan(value) else fit


@_jit
def _window(value: Any, lo: Any, hi: Any, unknown: Any) -> Any:  # pragma: no cover - compiled
    inside = np.float32(1.0) if lo <= value <= hi else np.float32(0.0)
    return unknown if np.isnan(value) else inside


@_jit
def _place(
    country: int,
    city: int,
    relocate: bool,
    wanted_country: int,
    use_country: bool,
    wanted_city: int,
    use_city: bool,
    credits: Any,
) -> Any:  # pragma: no cover - compiled
    fit = credits[2] if relocate else np.float32(0.0)
    fit = credits[1] if use_country and country == wanted_country else fit
    fit = credits[0] if use_city and city == wanted_city else fit
    return credits[3] if country < 0 and fit < credits[3] else fit


@_jit
def _share(score: Any, bound: float) -> Any:  # pragma: no cover - compiled
    value = np.float64(score) / bound
    return np.float32(value if value < 1.0 else 1.0)


@_jit
def _lower_bound(values: Any, lo: int, hi: int, key: Any) -> int:  # pragma: no cover - compiled
    """The first index in ``[lo, hi)`` of ascending ``values`` whose value is not below ``key`` (``hi`` if none)."""
    while lo < hi:
        middle = (lo + hi) >> 1
        if values[middle] < key:
            lo = middle + 1
        else:
            hi = middle
    return lo


@_jit
def bm25_add(
    out: Any, start: int, rows: Any, codes: Any, ptr: Any, term_ids: Any, idf: Any, table: Any
) -> None:  # pragma: no cover - compiled
    """``out[start + row] += table[code] · idf[k]`` over the postings of each query term ``k``, in term order.

    ``ptr`` delimits each key's postings (CSC); ``term_ids`` picks the keys in query-term
    order. Every space sums BM25 with it, so a row's sum is the same in all of them.
    """
    keys = len(ptr) - 1
    for k in range(len(term_ids)):
        term = term_ids[k]
        if term >= keys:
            continue
        weight = idf[k]
        for p in range(ptr[term], ptr[term + 1]):
            out[start + rows[p]] += table[codes[p]] * weight


@_jit
def axpy(total: Any, values: Any, weight: Any) -> None:  # pragma: no cover - compiled
    """``total += values · weight`` in float32 (the product rounded, then the sum)."""
    for i in range(len(total)):
        total[i] += values[i] * weight


@_jit
def divide_at_most_one(total: Any, divisor: Any) -> None:  # pragma: no cover - compiled
    """``total = min(total / divisor, 1)`` in float32."""
    one = np.float32(1.0)
    for i in range(len(total)):
        value = total[i] / divisor
        total[i] = value if value < one else one


@_jit
def experience_fit(
    years: Any, rows: Any, low: Any, use_low: bool, high: Any, use_high: bool, unknown: Any, out: Any
) -> None:  # pragma: no cover - compiled
    """See ``scoring.experience_fit``: min(1, years / low, max(0.5, 1 − 0.05 · (years − high))); NaN → unknown.

    Like every kernel taking ``rows``, it reads the column at ``rows`` and writes ``out`` position by position.
    """
    for i in range(len(rows)):
        out[i] = _experience(years[rows[i]], low, use_low, high, use_high, unknown)


@_jit
def salary_fit(
    expected: Any, rows: Any, budget: Any, span: Any, unknown: Any, out: Any
) -> None:  # pragma: no cover - compiled
    """See ``scoring.salary_fit``: clip(1 − (expected − budget) / span, 0, 1); NaN → unknown."""
    for i in range(len(rows)):
        out[i] = _salary(expected[rows[i]], budget, span, unknown)


@_jit
def window_fit(tz: Any, rows: Any, lo: Any, hi: Any, unknown: Any, out: Any) -> None:  # pragma: no cover - compiled
    """1 inside the time-zone window, 0 outside, ``unknown`` when the time zone is not known."""
    for i in range(len(rows)):
        out[i] = _window(tz[rows[i]], lo, hi, unknown)


@_jit
def place_fit(
    rows: Any,
    country: Any,
    city: Any,
    relocate: Any,
    wanted_country: int,
    use_country: bool,
    wanted_city: int,
    use_city: bool,
    credits: Any,
    out: Any,
) -> None:  # pragma: no cover - compiled
    """See ``scoring.location_fit`` (onsite): ``credits`` = (same city, same country, relocates, unknown)."""
    for i in range(len(rows)):
        row = rows[i]
        out[i] = _place(
            country[row], city[row], relocate[row], wanted_country, use_country, wanted_city, use_city, credits
        )


@_jit
def count_into(counts: Any, rows: Any) -> None:  # pragma: no cover - compiled
    """``counts[rows] += 1`` (a tag's rows are distinct)."""
    for row in rows:
        counts[row] += 1


@_jit
def row_filters(
    passed: Any,
    rows: Any,
    alive: Any,
    counts: Any,
    musts: int,
    any_held: Any,
    use_any: bool,
    authorised: Any,
    use_authorisation: bool,
    authorised_country: int,
    tz: Any,
    lo: Any,
    hi: Any,
    use_window: bool,
    country: Any,
    relocate: Any,
    wanted_country: int,
    use_country: bool,
) -> None:  # pragma: no cover - compiled
    """Every hard filter of each position (see ``scoring.filters``), without branches.

    ``counts`` holds how many of the ``musts`` tags (knock-outs, required languages) each
    position has; ``any_held`` whether it holds one of the "any" flags; ``authorised``
    whether it holds the work authorisation. Arrays that a query does not use may have length 1;
    empty ``rows`` means every row, in order.
    """
    has_musts, has_any, has_authorisation = 1 if musts else 0, 1 if use_any else 0, 1 if use_authorisation else 0
    every = len(rows) == 0  # no rows given: position i is row i
    for i in range(len(passed)):
        row = i if every else rows[i]
        here = country[row]
        value = tz[row]
        ok = alive[row] & (counts[i * has_musts] == musts)
        ok &= (not use_any) | any_held[i * has_any]
        ok &= (not use_authorisation) | authorised[i * has_authorisation] | (here == authorised_country)
        ok &= (not use_window) | np.isnan(value) | ((lo <= value) & (value <= hi))
        ok &= (not use_country) | (here < 0) | (here == wanted_country) | relocate[row]
        passed[i] = ok


@_jit
def find_terms(
    term_ptr: Any, term_rows: Any, term_code: Any, wanted: Any, local: Any, term_out: Any, row_out: Any, code_out: Any
) -> int:  # pragma: no cover - compiled
    """For each wanted term (in order) and each local row (ascending), the row's posting code if it holds the term.

    Binary search per (term, row) in the term's ascending posting rows; hits are written
    grouped by term, rows ascending within a term. Returns the number of hits.
    """
    keys = len(term_ptr) - 1
    found = 0
    for k in range(len(wanted)):
        term = wanted[k]
        if term >= keys:
            continue
        lo_all, hi_all = term_ptr[term], term_ptr[term + 1]
        lo = lo_all
        for j in range(len(local)):
            row = local[j]
            lo = _lower_bound(term_rows, lo, hi_all, row)  # rows ascend: each search starts where the last ended
            if lo < hi_all and term_rows[lo] == row:
                term_out[found] = k
                row_out[found] = j
                code_out[found] = term_code[lo]
                found += 1
    return found


@_jit
def lexical_share(scores: Any, bound: float, out: Any) -> None:  # pragma: no cover - compiled
    """``float32(min(float64(score) / bound, 1))``: BM25 as a share of the bound (see ``scoring.lexical``)."""
    for i in range(len(scores)):
        out[i] = _share(scores[i], bound)


@_jit
def members(held: Any, chosen: Any, out: Any) -> int:  # pragma: no cover - compiled
    """Positions in ``chosen`` (ascending rows) of the rows that are in ``held`` (ascending); returns their count."""
    found = 0
    lo = 0
    end = len(held)
    for j in range(len(chosen)):
        row = chosen[j]
        lo = _lower_bound(held, lo, end, row)
        if lo < end and held[lo] == row:
            out[found] = j
            found += 1
    return found


@_jit
def assign(target: Any, rows: Any, value: Any) -> None:  # pragma: no cover - compiled
    """``target[rows] = value``."""
    for row in rows:
        target[row] = value


@_jit
def _lookup(held: Any, values: Any, entries: int, found: Any) -> None:  # pragma: no cover - compiled
    """``found = values[held]`` for a small table, as one vectorised select per entry (no gathers)."""
    found[:] = np.float32(0.0)
    for entry in range(1, entries + 1):
        value = values[entry]
        for j in range(len(found)):
            found[j] = value if held[j] == entry else found[j]


@_jit
def ranking_scores(
    passed: Any,
    bm25: Any,
    bound: float,
    expansion: Any,
    credit: Any,
    entries: Any,
    coverage: Any,
    groups: Any,
    divisors: Any,
    scale: Any,
    used: Any,
    numbers: Any,
    switches: Any,
    places: Any,
    years: Any,
    salary: Any,
    tz: Any,
    country: Any,
    city: Any,
    relocate: Any,
    out: Any,
) -> None:  # pragma: no cover - compiled
    """Every factor and the weighted score of each row in one pass; ``-inf`` for rows failing the filters.

    The same float32 operations, in the same order, as ``scoring.evaluate`` factor by
    factor (``axpy`` sums, ``divide_at_most_one``, the helpers above), so a row's score
    here equals the one its explanation shows.

    ``expansion[k, row]`` is the 1-based index into ``credit[k]`` (``entries[k]`` long
    after its leading 0) of the best key the row holds for coverage row ``k`` (0: none).
    Coverage rows are grouped by ``groups`` (end offsets): required skills, preferred
    skills, the title, preferred languages; their weights in ``coverage`` and the group
    divisors in ``divisors``. ``scale[f]`` is factor ``f``'s weight over the applicable
    total, counted where ``used[f]`` (``FACTORS`` order).
    ``numbers`` = (low, high, budget, span, window lo, window hi, unknown);
    ``switches`` = (use low, use high, location mode 0 none / 1 window / 2 place,
    use country, use city, wanted country, wanted city); ``places`` = place credits.
    """
    low, high, budget, span, lo, hi, unknown = (
        numbers[0],
        numbers[1],
        numbers[2],
        numbers[3],
        numbers[4],
        numbers[5],
        numbers[6],
    )
    use_low, use_high, mode = switches[0] != 0, switches[1] != 0, switches[2]
    use_country, use_city, wanted_country, wanted_city = switches[3] != 0, switches[4] != 0, switches[5], switches[6]
    required_end, preferred_end, title_end, languages_end = groups[0], groups[1], groups[2], groups[3]
    one = np.float32(1.0)
    minus = np.float32(-np.inf)
    # Factor by factor over blocks of rows that stay in the first-level cache: each inner
    # loop's rows are independent (pipelined, often vectorised), and each row still adds its
    # factors in ``FACTORS`` order.
    block = 512
    scores = np.empty(block, dtype=np.float32)
    totals = np.empty(block, dtype=np.float32)
    founds = np.empty(block, dtype=np.float32)
    size = len(passed)
    for start in range(0, size, block):
        end = min(start + block, size)
        m = end - start
        score, total, found = scores[:m], totals[:m], founds[:m]  # block slices: the loops know their bounds
        score[:] = np.float32(0.0)
        if used[0]:
            weight, chunk = scale[0], bm25[start:end]
            for j in range(m):
                score[j] += _share(chunk[j], bound) * weight
        for factor, first, last, divisor in (
            (1, 0, required_end, divisors[0]),
            (2, required_end, preferred_end, divisors[1]),
        ):
            if used[factor]:
                total[:] = np.float32(0.0)
                for k in range(first, last):
                    _lookup(expansion[k, start:end], credit[k], entries[k], found)
                    weight = coverage[k]
                    for j in range(m):
                        total[j] += found[j] * weight
                weight = scale[factor]
                for j in range(m):
                    value = total[j] / divisor
                    score[j] += (value if value < one else one) * weight
        if used[3]:
            _lookup(expansion[preferred_end, start:end], credit[preferred_end], entries[preferred_end], found)
            weight = scale[3]
            for j in range(m):
                score[j] += found[j] * weight
        if used[4]:
            weight, chunk = scale[4], years[start:end]
            for j in range(m):
                score[j] += _experience(chunk[j], low, use_low, high, use_high, unknown) * weight
        if used[5]:
            weight = scale[5]
            if mode == 1:
                chunk = tz[start:end]
                for j in range(m):
                    score[j] += _window(chunk[j], lo, hi, unknown) * weight
            else:
                here, town, moves = country[start:end], city[start:end], relocate[start:end]
                for j in range(m):
                    fit = _place(here[j], town[j], moves[j], wanted_country, use_country, wanted_city, use_city, places)
                    score[j] += fit * weight
        if used[6]:
            weight, chunk = scale[6], salary[start:end]
            for j in range(m):
                score[j] += _salary(chunk[j], budget, span, unknown) * weight
        if used[7]:
            total[:] = np.float32(0.0)
            for k in range(title_end, languages_end):
                _lookup(expansion[k, start:end], credit[k], entries[k], found)
                for j in range(m):
                    total[j] += found[j]
            weight, divisor = scale[7], divisors[2]
            for j in range(m):
                score[j] += (total[j] / divisor) * weight
        gate, target = passed[start:end], out[start:end]
        for j in range(m):
            target[j] = score[j] if gate[j] else minus
