"""Importing the taxonomy into the database: idempotent, recorded, fast enough on the real release."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from handoff.domain.matching.documents import vocabulary
from handoff.domain.taxonomy import selectors
from handoff.domain.taxonomy.actions import import_taxonomy
from handoff.domain.taxonomy.download import DownloadError, safe_extract
from handoff.domain.taxonomy.models import (
    AlternateTitle,
    ImportRun,
    Occupation,
    OccupationLink,
    OccupationSkill,
    RelatedOccupation,
    Skill,
    SkillAlias,
)
from handoff.engines.matching.vocabulary import RawVocabulary, Vocabulary
from handoff.engines.taxonomy import Normaliser, TaxonomyFormatError, load_onet
from tests.engines.taxonomy.builders import serve_folder, write_esco, write_onet, write_onet_zip

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
pytestmark = pytest.mark.django_db


def _table_counts() -> dict[str, int]:
    tables = (Occupation, AlternateTitle, RelatedOccupation, Skill, SkillAlias, OccupationSkill, OccupationLink)
    return {table.__name__: table.objects.count() for table in tables}


@pytest.fixture
def onet_folder(tmp_path: Path) -> Path:
    return write_onet(tmp_path / "onet")


def test_import_writes_every_table_and_records_the_run(onet_folder: Path) -> None:
    result = import_taxonomy(onet_folder)
    assert _table_counts() == {
        "Occupation": 5,
        "AlternateTitle": 13,  # 11 alternate titles + 2 short titles
        "RelatedOccupation": 4,
        "Skill": 8,
        "SkillAlias": result.counts["skill_aliases"],
        "OccupationSkill": 15,
        "OccupationLink": 0,
    }
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.SUCCEEDED
    assert run.sources == {"onet": "29.2"}
    assert run.counts["occupations"] == 5
    assert run.finished_at is not None
    assert Skill.objects.get(pk="onet:python").is_hot
    assert set(Skill.objects.get(pk="onet:python").groups.values_list("code", flat=True)) == {"43232405"}


def test_importing_twice_changes_nothing_but_the_run_log(onet_folder: Path) -> None:
    import_taxonomy(onet_folder)
    first = _table_counts()
    import_taxonomy(onet_folder)
    assert _table_counts() == first
    assert ImportRun.objects.filter(status=ImportRun.Status.SUCCEEDED).count() == 2


def test_a_reimport_updates_in_place_and_keeps_dropped_rows_as_not_current(onet_folder: Path) -> None:
    import_taxonomy(onet_folder)
    data = onet_folder / "Occupation Data.txt"
    lines = data.read_text(encoding="utf-8").splitlines()
    lines = [line.replace("Software Developers", "Software Developers and Engineers") for line in lines]
    data.write_text("\r\n".join(line for line in lines if not line.startswith("13-2011.00")) + "\r\n")
    import_taxonomy(onet_folder)
    assert Occupation.objects.get(pk="15-1252.00").title == "Software Developers and Engineers"
    dropped = Occupation.objects.get(pk="13-2011.00")
    assert not dropped.is_current
    assert not AlternateTitle.objects.filter(occupation=dropped).exists()
    assert Skill.objects.get(pk="onet:intuit-quickbooks").is_current is False
    assert "13-2011.00" not in selectors.load_taxonomy().occupations


def test_load_taxonomy_gives_back_what_the_engine_read(onet_folder: Path, tmp_path: Path) -> None:
    esco = write_esco(tmp_path / "esco_v1_0_8_csv")
    import_taxonomy(onet_folder, esco=esco)
    from handoff.engines.taxonomy import add_esco

    expected = add_esco(load_onet(onet_folder), esco)
    loaded = selectors.load_taxonomy()
    assert loaded.occupations == expected.occupations
    assert loaded.alternate_titles == expected.alternate_titles
    assert loaded.short_titles == expected.short_titles
    assert loaded.related_occupations == expected.related_occupations
    assert loaded.skills == expected.skills
    assert loaded.skill_aliases == expected.skill_aliases
    assert loaded.occupation_skills == expected.occupation_skills
    assert loaded.skill_groups == expected.skill_groups
    assert loaded.hot_skills == expected.hot_skills
    assert loaded.occupation_links == expected.occupation_links
    assert loaded.sources == {"onet": "29.2", "esco": "v1.0.8"}


def test_the_loaded_taxonomy_and_normaliser_are_cached_until_the_next_import(
    onet_folder: Path, django_assert_max_num_queries
) -> None:
    import_taxonomy(onet_folder)
    first = selectors.load_taxonomy()
    with django_assert_max_num_queries(1):
        assert selectors.load_taxonomy() is first
    normaliser = selectors.normaliser()
    assert isinstance(normaliser, Normaliser)
    assert selectors.normaliser() is normaliser
    assert normaliser.title("RN")[0].code == "29-1141.00"
    words = vocabulary()
    with django_assert_max_num_queries(1):
        assert vocabulary() is words
    assert isinstance(words, Vocabulary)
    import_taxonomy(onet_folder)
    assert selectors.load_taxonomy() is not first
    assert selectors.normaliser() is not normaliser
    rebuilt = vocabulary()
    assert rebuilt is not words
    assert isinstance(rebuilt, Vocabulary)
    assert rebuilt.normaliser is selectors.normaliser()


def test_before_any_import_matching_reads_raw_skill_names(db: None) -> None:
    assert isinstance(vocabulary(), RawVocabulary)


def test_a_failed_import_leaves_the_data_and_records_the_error(onet_folder: Path) -> None:
    import_taxonomy(onet_folder)
    before = _table_counts()
    (onet_folder / "Technology Skills.txt").write_text("O*NET-SOC Code\tExample\n", encoding="utf-8")
    with pytest.raises(TaxonomyFormatError, match=r"Technology Skills\.txt"):
        import_taxonomy(onet_folder)
    assert _table_counts() == before
    failed = ImportRun.objects.get(status=ImportRun.Status.FAILED)
    assert "Commodity Code" in failed.error
    assert selectors.latest_import() == ImportRun.objects.get(status=ImportRun.Status.SUCCEEDED)


def test_import_from_the_publishers_zip_url(tmp_path: Path) -> None:
    served = tmp_path / "www"
    served.mkdir()
    write_onet_zip(served / "db_29_2_text.zip")
    with serve_folder(served) as base:
        result = import_taxonomy(f"{base}/db_29_2_text.zip")
    assert result.counts["occupations"] == 5
    assert ImportRun.objects.get().source.endswith("/db_29_2_text.zip")


def test_a_missing_url_fails_cleanly(tmp_path: Path) -> None:
    with serve_folder(tmp_path) as base, pytest.raises(DownloadError, match="Could not download"):
        import_taxonomy(f"{base}/nothing.zip")
    assert ImportRun.objects.get().status == ImportRun.Status.FAILED


def test_other_url_schemes_are_refused() -> None:
    from handoff.domain.taxonomy.download import download

    with pytest.raises(DownloadError, match="Only http"):
        download("file:///etc/passwd", Path("never.zip"))


@pytest.mark.parametrize("name", ["../escape.txt", "/abs/Occupation Data.txt", "a/../../b.txt"])
def test_zip_members_outside_the_folder_are_refused(tmp_path: Path, name: str) -> None:
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr(name, "x")
    with pytest.raises(DownloadError, match="outside the folder"):
        safe_extract(archive, tmp_path / "out")
    assert not (tmp_path / "escape.txt").exists()


def test_a_file_that_is_not_a_zip_is_refused(tmp_path: Path) -> None:
    archive = tmp_path / "release.zip"
    archive.write_text("<html>not found</html>")
    with pytest.raises(DownloadError, match="not a valid zip"):
        safe_extract(archive, tmp_path / "out")


@pytest.mark.skipif(not (DATA / "onet_29_2").is_dir(), reason="../shared/data is absent")
def test_the_real_release_imports_quickly_and_twice_without_duplicates() -> None:
    started = time.perf_counter()
    result = import_taxonomy(DATA / "onet_29_2")
    first_seconds = time.perf_counter() - started
    counts = _table_counts()
    assert counts["Occupation"] == 1016
    assert counts["Skill"] == 8768
    assert counts["OccupationSkill"] == 32627
    assert counts["RelatedOccupation"] == 18460
    assert (
        counts["AlternateTitle"]
        == result.counts["alternate_titles"]
        + sum(len(titles) for titles in load_onet(DATA / "onet_29_2").short_titles.values())
        - _duplicate_alternate_titles()
    )
    started = time.perf_counter()
    import_taxonomy(DATA / "onet_29_2")
    second_seconds = time.perf_counter() - started
    assert _table_counts() == counts
    print(f"\nreal O*NET 29.2 import: {first_seconds:.1f} s, re-import {second_seconds:.1f} s")
    assert first_seconds < 90, "bulk writes in batches keep the import in seconds, not minutes"
    taxonomy = selectors.load_taxonomy()
    assert Normaliser(taxonomy).title("Registered Nurse")[0].code == "29-1141.00"


def _duplicate_alternate_titles() -> int:
    """Alternate titles listed twice for one occupation in the release (stored once)."""
    taxonomy = load_onet(DATA / "onet_29_2")
    return sum(len(titles) - len(set(titles)) for titles in taxonomy.alternate_titles.values()) + sum(
        len(titles) - len(set(titles)) for titles in taxonomy.short_titles.values()
    )
