"""Sending queued e-mails through Django's e-mail backend (console by default, SMTP when configured)."""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.tasks import task

from handoff.domain.notifications import actions, selectors
from handoff.domain.notifications.models import EmailStatus


@task
def send_outbound_email(email_id: int) -> str:
    """Send one queued e-mail and record the outcome; returns its status ("" when the row is gone)."""
    email = selectors.email_for_task(email_id)
    if email is None:
        return ""
    if email.status == EmailStatus.SENT:
        return email.status
    try:
        EmailMessage(subject=email.subject, body=email.body, to=[email.to]).send()
    except Exception as exc:  # the backend's failure (SMTP down, refused address): recorded, not lost
        return actions.record_sent(email, ok=False, error=str(exc))
    return actions.record_sent(email, ok=True)
