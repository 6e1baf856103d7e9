"""Offer letters: the client's template text with ``${variables}``, rendered to HTML and to PDF (WeasyPrint)."""

from __future__ import annotations

import string
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.html import escape

if TYPE_CHECKING:
    from handoff.domain.offers.models import Offer, OfferVersion

VARIABLES = (
    "candidate_name",
    "client_name",
    "title",
    "start_date",
    "base_salary",
    "currency",
    "bonus",
    "equity",
    "benefits",
    "expires_on",
    "offer_date",
    "version",
)

DEFAULT_TEMPLATE = """Dear ${candidate_name},

We are delighted to offer you the position of ${title} at ${client_name}, starting on ${start_date}.

Your annual base salary will be ${base_salary} ${currency}, with a target bonus of ${bonus} ${currency}.
Equity: ${equity}
Benefits: ${benefits}

This offer is valid until ${expires_on}. Please let us know your decision with the link in the e-mail
that came with this letter.

Kind regards,
${client_name}
"""


def check_template(text: str) -> None:
    """Field error on ``letter_template`` when it names an unknown variable or has a stray ``$``."""
    template = string.Template(text)
    if not template.is_valid():
        raise ValidationError({"letter_template": "Write variables as ${name}; write $$ for a dollar sign."})
    unknown = sorted(set(template.get_identifiers()) - set(VARIABLES))
    if unknown:
        raise ValidationError(
            {"letter_template": f"Unknown variable(s): {', '.join(unknown)}. Known: {', '.join(VARIABLES)}."}
        )


def variables(offer: Offer, version: OfferVersion) -> dict[str, str]:
    return {
        "candidate_name": offer.application.candidate.full_name,
        "client_name": offer.client.name,
        "title": version.title,
        "start_date": f"{version.start_date:%d %B %Y}",
        "base_salary": f"{version.base_salary:,.2f}",
        "currency": version.currency,
        "bonus": f"{version.bonus:,.2f}",
        "equity": version.equity or "none",
        "benefits": version.benefits or "as in the client's standard policy",
        "expires_on": f"{version.expires_on:%d %B %Y}",
        "offer_date": f"{version.offer_date:%d %B %Y}",
        "version": str(version.number),
    }


def letter_text(template_text: str, offer: Offer, version: OfferVersion) -> str:
    return string.Template(template_text or DEFAULT_TEMPLATE).safe_substitute(variables(offer, version))


def letter_html(template_text: str, offer: Offer, version: OfferVersion) -> str:
    text = letter_text(template_text, offer, version)
    paragraphs = [escape(block).replace("\n", "<br>") for block in text.split("\n\n")]
    context = {"paragraphs": paragraphs, "offer": offer, "version": version}
    return render_to_string("web/offers/letter_pdf.html", context)


def letter_pdf(template_text: str, offer: Offer, version: OfferVersion) -> bytes:
    """The letter as PDF bytes."""
    from weasyprint import HTML  # type: ignore[import-untyped]  # heavy (about 1 s): loaded on the first PDF only

    pdf: bytes = HTML(string=letter_html(template_text, offer, version)).write_pdf()
    return pdf
