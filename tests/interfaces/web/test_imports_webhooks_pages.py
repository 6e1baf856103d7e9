"""The import pages (upload, mapping, progress polled by htmx, report), the export, and the webhook pages."""

from __future__ import annotations

import io
import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook  # type: ignore[import-untyped]

from handoff.domain.imports import actions
from handoff.domain.imports.models import ImportJob, JobStatus
from handoff.domain.recruiting import actions as recruiting_actions
from handoff.domain.webhooks.models import WebhookEndpoint
from tests.interfaces.web.conftest import LoginAs
from tests.personas import World

CSV = b"Candidate,Mail,Town\nAl Ok,al@mail.test,Porto\nBad Row,nope,Porto\n"


def test_upload_map_and_report(login_as: LoginAs, world: World) -> None:
    browser = login_as("recruiter_a")
    page = browser.post(reverse("web:import_list"), {"file": SimpleUploadedFile("people.csv", CSV)})
    job = ImportJob.objects.get()
    assert page.status_code == 302
    assert page["Location"] == reverse("web:import_detail", kwargs={"job_id": job.pk})
    mapping_page = browser.get(page["Location"])
    html = mapping_page.content.decode()
    assert 'data-form="import-mapping"' in html
    assert '<option value="full_name" selected>' in html
    bad = browser.post(page["Location"], {"col_0": "", "col_1": "email", "col_2": "city"})
    assert bad.status_code == 400
    assert "full name" in bad.content.decode()
    good = browser.post(page["Location"], {"col_0": "full_name", "col_1": "email", "col_2": "city"})
    assert good.status_code == 302
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED
    polling = browser.get(reverse("web:import_progress", kwargs={"job_id": job.pk}), HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 1s"' in polling.content.decode()
    actions.run_import(job)
    done = browser.get(
        reverse("web:import_progress", kwargs={"job_id": job.pk}), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "hx-trigger" not in done
    assert "<span data-accepted>1</span>" in done
    assert "not an e-mail address" in done


def test_bad_upload_is_a_message_on_the_page(login_as: LoginAs) -> None:
    browser = login_as("recruiter_a")
    page = browser.post(reverse("web:import_list"), {"file": SimpleUploadedFile("cv.pdf", b"%PDF-1.4")})
    assert page.status_code == 400
    assert "Choose a .csv, .xlsx or .json" in page.content.decode()
    assert not ImportJob.objects.exists()


def test_import_pages_are_for_pool_workers(login_as: LoginAs) -> None:
    for persona in ("hr_admin_a", "hiring_manager_a", "bpo_agent_a"):
        assert login_as(persona).get(reverse("web:import_list")).status_code == 403
        assert login_as(persona).get(reverse("web:candidate_export")).status_code == 403


def test_exports(login_as: LoginAs, world: World) -> None:
    browser = login_as("recruiter_a")
    csv_file = browser.get(reverse("web:candidate_export"), {"format": "csv"})
    assert csv_file["Content-Disposition"] == 'attachment; filename="candidates.csv"'
    assert "ana.lima@mail.test" in csv_file.content.decode("utf-8-sig")
    xlsx = browser.get(reverse("web:candidate_export"), {"format": "xlsx", "q": "nobody-matches"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    assert sheet.max_row == 1, "only the header: nothing matched"
    resumes = json.loads(browser.get(reverse("web:candidate_export"), {"format": "json"}).content)
    assert resumes[0]["basics"]["email"] == "ana.lima@mail.test"
    assert browser.get(reverse("web:candidate_export"), {"format": "pdf"}).status_code == 302


def test_webhook_pages(login_as: LoginAs, world: World) -> None:
    browser = login_as("hr_admin_a")
    invalid = browser.post(reverse("web:webhook_list"), {"client": world.client_a.pk, "url": "not a url", "events": []})
    assert invalid.status_code == 400
    foreign = browser.post(
        reverse("web:webhook_list"),
        {"client": world.client_b.pk, "url": "https://x.test", "events": ["application.hired"]},
    )
    assert foreign.status_code == 400
    assert not WebhookEndpoint.objects.exists()
    created = browser.post(
        reverse("web:webhook_list"),
        {
            "client": world.client_a.pk,
            "url": "https://hooks.example.test/a",
            "events": ["application.stage_changed"],
            "active": "on",
        },
    )
    endpoint = WebhookEndpoint.objects.get()
    assert created["Location"] == reverse("web:webhook_detail", kwargs={"endpoint_id": endpoint.pk})
    recruiting_actions.move_application(world.users["recruiter_a"], world.recruiting.application_a, "screened")
    detail = browser.get(created["Location"]).content.decode()
    assert endpoint.secret in detail
    assert 'data-status="pending"' in detail
    browser.post(reverse("web:webhook_rotate", kwargs={"endpoint_id": endpoint.pk}))
    assert WebhookEndpoint.objects.get().secret != endpoint.secret
    assert login_as("hiring_manager_a").get(reverse("web:webhook_list")).status_code == 403
    assert login_as("account_manager_a").get(created["Location"]).status_code == 200
    browser.post(reverse("web:webhook_delete", kwargs={"endpoint_id": endpoint.pk}))
    assert not WebhookEndpoint.objects.exists()


def test_menu_links_follow_the_roles(login_as: LoginAs) -> None:
    recruiter = login_as("recruiter_a").get(reverse("web:home")).content.decode()
    assert reverse("web:import_list") in recruiter
    assert reverse("web:webhook_list") not in recruiter
    hr_admin = login_as("hr_admin_a").get(reverse("web:home")).content.decode()
    assert reverse("web:webhook_list") in hr_admin
    assert reverse("web:import_list") not in hr_admin
