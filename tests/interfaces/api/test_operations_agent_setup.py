"""The agent set-up API: list with filters, one agent, create and change (same checks as the pages), own state."""

from __future__ import annotations

import pytest

from handoff.domain.operations.models import AgentProfile
from handoff.domain.tenancy.roles import StaffRole
from handoff.engines.routing import AgentState
from tests.domain.operations_desk import TwoDesks, build_two_desks, certified, staff_on
from tests.interfaces.api.conftest import ApiClient, field_errors

pytestmark = pytest.mark.django_db


@pytest.fixture
def two() -> TwoDesks:
    return build_two_desks(a_certified_for_b=True)


def test_list_filters_and_shows_only_the_callers_clients_certifications(two: TwoDesks) -> None:
    api = ApiClient(two.a.lead)
    response = api.get("/operations-setup/agents")
    assert response.status_code == 200, response.content
    rows = {row["id"]: row for row in response.json()["items"]}
    assert set(rows) == {two.a.profile.pk, two.b.profile.pk}
    assert rows[two.a.profile.pk]["certified_client_ids"] == [two.a.client.pk]
    assert rows[two.b.profile.pk]["certified_client_ids"] == []
    assert rows[two.a.profile.pk]["skills"] == {"refunds": 3}
    AgentProfile.objects.filter(pk=two.b.profile.pk).update(state=AgentState.AWAY)
    away = api.get("/operations-setup/agents", {"state": "away"}).json()["items"]
    assert [row["id"] for row in away] == [two.b.profile.pk]
    assert api.get("/operations-setup/agents", {"skill": "chargebacks"}).json()["items"] == []
    center = two.a.profile.center_id
    assert len(api.get("/operations-setup/agents", {"center_id": center}).json()["items"]) == 2
    assert api.get("/operations-setup/agents", {"state": "asleep"}).status_code == 422
    # B's lead sees B's certification of A's agent, not A's
    other = ApiClient(two.b.lead).get(f"/operations-setup/agents/{two.a.profile.pk}").json()
    assert other["certified_client_ids"] == [two.b.client.pk]


def test_create_then_patch_an_agent(two: TwoDesks) -> None:
    newcomer = staff_on(two.a.client, "new@acme.provider.test", StaffRole.BPO_AGENT)
    api = ApiClient(two.a.lead)
    body = {
        "user_id": newcomer.pk,
        "center_id": two.a.profile.center_id,
        "skills": {"Refunds": 2},
        "languages": ["en"],
        "shift_start": "22:00",
        "shift_end": "06:00",
        "concurrency": 3,
        "state": "available",
        "certified_client_ids": [two.a.client.pk],
    }
    response = api.post("/operations-setup/agents", body)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["skills"] == {"refunds": 2}
    assert created["certified_client_ids"] == [two.a.client.pk]
    assert created["email"] == "new@acme.provider.test"
    assert api.post("/operations-setup/agents", body).status_code == 422  # already has a profile
    response = api.patch(f"/operations-setup/agents/{created['id']}", {"concurrency": 5, "state": "away"})
    assert response.status_code == 200, response.content
    profile = AgentProfile.objects.get(pk=created["id"])
    assert (profile.concurrency, profile.state, profile.skills) == (5, "away", {"refunds": 2})
    assert api.get(f"/operations-setup/agents/{profile.pk}").json()["concurrency"] == 5


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"skills": {"refnds": 3}}, "skills", "Known skills"),
        ({"skills": {"chargebacks": 3}}, "skills", "Unknown skill"),  # client B's queue skill: not A's lead's
        ({"skills": {"refunds": 6}}, "skills", "1 to 5"),
        ({"concurrency": 0}, "concurrency", ""),
        ({"concurrency": -2}, "concurrency", ""),
        ({"shift_start": "09:00"}, "shift_end", "both ends"),
        ({"center_id": 987654321}, "center_id", "No such"),
        ({"center_id": None}, "center_id", ""),
        ({"state": "asleep"}, "state", ""),
        ({"client_id": 1}, "client_id", ""),
    ],
)
def test_bad_input_is_a_field_error_and_nothing_is_saved(
    two: TwoDesks, body: dict[str, object], field: str, words: str
) -> None:
    response = ApiClient(two.a.lead).patch(
        f"/operations-setup/agents/{two.a.profile.pk}", {**body, "languages": ["fr"]}
    )
    assert response.status_code == 422, response.content
    errors = field_errors(response)
    assert field in errors, errors
    assert words in errors[field]
    two.a.profile.refresh_from_db()
    assert two.a.profile.languages == ["en"]
    assert two.a.profile.skills == {"refunds": 3}


def test_another_clients_certification_is_never_granted(two: TwoDesks) -> None:
    api = ApiClient(two.a.lead)
    response = api.patch(
        f"/operations-setup/agents/{two.b.profile.pk}", {"concurrency": 9, "certified_client_ids": [two.b.client.pk]}
    )
    assert response.status_code == 404
    two.b.profile.refresh_from_db()
    assert two.b.profile.concurrency == 1
    assert certified(two.b.profile) == {two.b.client.pk}
    # revoking all of the caller's certifications leaves client B's in place
    response = api.patch(f"/operations-setup/agents/{two.a.profile.pk}", {"certified_client_ids": []})
    assert response.status_code == 200
    assert certified(two.a.profile) == {two.b.client.pk}


def test_only_admins_and_team_leads_use_the_agent_endpoints(two: TwoDesks) -> None:
    am = staff_on(two.a.client, "am@acme.provider.test", StaffRole.ACCOUNT_MANAGER)
    for user in (two.a.agent, two.a.owner, am):
        api = ApiClient(user)
        assert api.get("/operations-setup/agents").status_code == 403
        assert api.get(f"/operations-setup/agents/{two.b.profile.pk}").status_code == 403
        assert api.patch(f"/operations-setup/agents/{two.b.profile.pk}", {"concurrency": 9}).status_code == 403
        body = {"user_id": two.b.agent.pk, "center_id": two.b.profile.center_id}
        assert api.post("/operations-setup/agents", body).status_code == 403
    assert ApiClient().get("/operations-setup/agents").status_code == 401
    two.b.profile.refresh_from_db()
    assert two.b.profile.concurrency == 1


def test_a_client_user_cannot_be_made_an_agent(two: TwoDesks) -> None:
    body = {"user_id": two.b.owner.pk, "center_id": two.a.profile.center_id}
    response = ApiClient(two.a.lead).post("/operations-setup/agents", body)
    assert response.status_code == 422
    assert "user_id" in field_errors(response)
    assert not AgentProfile.objects.filter(user=two.b.owner).exists()


def test_an_agent_sets_their_own_state(two: TwoDesks) -> None:
    response = ApiClient(two.a.agent).patch("/operations-setup/my-agent-state", {"state": "away"})
    assert response.status_code == 200, response.content
    assert response.json() == {"id": two.a.profile.pk, "user_id": two.a.agent.pk, "state": "away"}
    two.b.profile.refresh_from_db()
    assert two.b.profile.state == AgentState.AVAILABLE
    assert ApiClient(two.a.agent).patch("/operations-setup/my-agent-state", {"state": "asleep"}).status_code == 422
    assert ApiClient(two.a.owner).patch("/operations-setup/my-agent-state", {"state": "away"}).status_code == 403
