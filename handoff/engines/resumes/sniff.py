"""Content sniffing for uploaded resumes: the type comes from the bytes, never from the file name.

Rules:

- Allowed kinds: PDF (``%PDF-`` in the first 1 KiB), DOCX (a ZIP whose directory
  lists ``word/document.xml``), HTML (text whose start is an HTML document) and
  plain text (no NUL bytes, decodes as UTF-8/UTF-16 with BOM, or as cp1252).
- Everything else is refused with a reason naming what was seen (an EXE, ELF,
  legacy .doc, image, other ZIP, binary data).
- Files larger than ``MAX_UPLOAD_BYTES`` (10 MB) and empty files are refused
  before any look at the content.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from enum import StrEnum

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
_HEAD = 1024
_TEXT_PROBE = 8192

_REFUSED_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"MZ", "a Windows executable"),
    (b"\x7fELF", "an ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Office file (.doc); save it as DOCX or PDF"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
)
_HTML_STARTS = ("<!doctype html", "<html", "<head", "<body", "<?xml")


class FileKind(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    HTML = "html"
    TXT = "txt"


@dataclass(frozen=True, slots=True)
class Sniffed:
    """The detected kind, or the reason the file is refused."""

    kind: FileKind | None
    reason: str | None = None


def sniff(data: bytes, max_bytes: int = MAX_UPLOAD_BYTES) -> Sniffed:
    """Detect the kind of ``data`` from its content; refuse oversized or disallowed files."""
    if len(data) > max_bytes:
        return Sniffed(None, f"file is larger than the {max_bytes // (1024 * 1024)} MB limit ({len(data)} bytes)")
    if not data.strip():
        return Sniffed(None, "file is empty")
    if b"%PDF-" in data[:_HEAD]:
        return Sniffed(FileKind.PDF)
    if data.startswith(b"PK\x03\x04"):
        return _sniff_zip(data)
    for signature, label in _REFUSED_SIGNATURES:
        if data.startswith(signature):
            return Sniffed(None, f"file type not allowed: the content is {label}")
    return _sniff_text(data)


def _sniff_zip(data: bytes) -> Sniffed:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        return Sniffed(None, f"corrupt ZIP/DOCX file: {exc}")
    if "word/document.xml" in names:
        return Sniffed(FileKind.DOCX)
    return Sniffed(None, "file type not allowed: a ZIP archive that is not a DOCX document")


def _sniff_text(data: bytes) -> Sniffed:
    probe = data[:_TEXT_PROBE]
    if probe.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = decode_text(data)
    elif b"\x00" in probe:
        return Sniffed(None, "file type not allowed: binary content that is not PDF, DOCX, HTML or text")
    else:
        text = decode_text(probe)
    if _control_share(text) > 0.05:
        return Sniffed(None, "file type not allowed: binary content that is not PDF, DOCX, HTML or text")
    head = text.lstrip("\ufeff \t\r\n").lower()
    if head.startswith(_HTML_STARTS) and "<html" in text[:_TEXT_PROBE].lower():
        return Sniffed(FileKind.HTML)
    return Sniffed(FileKind.TXT)


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n\f")
    return controls / len(text)


def decode_text(data: bytes) -> str:
    """Decode bytes as UTF-8 (with or without BOM) or UTF-16 with BOM, else cp1252, else Latin-1."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")
