"""Resume worker that also keeps the extracted text, for lexical matching.

It lives here, not in ``handoff.engines.matching``: a worker process starts per file, and
importing the matching engine would load its compiled kernels (Numba, LLVM) for nothing.

The protocol, limits and failure handling of ``handoff.engines.resumes.worker`` (run it with
``parse_resume(data, worker_module=WORKER_MODULE)``); the profile additionally carries the whole
extracted text in ``meta.handoff.text``, because BM25 over a resume's full text ranks better than
over the few fields a JSON Resume keeps.
"""

from __future__ import annotations

import sys
from datetime import date
from typing import Any

from handoff.engines.resumes import worker

WORKER_MODULE = "handoff.engines.resumes.text_worker"


def parse_with_text(data: bytes, kind: str, region: str, today: date | None) -> dict[str, Any]:
    return worker.parse_bytes(data, kind, region, today, keep_text=True)


def main(argv: list[str]) -> int:
    return worker.main(argv, parse=parse_with_text)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
