"""The career-site demo: every demo client with open requisitions gets a career site with them published.

Runs after the recruiting demo (it publishes the requisitions that demo opened); a client that already has
a site is left alone, so a second run adds nothing.
"""

from __future__ import annotations

from collections import Counter

from django.utils.text import slugify

from handoff.domain.accounts.models import User
from handoff.domain.recruiting.careers import actions, selectors
from handoff.domain.recruiting.models import RequisitionStatus
from handoff.domain.recruiting.selectors import requisitions
from handoff.domain.tenancy.access import visible_clients
from handoff.domain.tenancy.models import Client

DEMO_POLICY_VERSION = "2026-01"
DEMO_KNOCKOUT = {
    "question": "Are you authorised to work in the job's country?",
    "kind": "yes_no",
    "required_answer": "yes",
    "action": "reject",
}


def seed_careers(admin: User, created: Counter[str]) -> None:
    for client in visible_clients(admin).order_by("pk"):
        open_rows = requisitions(admin, client).filter(status=RequisitionStatus.OPEN, remote=False)
        if not open_rows.exists() or selectors.career_site_of(admin, client) is not None:
            continue
        _site(admin, client)
        created["career sites"] += 1
        for requisition in open_rows.order_by("pk"):
            skills = ", ".join(skill["name"] for skill in requisition.required_skills)
            description = (
                f"{client.name} is hiring a {requisition.title} for its {requisition.department or 'growing'} team "
                f"in {requisition.location}.\nYou bring: {skills or 'curiosity and care'}."
            )
            data = {"public_description": description, "show_salary": True, "knockout_questions": [DEMO_KNOCKOUT]}
            actions.publish(admin, requisition, data)
            created["job postings"] += 1


def _site(admin: User, client: Client) -> None:
    slug = slugify(client.name)[:50] or f"client-{client.pk}"
    actions.save_career_site(
        admin,
        client.pk,
        {
            "slug": slug,
            "display_name": client.name,
            "website_url": f"https://{slug}.example.com/",
            "privacy_policy_version": DEMO_POLICY_VERSION,
            "privacy_policy_url": f"https://{slug}.example.com/privacy",
            "intro": f"Work with {client.name}: open positions, updated daily.",
        },
    )
