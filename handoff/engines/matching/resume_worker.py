"""Resume worker that also keeps the extracted text, for lexical matching.

Same protocol, limits and failure handling as ``handoff.engines.resumes.worker``
(run it with ``parse_resume(data, worker_module=WORKER_MODULE)``); the profile
additionally carries the whole extracted text in ``meta.handoff.text``, because
BM25 over a resume's full text ranks better than over the few fields a JSON
Resume keeps.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any

from handoff.engines.resumes.worker import limit_resources

WORKER_MODULE = "handoff.engines.matching.resume_worker"


def parse_with_text(data: bytes, kind: str, region: str, today: date | None) -> dict[str, Any]:
    from handoff.engines.resumes.extract import ExtractionError, extract_text
    from handoff.engines.resumes.profile import parse_profile
    from handoff.engines.resumes.sniff import FileKind

    try:
        text = extract_text(data, FileKind(kind))
    except ExtractionError as exc:
        return {"ok": False, "reason": str(exc)}
    profile = parse_profile(text, region=region, today=today)
    profile["meta"]["handoff"]["text"] = text
    return {"ok": True, "profile": profile}


def main(argv: list[str]) -> int:
    kind, region, memory_mb, cpu_seconds = argv[0], argv[1], int(argv[2]), int(argv[3])
    today = date.fromisoformat(argv[4]) if len(argv) > 4 else None
    limit_resources(memory_mb, cpu_seconds)
    data = sys.stdin.buffer.read()
    try:
        result = parse_with_text(data, kind, region, today)
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
