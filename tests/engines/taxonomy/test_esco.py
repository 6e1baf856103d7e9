from __future__ import annotations

from pathlib import Path

import pytest

from handoff.engines.taxonomy import Normaliser, Taxonomy, add_esco
from handoff.engines.taxonomy.esco import labels
from tests.engines.taxonomy.builders import ESCO, write_esco


@pytest.fixture
def with_esco(small: Taxonomy, tmp_path: Path) -> Taxonomy:
    return add_esco(small, write_esco(tmp_path / "esco_v1_0_8_csv"))


def test_esco_skills_are_added_with_aliases_and_groups(with_esco: Taxonomy) -> None:
    skill = with_esco.skills["esco:aaaa-1111"]
    assert (skill.name, skill.source) == ("give advice to others", "esco")
    assert with_esco.skill_aliases["counsel others"] == "esco:aaaa-1111"
    assert with_esco.skill_groups["esco:aaaa-1111"] == {"esco:S1.5.0"}
    assert with_esco.group_names["esco:S1.5.0"] == "advising and consulting"
    assert with_esco.sources["esco"] == "v1.0.8"


def test_an_esco_skill_named_like_an_onet_skill_is_merged_into_it(with_esco: Taxonomy) -> None:
    assert "esco:bbbb-2222" not in with_esco.skills
    assert with_esco.skill_aliases["python programming"] == "onet:python"


def test_esco_occupations_link_only_when_the_title_names_one_onet_occupation(with_esco: Taxonomy) -> None:
    assert with_esco.occupation_links == {f"{ESCO}/occupation/cccc-3333": "15-1252.00"}
    titles = with_esco.alternate_titles["15-1252.00"]
    assert "application programmer" in titles
    assert sum(title.lower() == "software engineer" for title in titles) == 1, "no duplicate alternate titles"


def test_esco_vocabulary_reaches_the_normaliser(with_esco: Taxonomy) -> None:
    normaliser = Normaliser(with_esco)
    match = normaliser.skill("Counsel Others")
    assert match is not None
    assert (match.skill_id, match.method) == ("esco:aaaa-1111", "alias")
    assert normaliser.title("Application Programmer")[0].code == "15-1252.00"


def test_labels_split_on_new_lines_and_bars() -> None:
    assert labels("a | b\nc\n\n") == ["a", "b", "c"]
    assert labels(None) == []


def test_a_folder_without_esco_files_is_refused(small: Taxonomy, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no ESCO CSV"):
        add_esco(small, tmp_path)
