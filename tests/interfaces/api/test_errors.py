"""One error format for every error, with the right status, and never a 500 on bad input."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from handoff.domain.tenancy.models import Client as ClientCompany
from tests.interfaces.api.conftest import ApiClient, field_errors
from tests.personas import World

type ApiAs = Callable[[str], ApiClient]


def test_malformed_json_is_a_400(api_as: ApiAs) -> None:
    response = api_as("provider_admin").raw("post", "/engagements/bpo", "{not json")
    assert response.status_code == 400
    assert field_errors(response) == {"body": "The body is not valid JSON."}
    assert response.json()["detail"] == "Malformed JSON body."


@pytest.mark.parametrize("body", ["[1, 2]", '"text"', "null", "42"])
def test_a_body_that_is_not_an_object_is_a_422(api_as: ApiAs, body: str) -> None:
    response = api_as("provider_admin").raw("post", "/clients", body)
    assert response.status_code == 422
    assert "body" in field_errors(response)


def test_undecodable_bytes_are_a_400(api_as: ApiAs) -> None:
    response = api_as("provider_admin").raw("post", "/tokens", b"\xff\xfe{\x00")
    assert response.status_code == 400


def test_ninja_validation_errors_name_each_field(world: World, api_as: ApiAs) -> None:
    response = api_as("provider_admin").post(
        "/engagements/rpo",
        {"client_id": world.client_a.pk, "name": "x", "start_date": "not a date", "model": "weekly", "fee_amount": -1},
    )
    assert response.status_code == 422
    errors = field_errors(response)
    assert {"start_date", "model", "fee_amount", "pricing_model"} <= set(errors)
    assert errors["pricing_model"] == "Field required"


def test_nested_fields_are_dotted(world: World, api_as: ApiAs) -> None:
    response = api_as("provider_admin").post(
        "/engagements/rpo",
        {
            "client_id": world.client_a.pk,
            "name": "x",
            "start_date": "2026-01-01",
            "model": "hybrid",
            "provider_stages": ["sourcing", "juggling"],
            "pricing_model": "fee_per_hire",
            "fee_amount": "10",
        },
    )
    assert response.status_code == 422
    assert set(field_errors(response)) == {"provider_stages.1"}


def test_django_validation_errors_from_actions_are_422_with_fields(world: World, api_as: ApiAs) -> None:
    response = api_as("provider_admin").patch(
        f"/engagements/bpo/{world.bpo_a.pk}", {"start_date": "2026-06-01", "end_date": "2026-01-01"}
    )
    assert response.status_code == 422
    assert field_errors(response) == {"end_date": "The end date cannot be before the start date."}


def test_a_body_over_the_request_limit_is_a_413_and_nothing_is_saved(
    world: World, api_as: ApiAs, settings: Any
) -> None:
    settings.REQUEST_MAX_BYTES = 2048
    name = "Big Body Ltd." + " " * 3000
    response = api_as("provider_admin").raw("post", "/clients", json.dumps({"name": name, "country": "FR"}))
    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is larger than 2 KB.", "errors": []}
    assert not ClientCompany.objects.filter(name__startswith="Big Body").exists()


def test_uniqueness_conflicts_are_a_409(world: World, api_as: ApiAs) -> None:
    response = api_as("provider_admin").post(
        "/clients", {"name": world.client_b.name, "legal_name": "Copy Ltd.", "country": "FR"}
    )
    assert response.status_code == 409
    assert set(field_errors(response)) == {"name"}


def test_permission_denied_is_a_403(world: World, api_as: ApiAs) -> None:
    response = api_as("hr_admin_a").patch(f"/engagements/bpo/{world.bpo_a.pk}", {"name": "mine now"})
    assert response.status_code == 403
    assert field_errors(response) == {}
    assert "edit engagements" in response.json()["detail"]


DETAIL_ROUTES = {
    "client": ("/clients/{}", "client_b"),
    "account team": ("/clients/{}/account-team", "client_b"),
    "bpo": ("/engagements/bpo/{}", "bpo_b"),
    "rpo": ("/engagements/rpo/{}", "rpo_b"),
}


@pytest.mark.parametrize("route", sorted(DETAIL_ROUTES))
def test_foreign_and_missing_ids_give_byte_identical_404s(world: World, api_as: ApiAs, route: str) -> None:
    path, foreign_attr = DETAIL_ROUTES[route]
    api = api_as("hr_admin_a")
    foreign = api.get(path.format(getattr(world, foreign_attr).pk))
    missing = api.get(path.format(987_654))
    assert foreign.status_code == missing.status_code == 404
    assert foreign.content == missing.content == b'{"detail": "Not found", "errors": []}'
    assert foreign["Content-Type"] == missing["Content-Type"]


@pytest.mark.parametrize("method", ["patch", "delete"])
def test_writes_to_foreign_ids_are_the_same_404_as_missing_ones(world: World, api_as: ApiAs, method: str) -> None:
    api = api_as("account_manager_a")
    if method == "patch":
        foreign, missing = (api.patch(f"/engagements/rpo/{pk}", {"name": "x"}) for pk in (world.rpo_b.pk, 987_654))
    else:
        other_token = ApiClient(world.users["hr_admin_b"])  # issues a token for hr_admin_b
        other_id = other_token.get("/tokens").json()["items"][0]["id"]
        foreign, missing = (api.delete(f"/tokens/{pk}") for pk in (other_id, 987_654))
    assert foreign.status_code == missing.status_code == 404
    assert foreign.content == missing.content


def test_unknown_api_paths_are_json_404s(world: World) -> None:
    for path in ("/api/", "/api/v1/nothing-here", "/api/v2/clients", "/api/v1/clients/"):
        response = Client().get(path)
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found", "errors": []}


@pytest.mark.parametrize("bad_id", ["abc", "0", "-3", "1.5", str(2**64), "9" * 40])
def test_malformed_and_overflowing_ids_are_422_not_500(api_as: ApiAs, bad_id: str) -> None:
    api = api_as("provider_admin")
    for path in (f"/clients/{bad_id}", f"/engagements/bpo/{bad_id}", f"/delivery-centers/{bad_id}"):
        response = api.get(path)
        assert response.status_code == 422, path
        assert set(field_errors(response)) <= {"client_id", "bpo_id", "center_id"}
    assert api.get("/engagements/rpo", {"client_id": bad_id}).status_code == 422
    assert api.delete(f"/tokens/{bad_id}").status_code == 422


def test_nul_characters_are_refused(api_as: ApiAs) -> None:
    response = api_as("provider_admin").post("/clients", {"name": "Bad\x00Name", "legal_name": "x", "country": "FR"})
    assert response.status_code == 422
    assert set(field_errors(response)) == {"name"}


@pytest.mark.parametrize(
    "body",
    [
        {"rate": "NaN"},
        {"rate": "Infinity"},
        {"rate": "1e40"},
        {"rate": "0.001"},
        {"sla_first_response_minutes": 10**30},
        {"sla_service_level_pct": 101},
        {"status": "exploded"},
        {"start_date": "2026-02-30"},
        {"name": ""},
        {"name": "x" * 500},
        {"name": None},
        {"delivery_center_id": None},
        {"delivery_center_id": 987_654},
    ],
)
def test_bad_values_in_a_patch_are_422(world: World, api_as: ApiAs, body: dict[str, object]) -> None:
    response = api_as("provider_admin").patch(f"/engagements/bpo/{world.bpo_a.pk}", body)
    assert response.status_code == 422, response.content
    assert set(field_errors(response)) == set(body)


def test_an_oversized_body_is_a_413(api_as: ApiAs, settings: object) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 200  # type: ignore[attr-defined]
    response = api_as("provider_admin").post("/tokens", {"name": "x" * 500})
    assert response.status_code == 413
    assert field_errors(response) == {}


def test_wrong_method_is_not_a_500(world: World, api_as: ApiAs) -> None:
    response = api_as("provider_admin").delete(f"/clients/{world.client_a.pk}")
    assert response.status_code == 405
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Method not allowed.", "errors": []}
    assert "GET" in response["Allow"]
