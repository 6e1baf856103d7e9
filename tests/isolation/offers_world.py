"""Offers for the probes: one accepted offer per client A and B (with its onboarding, tasks and hire surveys), made
on a new candidate of each client's requisition, and a third client's (Gamma's) offers whose signed links are the
public pages probed: they must never show A's or B's data."""

from __future__ import annotations

from handoff.domain.accounts.models import User
from handoff.domain.offers import actions
from handoff.domain.offers.actions import onboarding
from handoff.domain.offers.models import Onboarding
from handoff.domain.recruiting import actions as recruiting_actions
from handoff.domain.recruiting.models import Application, Requisition
from handoff.domain.tenancy.models import Client
from tests.offers import terms
from tests.personas import MARKER_A, MARKER_B, World
from tests.recruiting import candidate_data

GAMMA = "Gamma Careers Co"  # made by careers_world.py
MISSING = "987654321"
_links: dict[str, str] = {}


def _application(base: World, requisition: Requisition, name: str, client: Client) -> Application:
    admin = base.users["provider_admin"]
    email = name.lower().replace(" ", ".") + "@mail.test"
    candidate = recruiting_actions.create_candidate(
        admin, candidate_data(full_name=name, email=email, phone="", profile_url="", origin_client=client)
    )
    return recruiting_actions.add_application(admin, requisition, candidate)


def _accepted(base: World, application: Application, approvers: tuple[str, ...], equity: str) -> str:
    admin = base.users["provider_admin"]
    offer = actions.create_offer(admin, application, terms(equity=equity))
    for name in approvers:
        offer = actions.approve(base.users[name] if name in base.users else _user(name), offer)
    offer, token = actions.send_offer(admin, offer)
    return token


def _user(email: str) -> User:
    return User.objects.get(email=email)


def build_offers(base: World) -> None:
    admin = base.users["provider_admin"]
    for suffix, marker in (("a", MARKER_A), ("b", MARKER_B)):
        requisition = getattr(base.recruiting, f"requisition_{suffix}")
        client = requisition.client
        application = _application(base, requisition, f"Offer Hire {suffix.upper()}", client)
        token = _accepted(
            base, application, (f"hiring_manager_{suffix}", f"hr_admin_{suffix}", "provider_admin"), f"Equity {marker}"
        )
        actions.respond(token, accept=True, ip="192.0.2.1")
        onboarding.add_checklist_item(
            admin, client.pk, {"title": f"Locker {marker}", "kind": "equipment", "side": "client", "due_offset_days": 1}
        )
    gamma = Client.objects.get(name=GAMMA)
    requisition = Requisition.objects.filter(client=gamma).first()
    assert requisition is not None
    actions.save_offer_settings(admin, gamma.pk, ["hr_admin"], "")
    hr = "hr@gamma.test"
    accepted = _accepted(base, _application(base, requisition, "Gamma Hire One", gamma), (hr,), "none")
    offer = actions.respond(accepted, accept=True, ip="192.0.2.2")
    _links["onboarding"] = onboarding.candidate_token(Onboarding.objects.get(offer=offer))
    _links["offer"] = _accepted(base, _application(base, requisition, "Gamma Hire Two", gamma), (hr,), "none")


def offer_token() -> str:
    return _links.get("offer", MISSING)


def onboarding_token() -> str:
    return _links.get("onboarding", MISSING)
