"""Tokenizer, redaction and JSON Resume job → requisition."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from handoff.engines.matching import requisition_from_job
from handoff.engines.matching.query import Requisition, years_asked
from handoff.engines.matching.text import redact, tokens

JOB_SAMPLE = Path(__file__).resolve().parents[4] / "shared" / "data" / "jsonresume" / "sample.job.json"


def test_tokens_keep_programming_names_and_drop_stop_words_and_personal_signals() -> None:
    text = "Résumé: C++ / C# and Node.js... .NET; she is married. Managed...teams, e.g. a.b."
    assert tokens(text) == ["resume", "c++", "c#", "node.js", "net", "managed", "teams", "e.g", "a.b"]


def test_redact_removes_contacts_age_lines_and_the_names_words() -> None:
    text = "Ana María Pérez\nana@example.com +48 601 234 567 https://ana.dev\nDate of birth: 1990-01-01\nMaría led SQL"
    cleaned = redact(text, ["Ana María Pérez"])
    assert tokens(cleaned) == ["led", "sql"]


@pytest.mark.parametrize(
    ("text", "years"),
    [("3+ years of experience", 3.0), ("2-4 years in sales; 5 years of SQL", 2.0), ("no number here", None)],
)
def test_years_asked(text: str, years: float | None) -> None:
    assert years_asked(text) == years


@pytest.mark.skipif(not JOB_SAMPLE.is_file(), reason="../shared/data is absent")
def test_the_json_resume_job_sample_becomes_a_requisition() -> None:
    job = json.loads(JOB_SAMPLE.read_text())
    requisition = requisition_from_job(job, required_skills=["js", "js", "css"], occupations=["15-1254.00"])
    assert requisition.required_skills == ("js", "css")
    assert requisition.min_years == 3
    assert requisition.salary_max == 100000
    assert (requisition.remote, requisition.country, requisition.city) == (False, "de", "berlin")
    assert "Optimize applications for maximum speed" in requisition.text
    assert "MongoDB" in requisition.text


def test_fully_remote_job_and_seniority_word() -> None:
    requisition = requisition_from_job({"title": "Support agent", "remote": "Full", "experience": "Senior"})
    assert (requisition.remote, requisition.country, requisition.min_years) == (True, None, 5.0)
    with pytest.raises(ValueError, match="JSON object"):
        requisition_from_job(["not", "a", "job"])  # type: ignore[arg-type]


def test_requisition_refuses_inverted_ranges() -> None:
    with pytest.raises(ValueError, match="min_years"):
        Requisition(min_years=5, max_years=2)
    with pytest.raises(ValueError, match="tz_window"):
        Requisition(remote=True, tz_window=(3, -3))
