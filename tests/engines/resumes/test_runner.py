from __future__ import annotations

import time
from datetime import date

from handoff.engines.resumes import FileKind, Limits, parse_resume
from tests.engines.resumes.builders import RESUME_LINES, minimal_docx, minimal_pdf, zip_with

HOSTILE = "tests.engines.resumes.hostile_worker"
TODAY = date(2025, 6, 1)


def test_pdf_parses_in_worker() -> None:
    result = parse_resume(minimal_pdf(RESUME_LINES), region="VN", today=TODAY)
    assert result.ok, result.reason
    assert result.kind is FileKind.PDF
    assert result.profile is not None
    assert result.profile["basics"]["email"] == "jane.example@example.org"
    assert result.profile["basics"]["phone"] == "+84912345678"
    assert result.years_of_experience == round(112 / 12, 1)


def test_docx_and_pdf_of_same_text_agree() -> None:
    from_pdf = parse_resume(minimal_pdf(RESUME_LINES), region="VN", today=TODAY).profile
    from_docx = parse_resume(minimal_docx(RESUME_LINES), region="VN", today=TODAY).profile
    assert from_pdf is not None
    assert from_docx is not None
    assert from_pdf == from_docx


def test_html_and_non_utf8_text_parse() -> None:
    html = "<html><body>" + "".join(f"<p>{line}</p>" for line in RESUME_LINES) + "</body></html>"
    result = parse_resume(html.encode(), region="VN", today=TODAY)
    assert result.ok
    assert result.kind is FileKind.HTML
    assert result.profile is not None
    assert result.profile["basics"]["name"] == "Jane Q. Example"
    latin = parse_resume("José García\nSkills\nCocina, Ventas\n".encode("cp1252"))
    assert latin.ok
    assert latin.profile is not None
    assert latin.profile["basics"]["name"] == "José García"


def test_exe_refused_without_worker() -> None:
    result = parse_resume(b"MZ\x90\x00" + b"\x00" * 4096)
    assert not result.ok
    assert result.profile is None
    assert "Windows executable" in (result.reason or "")


def test_zip_bomb_refused_before_worker() -> None:
    result = parse_resume(zip_with({"word/media/x.bin": b"\x00" * (20 * 1024 * 1024)}))
    assert not result.ok
    assert "compression ratio" in (result.reason or "")


def test_pdf_without_text_layer_gives_reason() -> None:
    result = parse_resume(minimal_pdf([]))
    assert not result.ok
    assert "no readable text" in (result.reason or "")


def test_corrupt_pdf_gives_reason_not_crash() -> None:
    data = minimal_pdf(RESUME_LINES)
    result = parse_resume(data[:200] + b"\x00garbage" * 50)
    assert not result.ok
    assert result.reason


def test_time_limit_kills_slow_parse() -> None:
    started = time.monotonic()
    result = parse_resume(b"sleep for a minute please", limits=Limits(seconds=1.5), worker_module=HOSTILE)
    assert time.monotonic() - started < 10
    assert not result.ok
    assert "time limit of 1.5 s" in (result.reason or "")


def test_memory_limit_stops_greedy_parse() -> None:
    result = parse_resume(b"allocate everything", limits=Limits(seconds=20, memory_mb=400), worker_module=HOSTILE)
    assert not result.ok
    assert "memory limit of 400 MB" in (result.reason or "")
