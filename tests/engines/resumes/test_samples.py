"""Real resume files from ../shared/data/resume_parser_samples (see its SOURCE.txt; local tests only).

PDF/DOCX pairs: name, email and phone must be equal, and so must the sets of
employers and skills — no tolerance, on all six pairs.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from handoff.engines.resumes import ParseResult, parse_resume

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
SAMPLES = DATA / "resume_parser_samples"
PAIRS = [f"{n}-{role}" for n in ("01", "02") for role in ("Accountant", "Desktop Support", "Office Coordinator")]
pytestmark = pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/data is absent")
TODAY = date(2025, 6, 1)


def _parse(path: Path) -> ParseResult:
    return parse_resume(path.read_bytes(), today=TODAY)


def _fields(result: ParseResult) -> tuple[str | None, str | None, str | None, frozenset[str], frozenset[str]]:
    assert result.ok, result.reason
    profile = result.profile
    assert profile is not None
    basics = profile["basics"]
    employers = frozenset(item.get("name") for item in profile["work"])
    skills = frozenset(skill["name"] for skill in profile["skills"])
    return basics.get("name"), basics.get("email"), basics.get("phone"), employers, skills


@pytest.mark.parametrize("stem", PAIRS)
def test_pdf_and_docx_pairs_give_same_profile(stem: str) -> None:
    from_pdf = _fields(_parse(SAMPLES / "soupboss" / f"{stem}.pdf"))
    from_docx = _fields(_parse(SAMPLES / "soupboss" / f"{stem}.docx"))
    assert from_pdf == from_docx
    name, email, phone, employers, skills = from_pdf
    assert name
    assert email
    assert phone
    assert phone.startswith("+1")
    assert len(employers) >= 2
    assert None not in employers
    assert skills


def test_known_pair_values() -> None:
    result = _parse(SAMPLES / "soupboss" / "01-Accountant.docx")
    assert result.profile is not None
    assert result.profile["basics"]["phone"] == "+12065550149"
    assert [(w["name"], w["position"], w["startDate"], w.get("endDate")) for w in result.profile["work"]] == [
        ("Gilmore Financial", "Certified Public Accountant", "2021-10", None),
        ("Harrison Money Management", "Accountant", "2020-08", "2021-10"),
        ("Harrison Money Management", "Junior Accountant", "2019-05", "2020-08"),
    ]
    assert result.years_of_experience == round(74 / 12, 1)  # 2019-05 .. 2025-06


def _sample_files() -> list[Path]:
    if not SAMPLES.is_dir():
        return []
    return sorted(
        p for p in SAMPLES.rglob("*") if p.suffix.lower() in {".pdf", ".docx", ".txt"} and p.name != "SOURCE.txt"
    )


def test_every_sample_parses_without_crashing() -> None:
    files = _sample_files()
    assert len(files) >= 20
    results = {path.name: _parse(path) for path in files}
    failures = {name: r.reason for name, r in results.items() if not r.ok}
    assert failures == {}
    with_email = [name for name, r in results.items() if r.profile and r.profile["basics"].get("email")]
    assert len(with_email) >= 17
