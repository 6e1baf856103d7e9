from __future__ import annotations

from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from tests.interfaces.web.conftest import LoginAs
from tests.interfaces.web.html import find
from tests.personas import World


def test_404_page_is_ours_without_details(world: World, login_as: LoginAs) -> None:
    response = login_as("hr_admin_a").get("/no/such/page/")
    assert response.status_code == 404
    assert find(response.content, "main").attrs["data-error"] == "404"
    assert "Traceback" not in response.content.decode()


def test_404_page_renders_for_anonymous_visitors(db: None) -> None:
    response = Client().get("/no/such/page/")
    assert response.status_code == 404
    assert find(response.content, "h1").text == "Not found"


def test_403_page_explains_the_refusal(world: World, login_as: LoginAs) -> None:
    response = login_as("recruiter_a").get(reverse("web:bpo_create"))
    assert response.status_code == 403
    assert find(response.content, "main").attrs["data-error"] == "403"
    assert "Only provider admins and account managers edit engagements." in find(response.content, "main").text


def test_500_page_renders_without_a_request_context() -> None:
    page = render_to_string("500.html")
    assert "Something went wrong" in page
    assert "/static/vendor/pico/pico.min.css" in page


def test_csrf_failure_page_is_ours(world: World) -> None:
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(reverse("web:login"), {"email": "x@example.test", "password": "y"})
    assert response.status_code == 403
    assert find(response.content, "h1").text == "This form has expired"


def test_400_page_renders_without_a_request_context() -> None:
    page = render_to_string("400.html")
    assert "Bad request" in page
    assert "csrfmiddlewaretoken" not in page
