"""Background work of operations, run by the task worker (never inside a request)."""

from __future__ import annotations

from django.tasks import task

from handoff.domain.operations.actions.escalation import sweep


@task
def sla_sweep() -> dict[str, int]:
    """Warn before SLA deadlines and escalate breaches (idempotent: each once per target clock).

    Enqueue it periodically (``handoff sla_sweep --every 60`` does, or a cron entry running
    ``handoff sla_sweep`` once a minute)."""
    report = sweep()
    return {"checked": report.checked, "warned": report.warned, "escalated": report.escalated}
