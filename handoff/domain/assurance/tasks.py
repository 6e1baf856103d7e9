"""Background work of assurance: the CSAT survey e-mail, and the weekly QA sample of every service."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.tasks import task
from django.urls import reverse
from django.utils import timezone

from handoff.domain.assurance.actions.csat import CSAT_LINK_DAYS, mark_sent, survey_for_task, survey_token
from handoff.domain.assurance.actions.qa import draw_all_samples


def survey_link(token: str) -> str:
    path = reverse("web:csat_survey", kwargs={"survey_token": token})
    return f"{settings.SITE_URL.rstrip('/')}{path}"


@task
def send_csat_survey(survey_id: int) -> int:
    """E-mail the survey link to the requester; returns the messages sent (0 if gone or already sent)."""
    survey = survey_for_task(survey_id)
    if survey is None or survey.sent_at is not None:
        return 0
    body = "\n".join(
        [
            f"Your request #{survey.item_id} ({survey.item.title}) has been resolved.",
            "",
            "How satisfied are you with how it was handled? One click, no sign-in:",
            survey_link(survey_token(survey)),
            "",
            f"The link works once, for {CSAT_LINK_DAYS} days.",
        ]
    )
    sent = mailers.default.send_messages(
        [EmailMessage(f"How did we do with request #{survey.item_id}?", body + "\n", None, [survey.email])]
    )
    mark_sent(survey.pk)
    return sent or 0


@task
def draw_last_week_samples() -> int:
    """Run weekly (e.g. Monday morning): the QA sample of the week just ended, for every service with a plan."""
    return draw_all_samples(timezone.now().date() - dt.timedelta(days=7))
