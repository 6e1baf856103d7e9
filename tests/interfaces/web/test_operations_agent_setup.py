"""Agent set-up pages: the agents list with filters, creating and editing a profile, and an agent's own state."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from handoff.domain.accounts.models import User
from handoff.domain.operations.models import AgentProfile
from handoff.domain.tenancy.roles import StaffRole
from handoff.engines.routing import AgentState
from tests import factories
from tests.domain.operations_desk import Desk, TwoDesks, build_two_desks, certified, staff_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def two() -> TwoDesks:
    return build_two_desks(a_certified_for_b=True)


def browser(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form(desk: Desk, **changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "center": desk.profile.center.pk,
        "skills": '{"refunds": 3}',
        "languages": '["en"]',
        "shift_start": "",
        "shift_end": "",
        "concurrency": "2",
        "state": "available",
        "certified_clients": [desk.client.pk],
    }
    values.update(changes)
    return values


def edit_url(profile: AgentProfile) -> str:
    return reverse("web:setup_agent_edit", kwargs={"agent_id": profile.pk})


def test_team_lead_lists_agents_with_filters_and_sees_only_their_clients_certifications(two: TwoDesks) -> None:
    lead = browser(two.a.lead)
    page = lead.get(reverse("web:setup_agents"))
    assert page.status_code == 200
    assert f'data-agent="{two.a.profile.pk}"'.encode() in page.content
    assert f'data-agent="{two.b.profile.pk}"'.encode() in page.content
    assert f'data-certified="{two.a.client.pk}"'.encode() in page.content
    assert f'data-certified="{two.b.client.pk}"'.encode() not in page.content
    assert b"Beta" not in page.content  # client B's name never shows to A's team lead
    AgentProfile.objects.filter(pk=two.b.profile.pk).update(state=AgentState.AWAY)
    away = lead.get(reverse("web:setup_agents"), {"state": "away"})
    assert f'data-agent="{two.b.profile.pk}"'.encode() in away.content
    assert f'data-agent="{two.a.profile.pk}"'.encode() not in away.content
    by_skill = lead.get(reverse("web:setup_agents"), {"skill": "nothing-like-it"})
    assert b"data-agent=" not in by_skill.content
    by_center = lead.get(reverse("web:setup_agents"), {"center": two.a.profile.center.pk})
    assert f'data-agent="{two.a.profile.pk}"'.encode() in by_center.content
    assert lead.get(reverse("web:setup_agents"), {"center": "no"}).status_code == 400


def test_team_lead_creates_an_agent_profile(two: TwoDesks) -> None:
    newcomer = staff_on(two.a.client, "new@acme.provider.test", StaffRole.BPO_AGENT)
    lead = browser(two.a.lead)
    assert lead.get(reverse("web:setup_agent_create")).status_code == 200
    values = form(two.a, user=newcomer.pk, skills='{"Refunds": 2}', shift_start="22:00", shift_end="06:00")
    response = lead.post(reverse("web:setup_agent_create"), values)
    assert response.status_code == 302, response.content
    profile = AgentProfile.objects.get(user=newcomer)
    assert profile.skills == {"refunds": 2}  # the queue's spelling
    assert profile.concurrency == 2
    assert str(profile.shift_start) == "22:00:00"
    assert certified(profile) == {two.a.client.pk}
    assert response["Location"] == edit_url(profile)


def test_team_lead_edits_an_agent(two: TwoDesks) -> None:
    lead = browser(two.a.lead)
    page = lead.get(edit_url(two.a.profile))
    assert page.status_code == 200
    assert b"data-skill-vocabulary" in page.content
    assert b"chargebacks" not in page.content  # client B's queue skill is not A's lead's to see
    response = lead.post(edit_url(two.a.profile), form(two.a, concurrency="4", state="away", languages='["en", "es"]'))
    assert response.status_code == 302
    two.a.profile.refresh_from_db()
    assert (two.a.profile.concurrency, two.a.profile.state, two.a.profile.languages) == (4, "away", ["en", "es"])
    assert certified(two.a.profile) == {two.a.client.pk, two.b.client.pk}  # B's certification untouched
    lead.post(edit_url(two.a.profile), form(two.a, certified_clients=[]))
    assert certified(two.a.profile) == {two.b.client.pk}


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"skills": '{"refnds": 3}'}, "skills", b"Known skills"),
        ({"skills": '{"refunds": 9}'}, "skills", b"1 to 5"),
        ({"concurrency": "0"}, "concurrency", b"errorlist"),
        ({"concurrency": "-3"}, "concurrency", b"errorlist"),
        ({"shift_start": "09:00"}, "shift_end", b"both ends"),
        ({"languages": '["english!"]'}, "languages", b"errorlist"),
        ({"center": "987654321"}, "center", b"errorlist"),
    ],
)
def test_bad_input_is_shown_on_the_page_and_nothing_is_saved(
    two: TwoDesks, changes: dict[str, str], field: str, words: bytes
) -> None:
    response = browser(two.a.lead).post(edit_url(two.a.profile), form(two.a, state="away", **changes))
    assert response.status_code == 400
    assert f'data-field="{field}"'.encode() in response.content
    assert words in response.content
    two.a.profile.refresh_from_db()
    assert two.a.profile.state == AgentState.AVAILABLE
    assert two.a.profile.skills == {"refunds": 3}


def test_another_clients_certification_cannot_be_granted(two: TwoDesks) -> None:
    response = browser(two.a.lead).post(edit_url(two.b.profile), form(two.b, certified_clients=[two.b.client.pk]))
    assert response.status_code == 400
    assert b'data-field="certified_clients"' in response.content
    assert certified(two.b.profile) == {two.b.client.pk}
    two.b.profile.refresh_from_db()
    assert two.b.profile.concurrency == 1


@pytest.mark.parametrize("who", ["agent", "owner", "account_manager"])
def test_agents_client_users_and_account_managers_cannot_reach_the_pages(two: TwoDesks, who: str) -> None:
    users = {
        "agent": two.a.agent,
        "owner": two.a.owner,
        "account_manager": staff_on(two.a.client, "am@acme.provider.test", StaffRole.ACCOUNT_MANAGER),
    }
    page = browser(users[who])
    assert page.get(reverse("web:setup_agents")).status_code == 403
    assert page.get(reverse("web:setup_agent_create")).status_code == 403
    assert page.get(edit_url(two.b.profile)).status_code == 403
    assert page.post(edit_url(two.b.profile), form(two.b, concurrency="9")).status_code == 403
    two.b.profile.refresh_from_db()
    assert two.b.profile.concurrency == 1


def test_a_missing_agent_is_a_404(two: TwoDesks) -> None:
    url = reverse("web:setup_agent_edit", kwargs={"agent_id": 987654321})
    assert browser(two.a.lead).get(url).status_code == 404


def test_an_agent_switches_their_own_state_on_the_queue_page(two: TwoDesks) -> None:
    agent = browser(two.a.agent)
    page = agent.get(reverse("web:my_queue"))
    assert b'name="state"' in page.content
    assert agent.post(reverse("web:my_state"), {"state": "away"}).status_code == 302
    two.a.profile.refresh_from_db()
    assert two.a.profile.state == AgentState.AWAY
    agent.post(reverse("web:my_state"), {"state": "asleep"})
    two.a.profile.refresh_from_db()
    assert two.a.profile.state == AgentState.AWAY
    two.b.profile.refresh_from_db()
    assert two.b.profile.state == AgentState.AVAILABLE


def test_setup_home_links_to_the_agents(two: TwoDesks) -> None:
    factories.DeliveryCenterFactory()
    page = browser(two.a.lead).get(reverse("web:setup_home"))
    assert b"data-setup-agents" in page.content
