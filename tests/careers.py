"""Career-site test data, made through the careers actions; and small resume files of each allowed kind."""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from pypdf import PdfWriter

from handoff.domain.accounts.models import User
from handoff.domain.recruiting.careers import actions
from handoff.domain.recruiting.careers.models import CareerSite, JobPosting
from handoff.domain.recruiting.models import Requisition
from handoff.domain.tenancy.models import Client

POLICY_VERSION = "2026-03"
KNOCKOUTS: list[dict[str, str]] = [
    {
        "question": "Are you authorised to work in the country?",
        "kind": "yes_no",
        "required_answer": "yes",
        "action": "reject",
    },
    {"question": "Do you hold a forklift licence?", "kind": "yes_no", "required_answer": "yes", "action": "flag"},
]


def make_site(actor: User, client: Client, slug: str, **overrides: Any) -> CareerSite:
    data: dict[str, Any] = {
        "slug": slug,
        "display_name": client.name,
        "website_url": f"https://{slug}.example.test/",
        "primary_colour": "#123456",
        "accent_colour": "#abcdef",
        "privacy_policy_version": POLICY_VERSION,
        "privacy_policy_url": f"https://{slug}.example.test/privacy",
    }
    return actions.save_career_site(actor, client.pk, {**data, **overrides})


def publish(actor: User, requisition: Requisition, **overrides: Any) -> JobPosting:
    data: dict[str, Any] = {"public_description": f"Join us as {requisition.title}.\nGood pay."}
    return actions.publish(actor, requisition, {**data, **overrides})


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes() -> bytes:
    document = Document()
    document.add_paragraph("Ana Lima - Python developer")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


TXT_RESUME = b"Ana Lima\nPython developer, 8 years\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
