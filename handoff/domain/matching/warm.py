"""Make a process ready to rank before its first request: the compiled kernels and the taxonomy's vocabulary.

Without it a web worker's first "Top matches" loads the kernels from Numba's disk cache (or compiles
them, 3–5 s, on a new machine) and builds the normaliser and vocabulary from the imported taxonomy
(about 1.2 s for O*NET). The start script's gunicorn configuration calls ``warm_up`` in each worker
before it accepts requests.
"""

from __future__ import annotations

import time

from handoff.domain.matching import documents
from handoff.engines.matching.warmup import compile_kernels


def warm_up() -> float:
    """Compile (or load) the ranking kernels and build the vocabulary; returns the seconds it took."""
    started = time.perf_counter()
    compile_kernels()
    documents.vocabulary()
    return time.perf_counter() - started
