"""The offers demo: each demo client with an application in progress gets an offer; the first one is approved
through the default chain, sent and accepted, so that its onboarding checklist and hire surveys exist.

Runs after the recruiting demo; a client that already has an offer is left alone, so a second run adds nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

from django.utils import timezone

from handoff.domain.accounts.models import User
from handoff.domain.offers import actions, selectors
from handoff.domain.offers.actions import onboarding
from handoff.domain.offers.models import Offer, TaskSide
from handoff.domain.recruiting.models import Application, StageOutcome
from handoff.domain.recruiting.selectors import applications
from handoff.domain.tenancy.access import visible_clients
from handoff.domain.tenancy.roles import ClientRole

MAX_CLIENTS = 3


def seed_offers(admin: User, created: Counter[str]) -> None:
    for index, client in enumerate(visible_clients(admin).order_by("pk")[:MAX_CLIENTS]):
        if selectors.offers(admin).filter(client=client).exists():
            continue
        application = _candidate_application(admin, client.pk)
        if application is None:
            continue
        offer = actions.create_offer(admin, application, _terms(application))
        created["offers"] += 1
        if index == 0:
            _approve_send_accept(admin, offer)
            created["onboardings"] += 1


def _candidate_application(admin: User, client_id: int) -> Application | None:
    rows = applications(admin).filter(client_id=client_id, stage__outcome=StageOutcome.ACTIVE)
    rows = rows.exclude(candidate__email="").select_related("requisition", "stage", "candidate")
    return rows.order_by("-stage__position", "pk").first()


def _terms(application: Application) -> dict[str, object]:
    today = timezone.localdate()
    requisition = application.requisition
    salary = requisition.salary_min or Decimal("60000")
    return {
        "title": requisition.title,
        "start_date": today + dt.timedelta(days=28),
        "base_salary": salary,
        "currency": requisition.currency,
        "bonus": (salary / 10).quantize(Decimal("1")),
        "benefits": "Health insurance, 25 days of paid leave",
        "expires_on": today + dt.timedelta(days=10),
    }


def _approve_send_accept(admin: User, offer: Offer) -> None:
    for step in offer.chain:
        person = _holder(offer.client_id, step["role"]) or admin
        offer = actions.approve(person, offer, "Demo approval")
    offer, token = actions.send_offer(admin, offer)
    offer = actions.respond(token, accept=True, ip="192.0.2.10")
    row = selectors.onboardings(admin).get(offer=offer)
    for task in selectors.tasks_of(row).filter(side=TaskSide.PROVIDER):
        onboarding.complete_task(admin, task)


def _holder(client_id: int, role: str) -> User | None:
    if role in {r.value for r in ClientRole}:
        return User.objects.filter(client_id=client_id, role=role, is_active=True).order_by("pk").first()
    return None
