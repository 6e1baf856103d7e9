"""CSAT: a survey for a resolved item's requester, its signed link, and the one answer it takes.

The link carries ``signing.dumps(survey id, salt)``; it works without signing in, for ``CSAT_LINK_DAYS`` days,
once. An expired, tampered or reused link ends on a page that says which. The e-mail goes out from a task
queued on commit, so a rolled-back resolution sends nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from handoff.domain.assurance.models import CsatSurvey
from handoff.domain.operations.models import WorkItem
from handoff.domain.tenancy import rls

SALT = "handoff.assurance.csat"
CSAT_LINK_DAYS: int = getattr(settings, "CSAT_LINK_DAYS", 14)


class LinkProblem(StrEnum):
    INVALID = "invalid"  # tampered, malformed, or naming no survey
    EXPIRED = "expired"
    USED = "used"


@dataclass(frozen=True)
class Opened:
    survey: CsatSurvey | None
    problem: LinkProblem | None = None


def survey_token(survey: CsatSurvey) -> str:
    return signing.dumps({"survey": survey.pk}, salt=SALT, compress=False)


def _survey_id(token: str) -> tuple[int | None, LinkProblem | None]:
    try:
        data = signing.loads(token, salt=SALT, max_age=CSAT_LINK_DAYS * 86400)
    except signing.SignatureExpired:
        return None, LinkProblem.EXPIRED
    except signing.BadSignature:
        return None, LinkProblem.INVALID
    survey_id = data.get("survey") if isinstance(data, dict) else None
    return (survey_id, None) if isinstance(survey_id, int) else (None, LinkProblem.INVALID)


def open_link(token: str) -> Opened:
    """The survey a link names (read past the row-level scope: the visitor is anonymous), or the problem."""
    survey_id, problem = _survey_id(token)
    if problem is not None or survey_id is None:
        return Opened(None, problem or LinkProblem.INVALID)
    with rls.past_the_scope():
        survey = CsatSurvey.objects.filter(pk=survey_id).first()
    if survey is None:
        return Opened(None, LinkProblem.INVALID)
    if survey.answered_at is not None:
        return Opened(survey, LinkProblem.USED)
    return Opened(survey)


def requester_email(item: WorkItem) -> str:
    """Whom the survey goes to: the requester, when a client user (or other non-staff) with an e-mail."""
    requester = item.requester
    if requester is None or not requester.is_active or requester.is_provider or not requester.email:
        return ""
    return str(requester.email)


def open_survey(item: WorkItem, *, email: str = "", now: datetime | None = None) -> CsatSurvey | None:
    """On resolution: the item's survey (once per item), e-mailed after the transaction commits.

    Sent to the requester; ``email`` names another address (the client contact of an item raised by staff).
    """
    email = email or requester_email(item)
    if not email or CsatSurvey.objects.filter(client_id=item.client_id, item_id=item.pk).exists():
        return None
    survey = CsatSurvey.objects.create(
        client_id=item.client_id,
        item=item,
        service_id=item.service_id,
        agent_id=item.assignee_id,
        email=email,
        created_at=now if now is not None else timezone.now(),
    )
    from handoff.domain.assurance.tasks import send_csat_survey

    transaction.on_commit(lambda: send_csat_survey.enqueue(survey.pk))
    return survey


@transaction.atomic
def answer_survey(survey: CsatSurvey, score: Any, comment: str = "", *, now: datetime | None = None) -> CsatSurvey:
    """Store the one answer (1–5 and a comment); a second answer is refused."""
    try:
        value = int(score)
    except (TypeError, ValueError):
        value = 0
    if not 1 <= value <= 5:
        raise ValidationError({"score": "Choose a score from 1 to 5."})
    comment = (comment or "").strip()
    if len(comment) > 2000:
        raise ValidationError({"comment": "At most 2000 characters."})
    moment = now if now is not None else timezone.now()
    updated = CsatSurvey.objects.filter(pk=survey.pk, answered_at__isnull=True).update(
        score=value, comment=comment, answered_at=moment
    )
    if updated != 1:
        raise ValidationError({"score": "This survey was already answered."})
    survey.score, survey.comment, survey.answered_at = value, comment, moment
    return survey


def mark_sent(survey_id: int, *, now: datetime | None = None) -> None:
    CsatSurvey.objects.filter(pk=survey_id).update(sent_at=now if now is not None else timezone.now())


def survey_for_task(survey_id: int) -> CsatSurvey | None:
    return CsatSurvey.objects.select_related("item", "service").filter(pk=survey_id).first()
