"""The stage template pages: who may open them, adding, renaming, reordering, and the delete guard's message."""

from __future__ import annotations

import pytest
from django.urls import reverse

from handoff.domain.recruiting.models import PipelineStage
from tests.interfaces.web.conftest import LoginAs
from tests.personas import World


def _url(world: World) -> str:
    return reverse("web:rpo_stages", args=[world.rpo_a.pk])


@pytest.mark.parametrize("persona", ["hr_admin_a", "recruiter_a", "account_manager_a", "provider_admin"])
def test_editors_see_the_stages_in_order(world: World, login_as: LoginAs, persona: str) -> None:
    response = login_as(persona).get(_url(world))
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        html.index('data-stage="sourced"') < html.index('data-stage="interview"') < html.index('data-stage="withdrawn"')
    )


@pytest.mark.parametrize(
    ("persona", "status"), [("hiring_manager_a", 403), ("bpo_agent_a", 403), ("outsider", 404), ("hr_admin_b", 404)]
)
def test_others_are_refused(world: World, login_as: LoginAs, persona: str, status: int) -> None:
    assert login_as(persona).get(_url(world)).status_code == status
    assert login_as(persona).get(reverse("web:client_stages", args=[world.client_a.pk])).status_code == status


def test_add_rename_move_and_delete_from_the_page(world: World, login_as: LoginAs) -> None:
    browser = login_as("hr_admin_a")
    response = browser.post(
        _url(world), {"op": "add", "new-name": "Assessment", "new-owner": "client", "new-stale_after_days": "3"}
    )
    assert response.status_code == 302
    added = PipelineStage.objects.get(engagement=world.rpo_a, key="assessment")
    browser.post(
        _url(world),
        {
            "op": "update",
            "stage": added.pk,
            f"stage-{added.pk}-name": "Skills test",
            f"stage-{added.pk}-owner": "provider",
        },
    )
    added.refresh_from_db()
    assert (added.name, added.owner, added.stale_after_days) == ("Skills test", "provider", None)
    before = added.position
    browser.post(_url(world), {"op": "up", "stage": added.pk})
    added.refresh_from_db()
    assert added.position == before - 1
    browser.post(_url(world), {"op": "delete", "stage": added.pk})
    assert not PipelineStage.objects.filter(pk=added.pk).exists()


def test_bad_input_and_refused_deletes_explain_on_the_page(world: World, login_as: LoginAs) -> None:
    browser = login_as("recruiter_a")
    response = browser.post(_url(world), {"op": "add", "new-name": "", "new-owner": "client"})
    assert response.status_code == 400
    sourced = PipelineStage.objects.get(engagement=world.rpo_a, key="sourced")
    response = browser.post(_url(world), {"op": "delete", "stage": sourced.pk})
    assert response.status_code == 400
    assert "move them to another stage first" in response.content.decode()
    foreign = PipelineStage.objects.filter(client=world.client_b).first()
    assert foreign is not None
    assert browser.post(_url(world), {"op": "delete", "stage": foreign.pk}).status_code == 404
    assert PipelineStage.objects.filter(pk__in=[sourced.pk, foreign.pk]).count() == 2


def test_an_empty_client_template_starts_from_defaults(world: World, login_as: LoginAs) -> None:
    url = reverse("web:client_stages", args=[world.client_a.pk])
    browser = login_as("hr_admin_a")
    assert "Start from the default stages" in browser.get(url).content.decode()
    assert browser.post(url, {"op": "defaults"}).status_code == 302
    assert PipelineStage.objects.filter(client=world.client_a, engagement__isnull=True).count() == 10
