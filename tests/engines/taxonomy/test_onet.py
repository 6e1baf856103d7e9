from __future__ import annotations

from pathlib import Path

import pytest

from handoff.engines.taxonomy import Taxonomy, TaxonomyFormatError, load_onet
from handoff.engines.taxonomy.model import MAX_COOCCURRENCE_WEIGHT, SAME_GROUP_WEIGHT
from handoff.engines.taxonomy.onet import credit, skill_alias_candidates


def test_occupations_titles_and_short_titles_are_read(small: Taxonomy) -> None:
    assert len(small.occupations) == 5
    assert small.occupations["15-1252.00"].title == "Software Developers"
    assert small.alternate_titles["29-1141.00"] == ["Registered Nurse (RN)", "Staff Nurse"]
    assert small.short_titles == {"29-1141.00": ["RN"], "13-2011.00": ["CPA"]}
    assert small.sources == {"onet": "29.2"}


def test_related_occupations_are_ordered_by_the_release_index(small: Taxonomy) -> None:
    assert small.related_occupations["15-1251.00"] == ["13-2011.00", "15-1252.00"]


def test_technology_skills_become_skills_with_groups_hot_flags_and_occupations(small: Taxonomy) -> None:
    assert set(small.skills) == {
        "onet:python",
        "onet:oracle-java",
        "onet:structured-query-language-sql",
        "onet:microsoft-excel",
        "onet:c++",
        "onet:epic-systems",
        "onet:salesforce-software",
        "onet:intuit-quickbooks",
    }
    assert small.occupation_skills["15-1251.00"] == {
        "onet:python",
        "onet:oracle-java",
        "onet:c++",
        "onet:structured-query-language-sql",
        "onet:microsoft-excel",
    }
    assert small.skill_groups["onet:python"] == {"43232405"}
    assert small.group_names["43232405"] == "Object or component oriented development software"
    assert "onet:salesforce-software" not in small.hot_skills
    assert "onet:python" in small.hot_skills
    assert small.skill_occupations("onet:microsoft-excel") == set(small.occupations)


def test_derived_aliases_cover_acronyms_vendors_and_synonyms(small: Taxonomy) -> None:
    assert small.skill_aliases["sql"] == "onet:structured-query-language-sql"
    assert small.skill_aliases["structured query language"] == "onet:structured-query-language-sql"
    assert small.skill_aliases["java"] == "onet:oracle-java"
    assert small.skill_aliases["excel"] == "onet:microsoft-excel"
    assert small.skill_aliases["ms excel"] == "onet:microsoft-excel"
    assert small.skill_aliases["quickbooks"] == "onet:intuit-quickbooks"
    assert "python" not in small.skill_aliases, "a skill's own name is an exact match, never an alias"


def test_alias_candidates_of_one_name() -> None:
    assert skill_alias_candidates("Microsoft SQL Server Integration Services SSIS") == [
        "ssis",
        "microsoft sql server integration services",
        "sql server integration services ssis",
    ]
    assert skill_alias_candidates("Python Tools for Visual Studio (PTVS)") == ["python tools for visual studio", "ptvs"]
    assert skill_alias_candidates("Python") == []


def test_related_skills_follow_the_documented_rule(small: Taxonomy) -> None:
    related = small.related_skills("onet:python")
    assert "onet:python" not in related
    # same commodity class (43232405) and listed for the same two occupations: Jaccard 1 → capped
    assert related["onet:oracle-java"] == MAX_COOCCURRENCE_WEIGHT
    assert related["onet:c++"] == SAME_GROUP_WEIGHT  # same class; shares only one occupation
    # different class, both occupations shared: Jaccard 2/2
    assert related["onet:structured-query-language-sql"] == MAX_COOCCURRENCE_WEIGHT
    # Excel is listed for all 5 occupations, python for 2 of them: Jaccard 2/5
    assert related["onet:microsoft-excel"] == pytest.approx(0.4)
    assert "onet:epic-systems" not in related  # another class, no shared occupation
    assert "onet:salesforce-software" not in related
    assert all(0 < weight < 1 for weight in related.values())
    assert small.related_skills("onet:no-such-skill") == {}


def test_json_snapshot_round_trips(small: Taxonomy) -> None:
    again = Taxonomy.from_json(small.to_json())
    assert again == small
    assert again.related_skills("onet:python") == small.related_skills("onet:python")


def test_unknown_snapshot_format_is_refused() -> None:
    with pytest.raises(ValueError, match="format"):
        Taxonomy.from_json('{"format": 99}')


def test_a_folder_without_occupation_data_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TaxonomyFormatError, match=r"Occupation Data\.txt"):
        load_onet(tmp_path)


def test_a_missing_column_is_named(onet_folder: Path) -> None:
    (onet_folder / "Alternate Titles.txt").write_text("O*NET-SOC Code\tTitle\n11-1011.00\tBoss\n", encoding="utf-8")
    with pytest.raises(TaxonomyFormatError, match=r"Alternate Titles\.txt: missing column.*Alternate Title"):
        load_onet(onet_folder)


def test_optional_files_may_be_absent(onet_folder: Path) -> None:
    for name in ("Alternate Titles.txt", "Related Occupations.txt", "Technology Skills.txt", "Read Me.txt"):
        (onet_folder / name).unlink()
    taxonomy = load_onet(onet_folder)
    assert len(taxonomy.occupations) == 5
    assert taxonomy.skills == {}
    assert taxonomy.sources == {"onet": "29.2"}


def test_the_credit_names_the_release_and_the_licence() -> None:
    text = credit("30.0")
    assert "O*NET® 30.0 Database" in text
    assert "USDOL/ETA" in text
    assert "CC BY 4.0" in text
