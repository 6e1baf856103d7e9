"""Parse an uploaded resume safely: sniff, check, then parse in a limited subprocess.

``parse_resume(data)`` never raises for bad input; it returns a
``ParseResult``. ``ok`` is ``False`` with a ``reason`` for refused types,
oversized files, unsafe DOCX archives, password-protected or image-only PDFs,
corrupt files, and parses that ran past the time limit (the child is killed)
or the memory limit (``RLIMIT_AS`` in the child). The caller keeps such files
for a person to read.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from handoff.engines.resumes.sniff import MAX_UPLOAD_BYTES, FileKind, sniff
from handoff.engines.resumes.zipcheck import check_docx_zip

WORKER_MODULE = "handoff.engines.resumes.worker"
_PROJECT_ROOT = Path(__file__).resolve().parents[3]


@dataclass(frozen=True, slots=True)
class Limits:
    """Resource limits for one parse."""

    seconds: float = 20.0
    memory_mb: int = 1024
    max_bytes: int = MAX_UPLOAD_BYTES


@dataclass(frozen=True, slots=True)
class ParseResult:
    """``profile`` (JSON Resume dict) when ``ok``; otherwise ``reason`` says why not."""

    ok: bool
    profile: dict[str, Any] | None = None
    reason: str | None = None
    kind: FileKind | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def years_of_experience(self) -> float | None:
        if self.profile is None:
            return None
        return float(self.profile["meta"]["handoff"]["yearsOfExperience"])


def failed(reason: str, kind: FileKind | None = None) -> ParseResult:
    return ParseResult(ok=False, reason=reason, kind=kind)


def precheck(data: bytes, limits: Limits = Limits()) -> tuple[FileKind | None, str | None]:
    """The file's kind, or the reason it is refused before any parsing."""
    sniffed = sniff(data, limits.max_bytes)
    if sniffed.kind is None:
        return None, sniffed.reason
    if sniffed.kind is FileKind.DOCX:
        reason = check_docx_zip(data)
        if reason:
            return None, reason
    return sniffed.kind, None


def parse_resume(
    data: bytes,
    *,
    region: str = "US",
    today: date | None = None,
    limits: Limits = Limits(),
    worker_module: str = WORKER_MODULE,
) -> ParseResult:
    """Sniff and check ``data``, then parse it in a worker under ``limits``."""
    kind, reason = precheck(data, limits)
    if kind is None:
        return failed(reason or "file refused")
    args = [kind.value, region, str(limits.memory_mb), str(int(limits.seconds) + 1)]
    if today:
        args.append(today.isoformat())
    return _run_worker(worker_module, args, data, limits, kind)


def _run_worker(module: str, args: list[str], data: bytes, limits: Limits, kind: FileKind) -> ParseResult:
    command = [sys.executable, "-I", "-c", _BOOTSTRAP, str(_PROJECT_ROOT), module, *args]
    process = subprocess.Popen(  # noqa: S603 - fixed interpreter and module, no shell
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        env={"PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8"},
    )
    try:
        stdout, stderr = process.communicate(data, timeout=limits.seconds)
    except subprocess.TimeoutExpired:
        _kill(process)
        return failed(f"parsing exceeded the time limit of {limits.seconds:g} s", kind)
    return _read_result(process.returncode, stdout, stderr, limits, kind)


# -I ignores PYTHON* variables and the user site; the project root is put on sys.path explicitly.
_BOOTSTRAP = "import runpy, sys; sys.path.insert(0, sys.argv[1]); m = sys.argv[2]; sys.argv = [m] + sys.argv[3:]; runpy.run_module(m, run_name='__main__')"  # noqa: E501


def _kill(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()


def _read_result(returncode: int, stdout: bytes, stderr: bytes, limits: Limits, kind: FileKind) -> ParseResult:
    if returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        return failed(f"parsing exceeded the time limit of {limits.seconds:g} s", kind)
    try:
        payload = json.loads(stdout)
    except ValueError:
        if b"MemoryError" in stderr:
            return failed(f"parsing exceeded the memory limit of {limits.memory_mb} MB", kind)
        return failed(f"the parser stopped unexpectedly (exit status {returncode})", kind)
    if not payload.get("ok"):
        return failed(str(payload.get("reason") or "could not parse the file"), kind)
    return ParseResult(ok=True, profile=payload["profile"], kind=kind)
