"""The offers demo: an offer per client with an application in progress, the first accepted; a rerun adds nothing."""

from __future__ import annotations

from collections import Counter

import pytest

from handoff.domain.offers.demo import seed_offers
from handoff.domain.offers.models import Offer, OfferStatus, Onboarding
from tests.personas import World

pytestmark = pytest.mark.django_db


def test_seed_offers_is_idempotent(world: World) -> None:
    created: Counter[str] = Counter()
    seed_offers(world.users["provider_admin"], created)
    assert created["offers"] == 2
    assert Offer.objects.filter(status=OfferStatus.ACCEPTED).count() == 1
    onboarding = Onboarding.objects.get()
    assert onboarding.tasks.filter(completed_at__isnull=False).exists()
    again: Counter[str] = Counter()
    seed_offers(world.users["provider_admin"], again)
    assert again["offers"] == 0


def test_the_daily_command_runs_both_jobs(world: World) -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("offers_daily", stdout=out)
    assert out.getvalue().strip() == "expired 0 offer(s), sent 0 survey(s)"
