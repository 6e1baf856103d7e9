"""On an item's resolution (its status history gains a change to resolved), open its CSAT survey."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from handoff.domain.assurance.actions.csat import open_survey
from handoff.domain.operations.models import ItemStatus, StatusChange


@receiver(post_save, sender=StatusChange, dispatch_uid="assurance_csat_on_resolution")
def survey_on_resolution(sender: type[StatusChange], instance: StatusChange, created: bool, **kwargs: Any) -> None:
    if created and instance.to_status == ItemStatus.RESOLVED and not kwargs.get("raw", False):
        open_survey(instance.item, now=instance.at)
