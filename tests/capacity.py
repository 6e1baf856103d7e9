"""Recruiting history for the capacity tests: applications added and moved through the actions."""

from __future__ import annotations

from handoff.domain.accounts.models import User
from handoff.domain.recruiting import actions
from handoff.domain.recruiting.models import Requisition
from tests.recruiting import candidate_data


def grow_funnel(actor: User, requisition: Requisition, paths: list[list[str]], tag: str = "f") -> None:
    """One new candidate per path, added to the requisition, then moved through the path's stage keys."""
    for index, path in enumerate(paths):
        data = candidate_data(
            full_name=f"Funnel {tag} {index}", email=f"funnel.{tag}.{index}@mail.test", phone="", profile_url=""
        )
        application = actions.add_application(actor, requisition, actions.create_candidate(actor, data))
        for stage in path:
            application = actions.move_application(actor, application, stage)
