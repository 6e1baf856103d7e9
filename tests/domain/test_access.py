import pytest
from django.http import Http404

from handoff.domain.engagements import selectors
from handoff.domain.tenancy.access import access_client, visible_clients
from tests.personas import PERSONA_SCOPE, World


@pytest.mark.parametrize("persona", sorted(PERSONA_SCOPE))
def test_visible_clients_follow_persona_scope(world: World, persona: str) -> None:
    expected = {
        "A": {world.client_a.pk},
        "B": {world.client_b.pk},
        "both": {world.client_a.pk, world.client_b.pk},
        None: set(),
    }[PERSONA_SCOPE[persona]]
    assert set(visible_clients(world.persona(persona)).values_list("pk", flat=True)) == expected


def test_foreign_and_missing_ids_give_the_same_404(world: World) -> None:
    user = world.users["hr_admin_a"]
    with pytest.raises(Http404) as foreign:
        selectors.bpo_engagement(user, world.bpo_b.pk)
    with pytest.raises(Http404) as missing:
        selectors.bpo_engagement(user, 999_999)
    assert str(foreign.value) == str(missing.value)
    assert selectors.bpo_engagement(user, world.bpo_a.pk) == world.bpo_a


@pytest.mark.parametrize("bad", ["abc", None, "1; drop table", -1])
def test_malformed_client_id_is_a_404(world: World, bad: object) -> None:
    with pytest.raises(Http404):
        access_client(world.users["provider_admin"], bad)


def test_inactive_user_sees_nothing(world: World) -> None:
    user = world.users["provider_admin"]
    user.is_active = False
    assert not visible_clients(user).exists()
