"""Agent set-up: skill names checked against the queues' vocabulary, certifications scoped to the editor's clients."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from handoff.domain.operations import agent_skills, selectors
from handoff.domain.operations.actions.setup import save_agent_profile, set_my_state
from handoff.domain.operations.models import AgentProfile
from handoff.domain.tenancy.roles import StaffRole
from handoff.engines.routing import AgentState
from tests import factories
from tests.domain.operations_desk import TwoDesks, build_two_desks, certified
from tests.factories_operations import CertificationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two() -> TwoDesks:
    return build_two_desks()


def test_fold_ignores_case_spaces_hyphens_and_underscores() -> None:
    assert agent_skills.fold("  Customer Service ") == "customer_service"
    assert agent_skills.fold("customer-service") == agent_skills.fold("CUSTOMER_SERVICE")
    assert agent_skills.fold("refunds") != agent_skills.fold("refund")


def test_near_spellings_take_the_queue_spelling(two: TwoDesks) -> None:
    profile = save_agent_profile(
        two.a.lead, two.a.agent, {"skills": {"Refunds ": 4, "Customer Service": 2, "data-entry": 1}}
    )
    assert profile.skills == {"refunds": 4, "customer_service": 2, "data_entry": 1}
    profile.refresh_from_db()
    assert profile.skills["refunds"] == 4


def test_an_unknown_skill_is_a_field_error_listing_the_known_ones_and_nothing_is_saved(two: TwoDesks) -> None:
    with pytest.raises(ValidationError) as caught:
        save_agent_profile(two.a.lead, two.a.agent, {"skills": {"refnds": 3}, "concurrency": 4})
    message = " ".join(caught.value.message_dict["skills"])
    assert "'refnds'" in message
    assert "refunds" in message
    assert "customer_service" in message
    two.a.profile.refresh_from_db()
    assert two.a.profile.skills == {"refunds": 3}
    assert two.a.profile.concurrency == 1


def test_the_vocabulary_holds_only_the_skills_of_the_editors_clients(two: TwoDesks) -> None:
    assert "chargebacks" not in agent_skills.vocabulary(two.a.lead)
    assert "chargebacks" in agent_skills.vocabulary(two.b.lead)
    with pytest.raises(ValidationError) as caught:
        save_agent_profile(two.a.lead, two.a.agent, {"skills": {"chargebacks": 2}})
    assert "chargebacks" in caught.value.message_dict["skills"][0]
    assert "chargebacks" not in caught.value.message_dict["skills"][0].split("Known skills:")[1]
    profile = save_agent_profile(two.b.lead, two.a.agent, {"skills": {"refunds": 3, "Chargebacks": 2}})
    assert profile.skills == {"refunds": 3, "chargebacks": 2}
    # a skill the agent already holds stays when an editor who does not see it saves other changes
    profile = save_agent_profile(two.a.lead, two.a.agent, {"skills": {"refunds": 5, "chargebacks": 2}})
    assert profile.skills == {"refunds": 5, "chargebacks": 2}


def test_the_same_skill_twice_and_bad_levels_are_refused(two: TwoDesks) -> None:
    with pytest.raises(ValidationError) as caught:
        save_agent_profile(two.a.lead, two.a.agent, {"skills": {"refunds": 2, "Refunds": 3}})
    assert "twice" in caught.value.message_dict["skills"][0]
    for level in (0, 6, "3", True):
        with pytest.raises(ValidationError) as caught:
            save_agent_profile(two.a.lead, two.a.agent, {"skills": {"refunds": level}})
        assert "skills" in caught.value.message_dict


@pytest.mark.parametrize("concurrency", [0, -1, 51])
def test_concurrency_out_of_range_is_refused(two: TwoDesks, concurrency: int) -> None:
    with pytest.raises(ValidationError) as caught:
        save_agent_profile(two.a.lead, two.a.agent, {"concurrency": concurrency})
    assert "concurrency" in caught.value.message_dict


def test_certifications_are_replaced_among_the_editors_clients_only(two: TwoDesks) -> None:
    CertificationFactory(agent=two.a.profile, client=two.b.client)
    assert certified(two.a.profile) == {two.a.client.pk, two.b.client.pk}
    save_agent_profile(two.a.lead, two.a.agent, {}, certified_client_ids=[])
    assert certified(two.a.profile) == {two.b.client.pk}  # B's certification is not A's lead's to revoke
    save_agent_profile(two.a.lead, two.a.agent, {}, certified_client_ids=[two.a.client.pk])
    assert certified(two.a.profile) == {two.a.client.pk, two.b.client.pk}
    shown = selectors.managed_agent(two.a.lead, two.a.profile.pk)
    assert [c.client_id for c in getattr(shown, "visible_certifications")] == [two.a.client.pk]  # noqa: B009


def test_granting_another_clients_certification_is_a_404_and_nothing_is_saved(two: TwoDesks) -> None:
    with pytest.raises(Http404):
        save_agent_profile(two.a.lead, two.b.agent, {"concurrency": 7}, certified_client_ids=[two.b.client.pk])
    two.b.profile.refresh_from_db()
    assert two.b.profile.concurrency == 1
    assert certified(two.b.profile) == {two.b.client.pk}


def test_only_admins_and_team_leads_manage_agents(two: TwoDesks) -> None:
    other = factories.StaffFactory(role=StaffRole.BPO_AGENT)
    for actor in (two.a.agent, two.a.owner, factories.StaffFactory(role=StaffRole.ACCOUNT_MANAGER)):
        with pytest.raises(PermissionDenied):
            save_agent_profile(actor, other, {"center": two.a.profile.center})
        assert not selectors.managed_agents(actor).exists()
        assert not selectors.agent_candidates(actor).exists()
    assert not AgentProfile.objects.filter(user=other).exists()
    assert selectors.agent_candidates(two.a.lead).filter(pk=other.pk).exists()


def test_filters_by_center_state_and_skill(two: TwoDesks) -> None:
    save_agent_profile(two.b.lead, two.b.agent, {"state": AgentState.AWAY, "skills": {"chargebacks": 3}})
    lead = two.b.lead
    assert {p.pk for p in selectors.managed_agents(lead, state="away")} == {two.b.profile.pk}
    assert {p.pk for p in selectors.managed_agents(lead, skill="chargebacks")} == {two.b.profile.pk}
    assert {p.pk for p in selectors.managed_agents(lead, skill="refunds")} == {two.a.profile.pk}
    center = factories.DeliveryCenterFactory(name="Bogota Center", time_zone="America/Bogota")
    save_agent_profile(lead, two.b.agent, {"center": center})
    assert {p.pk for p in selectors.managed_agents(lead, center_id=center.pk)} == {two.b.profile.pk}


def test_an_agent_changes_only_their_own_state(two: TwoDesks) -> None:
    set_my_state(two.a.agent, AgentState.AWAY)
    two.a.profile.refresh_from_db()
    two.b.profile.refresh_from_db()
    assert two.a.profile.state == AgentState.AWAY
    assert two.b.profile.state == AgentState.AVAILABLE
    with pytest.raises(PermissionDenied):
        set_my_state(two.a.owner, AgentState.AWAY)
