from __future__ import annotations

from datetime import date

import pytest

from handoff.engines.resumes import parse_profile
from handoff.engines.resumes.contacts import find_phone
from handoff.engines.resumes.extract import html_to_text
from handoff.engines.resumes.profile import split_header
from tests.engines.resumes.builders import RESUME_LINES

TODAY = date(2025, 6, 1)


@pytest.fixture
def profile() -> dict[str, object]:
    return parse_profile("\n".join(RESUME_LINES), region="VN", today=TODAY)


def test_basics(profile: dict) -> None:
    basics = profile["basics"]
    assert basics["name"] == "Jane Q. Example"
    assert basics["email"] == "jane.example@example.org"
    assert basics["phone"] == "+84912345678"
    assert basics["location"] == {"city": "Hanoi", "region": "VN"}
    assert basics["profiles"] == [
        {"network": "LinkedIn", "username": "jane-example", "url": "https://linkedin.com/in/jane-example"}
    ]


def test_work(profile: dict) -> None:
    assert profile["work"] == [
        {"startDate": "2019-01", "name": "Acme Logistics", "position": "Senior Recruiter"},
        {"startDate": "2016-03", "endDate": "2019-06", "name": "Beta Staffing", "position": "Recruiter"},
    ]
    # 2016-03 .. 2025-06 inclusive, overlap in 2019 counted once
    assert profile["meta"]["handoff"]["yearsOfExperience"] == round(112 / 12, 1)


def test_education_skills_languages(profile: dict) -> None:
    assert profile["education"] == [
        {
            "institution": "Hanoi University",
            "studyType": "Bachelor of Arts",
            "area": "Psychology",
            "startDate": "2012",
            "endDate": "2016",
        }
    ]
    assert [s["name"] for s in profile["skills"]] == [
        "Sourcing",
        "Boolean search",
        "Interviewing",
        "ATS administration",
    ]
    assert profile["languages"] == [
        {"language": "Vietnamese", "fluency": "native"},
        {"language": "English", "fluency": "fluent"},
    ]


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        ("Tel: (206) 555-0149", "US", "+12065550149"),
        ("Phone 020 7946 0958", "GB", "+442079460958"),
        ("ĐT: 0912 345 678", "VN", "+84912345678"),
        ("+84 912 345 678", "US", "+84912345678"),
        ("Tel: 123-456-7890", "US", None),
        ("no number here", "US", None),
    ],
)
def test_phone_e164_with_default_region(text: str, region: str, expected: str | None) -> None:
    assert find_phone(text, region) == expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Gilmore Financial, New Orleans, LA, CPA Accountant", ("Gilmore Financial", "CPA Accountant")),
        ("Meyer Tech Inc. | Spokane, WA, Desktop Support Manager", ("Meyer Tech Inc.", "Desktop Support Manager")),
        ("Software Engineer at Google", ("Google", "Software Engineer")),
        ("Data Analyst – Contoso", ("Contoso", "Data Analyst")),
        ("Spanish teacher", ("", "Spanish teacher")),
    ],
)  # fmt: skip
def test_split_header(header: str, expected: tuple[str, str]) -> None:
    assert split_header(header) == expected


def test_inline_skills_heading_and_no_sections() -> None:
    profile = parse_profile("John Smith\nSkills: Python, SQL, Docker\n", today=TODAY)
    assert [s["name"] for s in profile["skills"]] == ["Python", "SQL", "Docker"]
    empty = parse_profile("just some words without structure", today=TODAY)
    assert empty["work"] == []
    assert empty["meta"]["handoff"]["yearsOfExperience"] == 0.0


def test_html_to_text_skips_scripts_and_breaks_blocks() -> None:
    html = "<html><head><title>x</title><script>alert(1)</script></head>"
    html += "<body><h1>Jane Doe</h1><p>a&amp;b</p></body></html>"
    lines = [line for line in html_to_text(html).splitlines() if line.strip()]
    assert lines == ["Jane Doe", "a&b"]
