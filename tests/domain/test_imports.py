"""Candidate import: formats, mapping, the report of accepted/rejected/flagged rows, dedupe, JSON Resume."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django_tasks_db.models import DBTaskResult
from openpyxl import Workbook  # type: ignore[import-untyped]

from handoff.domain.imports import actions, exporting, jsonresume, reading, selectors
from handoff.domain.imports.models import ImportJob, JobStatus, RowOutcome
from handoff.domain.imports.tasks import run_import_job
from handoff.domain.recruiting import actions as recruiting_actions
from handoff.domain.recruiting.models import Candidate, CandidateEvent
from handoff.domain.taxonomy.models import Skill
from tests.personas import World
from tests.recruiting import candidate_data

SCHEMA = jsonresume.DEFAULT_SCHEMA
needs_schema = pytest.mark.skipif(not SCHEMA.is_file(), reason="../shared/data/jsonresume/schema.json is absent")

CSV = (
    "Name,E-mail,Phone,LinkedIn,City,Country,Skills,Years of experience\n"
    "Bea Costa,bea@mail.test,+351 912 345 678,linkedin.com/in/bea,Lisbon,Portugal,Python; Cobol-ish,7\n"
    "Carl Dunn,not-an-email,,,Leeds,GB,,3\n"
    'Dana "Broken,dana@mail.test\n'
    "Eve Ford,ANA.LIMA@mail.test,,,Boston,US,,\n"
    "Finn Gray,finn@mail.test,,,Oslo,NO,,many\n"
    "Gus Hart,gus@mail.test,,,Rome,IT,,2\n"
    "Gus Hart again,GUS@mail.test,,,Rome,IT,,2\n"
)


def run(job: ImportJob) -> ImportJob:
    actions.run_import(job)
    job.refresh_from_db()
    return job


def reasons_by_row(job: ImportJob) -> dict[int, list[str]]:
    return {issue.row_number: issue.reasons for issue in job.issues.all()}


@pytest.fixture
def recruiter(world: World):
    Skill.objects.create(skill_id="onet:python", name="Python", source="onet")
    return world.users["recruiter_a"]


def test_csv_mapping_is_guessed_and_the_report_names_each_rejected_row(world: World, recruiter) -> None:
    job = actions.start_import(recruiter, "people.csv", CSV.encode())
    assert job.status == JobStatus.MAPPING
    assert job.total_rows == 7
    assert job.mapping["Name"] == "full_name"
    assert job.mapping["LinkedIn"] == "profile_url"
    actions.confirm_mapping(recruiter, job, job.mapping, background=False)
    job = run(job)
    assert job.status == JobStatus.DONE
    assert (job.processed_rows, job.accepted_rows, job.rejected_rows, job.flagged_rows) == (7, 2, 5, 1)
    report = reasons_by_row(job)
    assert "Unknown skills kept as typed: Cobol-ish." in report[1]
    assert any("not an e-mail address" in reason for reason in report[2])
    assert any("malformed row" in reason for reason in report[3])
    assert any(f"#{world.recruiting.candidate.pk}" in reason for reason in report[4]), "a pool duplicate"
    assert any("not a number" in reason for reason in report[5])
    assert any("row 6 of this file" in reason for reason in report[7]), "a duplicate within the file"
    bea = Candidate.objects.get(email="bea@mail.test")
    assert bea.country == "PT"
    assert bea.phone_e164 == "+351912345678"
    assert bea.skills == [{"name": "Python", "skill_id": "onet:python"}, {"name": "Cobol-ish", "skill_id": None}]
    assert bea.profile_url == "https://linkedin.com/in/bea"
    assert CandidateEvent.objects.filter(candidate=bea, detail={"import": job.pk}).exists()


def test_user_mapping_replaces_the_guess(world: World, recruiter) -> None:
    data = b"Who,Contact,Where\nIda Jones,ida@mail.test,Paris\n"
    job = actions.start_import(recruiter, "x.csv", data)
    assert job.mapping == {}
    with pytest.raises(ValidationError, match="full name"):
        actions.confirm_mapping(recruiter, job, {"Contact": "email"})
    actions.confirm_mapping(recruiter, job, {"Who": "full_name", "Contact": "email", "Where": "city"}, background=False)
    job = run(job)
    assert job.accepted_rows == 1
    assert Candidate.objects.get(email="ida@mail.test").city == "Paris"


def test_semicolon_csv_and_xlsx(world: World, recruiter) -> None:
    job = actions.start_import(
        recruiter,
        "x.csv",
        b"Full name;Email\nJo Kim;jo@mail.test\n",
        {"Full name": "full_name", "Email": "email"},
        background=False,
    )
    assert run(job).accepted_rows == 1
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Full name", "Email", "Notice period"])
    sheet.append(["Lu Mo", "lu@mail.test", 30])
    sheet.append([None, None, None])
    sheet.append(["No Contact", None, 10])
    buffer = io.BytesIO()
    workbook.save(buffer)
    job = actions.start_import(recruiter, "people.xlsx", buffer.getvalue())
    assert job.total_rows == 2, "blank rows are skipped"
    actions.confirm_mapping(recruiter, job, job.mapping, background=False)
    job = run(job)
    assert (job.accepted_rows, job.rejected_rows) == (1, 1)
    assert Candidate.objects.get(email="lu@mail.test").notice_period_days == 30
    [issue] = job.issues.all()
    assert issue.outcome == RowOutcome.REJECTED
    assert "reach the candidate" in " ".join(issue.reasons)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("cv.pdf", b"%PDF-1.4", "Choose a .csv, .xlsx or .json"),
        ("x.xlsx", b"Name,Email\n", "not an Excel workbook"),
        ("x.csv", b"PK\x03\x04\x00\x00binary", "binary"),
        ("x.csv", b"", "empty"),
        ("x.csv", b"Name,Email\n", "no candidates"),
        ("x.json", b"{not json", "not valid JSON"),
        ("x.csv", b"Name,Name\na,b\n", "same name"),
    ],
)
def test_bad_files_are_refused_with_a_message(world: World, name: str, data: bytes, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        actions.start_import(world.users["recruiter_a"], name, data)
    assert not ImportJob.objects.exists()


def test_oversized_file_is_refused(world: World, settings) -> None:
    settings.IMPORT_MAX_BYTES = 100
    with pytest.raises(ValidationError, match="at most"):
        actions.start_import(world.users["recruiter_a"], "x.csv", b"Name,Email\n" + b"a,b@c.test\n" * 20)


def test_only_pool_workers_import_and_see_jobs(world: World) -> None:
    for name in ("hr_admin_a", "hiring_manager_a", "bpo_agent_a"):
        with pytest.raises(PermissionDenied):
            actions.start_import(world.users[name], "x.csv", b"Name,Email\na,b@c.test\n")
    job = actions.start_import(world.users["recruiter_a"], "x.csv", b"Name,Email\na,b@c.test\n")
    assert list(selectors.jobs(world.users["account_manager_a"])) == [job]
    assert list(selectors.jobs(world.users["hr_admin_a"])) == []


@pytest.mark.django_db(transaction=True)
def test_confirmed_import_is_queued_after_commit_and_run_by_the_task(world: World) -> None:
    recruiter = world.users["recruiter_a"]
    with transaction.atomic():
        job = actions.start_import(
            recruiter, "x.csv", b"Name,Email\nMo Ng,mo@mail.test\n", {"Name": "full_name", "Email": "email"}
        )
        assert not DBTaskResult.objects.filter(task_path__endswith="run_import_job").exists()
    [queued] = DBTaskResult.objects.filter(task_path__endswith="run_import_job")
    assert queued.args_kwargs["args"] == [job.pk]
    assert run_import_job.call(job.pk) == {"accepted": 1, "rejected": 0, "flagged": 0}
    assert run_import_job.call(job.pk) == {}, "a job runs once"
    assert Candidate.objects.filter(email="mo@mail.test").count() == 1


# --- JSON Resume ------------------------------------------------------------------------------------------------


@needs_schema
def test_json_resume_sample_imports(world: World) -> None:
    data = (SCHEMA.parent / "sample.resume.json").read_bytes()
    job = run(actions.start_import(world.users["recruiter_a"], "richard.json", data, background=False))
    assert job.accepted_rows == 1, list(job.issues.values_list("reasons", flat=True))
    richard = Candidate.objects.get(email="richard.hendriks@mail.com")
    assert richard.full_name == "Richard Hendriks"
    assert richard.city == "San Francisco"
    assert richard.country == "US"
    assert richard.work_history[0]["name"] == "Pied Piper"


@needs_schema
def test_invalid_json_resume_is_rejected_and_the_rest_kept(world: World) -> None:
    documents = [{"basics": {"name": "Al Ok", "email": "al@mail.test"}}, {"basics": "not an object"}]
    job = run(
        actions.start_import(world.users["recruiter_a"], "x.json", json.dumps(documents).encode(), background=False)
    )
    assert (job.accepted_rows, job.rejected_rows) == (1, 1)
    assert "not a valid JSON Resume" in job.issues.get().reasons[0]


def _export(actor, candidate: Candidate) -> dict:
    [document] = json.loads(exporting.to_json_resumes(actor, [candidate]))
    return document  # type: ignore[no-any-return]


@needs_schema
def test_json_resume_round_trip_is_lossless(world: World) -> None:
    admin = world.users["provider_admin"]
    work = [{"name": "Hooli", "position": "Engineer", "startDate": "2019-03", "highlights": ["Shipped it"]}]
    education = [{"institution": "MIT", "area": "CS", "studyType": "BSc", "endDate": "2018"}]
    original = recruiting_actions.create_candidate(
        admin,
        candidate_data(
            email="rt@mail.test",
            phone="+44 20 7946 0958",
            profile_url="https://example.test/rt",
            country="GB",
            city="London",
            work_history=work,
            education=education,
            years_experience=6,
            tags=["night shift"],
            source="referral",
        ),
    )
    first = _export(admin, original)
    assert jsonresume.schema_errors(first) == []
    Candidate.objects.filter(pk=original.pk).update(
        merged_into=world.recruiting.candidate, email_normalised="", phone_e164="", profile_url_normalised=""
    )
    job = run(actions.start_import(admin, "rt.json", json.dumps([first]).encode(), background=False))
    assert job.accepted_rows == 1, list(job.issues.values_list("reasons", flat=True))
    again = Candidate.objects.exclude(pk=original.pk).get(email="rt@mail.test")
    assert _export(admin, again) == first


def test_minimal_checks_without_the_schema_file(settings, tmp_path: Path) -> None:
    settings.JSON_RESUME_SCHEMA = str(tmp_path / "missing.json")
    assert jsonresume.schema_errors({"basics": {"name": "x"}}) == []
    assert jsonresume.schema_errors({"work": "x"}) == ["work: must be a list of objects."]


# --- export -----------------------------------------------------------------------------------------------------


def test_csv_export_imports_back_and_defuses_formulas(world: World) -> None:
    admin = world.users["provider_admin"]
    recruiting_actions.create_candidate(
        admin, candidate_data(email="f@mail.test", phone="", profile_url="", full_name="=HYPERLINK(1)")
    )
    data = exporting.to_csv(admin, Candidate.objects.order_by("pk"))
    text = data.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text
    assert "+1 415 555 0100" in text
    table = reading.read_csv(data)
    assert reading.guess_mapping(table.headers)["E-mail"] == "email"
    assert len(table.rows) == 2


def test_xlsx_export_reads_back(world: World) -> None:
    admin = world.users["provider_admin"]
    data = exporting.to_xlsx(admin, [world.recruiting.candidate])
    table = reading.read_xlsx(data)
    assert table.rows[0][table.headers.index("E-mail")] == "ana.lima@mail.test"
