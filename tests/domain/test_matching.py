"""Matching wired to the platform: the persisted index follows the candidates, top matches and suggested jobs
are explained, scoped to the actor's clients and to the pool's staff, weights are per client, blind mode hides."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.http import Http404

from handoff.domain.matching import actions, selectors, store
from handoff.domain.recruiting import actions as recruiting
from handoff.domain.recruiting.models import Candidate
from handoff.domain.recruiting.normalise import skill_entries
from tests.matching import add_candidate, indexed_pool, python_requisition
from tests.personas import World
from tests.recruiting import open_requisition

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def index_folder(settings: Any, tmp_path: Path) -> Path:
    settings.MATCHING_INDEX_DIR = tmp_path / "matching"
    store.clear_memory()
    return tmp_path / "matching"


@pytest.fixture
def pool(world: World) -> dict[str, Candidate]:
    return indexed_pool(world)


def index_everything() -> None:
    actions.rebuild_index()


@pytest.mark.django_db
def test_top_matches_rank_by_skills_and_explain_each_factor(world: World, pool: dict[str, Candidate]) -> None:
    requisition = python_requisition(world)
    found = selectors.top_matches(world.users["recruiter_a"], requisition.pk)
    ids = [match.candidate_id for match in found.matches]
    assert ids.index(pool["pythonista"].pk) < ids.index(pool["half"].pk) < ids.index(pool["plumber"].pk)
    best = found.matches[0]
    assert best.name == "Paula Python"
    assert best.explanation.matched_required == ["python", "django"]
    half = next(match for match in found.matches if match.candidate_id == pool["half"].pk)
    assert half.explanation.missing_required == ["django"]
    assert sum(f.contribution for f in best.explanation.factors) == pytest.approx(best.score, abs=1e-6)
    assert {f.name for f in best.explanation.factors} >= {"lexical", "required_skills", "location"}
    assert found.pool_size == Candidate.objects.filter(merged_into__isnull=True).count()


@pytest.mark.django_db
def test_a_candidate_not_shared_only_matches_the_client_it_was_sourced_for(world: World) -> None:
    private = add_candidate(
        world,
        "Priya Private",
        "Python developer",
        ["Python", "Django"],
        share_across_clients=False,
        origin_client=world.client_b,
    )
    index_everything()
    requisition_a = python_requisition(world)
    admin = world.users["provider_admin"]
    assert private.pk not in [m.candidate_id for m in selectors.top_matches(admin, requisition_a.pk).matches]
    requisition_b = open_requisition(
        admin,
        world.users["hr_admin_b"],
        world.rpo_b,
        title="Python developer",
        required_skills=skill_entries(["Python"]),
    )
    assert private.pk in [m.candidate_id for m in selectors.top_matches(admin, requisition_b.pk).matches]
    suggested = selectors.suggested_jobs(admin, private.pk)
    assert {item.requisition.client_id for item in suggested.suggestions} == {world.client_b.pk}


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["hr_admin_a", "hiring_manager_a", "process_owner_a", "bpo_agent_a", "anonymous"])
def test_only_talent_pool_staff_reach_matches(world: World, pool: dict[str, Candidate], persona: str) -> None:
    requisition = python_requisition(world)
    with pytest.raises(Http404):
        selectors.top_matches(world.persona(persona), requisition.pk)
    with pytest.raises(Http404):
        selectors.suggested_jobs(world.persona(persona), pool["pythonista"].pk)


@pytest.mark.django_db
def test_a_recruiter_ranks_and_is_suggested_only_requisitions_of_their_clients(
    world: World, pool: dict[str, Candidate]
) -> None:
    recruiter = world.users["recruiter_a"]
    with pytest.raises(Http404):
        selectors.top_matches(recruiter, world.recruiting.requisition_b.pk)
    with pytest.raises(Http404):
        selectors.top_matches(world.users["outsider"], world.recruiting.requisition_a.pk)
    python_requisition(world)
    suggested = selectors.suggested_jobs(recruiter, pool["pythonista"].pk)
    assert suggested.indexed
    assert suggested.suggestions
    assert {item.requisition.client_id for item in suggested.suggestions} == {world.client_a.pk}
    everything = selectors.suggested_jobs(world.users["provider_admin"], pool["pythonista"].pk)
    assert {item.requisition.client_id for item in everything.suggestions} == {world.client_a.pk, world.client_b.pk}
    assert everything.suggestions[0].requisition.title == "Python developer"


@pytest.mark.django_db
def test_suggested_score_equals_the_score_in_the_requisitions_own_ranking(
    world: World, pool: dict[str, Candidate]
) -> None:
    requisition = python_requisition(world)
    admin = world.users["provider_admin"]
    ranked = {m.candidate_id: m.score for m in selectors.top_matches(admin, requisition.pk).matches}
    suggested = selectors.suggested_jobs(admin, pool["half"].pk)
    mine = next(item for item in suggested.suggestions if item.requisition.pk == requisition.pk)
    assert mine.score == pytest.approx(ranked[pool["half"].pk])


@pytest.mark.django_db
def test_blind_mode_hides_names_and_the_client_setting_forces_it(world: World, pool: dict[str, Candidate]) -> None:
    requisition = python_requisition(world)
    recruiter = world.users["recruiter_a"]
    seen = selectors.top_matches(recruiter, requisition.pk)
    blind = selectors.top_matches(recruiter, requisition.pk, blind=True)
    assert blind.blind
    assert not seen.blind
    assert [m.score for m in blind.matches] == [m.score for m in seen.matches]
    assert all(m.name == "" and m.reference == selectors.blind_reference(m.candidate_id) for m in blind.matches)
    assert len({m.reference for m in blind.matches}) == len(blind.matches)
    actions.save_weights(world.users["hr_admin_a"], world.client_a.pk, {"blind": True})
    forced = selectors.top_matches(recruiter, requisition.pk, blind=False)
    assert forced.blind
    assert forced.blind_forced
    assert forced.matches[0].name == ""


@pytest.mark.django_db
def test_client_weights_change_the_ranking_and_are_guarded(world: World, pool: dict[str, Candidate]) -> None:
    requisition = python_requisition(world)
    admin = world.users["provider_admin"]
    zero_skills = {"required_skills": 0, "preferred_skills": 0, "lexical": 0, "title": 0, "location": 0}
    actions.save_weights(world.users["account_manager_a"], world.client_a.pk, {**zero_skills, "experience": 1})
    found = selectors.top_matches(admin, requisition.pk)
    assert {f.name for f in found.matches[0].explanation.factors if f.weight} <= {"experience", "languages"}
    assert found.weights["required_skills"] == 0
    with pytest.raises(PermissionDenied):
        actions.save_weights(world.users["hiring_manager_a"], world.client_a.pk, {"lexical": 1})
    with pytest.raises(Http404):
        actions.save_weights(world.users["hr_admin_a"], world.client_b.pk, {"lexical": 1})
    with pytest.raises(ValidationError):
        actions.save_weights(admin, world.client_a.pk, dict.fromkeys(selectors.FACTOR_LABELS, 0))
    with pytest.raises(ValidationError):
        actions.save_weights(admin, world.client_a.pk, {"lexical": -1})
    with pytest.raises(ValidationError):
        actions.save_weights(admin, world.client_a.pk, {"charisma": 1})
    assert selectors.client_weights(world.users["hr_admin_b"], world.client_a.pk).pk is None  # not B's to read


@pytest.mark.django_db(transaction=True)
def test_saved_deleted_and_merged_candidates_update_the_index_after_commit(world: World, settings: Any) -> None:
    settings.TASKS = IMMEDIATE
    admin = world.users["provider_admin"]
    first = add_candidate(world, "Quinn Query", "Data analyst", ["SQL"])
    assert str(first.pk) in store.current()
    requisition = python_requisition(world)
    before = selectors.top_matches(admin, requisition.pk).matches[0]
    assert before.candidate_id == first.pk
    assert before.explanation.missing_required == ["python", "django"]
    recruiting.update_candidate(admin, first, {"headline": "Python Django developer", **_skills("Python", "Django")})
    after = selectors.top_matches(admin, requisition.pk).matches[0]
    assert after.candidate_id == first.pk
    assert after.explanation.matched_required == ["python", "django"]
    twin = add_candidate(world, "Quinn Query Twin", "Python", ["Python"])
    recruiting.merge_candidates(admin, first, twin)
    assert str(twin.pk) not in store.current()
    assert str(first.pk) in store.current()
    lonely = add_candidate(world, "Lone Leaver", "Baker", ["Baking"])
    assert str(lonely.pk) in store.current()
    lonely.delete()
    assert str(lonely.pk) not in store.current()


def _skills(*names: str) -> dict[str, Any]:
    return {"skills": skill_entries(list(names))}


@pytest.mark.django_db
def test_changes_queue_a_task_only_after_commit(world: World, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        add_candidate(world, "Cora Commit", "Nurse", ["Nursing"])
    assert len(callbacks) >= 1
    assert store.current_version() is None  # nothing ran before commit


@pytest.mark.django_db
def test_the_index_persists_compacts_and_keeps_its_ranking(
    world: World, pool: dict[str, Candidate], index_folder: Path
) -> None:
    requisition = python_requisition(world)
    admin = world.users["provider_admin"]
    before = [(m.candidate_id, round(m.score, 6)) for m in selectors.top_matches(admin, requisition.pk).matches]
    for _ in range(3):
        actions.index_candidates([candidate.pk for candidate in pool.values()])  # replaced rows stay as dead rows
    assert store.current().dead_rows() == 3 * len(pool)
    store.clear_memory()
    assert [(m.candidate_id, round(m.score, 6)) for m in selectors.top_matches(admin, requisition.pk).matches] == before
    assert actions.compact_index() == 3 * len(pool)
    assert store.current().dead_rows() == 0
    assert [(m.candidate_id, round(m.score, 6)) for m in selectors.top_matches(admin, requisition.pk).matches] == before
    assert len([path for path in index_folder.glob("v*") if path.is_dir()]) <= store.KEEP_VERSIONS


@pytest.mark.django_db
def test_the_command_rebuilds_compacts_and_reports(world: World, pool: dict[str, Candidate], capsys: Any) -> None:
    call_command("matching_index", "rebuild")
    call_command("matching_index", "compact")
    call_command("matching_index", "status")
    out = capsys.readouterr().out
    assert "Rebuilt:" in out
    assert "Compacted:" in out
    assert f"{Candidate.objects.filter(merged_into__isnull=True).count()} profiles" in out


@pytest.mark.django_db
def test_the_command_compiles_the_ranking_kernels(capsys: Any) -> None:
    call_command("matching_index", "warm")
    assert re.fullmatch(r"Ranking kernels and vocabulary ready in \d+\.\d s\.\n", capsys.readouterr().out)


@pytest.mark.django_db
def test_an_unindexed_candidate_has_no_suggestions_yet(world: World) -> None:
    fresh = add_candidate(world, "Nina New", "Welder", ["Welding"])
    found = selectors.suggested_jobs(world.users["provider_admin"], fresh.pk)
    assert not found.indexed
    assert found.suggestions == []
