from __future__ import annotations

import pytest
from django.urls import reverse

from handoff.domain.tenancy.access import account_team
from handoff.domain.tenancy.models import Client as ClientCompany
from tests.interfaces.web.conftest import LoginAs
from tests.interfaces.web.html import field_errors, find, find_all
from tests.personas import MARKER_B, World

VALID_CLIENT = {
    "name": "Gamma Retail",
    "legal_name": "Gamma Retail GmbH",
    "country": "DE",
    "time_zone": "Europe/Berlin",
    "industry": "retail",
    "size": "50-249",
    "is_active": "on",
}


def detail(client: ClientCompany) -> str:
    return reverse("web:client_detail", kwargs={"client_id": client.pk})


def test_client_list_shows_visible_clients_only(world: World, login_as: LoginAs) -> None:
    response = login_as("recruiter_a").get(reverse("web:client_list"))
    rows = find_all(response.content, "tr", data_client=True)
    assert [row.attrs["data-client"] for row in rows] == [str(world.client_a.pk)]
    assert MARKER_B not in find(response.content, "main").text


def test_admin_client_list_counts_engagements(world: World, login_as: LoginAs) -> None:
    response = login_as("provider_admin").get(reverse("web:client_list"))
    rows = {row.attrs["data-client"]: row.text for row in find_all(response.content, "tr", data_client=True)}
    assert len(rows) == 2
    assert " 2 active" in rows[str(world.client_a.pk)]


def test_client_detail_shows_engagements_and_account_team(world: World, login_as: LoginAs) -> None:
    response = login_as("recruiter_a").get(detail(world.client_a))
    page = response.content.decode()
    assert response.status_code == 200
    assert world.bpo_a.name in page
    assert world.rpo_a.name in page
    team = {item.attrs["data-member"] for item in find_all(response.content, "li", data_member=True)}
    assert str(world.users["account_manager_a"].pk) in team
    assert not find_all(response.content, "form", class_="assign-form")  # only admins manage the team


@pytest.mark.parametrize("persona", ["recruiter_a", "hr_admin_a", "outsider"])
def test_foreign_client_detail_is_a_404(world: World, login_as: LoginAs, persona: str) -> None:
    response = login_as(persona).get(detail(world.client_b))
    assert response.status_code == 404
    assert MARKER_B not in response.content.decode()


def test_admin_creates_a_client(world: World, login_as: LoginAs) -> None:
    response = login_as("provider_admin").post(reverse("web:client_create"), VALID_CLIENT)
    created = ClientCompany.objects.get(name="Gamma Retail")
    assert response.status_code == 302
    assert response["Location"] == detail(created)
    assert created.country.code == "DE"


def test_invalid_client_form_shows_field_messages_and_keeps_input(world: World, login_as: LoginAs) -> None:
    data = {**VALID_CLIENT, "name": world.client_a.name, "legal_name": "", "time_zone": "Mars/Olympus"}
    response = login_as("provider_admin").post(reverse("web:client_create"), data)
    assert response.status_code == 400
    assert field_errors(response.content, "name") == ["Client with this Name already exists."]
    assert field_errors(response.content, "legal_name") == ["This field is required."]
    assert field_errors(response.content, "time_zone")
    assert find(response.content, "input", name="name").attrs["value"] == world.client_a.name
    assert ClientCompany.objects.count() == 2


def test_admin_edits_a_client(world: World, login_as: LoginAs) -> None:
    browser = login_as("provider_admin")
    assert browser.get(reverse("web:client_edit", kwargs={"client_id": world.client_b.pk})).status_code == 200
    data = {
        **VALID_CLIENT,
        "name": world.client_b.name,
        "legal_name": "Beta Holdings",
        "country": "VN",
        "time_zone": "Asia/Ho_Chi_Minh",
    }
    response = browser.post(reverse("web:client_edit", kwargs={"client_id": world.client_b.pk}), data)
    assert response.status_code == 302
    world.client_b.refresh_from_db()
    assert world.client_b.legal_name == "Beta Holdings"


@pytest.mark.parametrize("persona", ["account_manager_a", "recruiter_a", "hr_admin_a"])
def test_only_admins_create_or_edit_clients(world: World, login_as: LoginAs, persona: str) -> None:
    browser = login_as(persona)
    assert browser.get(reverse("web:client_create")).status_code == 403
    assert browser.post(reverse("web:client_create"), VALID_CLIENT).status_code == 403
    edit_own = reverse("web:client_edit", kwargs={"client_id": world.client_a.pk})
    assert browser.post(edit_own, {**VALID_CLIENT, "name": "Hijacked"}).status_code == 403
    assert browser.get(reverse("web:client_edit", kwargs={"client_id": world.client_b.pk})).status_code == 404
    assert not ClientCompany.objects.filter(name__in=["Gamma Retail", "Hijacked"]).exists()


def team_ids(world: World, client: ClientCompany) -> set[int]:
    return {member.user_id for member in account_team(world.users["provider_admin"], client)}


def test_admin_assigns_and_removes_account_team_members(world: World, login_as: LoginAs) -> None:
    browser = login_as("provider_admin")
    outsider = world.users["outsider"]
    assign = reverse("web:account_team_assign", kwargs={"client_id": world.client_b.pk})
    response = browser.post(assign, {"user": outsider.pk})
    assert response.status_code == 302
    assert outsider.pk in team_ids(world, world.client_b)

    remove = reverse("web:account_team_unassign", kwargs={"client_id": world.client_b.pk, "user_id": outsider.pk})
    assert browser.post(remove).status_code == 302
    assert outsider.pk not in team_ids(world, world.client_b)
    assert browser.post(remove).status_code == 404  # no longer on the team


def test_account_team_htmx_answers_with_the_section_only(world: World, login_as: LoginAs) -> None:
    browser = login_as("provider_admin")
    assign = reverse("web:account_team_assign", kwargs={"client_id": world.client_b.pk})
    response = browser.post(assign, {"user": world.users["outsider"].pk}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    page = response.content.decode()
    assert page.lstrip().startswith('<section id="account-team"')
    assert "<html" not in page
    assert find(response.content, "li", data_member=str(world.users["outsider"].pk))


@pytest.mark.parametrize("htmx", [True, False])
def test_assigning_a_client_user_is_refused_with_a_field_message(world: World, login_as: LoginAs, htmx: bool) -> None:
    headers = {"HX-Request": "true"} if htmx else {}
    assign = reverse("web:account_team_assign", kwargs={"client_id": world.client_b.pk})
    response = login_as("provider_admin").post(assign, {"user": world.users["hr_admin_b"].pk}, headers=headers)
    assert response.status_code == 400
    assert field_errors(response.content, "user")
    assert world.users["hr_admin_b"].pk not in team_ids(world, world.client_b)


def test_non_admins_cannot_change_account_teams(world: World, login_as: LoginAs) -> None:
    browser = login_as("account_manager_a")
    assign = reverse("web:account_team_assign", kwargs={"client_id": world.client_a.pk})
    assert browser.post(assign, {"user": world.users["outsider"].pk}).status_code == 403
    foreign = reverse("web:account_team_assign", kwargs={"client_id": world.client_b.pk})
    assert browser.post(foreign, {"user": world.users["outsider"].pk}).status_code == 404
    remove = reverse(
        "web:account_team_unassign", kwargs={"client_id": world.client_a.pk, "user_id": world.users["recruiter_a"].pk}
    )
    assert browser.post(remove).status_code == 403
    assert world.users["recruiter_a"].pk in team_ids(world, world.client_a)
