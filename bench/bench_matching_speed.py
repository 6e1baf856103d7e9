"""Matching speed: rank a synthetic talent pool for requisitions, against bm25s, tantivy, SQLite FTS5, PostgreSQL.

Usage:
    .venv/bin/python bench/bench_matching_speed.py                      # 100,000 profiles, all peers
    .venv/bin/python bench/bench_matching_speed.py --sizes 1000000 --peers bm25s,tantivy
    (PostgreSQL: postgres://postgres@127.0.0.1:5432/postgres, table bench_match_fts, dropped afterwards)

Pool: synthetic profiles from real vocabulary. Each profile picks a LiveCareer
category (../shared/data/livecareer_resumes_2484/resumes_text_from_pdf.csv) and
joins 25 random non-empty lines of that category's resumes (about 190 words, a
third of a full resume); it gets up to 20 skill ids (Zipf-like draws, duplicates dropped) and 1–3 occupation codes
from its category's pools, years 0–25 (10 % unknown), a salary,
a time zone, a country (80 % "us"), languages and knock-out flags.

Requisitions: 20 Google postings (../shared/data/google_job_skills), text = title +
minimum qualifications; 5 required and 3 preferred skills and an occupation (with 5
related ones) from the matching category; min 3 years; a salary budget; half remote
with a UTC−8…−3 window, half onsite in the US with US work authorisation; a knock-out
flag; Spanish preferred. Ours returns the top 50 with explanations, filters applied;
the peers answer the lexical part only (same text, top 50).

Timings: each query 3 times after a warm-up, one process, one thread; p50/p95 over
all timings. Memory: bytes of the index arrays per profile, and the process's
resident-set growth per profile while building.
"""

from __future__ import annotations

import argparse
import csv
import gc
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from handoff.engines.matching import MatchIndex, Profile, Query, Requisition, Weights
from handoff.engines.matching.text import tokens

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
RESUMES = DATA / "livecareer_resumes_2484" / "resumes_text_from_pdf.csv"
JOBS = DATA / "google_job_skills" / "job_skills.csv"
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
TOP = 50

# Google job category → LiveCareer resume category (the pool whose skills the requisition asks for).
CATEGORY = {
    "Sales & Account Management": "SALES",
    "Marketing & Communications": "PUBLIC-RELATIONS",
    "Finance": "FINANCE",
    "Technical Solutions": "INFORMATION-TECHNOLOGY",
    "Business Strategy": "CONSULTANT",
    "People Operations": "HR",
    "User Experience & Design": "DESIGNER",
    "Program Management": "BUSINESS-DEVELOPMENT",
    "Partnerships": "BUSINESS-DEVELOPMENT",
    "Product & Customer Support": "BPO",
    "Legal & Government Relations": "ADVOCATE",
    "Administrative": "HR",
    "Software Engineering": "INFORMATION-TECHNOLOGY",
    "Sales Operations": "SALES",
    "Hardware Engineering": "ENGINEERING",
    "Real Estate & Workplace Services": "CONSTRUCTION",
    "Manufacturing & Supply Chain": "ENGINEERING",
    "Technical Infrastructure": "INFORMATION-TECHNOLOGY",
    "Network Engineering": "INFORMATION-TECHNOLOGY",
    "Developer Relations": "INFORMATION-TECHNOLOGY",
    "Technical Writing": "DIGITAL-MEDIA",
    "IT & Data Management": "INFORMATION-TECHNOLOGY",
    "Data Center & Network": "INFORMATION-TECHNOLOGY",
}
LANGUAGES = ("en", "es", "fr", "de", "pt", "pl", "hi", "zh")
TIME_ZONES = (-8.0, -7.0, -6.0, -5.0, -4.0, -3.0, 0.0, 1.0, 2.0, 5.5, 8.0)


class Pool:
    """Synthetic profiles (text + structured facts) from real resume lines, deterministic per seed."""

    def __init__(self, seed: int = 7) -> None:
        self.lines: dict[str, list[str]] = {}
        with RESUMES.open(newline="") as handle:
            for row in csv.DictReader(handle):
                lines = [line.strip() for line in row["Resume_text"].splitlines() if len(line.split()) >= 2]
                self.lines.setdefault(row["Category"], []).extend(lines)
        self.categories = sorted(self.lines)
        rng = np.random.default_rng(seed)
        self.skills = {cat: rng.choice(5000, 300, replace=False) for cat in self.categories}
        self.occupations = {cat: rng.choice(800, 12, replace=False) for cat in self.categories}
        self.seed = seed

    def profiles(self, n: int) -> list[Profile]:
        """``n`` profiles; every random draw is made up front in numpy (a million in a few minutes)."""
        rng = np.random.default_rng(self.seed + n)
        cats = rng.integers(len(self.categories), size=n)
        line_picks = rng.random((n, 25))
        zipf = np.cumsum(1 / np.arange(1, 301))
        skill_picks = np.searchsorted(zipf / zipf[-1], rng.random((n, 20)))  # Zipf-like, deduplicated below
        skill_counts = rng.integers(8, 21, size=n)
        occupation_picks = rng.integers(12, size=(n, 3))
        occupation_counts = rng.integers(1, 4, size=n)
        second_language = np.where(rng.random(n) < 0.4, rng.integers(1, len(LANGUAGES), size=n), 0)
        abroad = np.where(rng.random(n) < 0.8, -1, rng.integers(5, size=n))
        years = np.where(rng.random(n) < 0.1, np.nan, rng.integers(0, 26, size=n))
        zones = rng.integers(len(TIME_ZONES), size=n)
        salaries = rng.lognormal(11.2, 0.4, size=n)
        checked = rng.random(n) < 0.9
        out: list[Profile] = []
        for i in range(n):
            cat = self.categories[int(cats[i])]
            pool = self.lines[cat]
            text = "\n".join(pool[int(x * len(pool))] for x in line_picks[i])
            skill_ids = self.skills[cat][list(dict.fromkeys(skill_picks[i].tolist()))[: int(skill_counts[i])]]
            occ = self.occupations[cat][occupation_picks[i][: int(occupation_counts[i])]]
            languages = {"en", LANGUAGES[int(second_language[i])]}
            country = "us" if abroad[i] < 0 else ("ca", "mx", "gb", "in", "pl")[int(abroad[i])]
            out.append(
                Profile(
                    id=f"p{i:07d}",
                    text=text,
                    skills=frozenset(f"s{k}" for k in skill_ids),
                    occupations=frozenset(f"o{k}" for k in occ),
                    years=None if np.isnan(years[i]) else float(years[i]),
                    country=country,
                    tz_offset=TIME_ZONES[int(zones[i])],
                    salary=float(salaries[i]),
                    languages=frozenset(languages),
                    work_authorisations=frozenset({country}),
                    flags=frozenset({"background_check"}) if checked[i] else frozenset(),
                )
            )
        return out

    def queries(self, count: int = 20, seed: int = 11) -> list[Query]:
        with JOBS.open(newline="") as handle:
            jobs = list(csv.DictReader(handle))
        rng = np.random.default_rng(seed)
        picked = [jobs[int(i)] for i in rng.choice(len(jobs), count, replace=False)]
        queries = []
        for k, job in enumerate(picked):
            cat = CATEGORY.get(job["Category"], "INFORMATION-TECHNOLOGY")
            skills = [f"s{s}" for s in self.skills[cat][:40][rng.choice(40, 8, replace=False)]]
            occupation = f"o{self.occupations[cat][0]}"
            related_occ = {f"o{o}": 1.0 - 0.1 * j for j, o in enumerate(self.occupations[cat][1:6])}
            related_skills = {s: {f"s{r}": 0.8 for r in self.skills[cat][40:43]} for s in skills[:5]}
            remote = k % 2 == 0
            requisition = Requisition(
                text=f"{job['Title']}\n{job['Minimum Qualifications']}",
                required_skills=tuple(skills[:5]),
                preferred_skills=tuple(skills[5:]),
                occupations=(occupation,),
                min_years=3,
                remote=remote,
                tz_window=(-8.0, -3.0) if remote else None,
                country=None if remote else "us",
                work_authorisation=None if remote else "us",
                salary_max=90000,
                preferred_languages=("es",),
                knockouts=("background_check",),
            )
            queries.append(
                Query(
                    requisition, related_skills=related_skills, related_occupations={occupation: related_occ}, top=TOP
                )
            )
        return queries


def rss_bytes() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def timings[T](run: Callable[[T], object], items: list[T], repeat: int = 3) -> list[tuple[float, float]]:
    """(wall ms, this process's CPU ms) per call: CPU time shows the work when the shared machine is busy."""
    run(items[0])
    found = []
    for item in items:
        for _ in range(repeat):
            started, cpu = time.perf_counter(), time.process_time()
            run(item)
            found.append(((time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000))
    return found


def summary(measured: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Wall p50, wall p95, CPU p50 (ms)."""
    ordered = sorted(wall for wall, _ in measured)
    cpu = statistics.median(cpu for _, cpu in measured)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))], cpu


def query_words(text: str) -> list[str]:
    """The query's words with only letters and digits (what every peer's query parser accepts)."""
    return list(
        dict.fromkeys(
            w
            for w in (t.replace(".", " ").replace("+", "").replace("#", "") for t in tokens(text))
            for w in w.split()
            if w.isalnum()
        )
    )


def warm_kernels(profiles: list[Profile], queries: list[Query]) -> int:
    """Load the compiled kernels (from Numba's cache, or compiling them) on a tiny index; the RSS they add."""
    before = rss_bytes()
    small = MatchIndex()
    small.add_many(profiles[:200])
    with tempfile.TemporaryDirectory(prefix="bench_match_warm_") as folder:
        small.save(Path(folder))
        for query in queries:
            small.rank(query)
            MatchIndex.load(Path(folder)).rank(query)
    return rss_bytes() - before


def bench_ours(profiles: list[Profile], queries: list[Query], folder: Path) -> dict[str, Any]:
    kernels = warm_kernels(profiles, queries)  # a fixed per-process cost, not per profile: measured apart
    gc.collect()
    before = rss_bytes()
    started, started_cpu = time.perf_counter(), time.process_time()
    index = MatchIndex()
    index.add_many(profiles)
    index.rank(queries[0])  # flushes the last segment
    build = time.perf_counter() - started
    build_cpu = time.process_time() - started_cpu
    grown = rss_bytes() - before
    sizes = index.nbytes()
    full = timings(index.rank, queries)
    lexical_only = [
        Query(
            Requisition(text=q.requisition.text),
            weights=Weights.from_mapping(dict.fromkeys(Weights().as_dict(), 0) | {"lexical": 1}),
            top=TOP,
        )
        for q in queries
    ]
    lexical = timings(index.rank, lexical_only)
    started, started_cpu = time.perf_counter(), time.process_time()
    index.save(folder)
    saved = time.perf_counter() - started
    del index
    gc.collect()
    started, started_cpu = time.perf_counter(), time.process_time()
    loaded = MatchIndex.load(folder)
    load_seconds = time.perf_counter() - started
    after_load = timings(loaded.rank, queries, repeat=1)
    disk = sum(path.stat().st_size for path in folder.iterdir())
    return {
        "build_s": build,
        "build_cpu_s": build_cpu,
        "full_ms": summary(full),
        "lexical_ms": summary(lexical),
        "loaded_ms": summary(after_load),
        "array_bytes": sum(sizes.values()) / len(profiles),
        "postings_bytes": sizes["postings"] / len(profiles),
        "rss_bytes": grown / len(profiles),
        "kernels_mb": kernels / 1e6,
        "disk_bytes": disk / len(profiles),
        "save_s": saved,
        "load_s": load_seconds,
    }


def bench_bm25s(texts: list[str], queries: list[str]) -> dict[str, Any]:
    import bm25s  # type: ignore[import-untyped]

    started, started_cpu = time.perf_counter(), time.process_time()
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize(texts, stopwords="en", show_progress=False), show_progress=False)
    build = time.perf_counter() - started
    build_cpu = time.process_time() - started_cpu

    def run(text: str) -> object:
        return retriever.retrieve(
            bm25s.tokenize([text], stopwords="en", show_progress=False), k=TOP, show_progress=False, n_threads=1
        )

    return {"build_s": build, "build_cpu_s": build_cpu, "lexical_ms": summary(timings(run, queries))}


def bench_tantivy(texts: list[str], queries: list[str]) -> dict[str, Any]:
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("text", stored=False)
    builder.add_unsigned_field("row", stored=True)
    schema = builder.build()
    folder = tempfile.mkdtemp(prefix="bench_tantivy_")
    try:
        started, started_cpu = time.perf_counter(), time.process_time()
        index = tantivy.Index(schema, path=folder)
        writer = index.writer(heap_size=256_000_000, num_threads=1)
        for row, text in enumerate(texts):
            writer.add_document(tantivy.Document(text=text, row=row))
        writer.commit()
        writer.wait_merging_threads()
        index.reload()
        build = time.perf_counter() - started
        build_cpu = time.process_time() - started_cpu
        searcher = index.searcher()
        parsed = {q: index.parse_query(" ".join(query_words(q)) or "none", ["text"]) for q in queries}
        return {
            "build_s": build,
            "build_cpu_s": build_cpu,
            "lexical_ms": summary(timings(lambda q: searcher.search(parsed[q], TOP), queries)),
        }
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def bench_sqlite(texts: list[str], queries: list[str]) -> dict[str, Any]:
    connection = sqlite3.connect(":memory:")
    started, started_cpu = time.perf_counter(), time.process_time()
    connection.execute("CREATE VIRTUAL TABLE bench_match_fts USING fts5(text)")
    connection.executemany("INSERT INTO bench_match_fts(rowid, text) VALUES (?, ?)", enumerate(texts))
    connection.commit()
    build = time.perf_counter() - started
    build_cpu = time.process_time() - started_cpu

    def run(text: str) -> object:
        match = " OR ".join(f'"{word}"' for word in query_words(text))
        sql = "SELECT rowid FROM bench_match_fts WHERE bench_match_fts MATCH ? ORDER BY bm25(bench_match_fts) LIMIT ?"
        return connection.execute(sql, (match, TOP)).fetchall()

    return {"build_s": build, "build_cpu_s": build_cpu, "lexical_ms": summary(timings(run, queries, repeat=1))}


def bench_postgres(texts: list[str], queries: list[str]) -> dict[str, Any]:
    import psycopg

    with psycopg.connect(POSTGRES, autocommit=True) as connection:
        connection.execute("DROP TABLE IF EXISTS bench_match_fts")
        try:
            started, started_cpu = time.perf_counter(), time.process_time()
            connection.execute("CREATE TABLE bench_match_fts (id integer PRIMARY KEY, body tsvector)")
            with connection.cursor().copy("COPY bench_match_fts (id, body) FROM STDIN") as copy:
                for row, text in enumerate(texts):
                    copy.write_row((row, " ".join(tokens(text))))
            connection.execute("UPDATE bench_match_fts SET body = to_tsvector('english', body::text)")
            connection.execute("CREATE INDEX bench_match_fts_gin ON bench_match_fts USING gin (body)")
            connection.execute("VACUUM ANALYZE bench_match_fts")
            build = time.perf_counter() - started
            build_cpu = time.process_time() - started_cpu
            sql = (
                "SELECT id FROM bench_match_fts, to_tsquery('english', %s) q WHERE body @@ q "
                "ORDER BY ts_rank(body, q) DESC LIMIT %s"
            )
            ran = timings(
                lambda text: connection.execute(sql, (" | ".join(query_words(text)), TOP)).fetchall(), queries, repeat=1
            )
            return {"build_s": build, "build_cpu_s": build_cpu, "lexical_ms": summary(ran)}
        finally:
            connection.execute("DROP TABLE IF EXISTS bench_match_fts")


PEERS = {"bm25s": bench_bm25s, "tantivy": bench_tantivy, "sqlite": bench_sqlite, "postgres": bench_postgres}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100000", help="comma-separated pool sizes (e.g. 100000,1000000)")
    parser.add_argument("--peers", default="bm25s,tantivy,sqlite,postgres")
    parser.add_argument("--queries", type=int, default=20)
    args = parser.parse_args()
    if not RESUMES.is_file() or not JOBS.is_file():
        print("../shared/data is absent")
        return 1
    pool = Pool()
    queries = pool.queries(args.queries)
    texts_of_queries = [q.requisition.text for q in queries]
    for size in (int(value) for value in args.sizes.split(",")):
        started = time.perf_counter()
        profiles = pool.profiles(size)
        gc.collect()
        gc.freeze()  # the generated pool is long-lived: keep it out of every peer's garbage collections
        print(f"\n== {size:,} profiles (generated in {time.perf_counter() - started:.0f} s) ==", flush=True)
        with tempfile.TemporaryDirectory(prefix="bench_match_") as folder:
            ours = bench_ours(profiles, queries, Path(folder))
        print_ours(size, ours)
        texts = [profile.text for profile in profiles]
        del profiles
        gc.collect()
        for name in [peer for peer in args.peers.split(",") if peer]:
            result = PEERS[name](texts, texts_of_queries)
            print(row(f"{name} (lexical only)", result["lexical_ms"], result, size), flush=True)
    return 0


HEADER = "| engine | p50 ms | p95 ms | CPU p50 ms | build wall (rate) | build CPU |\n|---|---|---|---|---|---|"


def row(name: str, timing: tuple[float, float, float], result: dict[str, Any], size: int) -> str:
    p50, p95, cpu = timing
    build, build_cpu = float(result["build_s"]), float(result["build_cpu_s"])
    return f"| {name} | {p50:.2f} | {p95:.2f} | {cpu:.2f} | {build:.1f} s ({size / build:,.0f}/s) | {build_cpu:.1f} s |"


def print_ours(size: int, ours: dict[str, Any]) -> None:
    print(HEADER)
    print(row("ours, all factors + filters + explanations", ours["full_ms"], ours, size))
    print(row("ours, after save + load (mmap)", ours["loaded_ms"], ours, size))
    print(row("ours, lexical only (+ explanations)", ours["lexical_ms"], ours, size))
    print(f"save {ours['save_s']:.1f} s, load {ours['load_s']:.1f} s (CPU-time for PostgreSQL is the client's only)")
    print(
        f"memory per profile: index arrays {ours['array_bytes']:.0f} B (postings {ours['postings_bytes']:.0f} B), "
        f"RSS growth while building {ours['rss_bytes']:.0f} B, on disk {ours['disk_bytes']:.0f} B; "
        f"the compiled kernels add {ours['kernels_mb']:.0f} MB to a process once",
        flush=True,
    )


if __name__ == "__main__":
    raise SystemExit(main())
