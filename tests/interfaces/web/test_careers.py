"""The career pages: the public site (list, search, job page with its JSON-LD, apply form, thank-you page,
feeds, logo and colours) and the staff pages that set the site up and publish requisitions."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from handoff.domain.recruiting.careers.models import CareerSite, JobPosting
from handoff.domain.recruiting.models import Application, Candidate, Requisition, RequisitionStatus
from handoff.engines.resumes.sniff import MAX_UPLOAD_BYTES
from tests.careers import KNOCKOUTS, PNG_BYTES, POLICY_VERSION, TXT_RESUME, docx_bytes, make_site, pdf_bytes, publish
from tests.interfaces.web.conftest import LoginAs
from tests.personas import World
from tests.recruiting import open_requisition, requisition_data

LD_SCRIPT = re.compile(r'<script type="application/ld\+json" nonce="[^"]+">(.*?)</script>', re.S)


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }


@pytest.fixture
def site(world: World) -> CareerSite:
    return make_site(world.users["hr_admin_a"], world.client_a, "acme")


@pytest.fixture
def posting(world: World, site: CareerSite) -> JobPosting:
    requisition = open_requisition(
        world.users["recruiter_a"], world.users["hr_admin_a"], world.rpo_a, title="Data analyst </script>"
    )
    return publish(world.users["recruiter_a"], requisition, knockout_questions=KNOCKOUTS)


def job_url(posting: JobPosting, name: str = "web:careers_job", site: str = "acme") -> str:
    return reverse(name, kwargs={"site_slug": site, "posting_slug": posting.slug})


def form_data(content: bytes = b"", name: str = "cv.pdf", **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "full_name": "Rui Costa",
        "email": "rui.costa@mail.test",
        "phone": "",
        "consent": "on",
        "q0": "yes",
        "q1": "yes",
        "resume": SimpleUploadedFile(name, content or pdf_bytes()),
    }
    return {**data, **overrides}


def test_the_job_list_searches_and_filters(world: World, posting: JobPosting) -> None:
    remote = open_requisition(
        world.users["recruiter_a"],
        world.users["hr_admin_a"],
        world.rpo_a,
        title="Remote support lead",
        remote=True,
        location="",
        allowed_countries=["PT"],
    )
    other = publish(world.users["recruiter_a"], remote)
    page = Client().get(reverse("web:careers_home", kwargs={"site_slug": "acme"}))
    assert page.status_code == 200
    assert posting.slug in page.text
    assert other.slug in page.text
    assert world.client_a.name in page.text
    found = Client().get(reverse("web:careers_home", kwargs={"site_slug": "acme"}), {"q": "support"})
    assert other.slug in found.text
    assert posting.slug not in found.text
    remote_only = Client().get(reverse("web:careers_home", kwargs={"site_slug": "acme"}), {"location": "remote"})
    assert other.slug in remote_only.text
    assert posting.slug not in remote_only.text


@pytest.mark.django_db
def test_an_unknown_site_is_404() -> None:
    assert Client().get(reverse("web:careers_home", kwargs={"site_slug": "nobody"})).status_code == 404


def test_the_job_page_carries_json_ld_with_the_client_as_hiring_organisation(world: World, posting: JobPosting) -> None:
    page = Client().get(job_url(posting))
    assert page.status_code == 200
    scripts = LD_SCRIPT.findall(page.text)
    assert len(scripts) == 1
    assert "</script>" not in scripts[0]
    data = json.loads(scripts[0])
    assert data["@type"] == "JobPosting"
    assert data["title"] == "Data analyst </script>"
    assert {"title", "description", "datePosted", "hiringOrganization", "jobLocation"} <= set(data)
    assert data["hiringOrganization"]["name"] == world.client_a.name
    assert data["hiringOrganization"]["sameAs"] == "https://acme.example.test/"
    assert data["url"] == "http://testserver" + job_url(posting)
    assert "baseSalary" not in data
    assert "nonce-" in page.headers["Content-Security-Policy"]


def test_the_salary_is_shown_only_when_published(world: World, posting: JobPosting) -> None:
    publish(world.users["recruiter_a"], posting.requisition, show_salary=True)
    page = Client().get(job_url(posting))
    data = json.loads(LD_SCRIPT.findall(page.text)[0])
    assert data["baseSalary"]["value"]["maxValue"] == 120000.0
    assert "data-salary" in page.text


def test_the_logo_and_colours(world: World, site: CareerSite) -> None:
    make_site(world.users["hr_admin_a"], world.client_a, "acme", primary_colour="#00aa11")
    from handoff.domain.recruiting.careers import actions

    actions.save_career_site(world.users["hr_admin_a"], world.client_a.pk, {}, logo=PNG_BYTES)
    logo = Client().get(reverse("web:careers_logo", kwargs={"site_slug": "acme"}))
    assert logo.status_code == 200
    assert logo["Content-Type"] == "image/png"
    assert b"".join(logo.streaming_content) == PNG_BYTES  # type: ignore[attr-defined]
    css = Client().get(reverse("web:careers_theme", kwargs={"site_slug": "acme"}))
    assert "--careers-primary: #00aa11" in css.text


def test_another_clients_posting_or_a_closed_requisition_is_404(world: World, posting: JobPosting) -> None:
    make_site(world.users["hr_admin_b"], world.client_b, "beta")
    b_posting = publish(world.users["provider_admin"], world.recruiting.requisition_b)
    assert Client().get(job_url(b_posting, site="beta")).status_code == 200
    for name in ("web:careers_job", "web:careers_apply", "web:careers_applied"):
        assert Client().get(job_url(b_posting, name)).status_code == 404
    draft = Requisition.objects.create(
        **{**requisition_data(world.rpo_a), "client": world.client_a, "required_skills": []}
    )
    hidden = JobPosting.objects.create(
        client=world.client_a,
        requisition=draft,
        slug="draft-job",
        public_description="x",
        published_at=posting.published_at,
    )
    assert Client().get(job_url(hidden)).status_code == 404
    Requisition.objects.filter(pk=posting.requisition_id).update(status=RequisitionStatus.CANCELLED)
    assert Client().get(job_url(posting)).status_code == 404
    assert Client().get(job_url(posting, "web:careers_apply")).status_code == 404


@pytest.mark.parametrize(
    ("resume", "name"), [(pdf_bytes(), "cv.pdf"), (docx_bytes(), "cv.docx"), (TXT_RESUME, "cv.txt")]
)
def test_apply_with_a_resume_lands_on_the_thank_you_page(
    world: World, posting: JobPosting, resume: bytes, name: str
) -> None:
    answer = Client().post(job_url(posting, "web:careers_apply"), form_data(resume, name))
    assert answer.status_code == 302
    assert answer["Location"] == job_url(posting, "web:careers_applied")
    application = Application.objects.get(requisition=posting.requisition)
    assert application.stage.key == "applied"
    assert application.career_submission.resume_kind == name.rsplit(".", 1)[1]
    assert application.career_submission.consent_ip == "127.0.0.1"
    thanks = Client().get(answer["Location"])
    assert "Thank you for applying" in thanks.text


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"resume": SimpleUploadedFile("cv.pdf", PNG_BYTES)}, "Upload a PDF, DOCX or TXT resume"),
        ({"resume": SimpleUploadedFile("cv.pdf", b"%PDF-" + b"0" * MAX_UPLOAD_BYTES)}, "larger than 10 MB"),
        ({"consent": ""}, f"version {POLICY_VERSION}"),
        ({"email": "not-an-email"}, "Enter a valid email address."),
    ],
    ids=["png-renamed-pdf", "oversized", "no-consent", "bad-email"],
)
def test_bad_input_is_a_message_on_the_form_with_the_values_kept(
    world: World, posting: JobPosting, overrides: dict[str, Any], message: str
) -> None:
    answer = Client().post(job_url(posting, "web:careers_apply"), form_data(**overrides))
    assert answer.status_code == 400
    assert message in answer.text
    assert "Choose your resume file again" in answer.text
    assert 'value="Rui Costa"' in answer.text
    assert not Application.objects.filter(requisition=posting.requisition).exists()


def test_a_duplicate_application_is_a_message(world: World, posting: JobPosting) -> None:
    Client().post(job_url(posting, "web:careers_apply"), form_data())
    again = Client().post(job_url(posting, "web:careers_apply"), form_data(email="RUI.COSTA@mail.test"))
    assert again.status_code == 400
    assert "You have already applied for this job" in again.text
    assert Application.objects.filter(requisition=posting.requisition).count() == 1
    assert Candidate.objects.filter(email_normalised="rui.costa@mail.test").count() == 1


def test_knockout_answers_reject_or_flag(world: World, posting: JobPosting) -> None:
    Client().post(job_url(posting, "web:careers_apply"), form_data(q0="no"))
    Client().post(job_url(posting, "web:careers_apply"), form_data(email="b@mail.test", q1="no"))
    rejected = Application.objects.get(candidate__email="rui.costa@mail.test")
    flagged = Application.objects.get(candidate__email="b@mail.test")
    assert rejected.stage.key == "rejected"
    assert "Knockout question" in rejected.rejection_reason
    assert flagged.stage.key == "applied"
    assert flagged.career_submission.flagged


def test_the_feeds(world: World, posting: JobPosting) -> None:
    xml = Client().get(reverse("web:careers_feed_xml", kwargs={"site_slug": "acme"}))
    assert xml["Content-Type"].startswith("application/xml")
    root = ET.fromstring(xml.content)  # noqa: S314 - our own feed
    jobs = root.findall("job")
    assert [job.findtext("title") for job in jobs] == ["Data analyst </script>"]
    assert jobs[0].findtext("company") == world.client_a.name
    assert jobs[0].findtext("url") == "http://testserver" + job_url(posting)
    feed = Client().get(reverse("web:careers_feed_json", kwargs={"site_slug": "acme"})).json()
    assert {"version", "title", "items"} <= set(feed)
    assert feed["version"].startswith("https://jsonfeed.org/")
    assert all({"id", "url", "title", "content_html", "date_published"} <= set(item) for item in feed["items"])
    assert feed["items"][0]["_job_posting"]["hiringOrganization"]["name"] == world.client_a.name


# --- staff pages ------------------------------------------------------------------------------------------------


def test_publish_and_unpublish_from_the_requisition(world: World, site: CareerSite, login_as: LoginAs) -> None:
    requisition = open_requisition(world.users["recruiter_a"], world.users["hr_admin_a"], world.rpo_a)
    browser = login_as("recruiter_a")
    detail = browser.get(reverse("web:requisition_detail", kwargs={"requisition_id": requisition.pk}))
    edit_url = reverse("web:posting_edit", kwargs={"requisition_id": requisition.pk})
    assert edit_url in detail.text
    bad = browser.post(edit_url, {"public_description": "Hi", "knockout_questions": "[{]"})
    assert bad.status_code == 400
    assert "Not valid JSON" in bad.text
    done = browser.post(edit_url, {"public_description": "Come work with us", "show_salary": "on"})
    assert done.status_code == 302
    posting = JobPosting.objects.get(requisition=requisition)
    assert posting.is_published
    assert posting.show_salary
    assert Client().get(job_url(posting)).status_code == 200
    browser.post(reverse("web:posting_unpublish", kwargs={"requisition_id": requisition.pk}))
    assert Client().get(job_url(posting)).status_code == 404
    assert login_as("hiring_manager_a").get(edit_url).status_code == 403


def test_the_career_site_settings_page(world: World, login_as: LoginAs) -> None:
    browser = login_as("hr_admin_a")
    url = reverse("web:career_site_settings")
    assert browser.get(url).status_code == 200
    data = {
        "slug": "acme-jobs",
        "display_name": "Acme",
        "website_url": "https://acme.test/",
        "primary_colour": "blue",
        "accent_colour": "#abcdef",
        "privacy_policy_version": "v1",
        "privacy_policy_url": "https://acme.test/privacy",
        "intro": "",
    }
    bad = browser.post(url, data)
    assert bad.status_code == 400
    assert "#rrggbb" in bad.text
    saved = browser.post(
        url, {**data, "primary_colour": "#0000ff", "logo_upload": SimpleUploadedFile("l.png", PNG_BYTES)}
    )
    assert saved.status_code == 302
    assert saved["Location"] == reverse("web:careers_home", kwargs={"site_slug": "acme-jobs"})
    assert CareerSite.objects.get(client=world.client_a).logo
    assert login_as("hiring_manager_a").get(url).status_code == 403


def test_an_apply_over_the_request_limit_is_refused_unread(world: World, posting: JobPosting, settings: Any) -> None:
    settings.REQUEST_MAX_BYTES = 50_000
    applications = Application.objects.count()
    answer = Client().post(job_url(posting, "web:careers_apply"), form_data(pdf_bytes() + b"%" * 60_000))
    assert answer.status_code == 413
    assert "larger than 48 KB" in answer.content.decode()
    assert "nothing was received or saved" in answer.content.decode()
    assert Application.objects.count() == applications
    assert not Candidate.objects.filter(email="rui.costa@mail.test").exists()
    # a body under the limit goes through as before
    settings.REQUEST_MAX_BYTES = 10 * 1024 * 1024
    assert Client().post(job_url(posting, "web:careers_apply"), form_data()).status_code == 302
