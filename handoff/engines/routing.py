"""Routing decisions for BPO work items: who may take which queue's work, and in which order.

Rules (pure Python; the domain feeds plain values in and runs the database claim):

- **Eligibility** of an agent for a queue: the agent's level in every skill the
  queue requires is at least the required level (a missing skill is level 0);
  the agent speaks every language the queue requires (case-insensitive); the
  agent is certified for the queue's client; the agent is on shift now (the
  delivery center's calendar is open and, when the agent has a personal shift,
  the local time is inside it — a shift whose end is not after its start
  crosses midnight); the agent's state is *available* or *busy*; and the agent
  has capacity (items in hand below the agent's concurrency).
- **Order** of claimable items: priority first (urgent, high, normal, low),
  then the earliest SLA deadline (an item without one comes after those that
  have one), then the oldest, then the lowest id — a total order, so two
  agents asking at once race for the same head item and the loser takes the
  next one.
- **Choosing an agent** for one item (push routing): among eligible agents,
  the lowest load (items in hand divided by concurrency), then the one who
  waited longest since their last assignment (round robin; never assigned
  counts as longest), then the lowest id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from fractions import Fraction


class AgentState(StrEnum):
    AVAILABLE = "available"
    BUSY = "busy"  # working, but may take more up to the concurrency
    AWAY = "away"
    OFFLINE = "offline"


ROUTABLE_STATES = frozenset({AgentState.AVAILABLE, AgentState.BUSY})

PRIORITY_RANKS: Mapping[str, int] = {"urgent": 0, "high": 1, "normal": 2, "low": 3}


def priority_rank(priority: str) -> int:
    """0 for the most urgent priority; an unknown priority is an error, not silently last."""
    try:
        return PRIORITY_RANKS[priority]
    except KeyError:
        raise ValueError(f"unknown priority {priority!r}; use one of {', '.join(PRIORITY_RANKS)}") from None


@dataclass(frozen=True)
class Shift:
    """A personal shift in local minutes after midnight; ``end <= start`` crosses midnight."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not (0 <= self.start < 1440 and 0 <= self.end <= 1440) or self.start == self.end:
            raise ValueError("a shift runs between two different times of day")

    def contains(self, local_minute: int) -> bool:
        if self.start < self.end:
            return self.start <= local_minute < self.end
        return local_minute >= self.start or local_minute < self.end


@dataclass(frozen=True)
class Agent:
    agent_id: int
    skills: Mapping[str, int] = field(default_factory=dict)
    languages: frozenset[str] = frozenset()
    certified_clients: frozenset[int] = frozenset()
    state: str = AgentState.AVAILABLE
    center_open: bool = True  # the delivery center's calendar is open now
    local_minute: int = 0  # the time of day at the agent's center, in minutes
    shift: Shift | None = None
    in_hand: int = 0  # items assigned and not done
    concurrency: int = 1
    last_assigned_at: datetime | None = None

    @property
    def has_capacity(self) -> bool:
        return self.in_hand < self.concurrency

    @property
    def on_shift(self) -> bool:
        return self.center_open and (self.shift is None or self.shift.contains(self.local_minute))

    @property
    def load(self) -> Fraction:
        return Fraction(self.in_hand, max(self.concurrency, 1))


@dataclass(frozen=True)
class QueueRule:
    queue_id: int
    client_id: int
    required_skills: Mapping[str, int] = field(default_factory=dict)
    languages: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Candidate:
    """A claimable item as routing sees it."""

    item_id: int
    queue_id: int
    priority: str
    deadline: datetime | None
    created_at: datetime


class Refusal(StrEnum):
    STATE = "state"
    OFF_SHIFT = "off_shift"
    NO_CAPACITY = "no_capacity"
    NOT_CERTIFIED = "not_certified"
    SKILL = "skill"
    LANGUAGE = "language"


def _folded(languages: Iterable[str]) -> frozenset[str]:
    return frozenset(language.strip().casefold() for language in languages)


def agent_refusals(agent: Agent) -> tuple[Refusal, ...]:
    """Why the agent may take no work at all right now (empty when the agent may)."""
    refusals = []
    if agent.state not in ROUTABLE_STATES:
        refusals.append(Refusal.STATE)
    if not agent.on_shift:
        refusals.append(Refusal.OFF_SHIFT)
    if not agent.has_capacity:
        refusals.append(Refusal.NO_CAPACITY)
    return tuple(refusals)


def queue_refusals(agent: Agent, queue: QueueRule) -> tuple[Refusal, ...]:
    """Why the agent may not take this queue's work whatever the moment (empty when qualified)."""
    refusals = []
    if queue.client_id not in agent.certified_clients:
        refusals.append(Refusal.NOT_CERTIFIED)
    if any(agent.skills.get(skill, 0) < level for skill, level in queue.required_skills.items()):
        refusals.append(Refusal.SKILL)
    if not _folded(queue.languages) <= _folded(agent.languages):
        refusals.append(Refusal.LANGUAGE)
    return tuple(refusals)


def is_eligible(agent: Agent, queue: QueueRule) -> bool:
    return not agent_refusals(agent) and not queue_refusals(agent, queue)


def eligible_queues(agent: Agent, queues: Iterable[QueueRule]) -> list[int]:
    """The ids of the queues the agent may take an item from now; none when the agent may take no work."""
    if agent_refusals(agent):
        return []
    return [queue.queue_id for queue in queues if not queue_refusals(agent, queue)]


def order_key(candidate: Candidate) -> tuple[int, bool, datetime | None, datetime, int]:
    """Priority, then deadline (none last), then age, then id: the claim order."""
    return (
        priority_rank(candidate.priority),
        candidate.deadline is None,
        candidate.deadline,
        candidate.created_at,
        candidate.item_id,
    )


def _sortable(key: tuple[int, bool, datetime | None, datetime, int]) -> tuple[object, ...]:
    rank, no_deadline, deadline, created_at, item_id = key
    return (rank, no_deadline, deadline.timestamp() if deadline else 0.0, created_at.timestamp(), item_id)


def rank_candidates(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Candidates in claim order."""
    return sorted(candidates, key=lambda candidate: _sortable(order_key(candidate)))


def next_for(agent: Agent, queues: Sequence[QueueRule], candidates: Iterable[Candidate]) -> Candidate | None:
    """The item the agent should claim next, or None."""
    allowed = set(eligible_queues(agent, queues))
    ranked = rank_candidates(candidate for candidate in candidates if candidate.queue_id in allowed)
    return ranked[0] if ranked else None


def choose_agent(agents: Iterable[Agent], queue: QueueRule) -> Agent | None:
    """The agent to push an item of this queue to: least loaded, then longest waiting (round robin), then id."""
    eligible = [agent for agent in agents if is_eligible(agent, queue)]
    if not eligible:
        return None
    return min(
        eligible,
        key=lambda agent: (
            agent.load,
            agent.last_assigned_at is not None,
            agent.last_assigned_at.timestamp() if agent.last_assigned_at else 0.0,
            agent.agent_id,
        ),
    )
