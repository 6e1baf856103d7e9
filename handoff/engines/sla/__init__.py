"""SLA engine: business calendars, business-time arithmetic, pauses from status history, targets.

Pure Python (zoneinfo and the ``holidays`` library); no Django. Each module's
docstring states its rules.
"""

from handoff.engines.sla.arithmetic import (
    add_business_minutes,
    add_business_time,
    business_minutes_between,
    business_time_between,
    is_within_hours,
    next_opening,
)
from handoff.engines.sla.calendar import ALWAYS_OPEN_WEEK, BusinessCalendar, MakeUpDay, Window, make_week
from handoff.engines.sla.pauses import (
    DEFAULT_PAUSING,
    StatusCategory,
    StatusChange,
    deadline_after_pauses,
    elapsed_after_pauses,
)
from handoff.engines.sla.targets import (
    ClockKind,
    ItemTimes,
    PriorityTargets,
    SlaPolicy,
    SlaState,
    SlaStatus,
    Target,
    TargetKind,
    TargetStatus,
    evaluate,
)

__all__ = [
    "ALWAYS_OPEN_WEEK",
    "DEFAULT_PAUSING",
    "BusinessCalendar",
    "ClockKind",
    "ItemTimes",
    "MakeUpDay",
    "PriorityTargets",
    "SlaPolicy",
    "SlaState",
    "SlaStatus",
    "StatusCategory",
    "StatusChange",
    "Target",
    "TargetKind",
    "TargetStatus",
    "Window",
    "add_business_minutes",
    "add_business_time",
    "business_minutes_between",
    "business_time_between",
    "deadline_after_pauses",
    "elapsed_after_pauses",
    "evaluate",
    "is_within_hours",
    "make_week",
    "next_opening",
]
