"""Background work of offers: e-mails (approvers, recruiter, candidate with the letter), the daily expiry
of unanswered offers, and the daily sending of due hire surveys."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.tasks import task
from django.urls import reverse

from handoff.domain.offers import actions, letters, selectors
from handoff.domain.offers.actions import surveys
from handoff.domain.offers.models import Offer


def _offer(offer_id: int) -> Offer | None:
    return selectors.offer_for_task(offer_id)


def _link(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}"


@task
def send_offer_notice(offer_id: int, subject: str, addresses: list[str]) -> int:
    """One message per address about the offer (to approvers, or to the recruiter on a decision)."""
    offer = _offer(offer_id)
    if offer is None:
        return 0
    body = f"{subject}\n\nOpen the offer: {_link(reverse('web:offer_detail', kwargs={'offer_id': offer.pk}))}\n"
    messages = [EmailMessage(subject, body, None, [address]) for address in addresses]
    return mailers.default.send_messages(messages) or 0


@task
def send_offer_to_candidate(offer_id: int, token: str) -> int:
    """The offer letter (PDF) to the candidate with the accept/decline link."""
    offer = _offer(offer_id)
    if offer is None or not offer.application.candidate.email:
        return 0
    version = selectors.current_version(offer)
    template = actions.letter_template_of(offer.client_id)
    url = _link(reverse("web:offer_respond", kwargs={"offer_token": token}))
    body = (
        f"Dear {offer.application.candidate.full_name},\n\n"
        f"{offer.client.name} offers you the position of {version.title}. The letter is attached.\n"
        f"Accept or decline by {version.expires_on:%d %B %Y}: {url}\n"
    )
    message = EmailMessage(f"Your offer from {offer.client.name}", body, None, [offer.application.candidate.email])
    message.attach(
        f"offer-{offer.pk}-v{version.number}.pdf", letters.letter_pdf(template, offer, version), "application/pdf"
    )
    return mailers.default.send_messages([message]) or 0


@task
def expire_offers() -> int:
    """Daily: offers past their expiry date become EXPIRED."""
    return actions.expire_due_offers()


@task
def send_hire_surveys() -> int:
    """Daily: the 30/90/180-day surveys that are due, each sent once."""
    return surveys.send_due_surveys()
