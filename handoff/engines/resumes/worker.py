"""Worker process: ``python -m handoff.engines.resumes.worker KIND REGION MEMORY_MB [TODAY]``.

Reads the file's bytes from stdin, sets its own address-space and CPU limits
before any parsing library is imported, and writes one JSON object to stdout:
``{"ok": true, "profile": {...}}`` or ``{"ok": false, "reason": "..."}``.
A MemoryError is reported as a reason; a hard kill by the kernel is reported
by the parent from the exit status.
"""

from __future__ import annotations

import json
import resource
import sys
from collections.abc import Callable
from datetime import date
from typing import Any


def limit_resources(memory_mb: int, cpu_seconds: int) -> None:
    """Cap this process's address space and CPU time."""
    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))


def parse_bytes(data: bytes, kind: str, region: str, today: date | None, *, keep_text: bool = False) -> dict[str, Any]:
    """Extract and parse in this process (the worker's job; also used by benchmarks).

    ``keep_text`` also puts the whole extracted text in ``meta.handoff.text`` (for lexical matching).
    """
    from handoff.engines.resumes.extract import ExtractionError, extract_text
    from handoff.engines.resumes.profile import parse_profile
    from handoff.engines.resumes.sniff import FileKind

    try:
        text = extract_text(data, FileKind(kind))
    except ExtractionError as exc:
        return {"ok": False, "reason": str(exc)}
    profile = parse_profile(text, region=region, today=today)
    if keep_text:
        profile["meta"]["handoff"]["text"] = text
    return {"ok": True, "profile": profile}


def main(argv: list[str], parse: Callable[[bytes, str, str, date | None], dict[str, Any]] = parse_bytes) -> int:
    kind, region, memory_mb, cpu_seconds = argv[0], argv[1], int(argv[2]), int(argv[3])
    today = date.fromisoformat(argv[4]) if len(argv) > 4 else None
    limit_resources(memory_mb, cpu_seconds)
    data = sys.stdin.buffer.read()
    try:
        result = parse(data, kind, region, today)
    except MemoryError:
        result = {"ok": False, "reason": f"parsing exceeded the memory limit of {memory_mb} MB"}
    except RecursionError:
        result = {"ok": False, "reason": "file is too deeply nested to parse"}
    except Exception as exc:  # any library failure becomes a reason, never a crash of the caller
        result = {"ok": False, "reason": f"could not parse the file: {type(exc).__name__}: {exc}"[:500]}
    sys.stdout.write(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
