"""`handoff import_candidates`: a file imported from the command line, with its mapping and report."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from handoff.domain.recruiting.models import Candidate
from tests.personas import World


def run(*args: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_candidates", *args, stdout=out, stderr=err)
    return out.getvalue()


def test_import_with_mapping_and_report(world: World, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("Who,Mail\nAl Ok,al@mail.test\nNo Mail,\nDup,AL@mail.test\n", encoding="utf-8")
    report = tmp_path / "report.json"
    out = run(
        str(path),
        "--mapping",
        "Who=full_name,Mail=email",
        "--report",
        str(report),
        "--user",
        "recruiter_a@provider.test",
    )
    assert "3 rows read, 1 accepted, 2 rejected" in out
    assert Candidate.objects.get(email="al@mail.test").created_by == world.users["recruiter_a"]
    rows = json.loads(report.read_text())
    assert [row["row"] for row in rows] == [2, 3]
    assert "duplicate" in rows[1]["reasons"][0]


def test_errors(world: World, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no such file"):
        run(str(tmp_path / "missing.csv"))
    bad = tmp_path / "cv.pdf"
    bad.write_bytes(b"%PDF")
    with pytest.raises(CommandError, match=r"Choose a \.csv"):
        run(str(bad))
    path = tmp_path / "x.csv"
    path.write_text("A,B\n1,2\n")
    with pytest.raises(CommandError, match="full name"):
        run(str(path), "--no-progress")
    with pytest.raises(CommandError, match="not HEADER=field"):
        run(str(path), "--mapping", "oops")
    with pytest.raises(CommandError):
        run(str(path), "--user", "hr_admin.a@example.test", "--mapping", "A=full_name,B=email")
