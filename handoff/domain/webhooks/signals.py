"""The event hook: every saved ``StageTransition`` (a stage move, recorded by the recruiting actions) is
turned into webhook deliveries, in the same transaction, without the recruiting app knowing of webhooks."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save

from handoff.domain.recruiting.models import StageTransition

DISPATCH_UID = "webhooks.stage_transition"


def on_transition_saved(sender: type[StageTransition], instance: StageTransition, created: bool, **kwargs: Any) -> None:
    if not created or kwargs.get("raw"):
        return
    from handoff.domain.webhooks.actions import record_transition

    record_transition(instance)


def connect() -> None:
    post_save.connect(on_transition_saved, sender=StageTransition, dispatch_uid=DISPATCH_UID)
