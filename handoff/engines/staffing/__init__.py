"""Staffing engine: Erlang B, C and A, agents needed per interval, shrinkage.

- :mod:`.erlang`: the formulas, vectorised over numpy arrays of intervals.
- :mod:`.requirements`: the smallest staffing meeting service-level, ASA,
  occupancy and abandonment targets; Erlang B line sizing.
- :mod:`.shrinkage`: scheduled agents = ceil(raw / (1 − shrinkage)), exactly.
"""

from handoff.engines.staffing.erlang import (
    ErlangAMetrics,
    ErlangCMetrics,
    erlang_a_metrics,
    erlang_b,
    erlang_c,
    erlang_c_metrics,
    traffic_erlangs,
)
from handoff.engines.staffing.requirements import (
    IntervalStaffing,
    QueueInterval,
    Requirement,
    Targets,
    agents_needed,
    erlang_b_lines,
    staff_interval,
)
from handoff.engines.staffing.shrinkage import scheduled_agents, scheduled_agents_array

__all__ = [
    "ErlangAMetrics",
    "ErlangCMetrics",
    "IntervalStaffing",
    "QueueInterval",
    "Requirement",
    "Targets",
    "agents_needed",
    "erlang_a_metrics",
    "erlang_b",
    "erlang_b_lines",
    "erlang_c",
    "erlang_c_metrics",
    "scheduled_agents",
    "scheduled_agents_array",
    "staff_interval",
    "traffic_erlangs",
]
