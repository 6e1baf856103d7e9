from __future__ import annotations

from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse

from handoff.domain.engagements import selectors
from handoff.domain.engagements.models import BpoEngagement, Office, RpoEngagement
from handoff.interfaces.web.views.common import add_validation_errors
from tests import factories
from tests.interfaces.web.conftest import LoginAs
from tests.interfaces.web.html import field_errors, find, find_all
from tests.personas import MARKER_A, MARKER_B, World


def bpo_data(world: World, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "client": world.client_a.pk,
        "name": "Payroll for Acme",
        "status": "active",
        "process_type": "payroll",
        "office": "",
        "delivery_center": world.bpo_a.delivery_center_id,
        "start_date": "2026-03-01",
        "end_date": "",
        "sla_first_response_minutes": "30",
        "sla_resolution_hours": "16",
        "sla_service_level_pct": "90",
        "pricing_model": "fte_month",
        "rate": "2100.00",
        "currency": "USD",
        "notes": "",
    }
    data.update(overrides)
    return data


def rpo_data(world: World, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "client": world.client_a.pk,
        "name": "Engineering hiring",
        "status": "active",
        "model": "hybrid",
        "provider_stages": ["screening", "sourcing"],
        "target_headcount": "",
        "window_start": "",
        "window_end": "",
        "start_date": "2026-02-01",
        "end_date": "",
        "pricing_model": "fee_per_hire",
        "fee_amount": "5000",
        "currency": "USD",
        "notes": "",
    }
    data.update(overrides)
    return data


def bpo_url(name: str, engagement: BpoEngagement) -> str:
    return reverse(f"web:bpo_{name}", kwargs={"bpo_id": engagement.pk})


def rpo_url(name: str, engagement: RpoEngagement) -> str:
    return reverse(f"web:rpo_{name}", kwargs={"rpo_id": engagement.pk})


def bpo_names(world: World) -> set[str]:
    return set(selectors.bpo_engagements(world.users["provider_admin"]).values_list("name", flat=True))


# --- list and detail ---------------------------------------------------------------------


def test_list_shows_visible_engagements_of_both_kinds(world: World, login_as: LoginAs) -> None:
    response = login_as("account_manager_a").get(reverse("web:engagement_list"))
    main = find(response.content, "main").text
    assert world.bpo_a.name in main
    assert world.rpo_a.name in main
    assert MARKER_B not in main
    assert find_all(response.content, "a", href=reverse("web:bpo_create"))


def test_list_follows_the_active_client(world: World, login_as: LoginAs) -> None:
    browser = login_as("provider_admin")
    assert MARKER_B in find(browser.get(reverse("web:engagement_list")).content, "main").text
    browser.post(reverse("web:switch_client"), {"client_id": world.client_a.pk})
    main = find(browser.get(reverse("web:engagement_list")).content, "main").text
    assert MARKER_A in main
    assert MARKER_B not in main


@pytest.mark.parametrize("persona", ["hiring_manager_a", "process_owner_a", "recruiter_a"])
def test_pricing_is_hidden_from_non_commercial_roles(world: World, login_as: LoginAs, persona: str) -> None:
    browser = login_as(persona)
    for url in (reverse("web:engagement_list"), bpo_url("detail", world.bpo_a), rpo_url("detail", world.rpo_a)):
        response = browser.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert not find_all(response.content, data_pricing=True)
        for price in ("2400.00", "6500.00", "Fee per hire", "Per FTE-month"):
            assert price not in page, (url, price)


@pytest.mark.parametrize("persona", ["hr_admin_a", "account_manager_a", "provider_admin"])
def test_pricing_is_shown_to_commercial_roles(world: World, login_as: LoginAs, persona: str) -> None:
    response = login_as(persona).get(rpo_url("detail", world.rpo_a))
    assert find(response.content, "dd", data_pricing=True).text == "Fee per hire: 6500.00 USD"


def test_bpo_detail_shows_the_derived_delivery_location(world: World, login_as: LoginAs) -> None:
    response = login_as("process_owner_a").get(bpo_url("detail", world.bpo_a))
    section = find(response.content, "section", class_="location")
    assert section.attrs["data-location"] == "offshore"  # New York client served from Manila
    assert find(response.content, "span", data_location_reason=True).text == world.bpo_a.location().reason
    assert "Manila Center" in section.text


def test_nearshore_center_is_labelled_nearshore(world: World, login_as: LoginAs) -> None:
    center = factories.DeliveryCenterFactory(
        name="Monterrey Center", country="MX", city="Monterrey", time_zone="America/Monterrey", holiday_country="MX"
    )
    engagement = factories.BpoEngagementFactory(client=world.client_a, delivery_center=center)
    response = login_as("hr_admin_a").get(bpo_url("detail", engagement))
    assert find(response.content, "section", class_="location").attrs["data-location"] == "nearshore"


def test_rpo_detail_shows_who_owns_each_stage(world: World, login_as: LoginAs) -> None:
    hybrid = factories.RpoEngagementFactory(client=world.client_a, model="hybrid", provider_stages=["sourcing"])
    response = login_as("hiring_manager_a").get(rpo_url("detail", hybrid))
    owners = {
        row.text.split(" ")[0]: row.attrs["data-stage-owner"]
        for row in find_all(response.content, "tr", data_stage_owner=True)
    }
    assert owners == {
        "Requisitions": "client",
        "Sourcing": "provider",
        "Screening": "client",
        "Interviews": "client",
        "Offers": "client",
        "Onboarding": "client",
    }


@pytest.mark.parametrize("persona", ["hr_admin_a", "hiring_manager_a", "recruiter_a", "outsider", "hr_admin_b"])
def test_foreign_engagement_detail_is_a_404(world: World, login_as: LoginAs, persona: str) -> None:
    browser = login_as(persona)
    foreign_bpo = world.bpo_a if persona.endswith("_b") else world.bpo_b
    foreign_rpo = world.rpo_a if persona.endswith("_b") else world.rpo_b
    for url in (bpo_url("detail", foreign_bpo), rpo_url("detail", foreign_rpo), bpo_url("edit", foreign_bpo)):
        response = browser.get(url)
        assert response.status_code == 404
        assert foreign_bpo.name not in response.content.decode()
    assert browser.get(reverse("web:bpo_detail", kwargs={"bpo_id": 999_999})).status_code == 404


# --- create and edit ---------------------------------------------------------------------


def test_account_manager_creates_a_bpo_engagement(world: World, login_as: LoginAs) -> None:
    browser = login_as("account_manager_a")
    form_page = browser.get(reverse("web:bpo_create"))
    assert form_page.status_code == 200
    clients = {option.attrs["value"] for option in find_all(form_page.content, "option") if option.attrs.get("value")}
    assert str(world.client_a.pk) in clients
    assert str(world.client_b.pk) not in clients

    response = browser.post(reverse("web:bpo_create"), bpo_data(world))
    created = selectors.bpo_engagements(world.users["account_manager_a"]).get(name="Payroll for Acme")
    assert response.status_code == 302
    assert response["Location"] == bpo_url("detail", created)
    assert created.client == world.client_a
    assert created.office == Office.BACK  # derived from the process type
    assert created.rate == Decimal("2100.00")


def test_invalid_bpo_input_shows_field_messages_and_keeps_what_was_typed(world: World, login_as: LoginAs) -> None:
    data = bpo_data(
        world,
        name="",
        rate="-5",
        end_date="2025-01-01",
        sla_service_level_pct="150",
        delivery_center="999999",
        start_date="not a date",
    )
    response = login_as("account_manager_a").post(reverse("web:bpo_create"), data)
    assert response.status_code == 400
    assert field_errors(response.content, "name") == ["This field is required."]
    assert field_errors(response.content, "rate") == ["Ensure this value is greater than or equal to 0."]
    assert field_errors(response.content, "sla_service_level_pct")
    assert field_errors(response.content, "delivery_center")
    assert field_errors(response.content, "start_date") == ["Enter a valid date."]
    assert find(response.content, "input", name="sla_first_response_minutes").attrs["value"] == "30"
    assert bpo_names(world) == {world.bpo_a.name, world.bpo_b.name}


def test_end_before_start_is_a_field_message(world: World, login_as: LoginAs) -> None:
    response = login_as("account_manager_a").post(reverse("web:bpo_create"), bpo_data(world, end_date="2025-01-01"))
    assert response.status_code == 400
    assert field_errors(response.content, "end_date") == ["The end date cannot be before the start date."]


def test_a_foreign_client_cannot_be_chosen(world: World, login_as: LoginAs) -> None:
    response = login_as("account_manager_a").post(reverse("web:bpo_create"), bpo_data(world, client=world.client_b.pk))
    assert response.status_code == 400
    assert field_errors(response.content, "client")
    assert bpo_names(world) == {world.bpo_a.name, world.bpo_b.name}


def test_create_form_preselects_the_active_client(world: World, login_as: LoginAs) -> None:
    browser = login_as("provider_admin")
    browser.post(reverse("web:switch_client"), {"client_id": world.client_b.pk})
    response = browser.get(reverse("web:rpo_create"))
    assert find(response.content, "option", selected=True).attrs["value"] == str(world.client_b.pk)


def test_editing_a_bpo_engagement(world: World, login_as: LoginAs) -> None:
    browser = login_as("account_manager_a")
    edit = bpo_url("edit", world.bpo_a)
    page = browser.get(edit)
    assert page.status_code == 200
    assert not find_all(page.content, "select", name="client")  # the client never changes
    data = bpo_data(world, name=f"Care {MARKER_A} renamed", office="front", client=world.client_b.pk)
    response = browser.post(edit, data)
    assert response.status_code == 302
    world.bpo_a.refresh_from_db()
    assert world.bpo_a.name == f"Care {MARKER_A} renamed"
    assert world.bpo_a.client == world.client_a  # a posted client is ignored on edit


def test_invalid_edit_saves_nothing(world: World, login_as: LoginAs) -> None:
    response = login_as("provider_admin").post(bpo_url("edit", world.bpo_b), bpo_data(world, name="", office="front"))
    assert response.status_code == 400
    assert field_errors(response.content, "name") == ["This field is required."]
    world.bpo_b.refresh_from_db()
    assert world.bpo_b.name == f"Care {MARKER_B}"


@pytest.mark.parametrize("persona", ["recruiter_a", "bpo_agent_a", "hr_admin_a", "hiring_manager_a"])
def test_non_editors_get_403_on_forms(world: World, login_as: LoginAs, persona: str) -> None:
    browser = login_as(persona)
    for url in (
        reverse("web:bpo_create"),
        reverse("web:rpo_create"),
        bpo_url("edit", world.bpo_a),
        rpo_url("edit", world.rpo_a),
    ):
        assert browser.get(url).status_code == 403, url
    assert browser.post(reverse("web:bpo_create"), bpo_data(world)).status_code == 403
    assert browser.post(bpo_url("edit", world.bpo_a), bpo_data(world, office="front")).status_code == 403
    world.bpo_a.refresh_from_db()
    assert world.bpo_a.name == f"Care {MARKER_A}"
    assert "Payroll for Acme" not in bpo_names(world)


def test_create_hybrid_rpo_keeps_stage_order(world: World, login_as: LoginAs) -> None:
    response = login_as("account_manager_a").post(reverse("web:rpo_create"), rpo_data(world))
    assert response.status_code == 302
    created = selectors.rpo_engagements(world.users["account_manager_a"]).get(name="Engineering hiring")
    assert created.provider_stages == ["sourcing", "screening"]
    assert created.client_stages() == ["requisition", "interviewing", "offer", "onboarding"]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"provider_stages": []}, "provider_stages", "A hybrid engagement gives the provider some stages"),
        ({"provider_stages": ["sourcing", "teleporting"]}, "provider_stages", "Select a valid choice"),
        (
            {"model": "on_demand", "window_start": "2026-03-01", "window_end": "2026-06-01"},
            "target_headcount",
            "An on-demand engagement needs a target headcount.",
        ),
        (
            {"model": "on_demand", "target_headcount": "20", "window_start": "2026-06-01", "window_end": "2026-03-01"},
            "window_end",
            "The window cannot end before it starts.",
        ),
        ({"fee_amount": "lots"}, "fee_amount", "Enter a number."),
    ],
)
def test_invalid_rpo_input_shows_field_messages(
    world: World, login_as: LoginAs, overrides: dict[str, object], field: str, message: str
) -> None:
    response = login_as("account_manager_a").post(reverse("web:rpo_create"), rpo_data(world, **overrides))
    assert response.status_code == 400
    assert message in " ".join(field_errors(response.content, field))
    assert not selectors.rpo_engagements(world.users["provider_admin"]).filter(name="Engineering hiring").exists()


def test_editing_an_rpo_engagement_to_enterprise_gives_every_stage(world: World, login_as: LoginAs) -> None:
    hybrid = factories.RpoEngagementFactory(client=world.client_a, model="hybrid", provider_stages=["sourcing"])
    response = login_as("account_manager_a").post(
        rpo_url("edit", hybrid), rpo_data(world, model="enterprise", provider_stages=[])
    )
    assert response.status_code == 302
    hybrid.refresh_from_db()
    assert hybrid.client_stages() == []


def test_action_validation_errors_land_on_their_fields() -> None:
    class NameForm(forms.Form):
        name = forms.CharField()

    form = NameForm({"name": "x"})
    assert form.is_valid()
    add_validation_errors(form, ValidationError({"name": "Taken.", "client": "Not yours.", "__all__": "Nope."}))
    assert form.errors["name"] == ["Taken."]
    assert form.non_field_errors() == ["Not yours.", "Nope."]


def test_delivery_centers_page_lists_centers_with_working_hours(world: World, login_as: LoginAs) -> None:
    factories.DeliveryCenterFactory(name="Closed Center", is_active=False)
    response = login_as("hiring_manager_a").get(reverse("web:delivery_center_list"))
    assert response.status_code == 200
    cards = find_all(response.content, "article", data_center=True)
    assert len(cards) == 1
    assert cards[0].text.startswith("Manila Center Manila, Philippines · Asia/Manila")
    assert "Mon 09:00–12:30, 13:30–18:00" in cards[0].text
    assert "Sat" not in cards[0].text
    assert "Closed Center" not in response.content.decode()
