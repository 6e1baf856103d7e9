"""Importing candidates: our CSV import (``imports.actions.run_import``) in rows per second, against the floor.

The same N generated rows (unique e-mails, phones and profile URLs, 1–4 skills, a city and country each) go in
three ways, each into an empty talent pool:

- **handoff import**: the CSV bytes → ``start_import`` (sniff, header, mapping) → ``run_import``: every row
  converted, normalised (e-mail, E.164 phone, profile URL), validated by the model, checked against the pool's
  and the file's keys, then ``bulk_create`` in batches of 1000 with a "created" event per candidate and the
  progress counters after each batch — everything the page and the command do;
- **bulk_create**: the finished ``Candidate`` objects (as our import builds them) saved with Django's
  ``bulk_create`` (batches of 1000), no events — Django's own floor;
- **COPY** (PostgreSQL only): the same finished rows, every column, streamed with ``COPY … FROM STDIN``
  (psycopg) — the database's floor.

    .venv/bin/python bench/bench_candidate_import.py --db postgres --rows 100000   # database handoff_io_bench
    .venv/bin/python bench/bench_candidate_import.py --db sqlite --rows 100000     # a temporary SQLite file
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = "handoff_io_bench"
FIRST = ["Ana", "Bea", "Carl", "Dana", "Eve", "Finn", "Gus", "Ida", "João", "Kim", "Lu", "Mo", "Nia", "Omar", "Pia"]
LAST = ["Lima", "Costa", "Dunn", "Ford", "Gray", "Hart", "Jones", "Kowalski", "Nguyen", "Okafor", "Silva", "Tanaka"]
PLACES = [
    ("Boston", "US", "+1 617"),
    ("Lisbon", "PT", "+351 91"),
    ("Manila", "PH", "+63 917"),
    ("Kraków", "PL", "+48 512"),
]
SKILLS = ["Python", "SQL", "Excel", "Customer service", "Java", "Recruiting", "Payroll", "Salesforce", "Go", "Nursing"]
HEADER = ["Full name", "Email", "Phone", "LinkedIn", "City", "Country", "Headline", "Skills", "Years of experience"]


def setup_django(db: str) -> None:
    sys.path.insert(0, str(ROOT))
    if db == "postgres":
        os.environ["DATABASE_URL"] = f"{SERVER}/{DATABASE}"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='bench-import-')}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "handoff.settings")
    if db == "postgres":
        import psycopg

        with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{DATABASE}"')
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def generate_csv(rows: int, seed: int = 7) -> bytes:
    rng = random.Random(seed)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for n in range(rows):
        city, country, prefix = PLACES[n % len(PLACES)]
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        phone = f"{prefix} {n % 1000:03d} {n // 1000:04d}"
        skills = ", ".join(rng.sample(SKILLS, rng.randint(1, 4)))
        writer.writerow(
            [name, f"person{n}@mail.test", phone, f"linkedin.com/in/p{n}", city, country, "Analyst", skills, n % 30]
        )
    return buffer.getvalue().encode()


def admin() -> Any:
    from handoff.domain.accounts.models import User
    from handoff.domain.tenancy.roles import StaffRole, UserKind

    return User.objects.create_user(
        email="bench@provider.test", password=None, kind=UserKind.PROVIDER, role=StaffRole.ADMIN, full_name="Bench"
    )


def empty_pool() -> None:
    from django.db import connection

    from handoff.domain.recruiting.models import Candidate, CandidateEvent

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE recruiting_candidate, recruiting_candidateevent CASCADE")
    else:
        CandidateEvent.objects.all().delete()
        Candidate.objects.all().delete()


def run_ours(user: Any, data: bytes) -> tuple[float, int]:
    from handoff.domain.imports import actions

    started = time.perf_counter()
    job = actions.start_import(user, "bench.csv", data, background=False)
    actions.confirm_mapping(user, job, job.mapping, background=False)
    counters = actions.run_import(job)
    return time.perf_counter() - started, counters.accepted


def built_candidates(data: bytes) -> list[Any]:
    """The Candidate objects our import would save (converted, normalised, validated), not saved."""
    from handoff.domain.imports import actions, reading, rows

    table = reading.read_csv(data)
    mapping = reading.guess_mapping(table.headers)
    lookup = actions.skill_lookup()
    built = []
    for cells in table.rows:
        values = {mapping[h]: cells[i] for i, h in enumerate(table.headers) if h in mapping}
        converted = rows.convert(values, lookup)
        assert converted.candidate is not None, converted.reasons
        built.append(converted.candidate)
    return built


def run_bulk_create(candidates: list[Any]) -> float:
    from handoff.domain.recruiting.models import Candidate

    started = time.perf_counter()
    Candidate.objects.bulk_create(candidates, batch_size=1000)
    elapsed = time.perf_counter() - started
    for candidate in candidates:
        candidate.pk = None
        candidate._state.adding = True
    return elapsed


def run_copy(candidates: list[Any]) -> float:
    from django.db import connection
    from django.utils import timezone

    from handoff.domain.recruiting.models import Candidate

    fields = [f for f in Candidate._meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    for candidate in candidates:
        candidate.created_at = candidate.updated_at = now
    columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
    rows = [
        [_copy_value(f.get_db_prep_save(getattr(candidate, f.attname), connection)) for f in fields]
        for candidate in candidates
    ]  # prepared before the clock starts: COPY is timed on values ready to send
    started = time.perf_counter()
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY recruiting_candidate ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    return time.perf_counter() - started


def _copy_value(value: Any) -> Any:
    adapted = getattr(value, "obj", None)  # psycopg Jsonb wrapper → its JSON text
    if adapted is not None:
        import json

        return json.dumps(adapted)
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    setup_django(args.db)
    from django.db import connection

    data = generate_csv(args.rows)
    user = admin()
    print(f"{args.db} ({connection.vendor}), {args.rows:,} rows, CSV {len(data) / 1e6:.1f} MB")
    seconds, accepted = run_ours(user, data)
    assert accepted == args.rows, accepted
    print(f"  handoff import  {seconds:8.1f} s  {args.rows / seconds:9,.0f} rows/s  (events and report included)")
    empty_pool()
    started = time.perf_counter()
    candidates = built_candidates(data)
    convert = time.perf_counter() - started
    print(f"  (convert + validate only: {convert:.1f} s, {args.rows / convert:,.0f} rows/s)")
    seconds = run_bulk_create(candidates)
    print(f"  bulk_create     {seconds:8.1f} s  {args.rows / seconds:9,.0f} rows/s  (prebuilt rows, no events)")
    if connection.vendor == "postgresql":
        empty_pool()
        seconds = run_copy(candidates)
        print(f"  COPY            {seconds:8.1f} s  {args.rows / seconds:9,.0f} rows/s  (prebuilt rows, the floor)")


if __name__ == "__main__":
    main()
