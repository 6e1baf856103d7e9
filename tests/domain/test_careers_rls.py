"""Career sites under PostgreSQL row-level security: a public page is scoped to exactly the one client whose
site slug is in its URL, for anonymous visitors and signed-in users of other clients alike."""

from __future__ import annotations

import json
import os
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.test import Client as Browser
from django.urls import path

from handoff.domain.recruiting.careers.models import JobPosting
from handoff.domain.recruiting.models import Application
from handoff.interfaces.web.views import careers as careers_views
from handoff.urls import urlpatterns as project_urlpatterns
from tests.careers import make_site, pdf_bytes, publish
from tests.personas import World

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row-level security is PostgreSQL's: run with DATABASE_URL=postgres://… to test the policies",
)
ROLE = f"handoff_careers_test_{os.getpid()}"


def public_probe(request: HttpRequest, site_slug: str) -> JsonResponse:
    """What a public page's queries can reach once its site is found: the clients of every requisition."""
    careers_views._site(request, site_slug)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT array(SELECT DISTINCT client_id FROM recruiting_requisition ORDER BY 1), "
            "current_setting('handoff.rls_bypass', true), current_user"
        )
        row = cursor.fetchone()
    assert row is not None
    return JsonResponse({"clients": list(row[0]), "bypass": row[1], "user": row[2]})


urlpatterns = [path("careers-probe/<slug:site_slug>/", public_probe), *project_urlpatterns]


@pytest.fixture
def probing(settings: Any, db: None, tmp_path: Path) -> str:
    call_command("rls_setup_role", ROLE, stdout=StringIO())
    settings.ROOT_URLCONF = __name__
    settings.DATABASE_APP_ROLE = ROLE
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    return ROLE


@pytest.fixture
def postings(world: World) -> tuple[JobPosting, JobPosting]:
    make_site(world.users["hr_admin_a"], world.client_a, "acme")
    make_site(world.users["hr_admin_b"], world.client_b, "beta")
    admin = world.users["provider_admin"]
    return publish(admin, world.recruiting.requisition_a), publish(admin, world.recruiting.requisition_b)


def probe(browser: Browser, slug: str) -> dict[str, Any]:
    answer = browser.get(f"/careers-probe/{slug}/")
    assert answer.status_code == 200
    return dict(json.loads(answer.content))


def test_a_public_page_sees_exactly_its_clients_rows(
    world: World, probing: str, postings: tuple[JobPosting, JobPosting]
) -> None:
    seen = probe(Browser(), "acme")
    assert seen == {"clients": [world.client_a.pk], "bypass": "off", "user": probing}
    signed_in = Browser()
    signed_in.force_login(world.users["hr_admin_b"])  # B's user on A's site: narrowed to A, not widened to both
    assert probe(signed_in, "acme")["clients"] == [world.client_a.pk]
    assert probe(Browser(), "beta")["clients"] == [world.client_b.pk]


def test_an_unknown_slug_is_404_and_leaves_no_bypass(world: World, probing: str) -> None:
    assert Browser().get("/careers-probe/nobody/").status_code == 404
    assert Browser().get("/careers/nobody/").status_code == 404


def test_anonymous_visitors_browse_and_apply_under_the_runtime_role(
    world: World, probing: str, postings: tuple[JobPosting, JobPosting]
) -> None:
    posting_a, posting_b = postings
    browser = Browser()
    home = browser.get("/careers/acme/")
    assert home.status_code == 200
    assert posting_a.slug in home.text
    assert posting_b.slug not in home.text
    assert browser.get(f"/careers/acme/jobs/{posting_a.slug}/").status_code == 200
    assert browser.get(f"/careers/acme/jobs/{posting_b.slug}/").status_code == 404
    assert browser.get("/careers/acme/feed.xml").status_code == 200
    answer = browser.post(
        f"/careers/acme/jobs/{posting_a.slug}/apply/",
        {
            "full_name": "Rui Costa",
            "email": "rui.costa@mail.test",
            "consent": "on",
            "resume": SimpleUploadedFile("cv.pdf", pdf_bytes()),
        },
    )
    assert answer.status_code == 302, answer.content[:500]
    application = Application.objects.get(requisition=posting_a.requisition, candidate__email="rui.costa@mail.test")
    assert application.stage.key == "applied"


def test_a_slug_taken_by_another_client_is_a_field_error(world: World, probing: str) -> None:
    make_site(world.users["hr_admin_b"], world.client_b, "beta")
    browser = Browser()
    browser.force_login(world.users["hr_admin_a"])
    data = {
        "slug": "beta",
        "display_name": "Acme",
        "primary_colour": "#000000",
        "accent_colour": "#ffffff",
        "privacy_policy_version": "v1",
        "privacy_policy_url": "https://acme.test/privacy",
    }
    answer = browser.post("/recruiting/career-site/", data)
    assert answer.status_code == 400
    assert "This address is taken" in answer.text
