"""Candidate search over N pool candidates: p50 of our search (``recruiting.search.search_candidates``) against a
plain ``icontains`` query on the same data.

Both mean the same thing: the text anywhere in the name, e-mail, city or headline, in any case; both return
the talent-pool list's page (first 200 by name). Ours answers from an index — a GIN trigram index on
PostgreSQL, an FTS5 trigram table on SQLite (``search.py``); ``icontains`` scans the four columns of every row.
Each query is run ``--repeat`` times per method (after one warm-up), and the two methods must return the same
candidates. Queries come in four kinds: a person's e-mail, a surname, a city or headline word, and a miss.

    .venv/bin/python bench/bench_candidate_search.py --db postgres --candidates 100000   # handoff_io_bench
    .venv/bin/python bench/bench_candidate_search.py --db sqlite --candidates 100000
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = "handoff_io_bench"
SYLLABLES = ["an", "be", "ca", "do", "el", "fi", "go", "ha", "iv", "jo", "ka", "lu", "mo", "ne", "or", "pa", "ri", "sa"]
CITIES = [
    "Boston",
    "Lisbon",
    "Manila",
    "Kraków",
    "Hanoi",
    "Austin",
    "Porto",
    "Cebu",
    "Gdańsk",
    "Leeds",
    "Pune",
    "Lagos",
]
TITLES = ["Analyst", "Nurse", "Recruiter", "Python developer", "Accountant", "Agent", "Welder", "Designer", "Chef"]
PAGE = 200


def setup_django(db: str) -> None:
    sys.path.insert(0, str(ROOT))
    if db == "postgres":
        os.environ["DATABASE_URL"] = f"{SERVER}/{DATABASE}"
        import psycopg

        with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{DATABASE}"')
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='bench-search-')}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "handoff.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def surname(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def populate(count: int, seed: int = 11) -> tuple[list[str], list[str]]:
    """``count`` candidates; returns the surnames and e-mails used (for queries)."""
    from handoff.domain.recruiting.models import Candidate

    rng = random.Random(seed)
    surnames = [surname(rng) for _ in range(2000)]
    batch: list[Candidate] = []
    emails: list[str] = []
    for n in range(count):
        last = rng.choice(surnames)
        email = f"{last.lower()}.{n}@mail{n % 50}.test"
        emails.append(email)
        batch.append(
            Candidate(
                full_name=f"{rng.choice(SYLLABLES).capitalize()}{rng.choice(SYLLABLES)} {last}",
                email=email,
                email_normalised=email,
                city=rng.choice(CITIES),
                country="US",
                headline=rng.choice(TITLES),
            )
        )
        if len(batch) == 5000:
            Candidate.objects.bulk_create(batch)
            batch = []
    Candidate.objects.bulk_create(batch)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE recruiting_candidate")
    return surnames, emails


def queries(surnames: list[str], emails: list[str], seed: int = 5) -> dict[str, list[str]]:
    rng = random.Random(seed)
    return {
        "e-mail": [rng.choice(emails).split("@")[0] + "@" for _ in range(10)],
        "surname": [rng.choice(surnames) for _ in range(10)],
        "city/headline": [rng.choice(CITIES + TITLES).lower() for _ in range(10)],
        "miss": [f"zq{rng.randrange(10**6)}x" for _ in range(10)],
    }


def page(actor: Any, text: str, method: str) -> list[int]:
    from handoff.domain.recruiting.search import search_candidates

    return list(
        search_candidates(actor, text, using=method).order_by("full_name", "pk").values_list("pk", flat=True)[:PAGE]
    )


def timed(actor: Any, text: str, method: str, repeat: int) -> list[float]:
    page(actor, text, method)  # warm-up
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        page(actor, text, method)
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    setup_django(args.db)
    from django.db import connection

    from handoff.domain.accounts.models import User
    from handoff.domain.tenancy.roles import StaffRole, UserKind

    actor = User.objects.create_user(
        email="bench@provider.test", password=None, kind=UserKind.PROVIDER, role=StaffRole.ADMIN, full_name="Bench"
    )
    started = time.perf_counter()
    surnames, emails = populate(args.candidates)
    print(f"{connection.vendor}: {args.candidates:,} candidates loaded in {time.perf_counter() - started:.0f} s")
    overall: dict[str, list[float]] = {"indexed": [], "icontains": []}
    print(f"  {'kind':<14} {'ours p50':>10} {'icontains p50':>14} {'speed-up':>9}  hits (median)")
    for kind, texts in queries(surnames, emails).items():
        per_kind: dict[str, list[float]] = {"indexed": [], "icontains": []}
        hits = []
        for text in texts:
            same = page(actor, text, "indexed") == page(actor, text, "icontains")
            assert same, f"the two searches disagree on {text!r}"
            hits.append(len(page(actor, text, "icontains")))
            for method in per_kind:
                per_kind[method] += timed(actor, text, method, args.repeat)
        ours, plain = statistics.median(per_kind["indexed"]), statistics.median(per_kind["icontains"])
        print(f"  {kind:<14} {ours:8.1f} ms {plain:11.1f} ms {plain / ours:8.1f}×  {statistics.median(hits):.0f}")
        for method in overall:
            overall[method] += per_kind[method]
    ours, plain = statistics.median(overall["indexed"]), statistics.median(overall["icontains"])
    print(f"  {'all 40':<14} {ours:8.1f} ms {plain:11.1f} ms {plain / ours:8.1f}×")


if __name__ == "__main__":
    main()
