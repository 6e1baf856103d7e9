"""SLA attainment per service: the share of items whose first response and resolution met their target.

Computed from stored values only: an item's stored deadlines, its first-response time and the first
time its status history reached the resolved category. An item counts for a target once the target
is decided (met, or its deadline has passed unmet); items still inside their deadline do not count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Min
from django.utils import timezone

from handoff.domain.operations.models import Service, StatusChange
from handoff.domain.operations.selectors import work_items
from handoff.domain.tenancy.access import Actor, scoped
from handoff.engines.sla.pauses import StatusCategory

WINDOW = dt.timedelta(days=30)


@dataclass
class Tally:
    met: int = 0
    decided: int = 0

    def add(self, due: dt.datetime | None, done: dt.datetime | None, now: dt.datetime) -> None:
        if due is None:
            return
        if done is not None and done <= due:
            self.met, self.decided = self.met + 1, self.decided + 1
        elif done is not None or due < now:
            self.decided += 1

    @property
    def share(self) -> float | None:
        return self.met / self.decided if self.decided else None


@dataclass
class ServiceAttainment:
    service: Service
    items: int
    first_response: Tally
    resolution: Tally


def _resolved_at(actor: Actor, item_ids: list[int]) -> dict[int, dt.datetime]:
    rows = (
        scoped(actor, StatusChange)
        .filter(item_id__in=item_ids, category=StatusCategory.RESOLVED)
        .values("item_id")
        .annotate(first=Min("at"))
    )
    return {row["item_id"]: row["first"] for row in rows}


def sla_attainment(actor: Actor, now: dt.datetime | None = None) -> list[ServiceAttainment]:
    """Per service of the actor's visible clients, over items created in the last 30 days."""
    moment = now or timezone.now()
    items = list(work_items(actor).filter(created_at__gte=moment - WINDOW))
    resolved = _resolved_at(actor, [item.pk for item in items])
    by_service: dict[int, ServiceAttainment] = {}
    for item in items:
        row = by_service.setdefault(item.service_id, ServiceAttainment(item.service, 0, Tally(), Tally()))
        row.items += 1
        row.first_response.add(item.first_response_due, item.first_response_at, moment)
        row.resolution.add(item.resolution_due, resolved.get(item.pk), moment)
    return sorted(by_service.values(), key=lambda row: (row.service.name, row.service.pk))
