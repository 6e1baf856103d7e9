"""Delivery centers: the provider's own, readable by every signed-in user."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests import factories
from tests.interfaces.api.conftest import ApiClient
from tests.personas import PERSONA_SCOPE, World

type ApiAs = Callable[[str], ApiClient]


@pytest.mark.parametrize("persona", sorted(PERSONA_SCOPE))
def test_every_signed_in_user_reads_delivery_centers(world: World, api_as: ApiAs, persona: str) -> None:
    center = world.bpo_a.delivery_center
    api = api_as(persona)
    listed = api.get("/delivery-centers")
    detail = api.get(f"/delivery-centers/{center.pk}")
    if persona == "anonymous":
        assert listed.status_code == detail.status_code == 401
        return
    assert [item["name"] for item in listed.json()["items"]] == ["Manila Center"]
    body = detail.json()
    assert (body["country"], body["city"], body["time_zone"], body["holiday_country"]) == (
        "PH",
        "Manila",
        "Asia/Manila",
        "PH",
    )
    assert body["working_hours"]["mon"] == [["09:00", "12:30"], ["13:30", "18:00"]]


def test_inactive_and_missing_centers_are_the_same_404(world: World, api_as: ApiAs) -> None:
    closed = factories.DeliveryCenterFactory(name="Closed Center", is_active=False)
    api = api_as("provider_admin")
    inactive, missing = api.get(f"/delivery-centers/{closed.pk}"), api.get("/delivery-centers/987654")
    assert inactive.status_code == missing.status_code == 404
    assert inactive.content == missing.content
    assert "Closed Center" not in api.get("/delivery-centers").content.decode()
