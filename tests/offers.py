"""Offer test data, made through the actions: an offer approved by client A's default chain, sent, accepted."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from handoff.domain.offers import actions
from handoff.domain.offers.models import Offer
from handoff.domain.recruiting.models import Application
from tests.personas import World


def terms(**overrides: Any) -> dict[str, Any]:
    today = timezone.localdate()
    data: dict[str, Any] = {
        "title": "Backend engineer",
        "start_date": today + dt.timedelta(days=30),
        "base_salary": Decimal("100000"),
        "currency": "USD",
        "bonus": Decimal("5000"),
        "equity": "0.1% over 4 years",
        "benefits": "Health, 25 days of holiday",
        "expires_on": today + dt.timedelta(days=10),
    }
    return {**data, **overrides}


def make_offer(world: World, application: Application | None = None, suffix: str = "a", **overrides: Any) -> Offer:
    application = application or world.recruiting.application_a
    return actions.create_offer(
        world.users["recruiter_a" if suffix == "a" else "provider_admin"], application, terms(**overrides)
    )


def approve_all(world: World, offer: Offer, suffix: str = "a") -> Offer:
    manager = "account_manager_a" if suffix == "a" else "provider_admin"
    for name in (f"hiring_manager_{suffix}", f"hr_admin_{suffix}", manager):
        offer = actions.approve(world.users[name], offer)
    return offer


def sent_offer(
    world: World, application: Application | None = None, suffix: str = "a", **overrides: Any
) -> tuple[Offer, str]:
    offer = approve_all(world, make_offer(world, application, suffix, **overrides), suffix)
    sender = world.users["recruiter_a" if suffix == "a" else "provider_admin"]
    return actions.send_offer(sender, offer)
