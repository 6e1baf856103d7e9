from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from handoff.domain.accounts import throttle
from tests.factories import PASSWORD
from tests.interfaces.web.html import field_errors, find, find_all, form_errors
from tests.personas import World

LOGIN = reverse("web:login")


class FakeClock:
    """Stands in for the `time` module inside the throttle, so waits pass without sleeping."""

    def __init__(self) -> None:
        self.now = 1_000_000.0

    def time(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(throttle, "time", SimpleNamespace(time=fake.time))
    return fake


def post_login(browser: Client, email: str, password: str, **extra: str):
    return browser.post(LOGIN, {"email": email, "password": password, **extra})


def test_login_page_has_email_and_password_fields(db: None) -> None:
    response = Client().get(LOGIN)
    assert response.status_code == 200
    assert find(response.content, "input", name="email").attrs["type"] == "email"
    assert find(response.content, "input", name="password").attrs["type"] == "password"
    assert find_all(response.content, "input", name="csrfmiddlewaretoken")


def test_login_succeeds_and_lands_home(world: World) -> None:
    browser = Client()
    response = post_login(browser, "recruiter_a@provider.test", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("web:home")
    assert int(browser.session[SESSION_KEY]) == world.users["recruiter_a"].pk


def test_login_ignores_email_case(world: World) -> None:
    response = post_login(Client(), "Recruiter_A@Provider.TEST", PASSWORD)
    assert response.status_code == 302


def test_login_rotates_the_session_id(world: World) -> None:
    browser = Client()
    before = browser.session  # creates a session and sets its cookie
    before["marker"] = "kept"
    before.save()
    old_key = browser.cookies[settings.SESSION_COOKIE_NAME].value
    post_login(browser, "hr_admin.a@example.test", PASSWORD)
    new_key = browser.cookies[settings.SESSION_COOKIE_NAME].value
    assert new_key != old_key
    assert browser.session["marker"] == "kept"


@pytest.mark.parametrize(
    ("email", "password"),
    [("recruiter_a@provider.test", "wrong password!"), ("nobody@provider.test", PASSWORD)],
    ids=["wrong-password", "unknown-account"],
)
def test_bad_credentials_get_one_generic_message(world: World, email: str, password: str) -> None:
    browser = Client()
    response = post_login(browser, email, password)
    assert response.status_code == 400
    assert form_errors(response.content) == "Invalid email or password."
    assert SESSION_KEY not in browser.session
    assert find(response.content, "input", name="email").attrs["value"] == email  # what was typed stays


def test_inactive_user_cannot_sign_in(world: World) -> None:
    user = world.users["recruiter_a"]
    user.is_active = False
    user.save(update_fields=["is_active"])
    response = post_login(Client(), user.email, PASSWORD)
    assert response.status_code == 400


def test_malformed_login_input_shows_field_messages(db: None) -> None:
    response = Client().post(LOGIN, {"email": "not-an-email", "password": ""})
    assert response.status_code == 400
    assert field_errors(response.content, "email")
    assert field_errors(response.content, "password") == ["This field is required."]


def fail(browser: Client, email: str, times: int) -> None:
    for _ in range(times):
        assert post_login(browser, email, "wrong password!").status_code == 400


def test_throttle_waits_grow_exponentially_per_account(world: World, clock: FakeClock) -> None:
    browser, email = Client(), "recruiter_a@provider.test"
    fail(browser, email, settings.LOGIN_THROTTLE_FREE_FAILURES)

    blocked = post_login(browser, email, PASSWORD)  # even the right password waits
    assert blocked.status_code == 429
    assert "Too many failed attempts; try again in 1 second" in form_errors(blocked.content)
    assert SESSION_KEY not in browser.session

    clock.advance(1.1)
    fail(browser, email, 1)  # one more failure doubles the wait
    assert "try again in 2 seconds" in form_errors(post_login(browser, email, PASSWORD).content)
    clock.advance(2.1)
    fail(browser, email, 1)
    assert "try again in 4 seconds" in form_errors(post_login(browser, email, PASSWORD).content)

    clock.advance(4.1)
    assert post_login(browser, email, PASSWORD).status_code == 302
    assert throttle.seconds_to_wait(email, "127.0.0.1") == 0  # success clears the account's counter


def test_throttled_account_does_not_block_another_account_from_the_same_address(world: World, clock: FakeClock) -> None:
    attacker = Client()
    fail(attacker, "recruiter_a@provider.test", settings.LOGIN_THROTTLE_FREE_FAILURES)
    assert post_login(attacker, "recruiter_a@provider.test", PASSWORD).status_code == 429

    colleague = Client()  # same REMOTE_ADDR (127.0.0.1) in the test client
    response = post_login(colleague, "hr_admin.a@example.test", PASSWORD)
    assert response.status_code == 302


def test_safe_next_is_honoured(world: World) -> None:
    target = reverse("web:engagement_list")
    response = post_login(Client(), "recruiter_a@provider.test", PASSWORD, next=target)
    assert response["Location"] == target


@pytest.mark.parametrize("unsafe", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"])
def test_unsafe_next_is_ignored(world: World, unsafe: str) -> None:
    response = post_login(Client(), "recruiter_a@provider.test", PASSWORD, next=unsafe)
    assert response["Location"] == reverse("web:home")


def test_next_from_the_query_string_is_kept_in_the_form(db: None) -> None:
    response = Client().get(LOGIN, {"next": "/engagements/"})
    assert find(response.content, "input", name="next").attrs["value"] == "/engagements/"


def test_anonymous_visitor_is_sent_to_login(db: None) -> None:
    response = Client().get(reverse("web:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(f"{LOGIN}?next=/")


def test_logout_needs_post(world: World) -> None:
    browser = Client()
    browser.force_login(world.users["recruiter_a"])
    assert browser.get(reverse("web:logout")).status_code == 405
    assert SESSION_KEY in browser.session
    response = browser.post(reverse("web:logout"))
    assert response["Location"] == LOGIN
    assert SESSION_KEY not in browser.session
    assert browser.get(reverse("web:home")).status_code == 302


def test_signed_in_user_on_login_page_sees_the_form_not_a_redirect(world: World) -> None:
    browser = Client()
    browser.force_login(world.users["recruiter_a"])
    response = browser.get(LOGIN, {"next": "/admin/"})
    assert response.status_code == 200
    assert b"You are signed in as recruiter_a@provider.test" in response.content


PASSWORD_CHANGE = reverse("web:password_change")


def change_password(browser: Client, new: str, old: str = PASSWORD):
    return browser.post(PASSWORD_CHANGE, {"old_password": old, "new_password1": new, "new_password2": new})


def test_password_change_keeps_the_user_signed_in(world: World) -> None:
    user = world.users["hr_admin_a"]
    browser = Client()
    browser.force_login(user)
    assert browser.get(PASSWORD_CHANGE).status_code == 200
    response = change_password(browser, "a much longer passphrase 42")
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a much longer passphrase 42")
    assert browser.get(reverse("web:home")).status_code == 200  # session hash updated


@pytest.mark.parametrize(
    ("new", "message"),
    [("short1!", "too short"), ("qwerty123456", "too common")],
)
def test_weak_passwords_are_refused_with_a_field_message(world: World, new: str, message: str) -> None:
    user = world.users["hr_admin_a"]
    browser = Client()
    browser.force_login(user)
    response = change_password(browser, new)
    assert response.status_code == 400
    assert message in " ".join(field_errors(response.content, "new_password2"))
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_wrong_old_password_is_refused(world: World) -> None:
    browser = Client()
    browser.force_login(world.users["hr_admin_a"])
    response = change_password(browser, "a much longer passphrase 42", old="not my password")
    assert response.status_code == 400
    assert field_errors(response.content, "old_password")
