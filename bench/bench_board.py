"""The requisition board with 2,000 applications, on SQLite and PostgreSQL: queries per render and p50 time.

One client, one open requisition, ``N`` candidates spread over the pipeline's stages (written in bulk), the
board page (``/recruiting/requisitions/<id>/board/``) rendered by Django's test client as a recruiter on the
client's account team, exactly as a browser would get it (middleware, row-level security on PostgreSQL,
template). Measured at N = 200 and again at N = 2,000 on the same database: the number of queries must be the
same (no query per card), and the render time is reported as p50 / p90 over ``--renders`` renders.

    .venv/bin/python bench/bench_board.py                       # both backends, N = 200 then 2,000
    .venv/bin/python bench/bench_board.py --backend sqlite --renders 10

PostgreSQL: the database ``handoff_bench_board`` on ``BENCH_POSTGRES`` (default postgres://postgres@127.0.0.1:5432)
is dropped and re-made; SQLite: a file in a temporary directory.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATABASE = "handoff_bench_board"
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
SIZES = (200, 2000)


def setup_django(url: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "handoff.settings")
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host is allowed; e-mail to locmem


def recreate_postgres() -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DATABASE}"')


def build_world() -> tuple[Any, Any]:
    """A client with an RPO engagement, an open requisition and a recruiter on its account team."""
    from django.core.management import call_command

    from handoff.domain.accounts.models import User
    from handoff.domain.engagements.models import RpoEngagement
    from handoff.domain.recruiting import actions
    from handoff.domain.tenancy.models import AccountAssignment, Client
    from handoff.domain.tenancy.roles import ClientRole, StaffRole, UserKind

    call_command("migrate", verbosity=0)
    client = Client.objects.create(name="Bench client", legal_name="Bench Ltd", country="US")
    engagement = RpoEngagement.objects.create(
        client=client,
        name="Bench hiring",
        start_date="2026-01-01",
        model="enterprise",
        provider_stages=[],
        pricing_model="fee_per_hire",
        fee_amount="6500.00",
        status="active",
    )
    admin = User.objects.create_user(
        email="admin@bench.test", password=None, kind=UserKind.PROVIDER, role=StaffRole.ADMIN, full_name="Admin"
    )
    recruiter = User.objects.create_user(
        email="recruiter@bench.test",
        password=None,
        kind=UserKind.PROVIDER,
        role=StaffRole.RECRUITER,
        full_name="Recruiter",
    )
    hr = User.objects.create_user(
        email="hr@bench.test",
        password=None,
        kind=UserKind.CLIENT,
        role=ClientRole.HR_ADMIN,
        client=client,
        full_name="HR",
    )
    AccountAssignment.objects.create(client=client, user=recruiter)
    data = {
        "engagement": engagement,
        "title": "Support engineer",
        "location": "Austin",
        "headcount": 5000,
    }
    requisition = actions.create_requisition(admin, client.pk, data)
    actions.change_requisition_status(admin, requisition, "pending_approval")
    actions.change_requisition_status(hr, requisition, "open")
    return requisition, recruiter


def add_applications(requisition: Any, start: int, stop: int) -> None:
    """Candidates ``start`` .. ``stop - 1`` on the requisition, round-robin over the stages in progress."""
    from django.utils import timezone

    from handoff.domain.recruiting.models import Application, Candidate, PipelineStage, StageOutcome

    client_id = requisition.client_id
    stages = list(PipelineStage.objects.filter(client_id=client_id, outcome=StageOutcome.ACTIVE))
    candidates = Candidate.objects.bulk_create(
        Candidate(full_name=f"Candidate {index}", email=f"c{index}@bench.test", email_normalised=f"c{index}@bench.test")
        for index in range(start, stop)
    )
    now = timezone.now()
    Application.objects.bulk_create(
        Application(
            client_id=client_id,
            requisition=requisition,
            candidate=candidate,
            stage=stages[index % len(stages)],
            stage_entered_at=now,
            tags=["bench"] if index % 3 == 0 else [],
        )
        for index, candidate in enumerate(candidates)
    )


def measure(path: str, recruiter: Any, renders: int) -> dict[str, float]:
    from django.db import connection
    from django.test import Client

    browser = Client()
    browser.force_login(recruiter)
    assert browser.get(path).status_code == 200  # warm-up: session, content types, template cache
    statements: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = browser.get(path)
    assert response.status_code == 200, response.status_code
    cards = response.content.count(b"data-application-id=")
    times = []
    for _ in range(renders):
        started = time.perf_counter()
        browser.get(path)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "queries": len(statements),
        "cards": cards,
        "p50_ms": round(statistics.median(times), 1),
        "p90_ms": round(times[int(0.9 * (len(times) - 1))], 1),
    }


def run_backend(backend: str, renders: int) -> dict[str, dict[str, float]]:
    if backend == "postgres":
        recreate_postgres()
        setup_django(f"{SERVER}/{DATABASE}")
    else:
        folder = tempfile.mkdtemp(prefix="bench-board-")
        setup_django(f"sqlite:///{folder}/board.sqlite3")
    requisition, recruiter = build_world()
    path = f"/recruiting/requisitions/{requisition.pk}/board/"
    results: dict[str, dict[str, float]] = {}
    done = 0
    for size in SIZES:
        add_applications(requisition, done, size)
        done = size
        results[str(size)] = measure(path, recruiter, renders)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--renders", type=int, default=20)
    parser.add_argument("--json", action="store_true", help="(internal) print one backend's results as JSON")
    args = parser.parse_args()
    if args.backend != "both":
        results = run_backend(args.backend, args.renders)
        print(json.dumps(results) if args.json else results)
        return
    print(f"{'backend':<10} {'N':>6} {'cards':>6} {'queries':>8} {'p50 ms':>8} {'p90 ms':>8}")
    for backend in ("sqlite", "postgres"):
        command = [sys.executable, __file__, "--backend", backend, "--renders", str(args.renders), "--json"]
        done = subprocess.run(command, check=True, capture_output=True, text=True)  # noqa: S603 (our own script)
        output = done.stdout.strip().splitlines()[-1]
        for size, row in json.loads(output).items():
            cells = f"{row['cards']:>6.0f} {row['queries']:>8.0f} {row['p50_ms']:>8} {row['p90_ms']:>8}"
            print(f"{backend:<10} {size:>6} {cells}")
        rows = json.loads(output)
        flat = len({row["queries"] for row in rows.values()}) == 1
        print(f"{backend:<10} query count constant in N: {'yes' if flat else 'NO'}")


if __name__ == "__main__":
    main()
