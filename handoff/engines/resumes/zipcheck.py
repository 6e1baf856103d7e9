"""DOCX safety: the ZIP central directory is checked before any extraction.

Only the directory is read (``zipfile.ZipFile.infolist``), nothing is
decompressed. A DOCX is refused when it has more than ``MAX_ENTRIES`` entries,
declares more than ``MAX_TOTAL_UNCOMPRESSED`` bytes in total, has a compression
ratio above ``MAX_RATIO`` (the whole archive, or any entry of 1 MiB or more),
holds an absolute path or a ``..`` component, or has encrypted entries.
Declared sizes can lie; the worker's memory limit is the backstop for that.
"""

from __future__ import annotations

import io
import re
import zipfile

MAX_ENTRIES = 500
MAX_TOTAL_UNCOMPRESSED = 50 * 1024 * 1024
MAX_RATIO = 100.0
_RATIO_ENTRY_FLOOR = 1024 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")


def check_docx_zip(data: bytes) -> str | None:
    """Return the reason the archive is unsafe, or ``None`` when it may be opened."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        return f"corrupt DOCX: {exc}"
    return _check_entries(entries)


def _check_entries(entries: list[zipfile.ZipInfo]) -> str | None:
    if len(entries) > MAX_ENTRIES:
        return f"DOCX rejected: {len(entries)} entries exceed the limit of {MAX_ENTRIES}"
    for entry in entries:
        reason = _check_entry(entry)
        if reason:
            return reason
    total = sum(entry.file_size for entry in entries)
    if total > MAX_TOTAL_UNCOMPRESSED:
        return f"DOCX rejected: declared uncompressed size {total} bytes exceeds {MAX_TOTAL_UNCOMPRESSED} bytes"
    compressed = max(1, sum(entry.compress_size for entry in entries))
    if total / compressed > MAX_RATIO:
        return f"DOCX rejected: compression ratio {total / compressed:.0f}:1 exceeds {MAX_RATIO:.0f}:1"
    return None


def _check_entry(entry: zipfile.ZipInfo) -> str | None:
    name = entry.filename
    if _is_unsafe_path(name):
        return f"DOCX rejected: unsafe path in archive: {name!r}"
    if entry.flag_bits & 0x1:
        return f"DOCX rejected: encrypted entry {name!r}"
    ratio = entry.file_size / max(1, entry.compress_size)
    if entry.file_size >= _RATIO_ENTRY_FLOOR and ratio > MAX_RATIO:
        return f"DOCX rejected: entry {name!r} has compression ratio {ratio:.0f}:1 (limit {MAX_RATIO:.0f}:1)"
    return None


def _is_unsafe_path(name: str) -> bool:
    if name.startswith(("/", "\\")) or _DRIVE.match(name):
        return True
    return ".." in re.split(r"[/\\]", name)
