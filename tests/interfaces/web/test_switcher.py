from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from handoff.domain.tenancy.middleware import SESSION_KEY
from tests.interfaces.web.conftest import LoginAs
from tests.interfaces.web.html import find, find_all
from tests.personas import World

SWITCH = reverse("web:switch_client")


def test_staff_switches_to_an_assigned_client(world: World, login_as: LoginAs) -> None:
    browser = login_as("recruiter_a")
    response = browser.post(SWITCH, {"client_id": world.client_a.pk, "next": reverse("web:engagement_list")})
    assert response.status_code == 302
    assert response["Location"] == reverse("web:engagement_list")
    assert browser.session[SESSION_KEY] == world.client_a.pk
    selected = find(browser.get(reverse("web:home")).content, "option", selected=True)
    assert selected.attrs["value"] == str(world.client_a.pk)


def test_switcher_offers_only_visible_clients(world: World, login_as: LoginAs) -> None:
    response = login_as("recruiter_a").get(reverse("web:home"))
    options = {option.attrs["value"] for option in find_all(response.content, "option")}
    assert options == {"", str(world.client_a.pk)}


@pytest.mark.parametrize("target", ["foreign", "missing", "malformed"])
def test_switching_to_a_client_one_cannot_see_is_a_404(world: World, login_as: LoginAs, target: str) -> None:
    browser = login_as("recruiter_a")
    browser.post(SWITCH, {"client_id": world.client_a.pk})
    client_id = {"foreign": world.client_b.pk, "missing": 999_999, "malformed": "1 or 1=1"}[target]
    response = browser.post(SWITCH, {"client_id": client_id})
    assert response.status_code == 404
    assert browser.session[SESSION_KEY] == world.client_a.pk  # unchanged


def test_all_clients_clears_the_choice(world: World, login_as: LoginAs) -> None:
    browser = login_as("provider_admin")
    browser.post(SWITCH, {"client_id": world.client_b.pk})
    assert browser.session[SESSION_KEY] == world.client_b.pk
    browser.post(SWITCH, {"client_id": ""})
    assert SESSION_KEY not in browser.session


def test_unsafe_next_after_switching_goes_home(world: World, login_as: LoginAs) -> None:
    response = login_as("provider_admin").post(SWITCH, {"client_id": "", "next": "https://evil.example/"})
    assert response["Location"] == reverse("web:home")


def test_client_user_cannot_switch_and_sees_no_switcher(world: World, login_as: LoginAs) -> None:
    browser = login_as("hr_admin_a")
    assert not find_all(browser.get(reverse("web:home")).content, "select", name="client_id")
    response = browser.post(SWITCH, {"client_id": world.client_b.pk})
    assert response.status_code == 403
    assert SESSION_KEY not in browser.session
    assert browser.post(SWITCH, {"client_id": world.client_a.pk}).status_code == 403


def test_switch_needs_post_and_login(world: World, login_as: LoginAs) -> None:
    assert login_as("provider_admin").get(SWITCH).status_code == 405
    anonymous = Client().post(SWITCH, {"client_id": world.client_a.pk})
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("web:login"))
