"""The submittal demo: per demo client, two screened candidates of an open requisition submitted to the client
(with notifications to the hiring manager), one of them already decided for interview by the client.

Runs after the recruiting demo; a client that already has a submittal is left alone (a second run adds nothing).
"""

from __future__ import annotations

from collections import Counter

from handoff.domain.accounts.models import User
from handoff.domain.recruiting import actions as recruiting_actions
from handoff.domain.recruiting.models import Application, RequisitionStatus, StageOutcome, StageOwner
from handoff.domain.recruiting.rules import DefaultStage
from handoff.domain.recruiting.selectors import applications
from handoff.domain.recruiting.submittals import actions, selectors
from handoff.domain.recruiting.submittals.models import Submittal
from handoff.domain.tenancy.access import visible_clients
from handoff.domain.tenancy.models import Client
from handoff.domain.tenancy.roles import ClientRole

PER_CLIENT = 2
WRITE_UPS = (
    "{name} brings the core skills for this role and interviewed very well with us: clear on past projects, "
    "pragmatic, available within a month. Salary expectation inside your range.",
    "{name} has a strong record in a similar team and is keen on the move; notice period short. We suggest a "
    "first interview with the hiring manager.",
)


def seed_submittals(admin: User, created: Counter[str]) -> None:
    for client in visible_clients(admin).order_by("pk"):
        if selectors.submittals(admin, client).exists():
            continue
        picked = _candidates(admin, client)
        made = [_submit(admin, row, index) for index, row in enumerate(picked)]
        created["submittals"] += len(made)
        decider = _decider(client)
        if made and decider is not None:
            actions.decide(decider, made[0], "interview", feedback="Looks promising: please set up a first call.")
            created["submittal decisions"] += 1


def _candidates(admin: User, client: Client) -> list[Application]:
    rows = (
        applications(admin, client)
        .filter(
            requisition__status=RequisitionStatus.OPEN,
            stage__outcome=StageOutcome.ACTIVE,
            stage__owner=StageOwner.PROVIDER,
            stage__key__in=[DefaultStage.SOURCED, DefaultStage.APPLIED, DefaultStage.SCREENED],
        )
        .order_by("stage__position", "pk")  # sourced or applied first: the demo's screened candidates stay there
    )
    return list(rows[:PER_CLIENT])


def _submit(admin: User, application: Application, index: int) -> Submittal:
    if application.stage.key != DefaultStage.SCREENED:
        application = recruiting_actions.move_application(admin, application, DefaultStage.SCREENED, "Screened")
    write_up = WRITE_UPS[index % len(WRITE_UPS)].format(name=application.candidate.full_name)
    return actions.submit(admin, application, write_up)


def _decider(client: Client) -> User | None:
    return User.objects.filter(client=client, role=ClientRole.HR_ADMIN, is_active=True).order_by("pk").first()
