"""The stage template API, bulk actions on applications (all or none) and tags."""

from __future__ import annotations

from collections.abc import Callable

from handoff.domain.recruiting import actions
from handoff.domain.recruiting.models import Application, PipelineStage, StageTransition
from tests.interfaces.api.conftest import ApiClient, field_errors
from tests.personas import World
from tests.recruiting import candidate_data

type ApiAs = Callable[[str], ApiClient]


def _second_application(world: World) -> Application:
    recruiter = world.users["recruiter_a"]
    candidate = actions.create_candidate(
        recruiter, candidate_data(full_name="Cleo Park", email="cleo@mail.test", phone="", profile_url="")
    )
    return actions.add_application(recruiter, world.recruiting.requisition_a, candidate)


def test_stage_template_crud_and_reorder(world: World, api_as: ApiAs) -> None:
    api = api_as("hr_admin_a")
    base = f"/stage-templates/rpo/{world.rpo_a.pk}/stages"
    listed = api.get(base).json()
    assert [row["key"] for row in listed][-3:] == ["hired", "rejected", "withdrawn"]
    created = api.post(base, {"name": "Assessment", "owner": "client", "stale_after_days": 2})
    assert created.status_code == 201
    stage_id = created.json()["id"]
    patched = api.patch(f"/stage-templates/stages/{stage_id}", {"name": "Skills test"})
    assert (patched.status_code, patched.json()["name"], patched.json()["owner"]) == (200, "Skills test", "client")
    ids = [row["id"] for row in api.get(base).json()]
    reordered = api.post(f"{base}/reorder", {"stage_ids": [stage_id, *[pk for pk in ids if pk != stage_id]]})
    assert reordered.status_code == 200
    assert reordered.json()[0]["key"] == "assessment"
    assert "stage_ids" in field_errors(api.post(f"{base}/reorder", {"stage_ids": ids[:2]}))
    assert api.delete(f"/stage-templates/stages/{stage_id}").status_code == 204
    assert not PipelineStage.objects.filter(pk=stage_id).exists()


def test_stage_template_errors(world: World, api_as: ApiAs) -> None:
    api = api_as("recruiter_a")
    assert "name" in field_errors(api.post(f"/stage-templates/rpo/{world.rpo_a.pk}/stages", {"name": ""}))
    sourced = PipelineStage.objects.get(engagement=world.rpo_a, key="sourced")
    refused = api.delete(f"/stage-templates/stages/{sourced.pk}")
    assert refused.status_code == 422
    hired = PipelineStage.objects.get(engagement=world.rpo_a, key="hired")
    assert api.delete(f"/stage-templates/stages/{hired.pk}").status_code == 422
    foreign = PipelineStage.objects.filter(client=world.client_b).first()
    assert foreign is not None
    assert api.patch(f"/stage-templates/stages/{foreign.pk}", {"name": "x"}).status_code == 404
    assert api.get(f"/stage-templates/rpo/{world.rpo_b.pk}/stages").status_code == 404
    assert api.get(f"/stage-templates/clients/{world.client_b.pk}/stages").status_code == 404
    assert api_as("hiring_manager_a").get(f"/stage-templates/rpo/{world.rpo_a.pk}/stages").status_code == 403
    assert api_as("hr_admin_a").get(f"/stage-templates/clients/{world.client_a.pk}/stages").json() == []


def test_bulk_move_is_all_or_none(world: World, api_as: ApiAs) -> None:
    first, second = world.recruiting.application_a, _second_application(world)
    api = api_as("recruiter_a")
    moved = api.post(
        "/applications/bulk", {"operation": "move", "application_ids": [first.pk, second.pk], "value": "screened"}
    )
    assert moved.json() == {"updated": 2}
    transitions = StageTransition.objects.count()
    # both already in Screened: the first refusal rolls everything back
    refused = api.post(
        "/applications/bulk", {"operation": "reject", "application_ids": [first.pk, second.pk], "value": ""}
    )
    assert refused.status_code == 422
    api.post("/applications/bulk", {"operation": "move", "application_ids": [first.pk], "value": "sourced"})
    again = api.post(
        "/applications/bulk", {"operation": "move", "application_ids": [first.pk, second.pk], "value": "sourced"}
    )
    assert again.status_code == 422
    second.refresh_from_db()
    assert second.stage.key == "screened"
    assert StageTransition.objects.count() == transitions + 1


def test_bulk_names_ids_the_caller_cannot_see_like_missing_ones(world: World, api_as: ApiAs) -> None:
    own, foreign = world.recruiting.application_a, world.recruiting.application_b
    tags_before = list(own.tags)
    api = api_as("hr_admin_a")
    response = api.post(
        "/applications/bulk", {"operation": "tag", "application_ids": [own.pk, foreign.pk, 987654], "value": "hot"}
    )
    assert response.status_code == 422
    message = field_errors(response)["application_ids"]
    assert str(foreign.pk) in message
    assert "987654" in message
    own.refresh_from_db()
    assert own.tags == tags_before
    assert "operation" in field_errors(
        api.post("/applications/bulk", {"operation": "nope", "application_ids": [own.pk], "value": "x"})
    )


def test_bulk_reject_and_tag(world: World, api_as: ApiAs) -> None:
    application = world.recruiting.application_a
    tags = list(application.tags)
    api = api_as("recruiter_a")
    assert (
        api.post(
            "/applications/bulk", {"operation": "tag", "application_ids": [application.pk], "value": "night shift"}
        ).status_code
        == 200
    )
    assert (
        api.post(
            "/applications/bulk", {"operation": "reject", "application_ids": [application.pk], "value": "No visa"}
        ).status_code
        == 200
    )
    application.refresh_from_db()
    assert (application.stage.key, application.rejection_reason, application.tags) == (
        "rejected",
        "No visa",
        [*tags, "night shift"],
    )


def test_tag_an_application(world: World, api_as: ApiAs) -> None:
    application = world.recruiting.application_a
    api = api_as("hr_admin_a")
    tagged = api.post(f"/applications/{application.pk}/tags", {"tag": "  top   pick "})
    assert (tagged.status_code, tagged.json()["tags"]) == (200, [*world.recruiting.application_a.tags, "top pick"])
    assert "tag" in field_errors(api.post(f"/applications/{application.pk}/tags", {"tag": 'say "hi"'}))
    assert api.post(f"/applications/{world.recruiting.application_b.pk}/tags", {"tag": "x"}).status_code == 404
