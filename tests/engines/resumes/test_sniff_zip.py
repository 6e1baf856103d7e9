from __future__ import annotations

import zipfile

import pytest

from handoff.engines.resumes import FileKind, check_docx_zip, precheck, sniff
from handoff.engines.resumes.runner import Limits
from tests.engines.resumes.builders import RESUME_LINES, minimal_docx, minimal_pdf, zip_with


def test_pdf_detected_by_content_even_when_named_docx(tmp_path) -> None:
    path = tmp_path / "resume.docx"
    path.write_bytes(minimal_pdf(RESUME_LINES))
    assert sniff(path.read_bytes()).kind is FileKind.PDF


def test_docx_detected_by_its_directory() -> None:
    assert sniff(minimal_docx(["Hello world"])).kind is FileKind.DOCX


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"MZ\x90\x00" + b"\x00" * 200, "Windows executable"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 100, "ELF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "legacy Office"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "PNG"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_disallowed_content_is_refused_with_reason(data: bytes, needle: str) -> None:
    result = sniff(data)
    assert result.kind is None
    assert result.reason is not None
    assert needle in result.reason


def test_zip_that_is_not_docx_is_refused() -> None:
    import io

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "hi")
    assert "not a DOCX" in (sniff(out.getvalue()).reason or "")


def test_html_and_text_detected() -> None:
    assert sniff(b"<!DOCTYPE html><html><body><p>Jane</p></body></html>").kind is FileKind.HTML
    assert sniff("Jane Doe\nKỹ sư phần mềm\n".encode()).kind is FileKind.TXT
    assert sniff("Jos\xe9 Garc\xeda, r\xe9sum\xe9".encode("cp1252")).kind is FileKind.TXT
    assert sniff("Jane Doe résumé".encode("utf-16")).kind is FileKind.TXT


def test_size_limit_is_enforced_before_sniffing() -> None:
    big = b"%PDF-1.4\n" + b" " * (10 * 1024 * 1024)
    result = sniff(big)
    assert result.kind is None
    assert "10 MB" in (result.reason or "")
    assert sniff(b"%PDF-1.4\n" + b" " * (10 * 1024 * 1024 - 20)).kind is FileKind.PDF
    assert precheck(b"hello world, this is text", Limits(max_bytes=10))[1] is not None


def test_empty_file_refused() -> None:
    assert sniff(b"  \n").reason == "file is empty"


def test_real_docx_passes_zip_checks() -> None:
    assert check_docx_zip(minimal_docx(["Jane Doe"])) is None


def test_zip_bomb_ratio_refused() -> None:
    bomb = zip_with({"word/media/huge.bin": b"\x00" * (20 * 1024 * 1024)})
    assert len(bomb) < 100_000
    reason = check_docx_zip(bomb)
    assert reason is not None
    assert "compression ratio" in reason
    assert precheck(bomb)[1] == reason


def test_declared_size_over_50_mb_refused() -> None:
    random_ish = bytes((i * 7919) % 251 for i in range(1024 * 1024))
    archive = zip_with({f"word/media/{i}.bin": random_ish for i in range(51)}, compression=zipfile.ZIP_STORED)
    reason = check_docx_zip(archive)
    assert reason is not None
    assert "declared uncompressed size" in reason


def test_too_many_entries_refused() -> None:
    archive = zip_with({f"word/part{i}.xml": b"<x/>" for i in range(500)})
    reason = check_docx_zip(archive)
    assert reason is not None
    assert "501 entries" in reason
    assert check_docx_zip(zip_with({f"word/part{i}.xml": b"<x/>" for i in range(499)})) is None


@pytest.mark.parametrize("name", ["../evil.xml", "word/../../evil.xml", "/etc/passwd", "C:/evil.xml", "a\\..\\b"])
def test_unsafe_paths_refused(name: str) -> None:
    reason = check_docx_zip(zip_with({name: b"<x/>"}))
    assert reason is not None
    assert "unsafe path" in reason


def test_corrupt_docx_refused() -> None:
    data = minimal_docx(["Jane"])
    truncated = data[: len(data) // 2]
    assert sniff(truncated).kind is None
