"""`handoff taxonomy import`: counts and credits printed, clear errors, the URL form over local HTTP."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from handoff.domain.taxonomy.models import ImportRun, Occupation
from tests.engines.taxonomy.builders import serve_folder, write_esco, write_onet, write_onet_zip

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command("taxonomy", *args, stdout=out)
    return out.getvalue()


def test_import_from_folders_prints_counts_and_both_credits(tmp_path: Path) -> None:
    onet = write_onet(tmp_path / "onet")
    esco = write_esco(tmp_path / "esco_v1_0_8_csv")
    output = _run("import", "--onet", str(onet), "--esco", str(esco))
    assert "Imported onet 29.2, esco v1.0.8" in output
    assert re.search(r"occupations\s+5\n", output)
    assert "O*NET® 29.2 Database by the U.S. Department of Labor" in output
    assert "CC BY 4.0" in output
    assert "ESCO" in output
    assert "European Union" in output
    assert Occupation.objects.count() == 5


def test_without_esco_only_onet_is_credited(tmp_path: Path) -> None:
    output = _run("import", "--onet", str(write_onet(tmp_path / "onet")))
    assert "O*NET®" in output
    assert "European Union" not in output


def test_import_from_a_url(tmp_path: Path) -> None:
    www = tmp_path / "www"
    www.mkdir()
    write_onet_zip(www / "db_29_2_text.zip")
    with serve_folder(www) as base:
        output = _run("import", "--onet-url", f"{base}/db_29_2_text.zip")
    assert re.search(r"occupations\s+5\n", output)
    assert ImportRun.objects.get().status == ImportRun.Status.SUCCEEDED


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import", "--onet", "/no/such/folder"], "no such folder"),
        (["import", "--onet-url", "ftp://example.invalid/x.zip"], "Only http"),
    ],
)
def test_bad_sources_give_a_command_error(args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        _run(*args)
    assert not Occupation.objects.exists()


def test_a_folder_that_is_not_a_release_gives_a_command_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="not an O\\*NET text release"):
        _run("import", "--onet", str(tmp_path))
    assert ImportRun.objects.get().status == ImportRun.Status.FAILED


def test_a_missing_esco_folder_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="--esco"):
        _run("import", "--onet", str(write_onet(tmp_path / "onet")), "--esco", str(tmp_path / "nope"))
    assert not ImportRun.objects.exists()


def test_the_two_onet_sources_are_exclusive(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="not allowed with"):
        _run("import", "--onet", str(tmp_path), "--onet-url", "http://127.0.0.1/x.zip")
