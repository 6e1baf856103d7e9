"""The persisted index of the talent pool, under ``settings.VAR_DIR / "matching"``.

Each write makes a new version folder (``v00000042``): unchanged segment files are hard
links to the previous version's, the rest is written by ``MatchIndex.save``, and the
``CURRENT`` file is replaced last (an atomic rename), so a reader never sees half a write.
Writers hold an exclusive ``flock`` on ``.lock`` (one writer at a time across processes).
Readers keep the loaded index in memory (segments memory-mapped) until ``CURRENT`` names a
newer version; the two newest versions are kept so a reader mid-load is not cut off.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

from handoff.engines.matching import MatchIndex

CURRENT = "CURRENT"
KEEP_VERSIONS = 2
# Compact when this share of the rows is dead (removed or replaced profiles), and at least this many.
COMPACT_SHARE, COMPACT_MIN_ROWS = 0.25, 64

_lock = threading.Lock()
_loaded: dict[Path, tuple[str, MatchIndex]] = {}


def folder() -> Path:
    return Path(getattr(settings, "MATCHING_INDEX_DIR", "") or Path(settings.VAR_DIR) / "matching")


def current_version(root: Path | None = None) -> str | None:
    try:
        name = ((root or folder()) / CURRENT).read_text().strip()
    except FileNotFoundError:
        return None
    return name or None


def current() -> MatchIndex:
    """The latest saved index (an empty one before the first write); do not change it."""
    root = folder()
    for _attempt in range(3):
        version = current_version(root)
        if version is None:
            return MatchIndex()
        with _lock:
            hit = _loaded.get(root)
            if hit is not None and hit[0] == version:
                return hit[1]
        try:
            index = MatchIndex.load(root / version)
        except FileNotFoundError:  # a writer pruned it between our two reads: read CURRENT again
            continue
        with _lock:
            _loaded[root] = (version, index)
        return index
    raise RuntimeError(f"the match index in {root} keeps changing under the reader")


@contextmanager
def writing(*, fresh: bool = False) -> Iterator[MatchIndex]:
    """A private copy of the latest index (an empty one if ``fresh``) to change; saved as the next version."""
    root = folder()
    root.mkdir(parents=True, exist_ok=True)
    with (root / ".lock").open("a") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            previous = current_version(root)
            index = MatchIndex.load(root / previous) if previous and not fresh else MatchIndex()
            yield index
            _save(root, index, previous, link=not fresh)
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


def needs_compaction(index: MatchIndex) -> bool:
    dead = index.dead_rows()
    return dead >= COMPACT_MIN_ROWS and dead >= COMPACT_SHARE * max(index.rows, 1)


def clear_memory() -> None:
    """Forget indexes loaded in this process (tests, after the folder was replaced)."""
    with _lock:
        _loaded.clear()


def _save(root: Path, index: MatchIndex, previous: str | None, *, link: bool) -> None:
    number = int(previous[1:]) + 1 if previous else 1
    target = root / f"v{number:08d}"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir()
    if previous and link:  # segment names are unique within one lineage of versions
        for path in (root / previous).glob("seg*.npy"):
            if ".tmp." not in path.name:
                os.link(path, target / path.name)
    index.save(target)
    partial = root / f"{CURRENT}.tmp"
    partial.write_text(target.name)
    partial.replace(root / CURRENT)
    versions = sorted(path for path in root.glob("v*") if path.is_dir())
    for stale in versions[:-KEEP_VERSIONS]:
        shutil.rmtree(stale, ignore_errors=True)
