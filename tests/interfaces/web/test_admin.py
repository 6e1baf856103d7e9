from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from handoff.domain.accounts.models import User
from handoff.domain.accounts.tokens import issue_token
from tests.factories import PASSWORD
from tests.interfaces.web.conftest import LoginAs
from tests.interfaces.web.html import find_all
from tests.personas import World

ADMIN = reverse("admin:index")
CHANGELISTS = [
    "tenancy_client",
    "tenancy_accountassignment",
    "accounts_user",
    "accounts_apitoken",
    "engagements_deliverycenter",
    "engagements_bpoengagement",
    "engagements_rpoengagement",
]


def test_provider_admin_reaches_every_registered_model(world: World, login_as: LoginAs) -> None:
    browser = login_as("provider_admin")
    assert browser.get(ADMIN).status_code == 200
    for name in CHANGELISTS:
        assert browser.get(reverse(f"admin:{name}_changelist")).status_code == 200, name
    for name in ("tenancy_client", "accounts_user", "engagements_bpoengagement", "engagements_rpoengagement"):
        assert browser.get(reverse(f"admin:{name}_add")).status_code == 200, name
    change = reverse("admin:engagements_bpoengagement_change", args=[world.bpo_a.pk])
    assert browser.get(change).status_code == 200


@pytest.mark.parametrize("persona", ["account_manager_a", "recruiter_a", "outsider", "hr_admin_a", "hiring_manager_a"])
def test_everyone_else_is_kept_out(world: World, login_as: LoginAs, persona: str) -> None:
    browser = login_as(persona)
    response = browser.get(ADMIN, follow=True)
    assert response.status_code == 403
    assert response.redirect_chain[0][0].startswith(reverse("admin_login"))
    assert browser.get(reverse("admin:tenancy_client_changelist")).status_code == 302


def test_anonymous_is_sent_to_the_throttled_login_page(db: None) -> None:
    response = Client().get(ADMIN, follow=True)
    assert response.redirect_chain[-1][0] == f"{reverse('web:login')}?next={ADMIN}"
    assert response.status_code == 200


def test_provider_admin_signs_in_and_is_taken_back_to_the_admin(world: World) -> None:
    browser = Client()
    response = browser.post(reverse("web:login"), {"email": "admin@provider.test", "password": PASSWORD, "next": ADMIN})
    assert response["Location"] == ADMIN
    assert browser.get(ADMIN).status_code == 200
    assert browser.get(reverse("admin_login")).status_code == 302


def test_admin_adds_a_user_by_email(world: World, login_as: LoginAs) -> None:
    data = {
        "email": "new.hm@example.test",
        "full_name": "New Hiring Manager",
        "kind": "client",
        "role": "hiring_manager",
        "client": world.client_a.pk,
        "usable_password": "true",
        "password1": "a long enough passphrase 7",
        "password2": "a long enough passphrase 7",
    }
    response = login_as("provider_admin").post(reverse("admin:accounts_user_add"), data)
    assert response.status_code == 302
    user = User.objects.get(email="new.hm@example.test")
    assert user.client == world.client_a
    assert user.check_password("a long enough passphrase 7")


def test_admin_user_form_enforces_the_role_rules(world: World, login_as: LoginAs) -> None:
    data = {
        "email": "confused@example.test",
        "full_name": "Confused",
        "kind": "client",
        "role": "recruiter",
        "client": "",
        "usable_password": "true",
        "password1": "a long enough passphrase 7",
        "password2": "a long enough passphrase 7",
    }
    response = login_as("provider_admin").post(reverse("admin:accounts_user_add"), data)
    assert response.status_code == 200  # the admin re-renders its form
    assert not User.objects.filter(email="confused@example.test").exists()


def test_api_token_digest_is_read_only_in_the_admin(world: World, login_as: LoginAs) -> None:
    issued = issue_token(world.users["recruiter_a"], "ci")
    response = login_as("provider_admin").get(reverse("admin:accounts_apitoken_change", args=[issued.token.pk]))
    assert response.status_code == 200
    assert not find_all(response.content, "input", name="digest")
    assert issued.secret not in response.content.decode()
    assert login_as("provider_admin").get(reverse("admin:accounts_apitoken_add")).status_code == 403
