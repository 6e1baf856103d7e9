"""Leads: a prospect's proposal request (consent required), and its conversion into a client with drafts."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from handoff.domain.advisor import actions, codec, selectors
from handoff.domain.advisor.models import AdvisorReport, Lead, LeadStatus
from handoff.domain.engagements.models import BpoEngagement, EngagementStatus, RpoEngagement
from handoff.domain.tenancy.access import visible_clients
from handoff.domain.tenancy.models import AccountAssignment, Client
from tests.advisor import scenarios
from tests.advisor.scenarios import People

pytestmark = pytest.mark.django_db

CONTACT = {"name": "Dana Whitfield", "company": "Northwind Outfitters", "email": "dana@northwind.example"}
CLIENT = {
    "name": "Northwind Outfitters",
    "legal_name": "Northwind Outfitters Inc.",
    "country": "US",
    "time_zone": "America/Chicago",
    "industry": "retail",
    "size": "1000+",
    "is_active": True,
}


@pytest.fixture
def cast(db: None) -> People:
    return scenarios.people()


def report(scenario: scenarios.Scenario) -> AdvisorReport:
    saved, _evaluation = actions.save_report(codec.answers_from_data(scenario.answers))
    return saved


def lead_for(scenario: scenarios.Scenario) -> Lead:
    return actions.submit_lead(report(scenario), {**CONTACT, "consent": True}, "203.0.113.7")


def test_a_lead_records_consent_with_time_and_address() -> None:
    lead = lead_for(scenarios.RETAILER)
    assert lead.consent
    assert lead.consent_at is not None
    assert lead.consent_ip == "203.0.113.7"
    assert lead.status == LeadStatus.NEW


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({**CONTACT, "consent": False}, "consent"),
        ({**CONTACT, "email": "not an address", "consent": True}, "email"),
        ({**CONTACT, "company": " ", "consent": True}, "company"),
    ],
)
def test_a_lead_without_consent_or_contact_is_refused(data: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        actions.submit_lead(report(scenarios.RETAILER), data, None)
    assert field in caught.value.message_dict
    assert not Lead.objects.exists()


@pytest.mark.parametrize("persona", ["provider_admin", "account_manager"])
def test_admins_and_account_managers_see_leads(cast: People, persona: str) -> None:
    lead = lead_for(scenarios.RETAILER)
    assert list(selectors.leads(cast[persona])) == [lead]
    assert selectors.lead(cast[persona], lead.pk) == lead


@pytest.mark.parametrize("persona", ["recruiter", "hr_admin", "anonymous"])
def test_nobody_else_sees_leads(cast: People, persona: str) -> None:
    lead = lead_for(scenarios.RETAILER)
    actor = AnonymousUser() if persona == "anonymous" else cast[persona]
    with pytest.raises(PermissionDenied):
        selectors.leads(actor)
    with pytest.raises(PermissionDenied):
        actions.convert_lead(actor, lead.pk, CLIENT)
    assert not Client.objects.filter(name=CLIENT["name"]).exists()


def test_a_missing_lead_is_a_404(cast: People) -> None:
    with pytest.raises(Http404):
        selectors.lead(cast["account_manager"], 987654)


def test_an_account_manager_converts_a_retailer_into_a_client_with_a_draft_bpo_engagement(cast: People) -> None:
    scenarios.rate_card(cast["provider_admin"])
    lead = lead_for(scenarios.RETAILER)
    manager = cast["account_manager"]
    converted = actions.convert_lead(manager, lead.pk, CLIENT)
    client = Client.objects.get(name=CLIENT["name"])
    assert converted.status == LeadStatus.CONVERTED
    assert converted.client == client
    assert converted.converted_by == manager
    assert AccountAssignment.objects.filter(client=client, user=manager).exists()  # now on the account team
    assert client in visible_clients(manager)
    (bpo,) = BpoEngagement.objects.filter(client=client)
    assert bpo.status == EngagementStatus.DRAFT
    assert bpo.process_type == "customer_service"
    assert bpo.office == "front"
    assert bpo.delivery_center.name == "Guadalajara Center"  # the center the rate card chose
    assert bpo.rate == 2600
    assert not RpoEngagement.objects.filter(client=client).exists()


def test_a_provider_admin_converts_a_bank_into_bpo_and_hybrid_rpo_drafts(cast: People) -> None:
    scenarios.rate_card(cast["provider_admin"])
    lead = lead_for(scenarios.BANK)
    actions.convert_lead(cast["provider_admin"], lead.pk, {**CLIENT, "country": "DE", "time_zone": "Europe/Berlin"})
    client = Client.objects.get(name=CLIENT["name"])
    assert not AccountAssignment.objects.filter(client=client).exists()  # an admin sees every client already
    (bpo,) = BpoEngagement.objects.filter(client=client)
    assert (bpo.process_type, bpo.office, bpo.delivery_center.name) == ("payroll", "back", "Frankfurt Center")
    assert bpo.location().location == "onshore"
    (rpo,) = RpoEngagement.objects.filter(client=client)
    assert rpo.model == "hybrid"
    assert rpo.status == EngagementStatus.DRAFT
    assert rpo.provider_stages == ["sourcing", "screening"]  # HR keeps intake, interviews and the offer


def test_a_startup_gets_an_on_demand_draft_with_its_target_headcount(cast: People) -> None:
    lead = lead_for(scenarios.STARTUP)
    actions.convert_lead(cast["account_manager"], lead.pk, CLIENT)
    (rpo,) = RpoEngagement.objects.filter(client__name=CLIENT["name"])
    assert rpo.model == "on_demand"
    assert rpo.target_headcount == 60
    assert rpo.window_start is not None
    assert rpo.window_end is not None


def test_a_lead_converts_once_and_a_bad_client_saves_nothing(cast: People) -> None:
    lead = lead_for(scenarios.STARTUP)
    with pytest.raises(ValidationError) as caught:
        actions.convert_lead(cast["account_manager"], lead.pk, {**CLIENT, "country": "XX"})
    assert "country" in caught.value.message_dict
    assert not Client.objects.filter(name=CLIENT["name"]).exists()
    assert not RpoEngagement.objects.exists()
    actions.convert_lead(cast["account_manager"], lead.pk, CLIENT)
    with pytest.raises(ValidationError):
        actions.convert_lead(cast["account_manager"], lead.pk, {**CLIENT, "name": "Another"})
    assert Client.objects.filter(name__in=[CLIENT["name"], "Another"]).count() == 1
