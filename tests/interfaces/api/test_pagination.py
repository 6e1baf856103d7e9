"""Page-number pagination: {"items", "count", "page", "pages"}, page_size capped at 200, bad pages are 422."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from handoff.interfaces.api.pagination import page_count
from tests import factories
from tests.interfaces.api.conftest import ApiClient, field_errors
from tests.personas import World

type ApiAs = Callable[[str], ApiClient]


@pytest.fixture
def many_clients(world: World) -> int:
    """Five more clients (seven in all) for the provider admin, who sees every client."""
    factories.ClientFactory.create_batch(5)
    return 7


def test_page_count() -> None:
    assert [page_count(n, 3) for n in (0, 1, 3, 4, 6, 7)] == [1, 1, 1, 2, 2, 3]


def test_pages_split_the_list(api_as: ApiAs, many_clients: int) -> None:
    api = api_as("provider_admin")
    pages = [api.get("/clients", {"page": page, "page_size": 3}).json() for page in (1, 2, 3)]
    assert [(p["count"], p["page"], p["pages"], len(p["items"])) for p in pages] == [
        (7, 1, 3, 3),
        (7, 2, 3, 3),
        (7, 3, 3, 1),
    ]
    ids = [item["id"] for p in pages for item in p["items"]]
    assert len(ids) == len(set(ids)) == many_clients


def test_default_page(api_as: ApiAs, many_clients: int) -> None:
    body = api_as("provider_admin").get("/clients").json()
    assert set(body) == {"items", "count", "page", "pages"}
    assert (body["count"], body["page"], body["pages"], len(body["items"])) == (7, 1, 1, 7)


def test_page_size_is_capped_at_200(world: World, api_as: ApiAs) -> None:
    factories.ClientFactory.create_batch(205)
    body = api_as("provider_admin").get("/clients", {"page_size": 10_000}).json()
    assert (body["count"], len(body["items"]), body["pages"]) == (207, 200, 2)


def test_an_empty_list_has_one_empty_page(api_as: ApiAs) -> None:
    body = api_as("outsider").get("/clients").json()
    assert body == {"items": [], "count": 0, "page": 1, "pages": 1}


def test_a_page_past_the_end_is_a_422(api_as: ApiAs, many_clients: int) -> None:
    response = api_as("provider_admin").get("/clients", {"page": 4, "page_size": 3})
    assert response.status_code == 422
    assert field_errors(response) == {"page": "Page 4 is out of range (1–3)."}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page": 0}, "page"),
        ({"page": -1}, "page"),
        ({"page": "two"}, "page"),
        ({"page": 10**30}, "page"),
        ({"page": 2**62}, "page"),
        ({"page_size": 0}, "page_size"),
        ({"page_size": "lots"}, "page_size"),
    ],
)
def test_bad_pages_are_422_on_every_list(api_as: ApiAs, params: dict[str, object], field: str) -> None:
    api = api_as("provider_admin")
    for path in ("/clients", "/engagements/bpo", "/engagements/rpo", "/delivery-centers", "/tokens"):
        response = api.get(path, params)
        assert response.status_code == 422, path
        assert set(field_errors(response)) == {field}


def test_every_list_is_paginated(world: World, api_as: ApiAs) -> None:
    api = api_as("provider_admin")
    for path in (
        "/clients",
        f"/clients/{world.client_a.pk}/account-team",
        "/delivery-centers",
        "/engagements/bpo",
        "/engagements/rpo",
        "/tokens",
    ):
        body = api.get(path, {"page_size": 1}).json()
        assert set(body) == {"items", "count", "page", "pages"}, path
        assert len(body["items"]) == 1, path
        assert body["pages"] == body["count"], path
