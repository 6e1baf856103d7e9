"""Automation's answer to operations' ``item_changed`` signal: rules on create (with the classifier) and on update."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from handoff.domain.automation.signals import item_changed


@receiver(item_changed, dispatch_uid="automation.item_changed")
def on_item_changed(sender: Any, item: Any, created: bool = False, **_: Any) -> None:
    from handoff.domain.automation import actions
    from handoff.domain.automation.models import Trigger

    if created:
        actions.run_on_created([item])
    else:
        actions.run_rules(item, Trigger.UPDATE)
