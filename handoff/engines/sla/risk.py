"""Breach risk: the probability that an open item is not finished before its SLA deadline.

The queue is read as an M/M/c system at this moment: ``agents`` servers (``c``), each
finishing items at rate ``mu = 1 / mean_handling`` (business minutes). An item with
``ahead`` items before it in the claim order (items already in hand are not counted)
waits while all ``c`` agents are busy with the items ahead:

- if ``ahead < c`` an agent is free for it at once;
- otherwise it starts after ``k = ahead - c + 1`` departures, which, with every agent
  busy, come at rate ``lambda = c * mu``: an Erlang(k, lambda) wait.

Its own handling then takes an Exponential(mu) time, so the finishing time is
``T = Erlang(k, c mu) + Exp(mu)``, and the risk is ``P(T > remaining)`` where
``remaining`` is the business time left before the deadline (``0`` → certain breach).
Closed forms (exact, evaluated in log space so that long queues do not overflow):

- ``c = 1``: ``T`` is Erlang(k + 1, mu);
- ``c > 1``: ``P(T > r) = P(X > r) + e^{-mu r} (c / (c-1))^k P(Erlang(k, (c-1) mu) <= r)``.

An item already in hand (``in_hand=True``) only has its own handling left, with the
time it has been worked so far not counted (the exponential is memoryless).
No agents on the queue → risk 1 unless the deadline is already met.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum


class RiskLevel(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


TAIL_SIGMAS = 12.0
TAIL_SLACK = 20.0
MEDIUM_FROM = 0.2
HIGH_FROM = 0.5


@dataclass(frozen=True)
class QueueLoad:
    """The queue at this moment: agents working it and their mean handling time (business minutes)."""

    agents: int
    mean_handling_minutes: float

    def __post_init__(self) -> None:
        if self.agents < 0:
            raise ValueError("agents must not be negative")
        if not self.mean_handling_minutes > 0:
            raise ValueError("the mean handling time must be positive")


@dataclass(frozen=True)
class BreachRisk:
    probability: float
    expected_finish_minutes: float  # mean business minutes until the item is done (inf without agents)
    level: RiskLevel


def level_of(probability: float) -> RiskLevel:
    if probability >= HIGH_FROM:
        return RiskLevel.HIGH
    if probability >= MEDIUM_FROM:
        return RiskLevel.MEDIUM
    return RiskLevel.LOW


def breach_risk(load: QueueLoad, ahead: int, remaining_minutes: float, *, in_hand: bool = False) -> BreachRisk:
    """The probability the item misses its deadline, ``remaining_minutes`` of business time away."""
    if ahead < 0:
        raise ValueError("ahead must not be negative")
    if load.agents == 0 and not in_hand:
        return BreachRisk(1.0, math.inf, RiskLevel.HIGH)
    mu = 1.0 / load.mean_handling_minutes
    servers = max(load.agents, 1)
    stages = 0 if in_hand or ahead < servers else ahead - servers + 1
    expected = stages / (servers * mu) + 1 / mu
    if remaining_minutes <= 0:
        return BreachRisk(1.0, expected, RiskLevel.HIGH)
    probability = _finish_after(stages, servers, mu, remaining_minutes)
    probability = min(max(probability, 0.0), 1.0)
    return BreachRisk(probability, expected, level_of(probability))


def _finish_after(stages: int, servers: int, mu: float, remaining: float) -> float:
    """P(Erlang(stages, servers * mu) + Exp(mu) > remaining)."""
    if stages == 0:
        return math.exp(-mu * remaining)
    if servers == 1:
        return erlang_survival(stages + 1, mu, remaining)
    wait_rate = servers * mu
    log_factor = -mu * remaining + stages * math.log(servers / (servers - 1))
    tail = 1.0 - erlang_survival(stages, (servers - 1) * mu, remaining)
    second = math.exp(log_factor + math.log(tail)) if tail > 0 else 0.0
    return erlang_survival(stages, wait_rate, remaining) + second


def erlang_survival(shape: int, rate: float, x: float) -> float:
    """P(Erlang(shape, rate) > x) = P(Poisson(rate x) < shape), summed in log space.

    Only the Poisson terms within ``TAIL_SIGMAS`` standard deviations of the mean are summed
    (the others are below 1e-30), so a long queue costs O(sqrt(mean)) steps, not O(shape).
    """
    if shape <= 0:
        return 0.0
    if x <= 0:
        return 1.0
    mean = rate * x
    spread = TAIL_SIGMAS * math.sqrt(mean) + TAIL_SLACK
    if shape > mean + spread:
        return 1.0
    low = max(0, int(mean - spread))
    if shape <= low:
        return 0.0
    log_mean = math.log(mean)
    term = -mean + low * log_mean - math.lgamma(low + 1)
    logs = [term]
    for i in range(low + 1, shape):
        term += log_mean - math.log(i)
        logs.append(term)
    top = max(logs)
    return min(1.0, math.exp(top) * math.fsum(math.exp(value - top) for value in logs))
