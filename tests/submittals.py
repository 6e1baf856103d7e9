"""Submittal test data: client A's application moved to Screened, and submitted (through the actions)."""

from __future__ import annotations

from handoff.domain.recruiting import actions
from handoff.domain.recruiting.models import Application
from handoff.domain.recruiting.submittals import actions as submittal_actions
from handoff.domain.recruiting.submittals.models import Submittal
from tests.personas import World

WRITE_UP = "Seven years of Python and Django; led a payments team; available in 30 days."


def screened(world: World, application: Application | None = None) -> Application:
    row = application or world.recruiting.application_a
    return actions.move_application(world.users["recruiter_a"], row, "screened")


def submitted(world: World, application: Application | None = None) -> Submittal:
    return submittal_actions.submit(world.users["recruiter_a"], screened(world, application), WRITE_UP)
