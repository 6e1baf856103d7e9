import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from handoff.domain.engagements import actions, selectors
from handoff.domain.engagements.models import HiringStage, Office, RpoModel
from tests.factories import DeliveryCenterFactory
from tests.personas import World


def bpo_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Payroll run",
        "start_date": dt.date(2026, 3, 1),
        "process_type": "payroll",
        "delivery_center": DeliveryCenterFactory(
            name="Kraków Center", country="PL", city="Kraków", time_zone="Europe/Warsaw", holiday_country="PL"
        ),
        "pricing_model": "per_transaction",
        "rate": Decimal("3.40"),
    }
    data.update(overrides)
    return data


def rpo_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Engineering surge",
        "start_date": dt.date(2026, 3, 1),
        "model": RpoModel.ON_DEMAND,
        "target_headcount": 25,
        "window_start": dt.date(2026, 3, 1),
        "window_end": dt.date(2026, 6, 30),
        "pricing_model": "fee_per_hire",
        "fee_amount": Decimal("5000"),
    }
    data.update(overrides)
    return data


def test_account_manager_creates_bpo_engagement_with_derived_office(world: World) -> None:
    engagement = actions.create_bpo_engagement(world.users["account_manager_a"], world.client_a.pk, bpo_data())
    assert engagement.client == world.client_a
    assert engagement.office == Office.BACK  # payroll is back-office
    assert engagement.location().location == "offshore"  # New York client, Kraków center: 6 h apart


def test_client_cannot_be_set_from_data(world: World) -> None:
    engagement = actions.create_bpo_engagement(
        world.users["provider_admin"], world.client_a.pk, bpo_data(client=world.client_b, client_id=world.client_b.pk)
    )
    engagement.refresh_from_db()
    assert engagement.client_id == world.client_a.pk


@pytest.mark.parametrize("persona", ["recruiter_a", "bpo_agent_a", "hr_admin_a", "hiring_manager_a"])
def test_roles_without_editing_rights_are_refused(world: World, persona: str) -> None:
    with pytest.raises(PermissionDenied):
        actions.create_bpo_engagement(world.users[persona], world.client_a.pk, bpo_data())


@pytest.mark.parametrize("persona", ["account_manager_a", "outsider", "hr_admin_a"])
def test_foreign_client_is_not_found(world: World, persona: str) -> None:
    with pytest.raises(Http404):
        actions.create_rpo_engagement(world.users[persona], world.client_b.pk, rpo_data())


def test_on_demand_needs_headcount_and_window(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        actions.create_rpo_engagement(
            world.users["provider_admin"], world.client_a.pk, rpo_data(target_headcount=None, window_end=None)
        )
    assert {"target_headcount", "window_end"} <= set(error.value.message_dict)


def test_hybrid_keeps_chosen_stages_in_order_and_refuses_all_or_none(world: World) -> None:
    admin = world.users["provider_admin"]
    engagement = actions.create_rpo_engagement(
        admin, world.client_a.pk, rpo_data(model=RpoModel.HYBRID, provider_stages=["screening", "sourcing"])
    )
    assert engagement.provider_stages == ["sourcing", "screening"]
    assert "interviewing" in engagement.client_stages()
    for stages in ([], list(HiringStage.values), ["nonsense"]):
        with pytest.raises(ValidationError) as error:
            actions.create_rpo_engagement(
                admin, world.client_a.pk, rpo_data(model=RpoModel.HYBRID, provider_stages=stages)
            )
        assert "provider_stages" in error.value.message_dict


def test_enterprise_owns_every_stage(world: World) -> None:
    engagement = actions.create_rpo_engagement(
        world.users["provider_admin"], world.client_a.pk, rpo_data(model=RpoModel.ENTERPRISE, provider_stages=[])
    )
    assert engagement.provider_stages == list(HiringStage.values)


def test_failed_update_leaves_the_saved_row_intact(world: World) -> None:
    before = selectors.bpo_engagement(world.users["provider_admin"], world.bpo_a.pk)
    with pytest.raises(ValidationError):
        actions.update_bpo_engagement(
            world.users["provider_admin"], before, {"name": "Renamed", "end_date": dt.date(2020, 1, 1)}
        )
    world.bpo_a.refresh_from_db()
    assert world.bpo_a.name != "Renamed"


def test_selectors_only_return_visible_rows(world: World) -> None:
    assert list(selectors.bpo_engagements(world.users["hr_admin_b"])) == [world.bpo_b]
    assert set(selectors.rpo_engagements(world.users["provider_admin"])) == {world.rpo_a, world.rpo_b}
    assert not selectors.rpo_engagements(world.users["outsider"]).exists()
