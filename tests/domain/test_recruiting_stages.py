"""Editing pipeline stage templates: add, rename, reorder, delete guards, terminal outcomes, and who may edit."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from handoff.domain.recruiting import selectors
from handoff.domain.recruiting.models import PipelineStage, StageOutcome
from handoff.domain.recruiting.stages import actions as stages
from tests.personas import World


def _keys(world: World) -> list[str]:
    return list(
        stages.template_stages(world.users["provider_admin"], world.client_a.pk, world.rpo_a).values_list(
            "key", flat=True
        )
    )


def test_a_new_stage_goes_after_the_stages_in_progress_and_the_board_shows_it(world: World) -> None:
    row = stages.add_stage(
        world.users["hr_admin_a"],
        world.client_a.pk,
        world.rpo_a,
        {"name": "Reference check", "owner": "client", "stale_after_days": 4},
    )
    keys = _keys(world)
    assert keys[-4:] == ["reference_check", "hired", "rejected", "withdrawn"]
    assert (row.owner, row.stale_after_days, row.client_id) == ("client", 4, world.client_a.pk)
    positions = list(
        stages.template_stages(world.users["provider_admin"], world.client_a.pk, world.rpo_a).values_list(
            "position", flat=True
        )
    )
    assert positions == list(range(1, len(keys) + 1))
    pipeline = selectors.pipeline(world.users["recruiter_a"], world.recruiting.requisition_a)
    assert "reference_check" in [stage.key for stage in pipeline]


def test_a_blank_name_is_a_field_error_and_nothing_is_saved(world: World) -> None:
    before = PipelineStage.objects.count()
    with pytest.raises(ValidationError) as caught:
        stages.add_stage(world.users["recruiter_a"], world.client_a.pk, world.rpo_a, {"name": "  "})
    assert "name" in caught.value.message_dict
    assert PipelineStage.objects.count() == before


def test_rename_and_stale_days_but_never_key_or_outcome(world: World) -> None:
    hired = PipelineStage.objects.get(engagement=world.rpo_a, key="hired")
    stages.update_stage(world.users["account_manager_a"], hired, {"name": "Started", "outcome": "active", "key": "x"})
    hired.refresh_from_db()
    assert (hired.name, hired.key, hired.outcome) == ("Started", "hired", StageOutcome.HIRED)


def test_move_up_down_and_reorder(world: World) -> None:
    screened = PipelineStage.objects.get(engagement=world.rpo_a, key="screened")
    stages.move_stage(world.users["recruiter_a"], screened, "up")
    assert _keys(world)[:3] == ["sourced", "screened", "applied"]
    first = PipelineStage.objects.get(engagement=world.rpo_a, key="sourced")
    with pytest.raises(ValidationError):
        stages.move_stage(world.users["recruiter_a"], first, "up")
    ids = list(
        reversed(
            stages.template_stages(world.users["hr_admin_a"], world.client_a.pk, world.rpo_a).values_list(
                "pk", flat=True
            )
        )
    )
    stages.reorder_stages(world.users["hr_admin_a"], world.client_a.pk, world.rpo_a, ids)
    assert _keys(world)[0] == "withdrawn"
    with pytest.raises(ValidationError) as caught:
        stages.reorder_stages(world.users["hr_admin_a"], world.client_a.pk, world.rpo_a, ids[:-1])
    assert "stage_ids" in caught.value.message_dict


def test_delete_only_an_empty_stage_without_history_and_never_a_terminal_one(world: World) -> None:
    admin = world.users["provider_admin"]
    sourced = PipelineStage.objects.get(engagement=world.rpo_a, key="sourced")
    with pytest.raises(ValidationError, match="1 application is in Sourced"):
        stages.delete_stage(admin, sourced)
    for key in ("hired", "rejected", "withdrawn"):
        with pytest.raises(ValidationError, match="it stays"):
            stages.delete_stage(admin, PipelineStage.objects.get(engagement=world.rpo_a, key=key))
    offer = PipelineStage.objects.get(engagement=world.rpo_a, key="offer")
    stages.delete_stage(admin, offer)
    assert "offer" not in _keys(world)
    assert {"hired", "rejected", "withdrawn"} <= set(_keys(world))
    assert [row.position for row in stages.template_stages(admin, world.client_a.pk, world.rpo_a)] == list(range(1, 10))


def test_a_client_wide_template_starts_from_the_defaults(world: World) -> None:
    hr = world.users["hr_admin_a"]
    assert not stages.template_stages(hr, world.client_a.pk, None).exists()
    with pytest.raises(ValidationError):
        stages.add_stage(hr, world.client_a.pk, None, {"name": "Extra"})
    created = stages.start_from_defaults(hr, world.client_a.pk, None)
    assert [row.key for row in created][-3:] == ["hired", "rejected", "withdrawn"]
    assert all(row.engagement_id is None for row in created)
    with pytest.raises(ValidationError):
        stages.start_from_defaults(hr, world.client_a.pk, None)


@pytest.mark.parametrize("persona", ["hiring_manager_a", "process_owner_a", "bpo_agent_a"])
def test_other_roles_may_not_edit(world: World, persona: str) -> None:
    with pytest.raises(PermissionDenied):
        stages.add_stage(world.users[persona], world.client_a.pk, world.rpo_a, {"name": "Extra"})


def test_another_clients_template_is_not_found(world: World) -> None:
    with pytest.raises(Http404):
        stages.add_stage(world.users["hr_admin_a"], world.client_b.pk, world.rpo_b, {"name": "Extra"})
    with pytest.raises(Http404):
        stages.add_stage(world.users["outsider"], world.client_a.pk, world.rpo_a, {"name": "Extra"})
    foreign = PipelineStage.objects.filter(client=world.client_b).first()
    assert foreign is not None
    with pytest.raises(Http404):
        stages.stage(world.users["hr_admin_a"], foreign.pk)
