"""Quality-of-hire inputs: the hiring manager's answers at 30, 90 and 180 days after the start date."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from handoff.domain.offers.models import HireSurvey
from handoff.domain.tenancy.access import Actor, access_client, real_user
from handoff.domain.tenancy.roles import ClientRole, StaffRole

ANSWERERS = frozenset({ClientRole.HIRING_MANAGER, ClientRole.HR_ADMIN, StaffRole.ADMIN})


@transaction.atomic
def send_due_surveys(today: dt.date | None = None) -> int:
    """E-mail every survey that is due and not yet sent; each survey once, however often this runs."""
    today = today or timezone.localdate()
    due = (
        HireSurvey.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(due_on__lte=today, sent_at__isnull=True, answered_at__isnull=True)
        .select_related("respondent", "onboarding__offer__application__candidate")
    )
    messages = []
    for survey in due:
        survey.sent_at = timezone.now()
        survey.save(update_fields=["sent_at"])
        if survey.respondent is not None and survey.respondent.email:
            messages.append(_message(survey))
    if messages:
        transaction.on_commit(lambda: mailers.default.send_messages(messages), robust=True)
    return len(messages)


def _message(survey: HireSurvey) -> EmailMessage:
    candidate = survey.onboarding.offer.application.candidate.full_name
    path = reverse("web:hire_survey", kwargs={"hire_survey_id": survey.pk})
    body = (
        f"{candidate} started on {survey.onboarding.start_date:%d %B %Y}: {survey.milestone_days} days on, "
        "how is it going? Three questions: performance, your satisfaction, still employed.\n\n"
        f"{settings.SITE_URL.rstrip('/')}{path}\n"
    )
    assert survey.respondent is not None
    return EmailMessage(f"{survey.milestone_days}-day check-in: {candidate}", body, None, [survey.respondent.email])


@transaction.atomic
def answer_survey(actor: Actor, survey: HireSurvey, data: dict[str, Any]) -> HireSurvey:
    access_client(actor, survey.client_id)
    person = real_user(actor)
    if person is None or person.role not in ANSWERERS:
        raise PermissionDenied("Surveys are answered by the hiring manager (or client HR).")
    if person.role == ClientRole.HIRING_MANAGER and survey.respondent_id not in (None, person.pk):
        raise PermissionDenied("This survey is another hiring manager's.")
    errors: dict[str, str] = {}
    for field in ("performance_rating", "satisfaction"):
        value = data.get(field)
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
            errors[field] = "Give a score from 1 to 5."
    if not isinstance(data.get("still_employed"), bool):
        errors["still_employed"] = "Say whether the hire is still employed."
    if errors:
        raise ValidationError(errors)
    survey.performance_rating = data["performance_rating"]
    survey.satisfaction = data["satisfaction"]
    survey.still_employed = data["still_employed"]
    survey.answered_at = timezone.now()
    survey.respondent = person if survey.respondent_id is None else survey.respondent
    survey.save()
    return survey
