"""Advisor rows for the isolation world: a rate card, a saved report and a lead converted into client B.

The lead is provider data (every account manager sees it), but the client it became is B's: a persona of
client A must not see client B's name through the lead pages.
"""

from __future__ import annotations

from django.utils import timezone

from handoff.domain.advisor import actions, codec
from handoff.domain.advisor.models import LeadStatus
from tests.advisor import scenarios
from tests.personas import World


def build_advisor(base: World) -> None:
    scenarios.rate_card(base.users["provider_admin"])
    report, _evaluation = actions.save_report(codec.answers_from_data(scenarios.RETAILER.answers))
    contact = {"name": "Pat Prospect", "company": "Prospect Inc.", "email": "pat@prospect.example", "consent": True}
    actions.submit_lead(report, contact, "192.0.2.1")
    converted = actions.submit_lead(report, {**contact, "company": "Converted Inc."}, None)
    converted.status, converted.client, converted.converted_at = LeadStatus.CONVERTED, base.client_b, timezone.now()
    converted.save()
