"""`handoff match`: a folder of resumes ranked against a job, as text and JSON, blind or not."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

SHARED = Path(__file__).resolve().parents[4] / "shared" / "data"
ONET = SHARED / "onet_29_2"
SAMPLES = SHARED / "resume_parser_samples" / "soupboss"
JOB_SCHEMA_SAMPLE = SHARED / "jsonresume" / "sample.job.json"

RESUMES = {
    "alice_nowak.txt": """Alice Nowak
Senior Web Developer
alice@example.com | +1 415 555 0100

Summary
Web developer with 7 years building React and Node.js applications.

Experience
Senior Web Developer, Acme Corp | Jan 2019 - Present
- Built React front ends and Node.js APIs backed by MongoDB and SQL
Web Developer, Beta LLC | Jun 2016 - Dec 2018
- JavaScript, HTML, CSS for e-commerce sites

Skills
JavaScript, React, Node.js, HTML, CSS, SQL, MongoDB
""",
    "bob_smith.txt": """Bob Smith
Accountant
bob@example.com

Summary
Accountant with 10 years of general ledger and payroll experience.

Experience
Staff Accountant, Ledger Inc | Mar 2014 - Present
- Month-end close, reconciliations, payroll in QuickBooks and Excel

Skills
Excel, QuickBooks, Payroll, General Ledger
""",
    "carol_diaz.txt": """Carol Diaz
Frontend Developer

Summary
Frontend developer building websites with HTML, CSS and JavaScript.

Experience
Frontend Developer, Startup Co | Jan 2022 - Present
- HTML, CSS, JavaScript and Vue.js pages

Skills
JavaScript, HTML, CSS, Vue.js
""",
}

JOB = {
    "title": "Web Developer",
    "description": "Build and maintain web applications.",
    "qualifications": ["3+ years of experience in web development"],
    "skills": [{"name": "Web Development", "keywords": ["JavaScript", "React", "Node.js", "HTML", "CSS"]}],
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    resumes = tmp_path / "resumes"
    resumes.mkdir()
    for name, text in RESUMES.items():
        (resumes / name).write_text(text)
    (resumes / "notes.md").write_text("not a resume: ignored")
    (resumes / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    return resumes


@pytest.fixture
def job_file(tmp_path: Path) -> Path:
    path = tmp_path / "job.json"
    path.write_text(json.dumps(JOB))
    return path


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("match", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_ranks_the_folder_with_explanations_as_json_without_a_taxonomy(folder: Path, job_file: Path) -> None:
    out, err = run("--job", str(job_file), "--resumes", str(folder), "--json")
    data = json.loads(out)
    assert "raw skill phrases" in err
    assert [item["resume"] for item in data["results"]] == ["alice_nowak.txt", "carol_diaz.txt", "bob_smith.txt"]
    assert data["job"]["required_skills"] == ["javascript", "react", "node.js", "html", "css"]
    assert data["job"]["min_years"] == 3
    best = data["results"][0]
    assert best["candidate"]["name"] == "Alice Nowak"
    assert best["explanation"]["matched_required"] == ["javascript", "react", "node.js", "html", "css"]
    carol = data["results"][1]["explanation"]
    assert carol["missing_required"] == ["react", "node.js"]
    assert set(carol["factors"]) == {"lexical", "required_skills", "experience"}
    assert sum(f["contribution"] for f in carol["factors"].values()) == pytest.approx(
        data["results"][1]["score"], abs=1e-3
    )
    assert list(data["failures"]) == ["broken.pdf"]


@pytest.mark.django_db
def test_blind_mode_hides_names_contacts_and_file_names(folder: Path, job_file: Path) -> None:
    seen, _ = run("--job", str(job_file), "--resumes", str(folder), "--json")
    blind, _ = run("--job", str(job_file), "--resumes", str(folder), "--json", "--blind")
    for hidden in ("Alice", "Nowak", "alice@example.com", "415 555", "alice_nowak", "Smith", "bob_smith"):
        assert hidden not in blind
    scores = [item["score"] for item in json.loads(seen)["results"]]
    assert [item["score"] for item in json.loads(blind)["results"]] == scores
    assert all(item["resume"].startswith("ref-") for item in json.loads(blind)["results"])


@pytest.mark.django_db
def test_text_output_and_a_plain_text_job(folder: Path, tmp_path: Path) -> None:
    job = tmp_path / "job.txt"
    job.write_text("Staff Accountant\nRequired: payroll, general ledger and Excel. 5+ years of accounting experience.")
    out, _ = run("--job", str(job), "--resumes", str(folder), "--top", "2", "--weights", "lexical=0.5")
    lines = out.splitlines()
    ranked = [line for line in lines if line.lstrip()[:2].rstrip(".").isdigit()]
    assert len(ranked) == 2
    assert "bob_smith.txt" in ranked[0]
    assert "Required skills: general ledger, payroll, excel" in out  # longest phrases are found first
    assert "held general ledger, payroll, excel" in out
    assert "Not ranked: broken.pdf" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--job", "missing.json"], "cannot read the job file"),
        (["--weights", "lexical=high"], "not name=number"),
        (["--weights", "speed=1"], "unknown weight"),
        (["--top", "0"], "at least 1"),
    ],
)
def test_bad_arguments_are_refused_with_a_reason(folder: Path, job_file: Path, args: list[str], message: str) -> None:
    given = {"--job": str(job_file), "--resumes": str(folder)}
    for flag, value in zip(args[::2], args[1::2], strict=True):
        given[flag] = str(folder.parent / value) if flag == "--job" else value
    with pytest.raises(CommandError, match=message):
        run(*[part for pair in given.items() for part in pair])


def test_bad_job_files_and_an_empty_folder_are_refused(tmp_path: Path, folder: Path, job_file: Path) -> None:
    not_json = tmp_path / "bad.json"
    not_json.write_text("{nope")
    with pytest.raises(CommandError, match="not valid JSON"):
        run("--job", str(not_json), "--resumes", str(folder))
    not_object = tmp_path / "list.json"
    not_object.write_text("[1, 2]")
    with pytest.raises(CommandError, match="JSON object"):
        run("--job", str(not_object), "--resumes", str(folder))
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(CommandError, match="no resumes"):
        run("--job", str(job_file), "--resumes", str(empty))
    with pytest.raises(CommandError, match="not a folder"):
        run("--job", str(job_file), "--resumes", str(tmp_path / "nowhere"))


@pytest.mark.skipif(not ONET.is_dir(), reason="../shared/data is absent")
def test_with_onet_taxonomy_skills_titles_and_related_skills(folder: Path) -> None:
    out, _ = run("--job", str(JOB_SCHEMA_SAMPLE), "--resumes", str(folder), "--taxonomy", str(ONET), "--json")
    data = json.loads(out)
    assert data["job"]["occupations"] == ["Web Developers (15-1254.00)"]
    assert "React" in data["job"]["required_skills"]
    assert data["results"][0]["resume"] == "alice_nowak.txt"
    alice = data["results"][0]["explanation"]
    assert alice["title"]["via"] == "Web Developers (15-1254.00)"
    assert [m["skill"] for m in alice["related_required"]] == ["NoSQL"]


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/data is absent")
@pytest.mark.django_db
def test_real_resume_samples_desktop_support_ranks_above_other_roles(tmp_path: Path) -> None:
    job = tmp_path / "desktop.txt"
    job.write_text(
        "Desktop Support Technician\n"
        "Resolve help desk tickets. Requirements: troubleshooting Windows desktops and laptops, "
        "Active Directory accounts, printers and network connectivity; 2+ years of desktop support experience."
    )
    out, _ = run("--job", str(job), "--resumes", str(SAMPLES), "--json", "--top", "50")
    data = json.loads(out)
    ranked = [item["resume"] for item in data["results"]]
    assert len(ranked) + len(data["failures"]) == len(
        [p for p in SAMPLES.iterdir() if p.suffix in {".pdf", ".docx", ".txt"}]
    )
    desktop = [ranked.index(name) for name in ranked if "Desktop Support" in name]
    others = [ranked.index(name) for name in ranked if "Accountant" in name or "Office Coordinator" in name]
    assert len(desktop) == 4
    assert max(desktop) < min(others)
