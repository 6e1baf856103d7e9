"""BPO and RPO engagements: scoped reads, editor-only writes, pricing by role, owners fixed."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from tests import factories
from tests.interfaces.api.conftest import ApiClient, field_errors
from tests.personas import PERSONA_SCOPE, World
from tests.rls_queries import rls_request_queries

type ApiAs = Callable[[str], ApiClient]

PERSONAS = sorted(PERSONA_SCOPE)
KINDS = ("bpo", "rpo")
PRICING = {"bpo": ("pricing_model", "rate"), "rpo": ("pricing_model", "fee_amount")}
SEES_PRICING = {"provider_admin", "account_manager_a", "hr_admin_a", "hr_admin_b"}
EDITORS = {"provider_admin", "account_manager_a"}


def engagement(world: World, kind: str, side: str) -> Any:
    return getattr(world, f"{kind}_{side}")


def visible_sides(persona: str) -> set[str]:
    return {"A": {"a"}, "B": {"b"}, "both": {"a", "b"}}.get(PERSONA_SCOPE[persona] or "", set())


def new_bpo(world: World, client_id: int) -> dict[str, Any]:
    center = factories.DeliveryCenterFactory(
        name="Mexico City Center", country="MX", city="CDMX", time_zone="America/Mexico_City"
    )
    return {
        "client_id": client_id,
        "name": "Back-office payroll",
        "start_date": "2026-03-01",
        "process_type": "payroll",
        "delivery_center_id": center.pk,
        "pricing_model": "per_transaction",
        "rate": "3.50",
    }


def new_rpo(client_id: int) -> dict[str, Any]:
    return {
        "client_id": client_id,
        "name": "Hybrid hiring",
        "start_date": "2026-03-01",
        "model": "hybrid",
        "provider_stages": ["screening", "sourcing"],
        "pricing_model": "fee_per_hire",
        "fee_amount": "4200.00",
    }


# --- reads ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_list_shows_engagements_of_visible_clients(world: World, api_as: ApiAs, persona: str, kind: str) -> None:
    response = api_as(persona).get(f"/engagements/{kind}")
    if persona == "anonymous":
        assert response.status_code == 401
        return
    assert response.status_code == 200
    expected = {engagement(world, kind, side).pk for side in visible_sides(persona)}
    assert {item["id"] for item in response.json()["items"]} == expected


@pytest.mark.parametrize("kind", KINDS)
def test_client_filter(world: World, api_as: ApiAs, kind: str) -> None:
    admin = api_as("provider_admin")
    body = admin.get(f"/engagements/{kind}", {"client_id": world.client_b.pk}).json()
    assert [item["id"] for item in body["items"]] == [engagement(world, kind, "b").pk]
    hr_a = api_as("hr_admin_a")
    assert hr_a.get(f"/engagements/{kind}", {"client_id": world.client_a.pk}).json()["count"] == 1
    foreign = hr_a.get(f"/engagements/{kind}", {"client_id": world.client_b.pk})
    missing = hr_a.get(f"/engagements/{kind}", {"client_id": 987_654})
    assert foreign.status_code == missing.status_code == 404
    assert foreign.content == missing.content


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_detail_is_200_when_visible_and_404_otherwise(world: World, api_as: ApiAs, persona: str, kind: str) -> None:
    api = api_as(persona)
    for side in ("a", "b"):
        response = api.get(f"/engagements/{kind}/{engagement(world, kind, side).pk}")
        if persona == "anonymous":
            assert response.status_code == 401
        elif side in visible_sides(persona):
            assert response.status_code == 200
            assert response.json()["client_id"] == getattr(world, f"client_{side}").pk
        else:
            assert response.status_code == 404


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("persona", sorted(p for p in PERSONA_SCOPE if "a" in visible_sides(p)))
def test_pricing_only_for_commercial_roles(world: World, api_as: ApiAs, persona: str, kind: str) -> None:
    api = api_as(persona)
    detail = api.get(f"/engagements/{kind}/{engagement(world, kind, 'a').pk}").json()
    listed = api.get(f"/engagements/{kind}", {"client_id": world.client_a.pk}).json()["items"][0]
    for body in (detail, listed):
        pricing = {field: body[field] for field in PRICING[kind]}
        if persona in SEES_PRICING:
            assert None not in pricing.values()
        else:
            assert set(pricing.values()) == {None}
        assert body["name"]  # the rest is still there


def test_hiring_manager_never_sees_rates(world: World, api_as: ApiAs) -> None:
    api = api_as("hiring_manager_a")
    for kind in KINDS:
        response = api.get(f"/engagements/{kind}/{engagement(world, kind, 'a').pk}")
        assert "2400" not in response.content.decode()
        assert "6500" not in response.content.decode()
        assert response.json()["pricing_model"] is None


def test_bpo_output_derives_the_delivery_location(world: World, api_as: ApiAs) -> None:
    body = api_as("hr_admin_a").get(f"/engagements/bpo/{world.bpo_a.pk}").json()
    assert body["delivery_location"]["location"] == "offshore"  # New York client, Manila center
    assert body["delivery_location"]["hours_apart"] >= 12
    assert "another country" in body["delivery_location"]["reason"]
    assert body["rate"] == "2400.00"
    assert body["delivery_center_id"] == world.bpo_a.delivery_center_id


def test_rpo_output_lists_stage_ownership(world: World, api_as: ApiAs) -> None:
    body = api_as("hr_admin_a").get(f"/engagements/rpo/{world.rpo_a.pk}").json()
    assert body["model"] == "enterprise"
    assert body["client_stages"] == []
    assert body["fee_amount"] == "6500.00"


def test_list_query_count_does_not_grow_with_rows(
    world: World, api_as: ApiAs, django_assert_max_num_queries: Any
) -> None:
    api = api_as("provider_admin")
    api.get("/engagements/bpo")  # warm up (token lookup paths, content types)
    factories.BpoEngagementFactory.create_batch(8, client=world.client_a)
    with django_assert_max_num_queries(6 + rls_request_queries(via_token=True)):
        assert api.get("/engagements/bpo").json()["count"] == 10


# --- create ---------------------------------------------------------------------------------------------------


def create_status(persona: str) -> int:
    if persona == "anonymous":
        return 401
    if "a" not in visible_sides(persona):
        return 404
    return 201 if persona in EDITORS else 403


@pytest.mark.parametrize("persona", PERSONAS)
def test_create_bpo_per_persona(world: World, api_as: ApiAs, persona: str) -> None:
    response = api_as(persona).post("/engagements/bpo", new_bpo(world, world.client_a.pk))
    assert response.status_code == create_status(persona)
    if response.status_code == 201:
        body = response.json()
        assert body["client_id"] == world.client_a.pk
        assert body["office"] == "back"  # derived from payroll
        assert body["status"] == "draft"
        assert body["delivery_location"]["location"] == "nearshore"  # New York and Mexico City
        assert body["rate"] == "3.50"
    else:
        field_errors(response)


@pytest.mark.parametrize("persona", PERSONAS)
def test_create_rpo_per_persona(world: World, api_as: ApiAs, persona: str) -> None:
    response = api_as(persona).post("/engagements/rpo", new_rpo(world.client_a.pk))
    assert response.status_code == create_status(persona)
    if response.status_code == 201:
        body = response.json()
        assert body["provider_stages"] == ["sourcing", "screening"]  # put in stage order
        assert "requisition" in body["client_stages"]
        assert body["fee_amount"] == "4200.00"


@pytest.mark.parametrize("kind", KINDS)
def test_an_account_manager_cannot_create_for_a_client_outside_the_team(world: World, api_as: ApiAs, kind: str) -> None:
    body = new_bpo(world, world.client_b.pk) if kind == "bpo" else new_rpo(world.client_b.pk)
    foreign = api_as("account_manager_a").post(f"/engagements/{kind}", body)
    missing = api_as("account_manager_a").post(f"/engagements/{kind}", {**body, "client_id": 987_654})
    assert foreign.status_code == missing.status_code == 404
    assert foreign.content == missing.content


def test_create_rejects_an_unknown_delivery_center(world: World, api_as: ApiAs) -> None:
    body = {**new_bpo(world, world.client_a.pk), "delivery_center_id": 987_654}
    response = api_as("account_manager_a").post("/engagements/bpo", body)
    assert response.status_code == 422
    assert set(field_errors(response)) == {"delivery_center_id"}


def test_create_runs_the_models_rules(world: World, api_as: ApiAs) -> None:
    body = {**new_rpo(world.client_a.pk), "model": "on_demand"}
    response = api_as("account_manager_a").post("/engagements/rpo", body)
    assert response.status_code == 422
    assert set(field_errors(response)) == {"target_headcount", "window_end"}
    all_stages = ["requisition", "sourcing", "screening", "interviewing", "offer", "onboarding"]
    response = api_as("account_manager_a").post(
        "/engagements/rpo", {**new_rpo(world.client_a.pk), "provider_stages": all_stages}
    )
    assert response.status_code == 422
    assert set(field_errors(response)) == {"provider_stages"}


@pytest.mark.parametrize("kind", KINDS)
def test_create_needs_the_required_fields(world: World, api_as: ApiAs, kind: str) -> None:
    response = api_as("provider_admin").post(f"/engagements/{kind}", {"client_id": world.client_a.pk})
    assert response.status_code == 422
    required = {"bpo": {"process_type", "delivery_center_id", "rate"}, "rpo": {"model", "fee_amount"}}[kind]
    assert {"name", "start_date", "pricing_model"} | required == set(field_errors(response))


# --- update ---------------------------------------------------------------------------------------------------


def patch_status(persona: str) -> int:
    return 200 if create_status(persona) == 201 else create_status(persona)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_patch_per_persona(world: World, api_as: ApiAs, persona: str, kind: str) -> None:
    target = engagement(world, kind, "a")
    response = api_as(persona).patch(f"/engagements/{kind}/{target.pk}", {"name": "Renamed", "status": "paused"})
    assert response.status_code == patch_status(persona)
    target.refresh_from_db()
    assert (target.name == "Renamed") == (response.status_code == 200)
    if response.status_code == 200:
        assert response.json()["status"] == "paused"


@pytest.mark.parametrize("kind", KINDS)
def test_patch_cannot_move_an_engagement_to_another_client(world: World, api_as: ApiAs, kind: str) -> None:
    target = engagement(world, kind, "a")
    for field in ("client_id", "client"):
        response = api_as("provider_admin").patch(f"/engagements/{kind}/{target.pk}", {field: world.client_b.pk})
        assert response.status_code == 422
        assert set(field_errors(response)) == {field}
    target.refresh_from_db()
    assert target.client_id == world.client_a.pk
    assert api_as("hr_admin_a").get(f"/engagements/{kind}/{target.pk}").status_code == 200


def test_patch_changes_only_the_fields_sent(world: World, api_as: ApiAs) -> None:
    response = api_as("account_manager_a").patch(f"/engagements/bpo/{world.bpo_a.pk}", {"rate": "2500"})
    assert response.status_code == 200
    world.bpo_a.refresh_from_db()
    assert world.bpo_a.rate == Decimal("2500")
    assert world.bpo_a.name.startswith("Care ")


def test_patch_can_clear_a_nullable_field(world: World, api_as: ApiAs) -> None:
    api = api_as("account_manager_a")
    assert (
        api.patch(f"/engagements/rpo/{world.rpo_a.pk}", {"end_date": "2027-01-01"}).json()["end_date"] == "2027-01-01"
    )
    assert api.patch(f"/engagements/rpo/{world.rpo_a.pk}", {"end_date": None}).json()["end_date"] is None


def test_patch_moves_a_bpo_to_another_delivery_center(world: World, api_as: ApiAs) -> None:
    center = factories.DeliveryCenterFactory(
        name="Boston Center", country="US", city="Boston", time_zone="America/New_York"
    )
    response = api_as("account_manager_a").patch(
        f"/engagements/bpo/{world.bpo_a.pk}", {"delivery_center_id": center.pk}
    )
    assert response.status_code == 200
    assert response.json()["delivery_location"]["location"] == "onshore"
