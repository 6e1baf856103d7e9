"""Writes of workforce data: saving a queue's what-if scenario (planners of the queue's client only)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from handoff.domain.tenancy.access import Actor, real_user
from handoff.domain.workforce.inputs import StaffingInputs
from handoff.domain.workforce.models import StaffingScenario
from handoff.domain.workforce.selectors import planned_queue, scenarios


@transaction.atomic
def save_scenario(actor: Actor, queue_id: Any, name: str, inputs: StaffingInputs) -> StaffingScenario:
    """Save (or overwrite, by name) a scenario of a queue the actor plans; the owner is the queue's client."""
    queue = planned_queue(actor, queue_id)
    scenario = scenarios(actor, queue).filter(name=name.strip()).first() or StaffingScenario(
        client_id=queue.client_id, queue=queue
    )
    targets = inputs.targets
    scenario.name = name.strip()
    scenario.aht_seconds = inputs.aht_seconds
    scenario.service_level = targets.service_level
    scenario.answer_within_seconds = targets.answer_within_seconds
    scenario.max_occupancy = targets.max_occupancy
    scenario.max_abandonment = targets.max_abandonment
    scenario.shrinkage = inputs.shrinkage
    scenario.patience_seconds = inputs.patience_seconds
    scenario.saved_by = real_user(actor)
    scenario.full_clean()
    scenario.save()
    return scenario
