"""From the provider's data to the SLA engine's values: a center's business calendar, a service's policy.

A center's calendar is its weekly windows (``DeliveryCenter.working_hours``), its
country's (and subdivision's) public holidays from the ``holidays`` library, and its
local changes (``CenterHoliday``: extra closed dates, or public holidays worked). A
service's policy has, per priority, a first-response and a resolution target in
business minutes: the service's own, or else the engagement's for every priority; a next-response
target (``next_response_minutes``, by default the first-response target) runs from a client's or
customer's unanswered message to the provider's reply.
"""

from __future__ import annotations

from datetime import timedelta

from handoff.domain.engagements.models import WEEKDAYS, BpoEngagement, DeliveryCenter
from handoff.domain.operations.models import CenterHoliday, Priority, Service
from handoff.engines.sla import BusinessCalendar, PriorityTargets, SlaPolicy, Target, TargetKind, Window


def center_calendar(center: DeliveryCenter) -> BusinessCalendar:
    """The business calendar of a delivery center (equal inputs give equal, cache-sharing calendars)."""
    hours = center.working_hours if isinstance(center.working_hours, dict) else {}
    week = tuple(tuple(Window.parse(start, end) for start, end in hours.get(day, [])) for day in WEEKDAYS)
    local = list(CenterHoliday.objects.filter(center=center).values_list("date", "closed"))
    return BusinessCalendar(
        time_zone=center.time_zone,
        week=week,
        country=center.holiday_country.code or None,
        subdivision=center.holiday_subdivision or None,
        added_holidays=frozenset(day for day, closed in local if closed),
        removed_holidays=frozenset(day for day, closed in local if not closed),
    )


def engagement_targets(engagement: BpoEngagement) -> dict[str, int]:
    return {
        "first_response_minutes": engagement.sla_first_response_minutes,
        "resolution_minutes": engagement.sla_resolution_hours * 60,
    }


def service_policy(service: Service) -> SlaPolicy:
    """Per priority, the service's targets where it sets them, the engagement's otherwise."""
    fallback = engagement_targets(service.engagement)
    own = service.sla_targets if isinstance(service.sla_targets, dict) else {}
    priorities = []
    for priority in Priority.values:
        minutes = own.get(priority, fallback)
        priorities.append(
            PriorityTargets(
                priority,
                (
                    Target(TargetKind.FIRST_RESPONSE, timedelta(minutes=minutes["first_response_minutes"])),
                    Target(
                        TargetKind.NEXT_RESPONSE,
                        timedelta(minutes=minutes.get("next_response_minutes", minutes["first_response_minutes"])),
                    ),
                    Target(TargetKind.RESOLUTION, timedelta(minutes=minutes["resolution_minutes"])),
                ),
            )
        )
    return SlaPolicy(name=service.name, priorities=tuple(priorities))
