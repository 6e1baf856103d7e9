"""Matching API: explained top matches and suggested jobs for talent-pool staff only, scoped; client weights."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from handoff.domain.matching import store
from handoff.domain.recruiting.models import Candidate
from tests.interfaces.api.conftest import ApiClient, field_errors
from tests.matching import indexed_pool, python_requisition
from tests.personas import World

pytestmark = pytest.mark.django_db
type ApiAs = Callable[[str], ApiClient]


@pytest.fixture(autouse=True)
def index_folder(settings: Any, tmp_path: Path) -> None:
    settings.MATCHING_INDEX_DIR = tmp_path / "matching"
    store.clear_memory()


@pytest.fixture
def pool(world: World) -> dict[str, Candidate]:
    return indexed_pool(world)


def put(client: ApiClient, path: str, body: Any) -> Any:
    return client.raw("PUT", path, json.dumps(body))


def test_top_matches_are_ranked_and_explained(api_as: ApiAs, world: World, pool: dict[str, Candidate]) -> None:
    requisition = python_requisition(world)
    response = api_as("recruiter_a").get(f"/matching/requisitions/{requisition.pk}/top-matches")
    assert response.status_code == 200, response.content
    body = response.json()
    first = body["matches"][0]
    assert first["candidate_id"] == pool["pythonista"].pk
    assert first["name"] == "Paula Python"
    assert first["rank"] == 1
    assert first["explanation"]["matched_required"] == ["python", "django"]
    assert sum(f["contribution"] for f in first["explanation"]["factors"]) == pytest.approx(first["score"], abs=1e-3)
    assert body["blind"] is False
    assert body["pool_size"] >= 3


def test_blind_top_matches_leave_out_names_and_ids(api_as: ApiAs, world: World, pool: dict[str, Candidate]) -> None:
    requisition = python_requisition(world)
    response = api_as("recruiter_a").get(f"/matching/requisitions/{requisition.pk}/top-matches", {"blind": "true"})
    body = response.json()
    assert body["blind"] is True
    assert all(m["name"] is None and m["candidate_id"] is None for m in body["matches"])
    assert "Paula" not in response.content.decode()


@pytest.mark.parametrize("persona", ["hr_admin_a", "hiring_manager_a", "bpo_agent_a"])
def test_top_matches_are_hidden_from_other_personas(
    api_as: ApiAs, world: World, pool: dict[str, Candidate], persona: str
) -> None:
    requisition = python_requisition(world)
    assert api_as(persona).get(f"/matching/requisitions/{requisition.pk}/top-matches").status_code == 404
    assert api_as(persona).get(f"/matching/candidates/{pool['half'].pk}/suggested-jobs").status_code == 404


def test_a_recruiter_of_no_client_is_suggested_nothing(api_as: ApiAs, world: World, pool: dict[str, Candidate]) -> None:
    outsider = api_as("outsider")
    assert outsider.get(f"/matching/requisitions/{world.recruiting.requisition_a.pk}/top-matches").status_code == 404
    body = outsider.get(f"/matching/candidates/{pool['half'].pk}/suggested-jobs").json()
    assert body["suggestions"] == []


def test_a_foreign_requisition_answers_like_a_missing_one(api_as: ApiAs, world: World) -> None:
    recruiter = api_as("recruiter_a")
    foreign = recruiter.get(f"/matching/requisitions/{world.recruiting.requisition_b.pk}/top-matches")
    missing = recruiter.get("/matching/requisitions/999999/top-matches")
    assert foreign.status_code == missing.status_code == 404
    assert foreign.json() == missing.json()
    assert (
        api_as("anonymous").get(f"/matching/requisitions/{world.recruiting.requisition_a.pk}/top-matches").status_code
        == 401
    )


def test_suggested_jobs_only_name_requisitions_of_the_callers_clients(
    api_as: ApiAs, world: World, pool: dict[str, Candidate]
) -> None:
    python_requisition(world)
    body = api_as("recruiter_a").get(f"/matching/candidates/{pool['pythonista'].pk}/suggested-jobs").json()
    assert body["indexed"] is True
    assert body["suggestions"][0]["title"] == "Python developer"
    assert {item["client_id"] for item in body["suggestions"]} == {world.client_a.pk}
    assert "ZQXB" not in json.dumps(body)


def test_bad_parameters_answer_422(api_as: ApiAs, world: World) -> None:
    recruiter = api_as("recruiter_a")
    assert (
        recruiter.get(f"/matching/requisitions/{world.recruiting.requisition_a.pk}/top-matches", {"top": 0}).status_code
        == 422
    )
    assert recruiter.get("/matching/requisitions/0/top-matches").status_code == 422


def test_client_weights_read_and_change(api_as: ApiAs, world: World) -> None:
    hr = api_as("hr_admin_a")
    assert hr.get(f"/matching/clients/{world.client_a.pk}/weights").json()["required_skills"] == pytest.approx(0.3)
    changed = put(hr, f"/matching/clients/{world.client_a.pk}/weights", {"lexical": 1.5, "blind": True})
    assert changed.status_code == 200, changed.content
    assert changed.json()["lexical"] == 1.5
    assert changed.json()["blind"] is True
    assert api_as("recruiter_a").get(f"/matching/clients/{world.client_a.pk}/weights").json()["lexical"] == 1.5
    assert (
        put(api_as("hiring_manager_a"), f"/matching/clients/{world.client_a.pk}/weights", {"lexical": 1}).status_code
        == 403
    )
    assert put(hr, f"/matching/clients/{world.client_b.pk}/weights", {"lexical": 1}).status_code == 404
    assert api_as("hr_admin_a").get(f"/matching/clients/{world.client_b.pk}/weights").status_code == 404


def test_bad_weights_name_the_field(api_as: ApiAs, world: World) -> None:
    hr = api_as("hr_admin_a")
    path = f"/matching/clients/{world.client_a.pk}/weights"
    assert "lexical" in field_errors(put(hr, path, {"lexical": -1}))
    assert "charisma" in field_errors(put(hr, path, {"charisma": 1}))
    zero = dict.fromkeys(
        ["lexical", "required_skills", "preferred_skills", "title", "experience", "location", "salary", "languages"], 0
    )
    response = put(hr, path, zero)
    assert response.status_code == 422
    assert "lexical" in field_errors(response)
    assert put(hr, path, {"lexical": 1e9}).status_code == 422
