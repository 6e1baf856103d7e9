"""Resume parsing robustness and speed over ../shared/data/livecareer_resumes_2484 (UNCLEAR licence: measure only).

Usage: .venv/bin/python bench/bench_resume_parsing.py [--limit N] [--jobs J]
Each file goes through parse_resume (sniff, checks, sandboxed worker). Reports
files/s, failures by reason, and the share with a name and with an email.
(LiveCareer resumes are anonymised, so most have neither: the share measures
the parser against that data set, not recall.)
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from handoff.engines.resumes import ParseResult, parse_resume

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "livecareer_resumes_2484" / "data"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=4)
    args = parser.parse_args()
    if not DATA.is_dir():
        print("../shared/data is absent")
        return 1
    files = sorted(DATA.rglob("*.pdf"))[: args.limit or None]
    started = time.perf_counter()
    with ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(lambda path: parse_resume(path.read_bytes()), files))
    elapsed = time.perf_counter() - started
    report(results, elapsed, args.jobs)
    return 0


def report(results: list[ParseResult], elapsed: float, jobs: int) -> None:
    total = len(results)
    ok = [r for r in results if r.ok and r.profile]
    reasons = collections.Counter((r.reason or "")[:80] for r in results if not r.ok)
    share: collections.Counter[str] = collections.Counter()
    for result in ok:
        assert result.profile is not None
        basics = result.profile["basics"]
        share["name"] += "name" in basics
        share["email"] += "email" in basics
        share["work"] += bool(result.profile["work"])
        share["skills"] += bool(result.profile["skills"])
    print(f"{total} files in {elapsed:.1f} s with {jobs} workers: {total / elapsed:.1f} files/s")
    print(f"parsed: {len(ok)} ({len(ok) / total:.1%}); failed: {total - len(ok)}")
    for key in ("name", "email", "work", "skills"):
        print(f"  with {key}: {share[key]} ({share[key] / total:.1%})")
    for reason, count in reasons.most_common():
        print(f"  failure x{count}: {reason}")


if __name__ == "__main__":
    raise SystemExit(main())
