"""Background automation: scheduled rules over open items, and training a client's classifier."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.tasks import task

from handoff.domain.automation import actions
from handoff.domain.automation.actions import classifier as classify


@task
def run_scheduled_rules() -> int:
    """Every client's scheduled rules over its open items; the number of rule runs written."""
    return sum(actions.run_scheduled(client_id) for client_id in actions.scheduled_client_ids())


@task
def train_classifier(client_id: int, target: str, threshold: float | None = None) -> str:
    """Train a new version of one client's classifier; a message when there is too little history."""
    try:
        row = classify.train_client(client_id, target, threshold)
    except ValidationError as error:
        return "; ".join(error.messages)
    return f"{row.target} v{row.version}: {row.samples} items"
