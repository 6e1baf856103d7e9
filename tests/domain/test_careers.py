"""Career sites and postings: who sets them up and publishes, what the public selectors show, applying from
the career site (dedupe, consent, resume checks, knockout questions), the JSON-LD and the feeds."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from handoff.domain.recruiting import actions as recruiting_actions
from handoff.domain.recruiting.careers import actions, publishing, selectors
from handoff.domain.recruiting.careers.models import CareerApplication, CareerSite, JobPosting, ParseStatus
from handoff.domain.recruiting.careers.tasks import parse_career_resume
from handoff.domain.recruiting.models import (
    Application,
    Candidate,
    ConsentChannel,
    Requisition,
    StageTransition,
)
from handoff.engines.resumes.sniff import MAX_UPLOAD_BYTES
from tests.careers import KNOCKOUTS, PNG_BYTES, POLICY_VERSION, TXT_RESUME, docx_bytes, make_site, pdf_bytes, publish
from tests.personas import World
from tests.recruiting import candidate_data, open_requisition, requisition_data

LINKS = publishing.Links(site="https://jobs.test/careers/acme/", logo="https://jobs.test/careers/acme/logo/")


@pytest.fixture(autouse=True)
def _media(settings: object, tmp_path: Path) -> None:
    settings.STORAGES = {  # type: ignore[attr-defined]
        **settings.STORAGES,  # type: ignore[attr-defined]
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }


@pytest.fixture
def site(world: World) -> CareerSite:
    return make_site(world.users["hr_admin_a"], world.client_a, "acme")


@pytest.fixture
def opened(world: World) -> Requisition:
    return open_requisition(world.users["recruiter_a"], world.users["hr_admin_a"], world.rpo_a, title="Data analyst")


@pytest.fixture
def posting(world: World, site: CareerSite, opened: Requisition) -> JobPosting:
    return publish(world.users["recruiter_a"], opened, knockout_questions=KNOCKOUTS)


def applicant(**overrides: object) -> actions.Applicant:
    data: dict[str, object] = {
        "full_name": "Rui Costa",
        "email": "Rui.Costa@Mail.test",
        "phone": "",
        "consent": True,
        "answers": {0: "yes", 1: "yes"},
        "resume_name": "cv.pdf",
        "resume": pdf_bytes(),
        "ip": "203.0.113.9",
    }
    return actions.Applicant(**{**data, **overrides})  # type: ignore[arg-type]


# --- the site and publishing ------------------------------------------------------------------------------------


def test_site_colours_must_be_hex_and_logo_an_image(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        make_site(world.users["hr_admin_a"], world.client_a, "acme", primary_colour="red")
    assert "primary_colour" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        actions.save_career_site(world.users["hr_admin_a"], world.client_a.pk, {}, logo=b"GIF89a....")
    assert "logo" in caught.value.message_dict
    site = make_site(world.users["hr_admin_a"], world.client_a, "acme")
    saved = actions.save_career_site(world.users["account_manager_a"], world.client_a.pk, {}, logo=PNG_BYTES)
    assert saved.pk == site.pk
    assert str(saved.logo.name).endswith(".png")


def test_only_site_editors_of_the_client_set_it_up(world: World) -> None:
    with pytest.raises(PermissionDenied):
        make_site(world.users["hiring_manager_a"], world.client_a, "acme")
    with pytest.raises(Http404):
        make_site(world.users["hr_admin_b"], world.client_a, "acme")


def test_only_open_requisitions_are_published(world: World, site: CareerSite) -> None:
    recruiter = world.users["recruiter_a"]
    draft = recruiting_actions.create_requisition(recruiter, world.client_a.pk, requisition_data(world.rpo_a))
    with pytest.raises(ValidationError, match="Only open requisitions"):
        publish(recruiter, draft)
    opened = open_requisition(recruiter, world.users["hr_admin_a"], world.rpo_a)
    posting = publish(recruiter, opened)
    assert posting.is_published
    assert posting.client_id == world.client_a.pk
    with pytest.raises(PermissionDenied):
        publish(world.users["hiring_manager_a"], opened)
    with pytest.raises(Http404):
        publish(world.users["outsider"], opened)


def test_a_remote_job_needs_its_allowed_countries(world: World, site: CareerSite) -> None:
    remote = open_requisition(
        world.users["recruiter_a"], world.users["hr_admin_a"], world.rpo_a, remote=True, location=""
    )
    with pytest.raises(ValidationError, match="allowed countries"):
        publish(world.users["recruiter_a"], remote)


def test_public_selectors_show_only_live_postings_of_the_site(world: World, posting: JobPosting) -> None:
    site = selectors.public_site("acme")
    assert list(selectors.live_postings(site)) == [posting]
    # client B's posting slug under A's site is not found
    make_site(world.users["hr_admin_b"], world.client_b, "beta")
    b_posting = publish(world.users["provider_admin"], world.recruiting.requisition_b)
    with pytest.raises(Http404):
        selectors.public_posting(site, b_posting.slug)
    # a requisition leaving "open" drops off at once; so does an expired or unpublished posting
    recruiting_actions.change_requisition_status(world.users["recruiter_a"], posting.requisition, "on_hold")
    with pytest.raises(Http404):
        selectors.public_posting(site, posting.slug)
    recruiting_actions.change_requisition_status(world.users["recruiter_a"], posting.requisition, "open")
    assert selectors.public_posting(site, posting.slug) == posting
    JobPosting.objects.filter(pk=posting.pk).update(valid_through=timezone.now() - dt.timedelta(minutes=1))
    assert not selectors.live_postings(site).exists()
    JobPosting.objects.filter(pk=posting.pk).update(valid_through=None)
    actions.unpublish(world.users["hr_admin_a"], posting)
    assert not selectors.live_postings(site).exists()


def test_search_and_filters(world: World, site: CareerSite, posting: JobPosting) -> None:
    remote = open_requisition(
        world.users["recruiter_a"],
        world.users["hr_admin_a"],
        world.rpo_a,
        title="Support lead",
        department="Care",
        remote=True,
        location="",
        allowed_countries=["PT", "ES"],
        employment_type="part_time",
    )
    other = publish(world.users["recruiter_a"], remote)

    def found(**filters: str) -> set[int]:
        return {row.pk for row in selectors.search_postings(site, selectors.JobFilters(**filters))}

    assert found() == {posting.pk, other.pk}
    assert found(q="analyst") == {posting.pk}
    assert found(location="remote") == {other.pk}
    assert found(location="Boston") == {posting.pk}
    assert found(employment_type="part_time") == {other.pk}
    assert found(department="care") == {other.pk}
    assert selectors.filter_choices(site) == {"locations": ["Boston"], "departments": ["Care", "Engineering"]}


# --- applying ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("resume", [pdf_bytes(), docx_bytes(), TXT_RESUME], ids=["pdf", "docx", "txt"])
def test_apply_creates_a_consented_candidate_and_an_applied_application(
    world: World, posting: JobPosting, resume: bytes
) -> None:
    site = selectors.public_site("acme")
    result = actions.apply_to_posting(site, posting, applicant(resume=resume))
    application = result.application
    assert not result.rejected
    assert not result.flagged
    assert application.stage.key == "applied"
    assert application.client_id == world.client_a.pk
    candidate = Candidate.objects.get(pk=application.candidate_id)
    assert candidate.email_normalised == "rui.costa@mail.test"
    assert candidate.origin_client_id == world.client_a.pk
    assert (candidate.consent_policy_version, candidate.consent_channel) == (POLICY_VERSION, ConsentChannel.CAREER_SITE)
    assert candidate.consent_date == timezone.localdate()
    submission = CareerApplication.objects.get(application=application)
    assert submission.consent_ip == "203.0.113.9"
    assert submission.answers[0]["answer"] == "yes"
    with submission.resume.open("rb") as stored:
        assert stored.read() == resume
    assert StageTransition.objects.filter(application=application, from_stage=None).exists()


def test_an_applicant_with_a_known_email_becomes_that_candidates_application(world: World, posting: JobPosting) -> None:
    known = recruiting_actions.create_candidate(
        world.users["recruiter_a"],
        candidate_data(full_name="Rui C.", email="rui.costa@mail.test", phone="", profile_url=""),
    )
    before = Candidate.objects.count()
    result = actions.apply_to_posting(selectors.public_site("acme"), posting, applicant())
    assert result.application.candidate_id == known.pk
    assert Candidate.objects.count() == before
    known.refresh_from_db()
    assert known.consent_channel == ConsentChannel.CAREER_SITE


def test_a_second_application_to_the_same_job_is_refused(world: World, posting: JobPosting) -> None:
    site = selectors.public_site("acme")
    actions.apply_to_posting(site, posting, applicant())
    with pytest.raises(ValidationError, match="already applied") as caught:
        actions.apply_to_posting(site, posting, applicant(full_name="Rui again"))
    assert "email" in caught.value.message_dict
    assert Application.objects.filter(requisition=posting.requisition).count() == 1


@pytest.mark.parametrize(
    ("overrides", "field", "text"),
    [
        ({"resume": PNG_BYTES}, "resume", "PNG image"),
        ({"resume": b"%PDF-1.4" + b"0" * MAX_UPLOAD_BYTES}, "resume", "larger than 10 MB"),
        ({"resume": b""}, "resume", "empty"),
        ({"consent": False}, "consent", POLICY_VERSION),
        ({"answers": {0: "yes"}}, "q1", "Answer yes or no"),
    ],
    ids=["png", "oversized", "empty", "no-consent", "unanswered"],
)
def test_bad_input_is_a_field_error_and_nothing_is_written(
    world: World, posting: JobPosting, overrides: dict[str, object], field: str, text: str
) -> None:
    before = (Candidate.objects.count(), Application.objects.count())
    with pytest.raises(ValidationError) as caught:
        actions.apply_to_posting(selectors.public_site("acme"), posting, applicant(**overrides))
    assert text in " ".join(caught.value.message_dict[field])
    assert (Candidate.objects.count(), Application.objects.count()) == before


def test_knockout_questions_reject_with_a_reason_or_flag(world: World, posting: JobPosting) -> None:
    site = selectors.public_site("acme")
    rejected = actions.apply_to_posting(site, posting, applicant(answers={0: "no", 1: "yes"}))
    assert rejected.rejected
    assert rejected.application.stage.key == "rejected"
    assert rejected.application.rejection_reason.startswith("Knockout question: Are you authorised")
    flagged = actions.apply_to_posting(site, posting, applicant(email="other@mail.test", answers={0: "yes", 1: "no"}))
    assert flagged.flagged
    assert not flagged.rejected
    assert flagged.application.stage.key == "applied"
    assert "knockout flag" in flagged.application.tags
    assert CareerApplication.objects.get(application=flagged.application).flagged


def test_a_closed_job_takes_no_applications(world: World, posting: JobPosting) -> None:
    recruiting_actions.change_requisition_status(world.users["recruiter_a"], posting.requisition, "cancelled")
    posting.requisition.refresh_from_db()
    with pytest.raises(ValidationError, match="no longer open"):
        actions.apply_to_posting(selectors.public_site("acme"), posting, applicant())


# --- JSON-LD and feeds ------------------------------------------------------------------------------------------


GOOGLE_REQUIRED = {"title", "description", "datePosted", "hiringOrganization"}


def test_json_ld_names_the_client_and_has_every_required_field(world: World, posting: JobPosting) -> None:
    site = selectors.public_site("acme")
    data = publishing.job_posting_ld(site, posting, LINKS, "https://jobs.test/x/")
    assert set(data) >= GOOGLE_REQUIRED
    assert "jobLocation" in data
    assert data["hiringOrganization"] == {
        "@type": "Organization",
        "name": world.client_a.name,
        "sameAs": "https://acme.example.test/",
        "logo": LINKS.logo,
    }
    assert data["employmentType"] == "FULL_TIME"
    assert "baseSalary" not in data
    assert data["jobLocation"]["address"]["addressCountry"] == "US"


def test_json_ld_of_a_remote_job_with_a_published_salary(world: World, site: CareerSite) -> None:
    remote = open_requisition(
        world.users["recruiter_a"],
        world.users["hr_admin_a"],
        world.rpo_a,
        remote=True,
        location="",
        allowed_countries=["PT", "ES"],
    )
    valid = timezone.now() + dt.timedelta(days=30)
    posting = publish(world.users["recruiter_a"], remote, show_salary=True, valid_through=valid)
    data = publishing.job_posting_ld(site, posting, LINKS, "https://jobs.test/x/")
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert "jobLocation" not in data
    assert data["applicantLocationRequirements"] == [
        {"@type": "Country", "name": "PT"},
        {"@type": "Country", "name": "ES"},
    ]
    assert data["baseSalary"]["currency"] == "USD"
    assert data["baseSalary"]["value"] == {
        "@type": "QuantitativeValue",
        "unitText": "YEAR",
        "minValue": 90000.0,
        "maxValue": 120000.0,
    }
    assert data["validThrough"] == valid.isoformat()


def test_script_json_cannot_close_the_script_element() -> None:
    text = publishing.script_json({"title": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text
    assert ">" not in text
    assert "&" not in text
    assert json.loads(text)["title"].startswith("</script>")


def test_feeds(world: World, posting: JobPosting) -> None:
    site = selectors.public_site("acme")
    entries = [publishing.FeedEntry(site, posting, LINKS, "https://jobs.test/job/")]
    root = ET.fromstring(publishing.xml_feed("Acme", LINKS.site, entries))  # noqa: S314 - our own feed
    job = root.find("job")
    assert job is not None
    assert job.findtext("title") == "Data analyst"
    assert job.findtext("company") == world.client_a.name
    assert job.findtext("url") == "https://jobs.test/job/"
    assert job.findtext("salary") == ""
    feed = publishing.json_feed("Jobs", LINKS.site, "https://jobs.test/feed.json", entries)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert [item["id"] for item in feed["items"]] == ["https://jobs.test/job/"]
    assert feed["items"][0]["_job_posting"]["hiringOrganization"]["name"] == world.client_a.name
    json.dumps(feed)  # serialisable as it is


# --- parsing in the background ----------------------------------------------------------------------------------


def test_applying_queues_the_resume_parse_after_commit(
    world: World, posting: JobPosting, django_capture_on_commit_callbacks: Any
) -> None:
    with mock.patch("handoff.domain.recruiting.careers.tasks.parse_career_resume") as task:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            result = actions.apply_to_posting(selectors.public_site("acme"), posting, applicant())
        task.enqueue.assert_not_called()  # not before the commit
        for callback in callbacks:
            callback()
    task.enqueue.assert_called_once_with(result.application.career_submission.pk)


def test_the_parse_task_records_the_profile_or_why_not(world: World, posting: JobPosting) -> None:
    site = selectors.public_site("acme")
    text = b"Rui Costa\nrui.costa@mail.test\n\nExperience\nData analyst, Acme, 2018 - 2024\n\nSkills\nPython, SQL\n"
    readable = actions.apply_to_posting(site, posting, applicant(resume=text)).application
    blank = actions.apply_to_posting(site, posting, applicant(email="blank@mail.test")).application
    assert parse_career_resume.call(readable.career_submission.pk) == ParseStatus.PARSED
    assert parse_career_resume.call(blank.career_submission.pk) == ParseStatus.FAILED
    parsed = CareerApplication.objects.get(application=readable)
    assert parsed.parsed_profile is not None
    assert parsed.parsed_profile["basics"]["email"] == "rui.costa@mail.test"
    failed = CareerApplication.objects.get(application=blank)
    assert failed.parsed_profile is None
    assert failed.parse_note
    assert parse_career_resume.call(987654321) == ""


def test_a_taken_site_address_is_a_field_error(world: World, site: CareerSite) -> None:
    with pytest.raises(ValidationError) as caught:
        make_site(world.users["hr_admin_b"], world.client_b, "acme")
    assert "slug" in caught.value.message_dict
