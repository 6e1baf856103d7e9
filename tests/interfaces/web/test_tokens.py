from __future__ import annotations

from django.urls import reverse

from handoff.domain.accounts.selectors import api_tokens
from handoff.domain.accounts.tokens import authenticate_token, issue_token
from tests.interfaces.web.conftest import LoginAs
from tests.interfaces.web.html import field_errors, find, find_all
from tests.personas import World

TOKENS = reverse("web:token_list")


def revoke_url(token_id: int) -> str:
    return reverse("web:token_revoke", kwargs={"token_id": token_id})


def test_creating_a_token_shows_its_secret_once(world: World, login_as: LoginAs) -> None:
    browser = login_as("hr_admin_a")
    response = browser.post(reverse("web:token_create"), {"name": "payroll sync"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    secret = find(response.content, "code", data_secret=True).text
    assert authenticate_token(secret) == world.users["hr_admin_a"]

    later = browser.get(TOKENS)
    assert secret not in later.content.decode()
    assert not find_all(later.content, data_secret=True)
    rows = find_all(later.content, "tr", data_token=True)
    assert len(rows) == 1
    assert "payroll sync" in rows[0].text
    assert "active" in rows[0].text


def test_token_list_shows_only_ones_own_tokens(world: World, login_as: LoginAs) -> None:
    issue_token(world.users["hr_admin_b"], "theirs")
    mine = issue_token(world.users["hr_admin_a"], "mine")
    response = login_as("hr_admin_a").get(TOKENS)
    assert [row.attrs["data-token"] for row in find_all(response.content, "tr", data_token=True)] == [
        str(mine.token.pk)
    ]
    assert "theirs" not in response.content.decode()


def test_too_long_token_name_is_a_field_message(world: World, login_as: LoginAs) -> None:
    response = login_as("recruiter_a").post(reverse("web:token_create"), {"name": "x" * 101})
    assert response.status_code == 400
    assert field_errors(response.content, "name") == ["Ensure this value has at most 100 characters (it has 101)."]
    assert not api_tokens(world.users["recruiter_a"]).exists()


def test_revoking_an_own_token(world: World, login_as: LoginAs) -> None:
    issued = issue_token(world.users["recruiter_a"], "ci")
    browser = login_as("recruiter_a")
    assert browser.get(revoke_url(issued.token.pk)).status_code == 405
    response = browser.post(revoke_url(issued.token.pk))
    assert response.status_code == 302
    assert authenticate_token(issued.secret) is None
    assert browser.post(revoke_url(issued.token.pk)).status_code == 302  # already revoked: said so, not an error


def test_revoking_someone_elses_token_is_a_404(world: World, login_as: LoginAs) -> None:
    theirs = issue_token(world.users["hr_admin_b"], "theirs")
    browser = login_as("hr_admin_a")
    assert browser.post(revoke_url(theirs.token.pk)).status_code == 404
    assert browser.post(revoke_url(999_999)).status_code == 404
    assert authenticate_token(theirs.secret) == world.users["hr_admin_b"]
