"""Matching pages: the requisition's "Top matches" tab with explanation chips, "Suggested jobs" on a candidate,
a client's weights form."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from handoff.domain.matching import selectors, store
from handoff.domain.recruiting.models import Candidate
from tests.interfaces.web.conftest import LoginAs
from tests.matching import indexed_pool, python_requisition
from tests.personas import World

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def index_folder(settings: Any, tmp_path: Path) -> None:
    settings.MATCHING_INDEX_DIR = tmp_path / "matching"
    store.clear_memory()


@pytest.fixture
def pool(world: World) -> dict[str, Candidate]:
    return indexed_pool(world)


def test_top_matches_tab_shows_ranked_candidates_with_chips(
    login_as: LoginAs, world: World, pool: dict[str, Candidate]
) -> None:
    requisition = python_requisition(world)
    page = login_as("recruiter_a").get(f"/recruiting/requisitions/{requisition.pk}/matches/")
    assert page.status_code == 200
    html = page.content.decode()
    assert html.index("Paula Python") < html.index("Hal Half") < html.index("Pete Plumber")
    assert "chip-matched" in html
    assert "✗ django" in html
    assert "Required skills +" in html
    assert 'aria-current="page">Top matches' in html


def test_blind_mode_page_shows_references_not_names(
    login_as: LoginAs, world: World, pool: dict[str, Candidate]
) -> None:
    requisition = python_requisition(world)
    html = login_as("recruiter_a").get(f"/recruiting/requisitions/{requisition.pk}/matches/?blind=1").content.decode()
    assert "Paula Python" not in html
    assert "Hal Half" not in html
    assert selectors.blind_reference(pool["pythonista"].pk) in html


def test_client_users_get_no_matches_tab_nor_page(login_as: LoginAs, world: World) -> None:
    requisition = world.recruiting.requisition_a
    browser = login_as("hr_admin_a")
    assert "Top matches" not in browser.get(f"/recruiting/requisitions/{requisition.pk}/").content.decode()
    assert browser.get(f"/recruiting/requisitions/{requisition.pk}/matches/").status_code == 404
    assert (
        login_as("recruiter_a")
        .get(f"/recruiting/requisitions/{world.recruiting.requisition_b.pk}/matches/")
        .status_code
        == 404
    )


def test_candidate_page_loads_suggested_jobs(login_as: LoginAs, world: World, pool: dict[str, Candidate]) -> None:
    python_requisition(world)
    browser = login_as("recruiter_a")
    candidate_id = pool["pythonista"].pk
    detail = browser.get(f"/recruiting/candidates/{candidate_id}/").content.decode()
    assert f"/recruiting/candidates/{candidate_id}/suggested-jobs/" in detail
    part = browser.get(f"/recruiting/candidates/{candidate_id}/suggested-jobs/", HTTP_HX_REQUEST="true")
    html = part.content.decode()
    assert part.status_code == 200
    assert "<html" not in html
    assert "Python developer" in html
    assert "ZQXB" not in html
    full = browser.get(f"/recruiting/candidates/{candidate_id}/suggested-jobs/").content.decode()
    assert "<html" in full
    assert "Suggested jobs" in full


def test_weights_form_saves_and_rejects_bad_input(login_as: LoginAs, world: World) -> None:
    browser = login_as("hr_admin_a")
    url = f"/matching/clients/{world.client_a.pk}/weights/"
    assert browser.get(url).status_code == 200
    values = {
        "lexical": "2",
        "required_skills": "0.3",
        "preferred_skills": "0.1",
        "title": "0.1",
        "experience": "0.1",
        "location": "0.05",
        "salary": "0.05",
        "languages": "0.05",
        "blind": "on",
    }
    assert browser.post(url, values).status_code == 302
    assert selectors.client_weights(world.users["hr_admin_a"], world.client_a.pk).lexical == 2
    bad = browser.post(url, {**values, "lexical": "-3"})
    assert bad.status_code == 400
    assert "-3" in bad.content.decode()
    zero = browser.post(url, {**dict.fromkeys(selectors.FACTOR_LABELS, "0")})
    assert zero.status_code == 400
    assert "At least one weight" in zero.content.decode()
    assert login_as("hiring_manager_a").post(url, values).status_code == 403
    assert browser.get(f"/matching/clients/{world.client_b.pk}/weights/").status_code == 404
