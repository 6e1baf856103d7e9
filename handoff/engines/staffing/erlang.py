"""Erlang B, C and A, vectorised over intervals.

Every function takes numpy arrays (or scalars, broadcast together) and returns
arrays of the broadcast shape, so a whole day of intervals for many queues is
computed in a few numpy passes instead of one Python loop per interval.

Notation: ``a`` is the offered traffic in Erlangs (arrivals per second × AHT
in seconds), ``n`` the number of agents, ``mu = 1 / AHT``, ``lam = a × mu``
and, for Erlang A, ``theta = 1 / mean patience``.

Erlang B uses the stable recursion B(0) = 1, B(n) = a·B(n−1) / (n + a·B(n−1)).
For large traffic the recursion does not start at 0 but about 10·√a agents
below min(n, a), from the fluid value B ≈ 1 − k/a: the recursion contracts the
relative error of its start by a factor k/a per step (d log B(k) / d log B(k−1)
= k / (k + a·B(k−1)) ≈ k/a there), so after 10·√a steps the error is below
exp(−50) ≈ 2e−22, far under double precision. The result is the same as the
full recursion (checked in the tests) at a fraction of the steps: 5000 Erlangs
need about 700 steps, not 5000.

Erlang C comes from Erlang B: C = n·B / (n − a·(1 − B)) for n > a.

Erlang A (M/M/n+M, Palm 1943; Garnett, Mandelbaum and Reiman, "Designing a
call center with impatient customers", M&SOM 4(3), 2002) is the birth-death
chain with birth rate lam and death rate min(k, n)·mu + max(k − n, 0)·theta.
Relative to the probability p_n of exactly n in the system,

- the states below n sum to 1/B(n, a) − 1 (Erlang B),
- the states from n up sum to T0 = Σ_{j≥0} t_j with t_j = Π_{i=1..j} lam / (n·mu + i·theta),
- the mean queue is Lq ∝ T1 = Σ_j j·t_j,

so P(wait) = T0 / (1/B − 1 + T0) and P(abandon) = theta·Lq / lam. The sums
are accumulated in log space in growing chunks, per interval, until a
geometric bound on the remainder falls below e^−40 of the sum; so 5000 Erlangs
with two agents (terms peaking near e^+28000) neither overflow nor underflow.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

START_MARGIN_SQRT = 10.0  # the Erlang B recursion starts this many √a below min(n, a)
TAIL_LOG_TOLERANCE = 40.0  # series stop when the remainder is below e^-40 of the sum
MAX_SERIES_TERMS = 5_000_000  # a guard against absurd inputs (patience ≫ AHT in overload)
CHUNK_ELEMENTS = 2_000_000  # at most this many series terms are held in memory at once


@dataclass(frozen=True, eq=False)
class ErlangCMetrics:
    """Erlang C results per interval. Unstable intervals (agents ≤ traffic) get
    p_wait 1, service level 0, infinite ASA and occupancy 1."""

    p_wait: FloatArray
    service_level: FloatArray
    asa_seconds: FloatArray
    occupancy: FloatArray


@dataclass(frozen=True, eq=False)
class ErlangAMetrics:
    """Erlang A results per interval.

    ``asa_seconds`` is the mean wait of answered contacts (average speed of
    answer); ``mean_wait_seconds`` is the mean wait of all offered contacts,
    abandoned ones included (Lq / lam by Little's law).
    """

    p_wait: FloatArray
    p_abandon: FloatArray
    service_level: FloatArray
    asa_seconds: FloatArray
    mean_wait_seconds: FloatArray
    occupancy: FloatArray


def as_floats(*values: ArrayLike) -> list[FloatArray]:
    """Broadcast the arguments together as 1-d float arrays (a scalar becomes length 1)."""
    arrays = np.broadcast_arrays(*(np.atleast_1d(np.asarray(v, dtype=np.float64)) for v in values))
    return [np.ascontiguousarray(a.ravel(), dtype=np.float64) for a in arrays]


def as_agents(values: ArrayLike) -> IntArray:
    """Agent counts as int64, refusing fractions and negatives."""
    raw = np.atleast_1d(np.asarray(values))
    agents = raw.astype(np.int64)
    if np.any(agents != raw) or np.any(agents < 0):
        raise ValueError("agents must be whole numbers of zero or more")
    return agents


def traffic_erlangs(calls: ArrayLike, aht_seconds: ArrayLike, interval_seconds: ArrayLike) -> FloatArray:
    """Offered traffic in Erlangs: calls per interval × AHT / interval length."""
    calls_a, aht_a, interval_a = as_floats(calls, aht_seconds, interval_seconds)
    return calls_a * aht_a / interval_a


def recursion_start(traffic: FloatArray, agents: IntArray) -> IntArray:
    """Where the Erlang B recursion starts: 10·√a below min(n, a), never below 0."""
    lowest = np.minimum(agents.astype(np.float64), traffic) - START_MARGIN_SQRT * np.sqrt(traffic)
    return np.minimum(np.maximum(np.floor(lowest), 0.0).astype(np.int64), agents)


def start_value(traffic: FloatArray, start: IntArray) -> FloatArray:
    """B at the start of the recursion: exactly 1 at 0 agents, else the fluid value 1 − k/a."""
    with np.errstate(divide="ignore", invalid="ignore"):
        fluid = 1.0 - start / traffic
    return np.where(start == 0, 1.0, fluid)


def erlang_b_step(traffic: FloatArray, blocking: FloatArray, agents: FloatArray | IntArray) -> FloatArray:
    """One step of the recursion: B(n) from B(n − 1)."""
    carried = traffic * blocking
    return np.asarray(carried / (agents + carried), dtype=np.float64)


def erlang_b(traffic: ArrayLike, agents: ArrayLike) -> FloatArray:
    """Blocking probability of an M/M/n/n loss system (Erlang B)."""
    traffic_a = as_floats(traffic, agents)[0]
    agents_a = np.broadcast_to(as_agents(agents), traffic_a.shape).astype(np.int64)
    return erlang_b_arrays(traffic_a, agents_a)


def erlang_b_arrays(traffic: FloatArray, agents: IntArray) -> FloatArray:
    """Erlang B for aligned 1-d arrays, each row from its own recursion start."""
    start = recursion_start(traffic, agents)
    return advance_erlang_b(traffic, start_value(traffic, start), start, agents)


def advance_erlang_b(traffic: FloatArray, blocking: FloatArray, start: IntArray, agents: IntArray) -> FloatArray:
    """B(agents) from B(start), all rows stepping together.

    Rows are ordered by the steps they still need, so each step updates a
    contiguous prefix (the rows still moving) without masks or copies.
    """
    steps = agents - start
    order = np.argsort(-steps, kind="stable")
    a = traffic[order]
    b = blocking[order].copy()
    n = start[order].astype(np.float64)
    remaining = steps[order]
    longest = int(remaining.max(initial=0))
    moving_at = np.searchsorted(-remaining, -np.arange(1, longest + 1), side="right").tolist()
    carried = np.empty_like(b)
    for moving in moving_at:
        np.multiply(a[:moving], b[:moving], out=carried[:moving])
        np.add(n[:moving], 1.0, out=n[:moving])
        np.divide(carried[:moving], n[:moving] + carried[:moving], out=b[:moving])
    result = np.empty_like(b)
    result[order] = b
    return result


def erlang_c(traffic: ArrayLike, agents: ArrayLike) -> FloatArray:
    """Probability of waiting in an M/M/n queue (Erlang C); 1 when agents ≤ traffic."""
    traffic_a = as_floats(traffic, agents)[0]
    agents_a = np.broadcast_to(as_agents(agents), traffic_a.shape).astype(np.int64)
    return erlang_c_from_b(traffic_a, agents_a, erlang_b_arrays(traffic_a, agents_a))


def erlang_c_from_b(traffic: FloatArray, agents: IntArray | FloatArray, blocking: FloatArray) -> FloatArray:
    """C = n·B / (n − a·(1 − B)) where n > a; 1 where the queue is unstable; 0 with no traffic."""
    stable = agents > traffic
    with np.errstate(divide="ignore", invalid="ignore"):
        delayed = agents * blocking / (agents - traffic * (1.0 - blocking))
    return np.where(traffic == 0, 0.0, np.where(stable, delayed, 1.0))


def erlang_c_metrics(
    traffic: ArrayLike, agents: ArrayLike, aht_seconds: ArrayLike, answer_within_seconds: ArrayLike
) -> ErlangCMetrics:
    """P(wait), service level, ASA and occupancy of M/M/n queues.

    SL(T) = 1 − C·exp(−(n − a)·T / AHT); ASA = C·AHT / (n − a); occupancy = a / n.
    """
    traffic_a, agents_f, aht_a, within_a = as_floats(traffic, agents, aht_seconds, answer_within_seconds)
    agents_a = as_agents(agents_f)
    p_wait = erlang_c_from_b(traffic_a, agents_a, erlang_b_arrays(traffic_a, agents_a))
    return erlang_c_from_p_wait(traffic_a, agents_a, aht_a, within_a, p_wait)


def erlang_c_from_p_wait(
    traffic: FloatArray, agents: IntArray | FloatArray, aht: FloatArray, within: FloatArray, p_wait: FloatArray
) -> ErlangCMetrics:
    """The Erlang C service figures once P(wait) is known."""
    spare = agents - traffic
    stable = (spare > 0) | (traffic == 0)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        service_level = 1.0 - p_wait * np.exp(-spare * within / aht)
        asa = np.where(traffic == 0, 0.0, p_wait * aht / spare)
        occupancy = np.where(traffic == 0, 0.0, traffic / agents)
    return ErlangCMetrics(
        p_wait=p_wait,
        service_level=np.where(stable, service_level, 0.0),
        asa_seconds=np.where(stable, asa, np.inf),
        occupancy=np.where(stable, occupancy, 1.0),
    )


Weight = Literal["none", "index", "harmonic"]


@dataclass(frozen=True, eq=False)
class _SeriesState:
    """Where the chunked summation of one batch of rows stands."""

    last_log: FloatArray  # log of the last term summed
    last_harmonic: FloatArray  # H_k = Σ_{i≤k} 1 / (c + iθ) at the last term
    log_sum: FloatArray
    log_weighted: FloatArray


def log_series(x: FloatArray, c: FloatArray, theta: FloatArray, weight: Weight) -> tuple[FloatArray, FloatArray]:
    """log Σ_k s_k and log Σ_k w_k·s_k with s_k = x^k / Π_{i=0..k} (c + i·θ), k ≥ 0.

    The weight w_k is k ("index", for the mean queue length), H_k = Σ_{i=0..k}
    1 / (c + i·θ) ("harmonic", for the mean wait of answered contacts) or none
    (the second result is then −inf). Rows with x = 0 keep only the first term.
    Every row stops on its own once the remainder, bounded by a geometric
    series with ratio q = x / (c + (k+1)·θ) < 1, is below e^−40 of the sums.
    """
    first = -np.log(c)
    state = _SeriesState(
        last_log=first.copy(),
        last_harmonic=1.0 / c,
        log_sum=first.copy(),
        log_weighted=2.0 * first if weight == "harmonic" else np.full_like(c, -np.inf),
    )
    with np.errstate(divide="ignore"):
        log_x = np.log(x)
    active = np.arange(c.size)
    done = 0
    width = 32
    while active.size:
        if done > MAX_SERIES_TERMS:
            raise ValueError("Erlang A series does not converge: patience is far too long for an overloaded queue")
        _sum_chunk(state, active, log_x, c, theta, weight, done, width)
        done += width
        active = active[~_converged(state, active, x, c, theta, weight, done)]
        width = max(32, min(width * 2, CHUNK_ELEMENTS // max(active.size, 1)))
    return state.log_sum, state.log_weighted


def _sum_chunk(
    state: _SeriesState,
    rows: IntArray,
    log_x: FloatArray,
    c: FloatArray,
    theta: FloatArray,
    weight: Weight,
    done: int,
    width: int,
) -> None:
    """Add terms done+1 .. done+width of the active rows to the running log sums.

    The chunk's terms are exponentiated once, relative to each row's largest,
    and summed plain and weighted.
    """
    index = np.arange(done + 1, done + width + 1, dtype=np.float64)
    denominators = c[rows, None] + index[None, :] * theta[rows, None]
    logs = state.last_log[rows, None] + np.cumsum(log_x[rows, None] - np.log(denominators), axis=1)
    peak = logs.max(axis=1)
    shift = np.where(np.isfinite(peak), peak, 0.0)
    scaled = np.exp(logs - shift[:, None])
    with np.errstate(divide="ignore"):
        state.log_sum[rows] = np.logaddexp(state.log_sum[rows], shift + np.log(scaled.sum(axis=1)))
        if weight == "index":
            weighted = shift + np.log(scaled @ index)
            state.log_weighted[rows] = np.logaddexp(state.log_weighted[rows], weighted)
        elif weight == "harmonic":
            harmonic = state.last_harmonic[rows, None] + np.cumsum(1.0 / denominators, axis=1)
            weighted = shift + np.log(np.einsum("ij,ij->i", scaled, harmonic))
            state.log_weighted[rows] = np.logaddexp(state.log_weighted[rows], weighted)
            state.last_harmonic[rows] = harmonic[:, -1]
    state.last_log[rows] = logs[:, -1]


def _converged(
    state: _SeriesState, rows: IntArray, x: FloatArray, c: FloatArray, theta: FloatArray, weight: Weight, done: int
) -> BoolArray:
    """Whether the remainder after term ``done`` is negligible for each row.

    With q = x / (c + (done+1)·θ) < 1 every later ratio is at most q, so the
    remainder is at most s·q/(1−q); weighted by k it is at most
    s·(k·q/(1−q) + q/(1−q)²), and by H_k at most s·(H·q/(1−q) + q/(c·(1−q)²)).
    """
    ratio = x[rows] / (c[rows] + (done + 1) * theta[rows])
    below_one = ratio < 1.0
    q = np.where(below_one, ratio, 0.5)
    geometric = q / (1.0 - q)
    with np.errstate(divide="ignore"):
        small = state.last_log[rows] + np.log(geometric) < state.log_sum[rows] - TAIL_LOG_TOLERANCE
        if weight != "none":
            per_index = done if weight == "index" else state.last_harmonic[rows]
            slope = 1.0 if weight == "index" else 1.0 / c[rows]
            weighted_tail = state.last_log[rows] + np.log(per_index * geometric + slope * geometric / (1.0 - q))
            small &= weighted_tail < state.log_weighted[rows] - TAIL_LOG_TOLERANCE
    return np.asarray(below_one & small, dtype=np.bool_)


def erlang_a_metrics(
    traffic: ArrayLike,
    agents: ArrayLike,
    aht_seconds: ArrayLike,
    patience_seconds: ArrayLike,
    answer_within_seconds: ArrayLike,
    *,
    with_service_level: bool = True,
    with_asa: bool = True,
) -> ErlangAMetrics:
    """P(wait), P(abandon), service level, ASA and occupancy of M/M/n+M queues.

    Service level is P(answered within T) over all offered contacts,
    abandoned ones included (see :func:`erlang_a_answered_late`). A search that
    does not need the service level or the ASA can skip their series; those
    fields are then NaN where there is traffic and agents.
    """
    traffic_a, agents_f, aht_a, patience_a, within_a = as_floats(
        traffic, agents, aht_seconds, patience_seconds, answer_within_seconds
    )
    agents_a = as_agents(agents_f)
    if np.any(patience_a <= 0) or not np.all(np.isfinite(patience_a)):
        raise ValueError("mean patience must be a positive number of seconds")
    result = _empty_erlang_a(traffic_a.size)
    busy = (traffic_a > 0) & (agents_a > 0)
    rows = np.flatnonzero(busy)
    if rows.size:
        wanted = (with_service_level, with_asa)
        _fill_erlang_a(result, rows, (traffic_a, agents_a, aht_a, patience_a, within_a), wanted)
    idle = (traffic_a > 0) & (agents_a == 0)
    _fill_no_agents(result, np.flatnonzero(idle))
    return result


def _empty_erlang_a(size: int) -> ErlangAMetrics:
    """Metrics of intervals without traffic: nobody waits, everybody is answered at once."""
    return ErlangAMetrics(
        p_wait=np.zeros(size),
        p_abandon=np.zeros(size),
        service_level=np.ones(size),
        asa_seconds=np.zeros(size),
        mean_wait_seconds=np.zeros(size),
        occupancy=np.zeros(size),
    )


def _fill_no_agents(result: ErlangAMetrics, rows: IntArray) -> None:
    """With traffic and no agents every contact waits and abandons."""
    result.p_wait[rows] = 1.0
    result.p_abandon[rows] = 1.0
    result.service_level[rows] = 0.0
    result.asa_seconds[rows] = np.inf
    result.mean_wait_seconds[rows] = np.inf
    result.occupancy[rows] = 1.0


def _fill_erlang_a(
    result: ErlangAMetrics,
    rows: IntArray,
    inputs: tuple[FloatArray, IntArray, FloatArray, FloatArray, FloatArray],
    wanted: tuple[bool, bool],
) -> None:
    """Compute Erlang A for the rows with traffic and at least one agent."""
    traffic, agents, aht, patience, within = inputs
    a, n, mu, theta, t = traffic[rows], agents[rows], 1.0 / aht[rows], 1.0 / patience[rows], within[rows]
    lam = a * mu
    c = n * mu
    log_m, log_mk = log_series(lam, c, theta, "index")  # M = T0 / c and Σ k·s_k = T1 / c
    with np.errstate(divide="ignore"):
        log_b = np.log(erlang_b_arrays(a, n))
        log_below = np.log(-np.expm1(log_b)) - log_b  # log(1/B − 1): the states below n, relative to p_n
    log_total = np.logaddexp(log_below, np.log(c) + log_m)
    log_p_wait = np.log(c) + log_m - log_total
    p_abandon = np.minimum(np.exp(np.log(theta) + np.log(c) + log_mk - log_total - np.log(lam)), 1.0)
    result.p_wait[rows] = np.exp(log_p_wait)
    result.p_abandon[rows] = p_abandon
    result.mean_wait_seconds[rows] = p_abandon / theta
    result.occupancy[rows] = np.minimum(a * (1.0 - p_abandon) / n, 1.0)  # rounding can pass 1 by 1e-15
    with_service_level, with_asa = wanted
    result.service_level[rows] = np.nan
    result.asa_seconds[rows] = np.nan
    if with_service_level:
        late = erlang_a_answered_late(lam, c, theta, t, log_p_wait - log_m)
        result.service_level[rows] = np.clip(1.0 - p_abandon - late, 0.0, 1.0)
    if with_asa:
        answered = 1.0 - p_abandon
        with np.errstate(divide="ignore", invalid="ignore"):
            asa = _answered_wait(lam, c, theta, log_p_wait - log_m) / answered
        result.asa_seconds[rows] = np.where(answered > 0, asa, np.inf)


def erlang_a_answered_late(
    lam: FloatArray, c: FloatArray, theta: FloatArray, within: FloatArray, log_density_scale: FloatArray
) -> FloatArray:
    """P(answered after T) in M/M/n+M; the service level is 1 − P(abandon) − this.

    Formula (Mandelbaum and Zeltyn, "The M/M/n+G queue: summary of performance
    measures", Technion 2009, §2 with exponential patience; also Zeltyn and
    Mandelbaum, Queueing Systems 51, 2005): the offered wait V (the wait of a
    contact with infinite patience) has an atom 1 − P(wait) at 0 and, for x > 0,
    the density f(x) = P(wait)/J · exp(r·(1 − e^(−θx)) − n·mu·x), r = lam/θ,
    J = ∫0^∞ exp(r·(1 − e^(−θx)) − n·mu·x) dx. A contact is answered iff its
    patience exceeds V, which happens with probability e^(−θV), so

        P(answered after T) = P(wait)/J · ∫_T^∞ exp(r(1 − e^(−θx)) − (n·mu + θ)x) dx
                            = P(wait)/J · exp(r(1 − u) − (n·mu + θ)T) · G(u),  u = e^(−θT),
        G(u) = Σ_k (lam·u)^k / Π_{i=0..k} (n·mu + θ + iθ)

    (expand the integrand after x = T + s; the same series with T = 0 and
    c = n·mu gives J = M, which ties J to the birth-death chain's sums).
    Erlang C is the limit θ → 0: P(wait)·e^(−(n·mu − lam)·T).
    ``log_density_scale`` is log(P(wait) / J).
    """
    u_rate = lam * np.exp(-theta * within)
    log_g = log_series(u_rate, c + theta, theta, "none")[0]
    exponent = (lam / theta) * -np.expm1(-theta * within) - (c + theta) * within
    return np.asarray(np.exp(log_density_scale + exponent + log_g), dtype=np.float64)


def _answered_wait(lam: FloatArray, c: FloatArray, theta: FloatArray, log_density_scale: FloatArray) -> FloatArray:
    """E[V·e^(−θV)] = E[wait · 1{answered}]: the integral of x·f(x)·e^(−θx).

    With M(c') = Σ_k lam^k / Π_{i=0..k} (c' + iθ) equal to ∫ exp(r(1 − e^(−θx)) − c'x) dx,
    −dM/dc' = ∫ x·exp(...) dx = Σ_k H_k·lam^k / Π (c' + iθ), taken at c' = n·mu + θ.
    """
    log_h = log_series(lam, c + theta, theta, "harmonic")[1]
    return np.asarray(np.exp(log_density_scale + log_h), dtype=np.float64)
