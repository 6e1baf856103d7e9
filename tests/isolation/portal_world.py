"""Submittals and notifications for the probes: a marked submittal of client A and of client B (each decided on
hold with marked feedback), and a notification of each client (the hiring managers')."""

from __future__ import annotations

from handoff.domain.notifications import actions as notification_actions
from handoff.domain.notifications.models import Notification
from handoff.domain.recruiting import actions
from handoff.domain.recruiting.submittals import actions as submittal_actions
from handoff.domain.recruiting.submittals.models import Submittal
from tests.personas import MARKER_A, MARKER_B, World


def build_portal(base: World) -> None:
    admin = base.users["provider_admin"]
    for application, marker, manager in (
        (base.recruiting.application_a, MARKER_A, "hiring_manager_a"),
        (base.recruiting.application_b, MARKER_B, "hiring_manager_b"),
    ):
        screened = actions.move_application(admin, application, "screened")
        submittal = submittal_actions.submit(admin, screened, f"Write-up {marker}-SUBMITTAL")
        # Both on hold (still open to a decision): the same kinds of rows on both sides, so that a template key
        # or a notification kind is never taken for evidence of a leak.
        submittal_actions.decide(base.users[manager], submittal, "on_hold", feedback=f"Feedback {marker}-HOLD")
        notification_actions.notify(base.users[manager], application.client_id, "probe", f"Notice {marker}-NOTICE")
    # A notification's link names its object's id, which the probes put in their own paths (and pages echo the
    # path, the login redirect in its ``next``): a link is no evidence of a leak, its title and body are.
    Notification.objects.update(url="")


def submittal_ids(base: World) -> tuple[Submittal | None, Submittal | None]:
    rows = Submittal.objects.order_by("pk")
    return rows.filter(client=base.client_a).first(), rows.filter(client=base.client_b).first()


def notification_ids(base: World, persona: str) -> tuple[Notification | None, Notification | None]:
    """The persona's own notification (else client A's), and client B's."""
    rows = Notification.objects.order_by("pk")
    user = base.users.get(persona)
    own = rows.filter(recipient=user).first() if user is not None else None
    return own or rows.filter(client=base.client_a).first(), rows.filter(client=base.client_b).first()
