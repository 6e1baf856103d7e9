"""Demo assurance data: maker-checker changes (one approved, one waiting), a QA plan and scorecard per service,
last and this week's samples with reviews (one item scored by two reviewers: a calibration), and answered CSAT surveys.

Idempotent: a service that already has a QA plan is left as it is.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import datetime, timedelta

from django.utils import timezone

from handoff.domain.accounts.models import User
from handoff.domain.assurance import selectors
from handoff.domain.assurance.actions.csat import answer_survey, open_survey
from handoff.domain.assurance.actions.makerchecker import approve_change, submit_change
from handoff.domain.assurance.actions.qa import draw_week_sample, review_sample, set_qa_plan
from handoff.domain.assurance.models import CsatSurvey
from handoff.domain.assurance.permissions import needs_checker
from handoff.domain.operations import selectors as operations
from handoff.domain.operations.models import ItemStatus, Service, WorkItem
from handoff.domain.tenancy.access import visible_clients
from handoff.domain.tenancy.roles import ClientRole, StaffRole

CRITERIA = [
    {"key": "accuracy", "label": "Accuracy of the outcome", "weight": 40, "max_points": 5},
    {"key": "process", "label": "Process and policy followed", "weight": 30, "max_points": 5},
    {"key": "communication", "label": "Clear, courteous communication", "weight": 20, "max_points": 5},
    {"key": "documentation", "label": "Notes and fields complete", "weight": 10, "max_points": 5},
]
SHARE_PERCENT = 20
REVIEWERS = (StaffRole.QA_ANALYST, StaffRole.TEAM_LEAD)


def checked_change(maker: User, checker: User, item: WorkItem, *, now: datetime) -> None:
    """For an accounting or payroll item about to be resolved: the maker's change, approved by the checker."""
    if not needs_checker(item.service):
        return
    values = dict(item.custom_fields or {})
    values["amount"] = round(100 + (item.pk * 37.5) % 4900, 2)
    change = submit_change(maker, item, values, note="Amount keyed from the source document.", now=now)
    approve_change(checker, change, now=now + timedelta(minutes=15))


def seed_assurance(admin: User, created: Counter[str]) -> None:
    rng = random.Random(7)  # noqa: S311 - demo data
    now = timezone.now()
    for service in operations.services(admin).order_by("pk"):
        if selectors.qa_plan(admin, service) is not None:
            continue
        set_qa_plan(admin, service, SHARE_PERCENT, CRITERIA)
        created["QA plans"] += 1
        team = _team(service.client_id)
        _csat(admin, service, team, rng, now, created)
        _pending_change(admin, service, now, created)
        _reviews(admin, service, team, rng, now, created)


def _team(client_id: int) -> dict[str, list[User]]:
    """The client's reviewers (QA analysts, team leads) and process owners."""
    users = User.objects.filter(is_active=True).order_by("pk")
    return {
        "reviewers": [u for u in users.filter(role__in=REVIEWERS) if _sees(u, client_id)],
        "owners": list(users.filter(client_id=client_id, role=ClientRole.PROCESS_OWNER)),
    }


def _sees(user: User, client_id: int) -> bool:
    return visible_clients(user).filter(pk=client_id).exists()


def _points(rng: random.Random) -> dict[str, int]:
    return {str(c["key"]): rng.choice((3, 4, 4, 5, 5)) for c in CRITERIA}


def _reviews(
    admin: User, service: Service, team: dict[str, list[User]], rng: random.Random, now: datetime, c: Counter[str]
) -> None:
    """Last week's sample (what the weekly task draws) and this week's so far, each item scored once; the first
    also by a second reviewer (a calibration). Both weeks, so a demo seeded early on a Monday still has reviews."""
    samples = [
        sample
        for day in (now.date() - timedelta(days=7), now.date())
        for sample in draw_week_sample(admin, service, day, now=now)
    ]
    c["QA samples"] += len(samples)
    for number, sample in enumerate(samples):
        first = _points(rng)
        review_sample(admin, sample, first, "Spot check.", now=now)
        c["QA reviews"] += 1
        other = next((r for r in team["reviewers"] if r.pk != sample.agent_id), None)
        if number == 0 and other is not None:
            second = {key: max(0, min(5, value + rng.choice((-1, 0, 0, 1)))) for key, value in first.items()}
            review_sample(other, sample, second, "Calibration review.", now=now)
            c["QA reviews"] += 1


def _pending_change(admin: User, service: Service, now: datetime, created: Counter[str]) -> None:
    """One change of an open accounting or payroll item waiting in the checker queue."""
    if not needs_checker(service):
        return
    open_items = operations.work_items(admin).filter(service=service, category__in=["open", "in_progress"])
    item = open_items.exclude(assignee=None).first()
    if item is None or item.assignee is None:
        return
    values = dict(item.custom_fields or {})
    values["amount"] = 2718.28
    submit_change(item.assignee, item, values, note="Corrected amount after the supplier's credit note.", now=now)
    created["changes waiting for a checker"] += 1


def _csat(
    admin: User, service: Service, team: dict[str, list[User]], rng: random.Random, now: datetime, c: Counter[str]
) -> None:
    """Surveys of the service's resolved items, sent to the client's process owner (demo items are raised by staff)."""
    if not team["owners"]:
        return
    for item in operations.work_items(admin).filter(service=service, status=ItemStatus.RESOLVED):
        survey = selectors_csat(admin, item) or open_survey(item, email=team["owners"][0].email, now=now)
        if survey is not None and survey.answered_at is None:
            answer_survey(survey, rng.choice((5, 5, 4, 4, 3, 2)), "Quick and clear.", now=now)
            c["CSAT answers"] += 1


def selectors_csat(admin: User, item: WorkItem) -> CsatSurvey | None:
    return selectors.csat_surveys(admin).filter(item=item).first()
