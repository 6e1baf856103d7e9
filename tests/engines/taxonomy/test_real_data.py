"""The engine on the real O*NET 29.2 release and ESCO export in ../shared/data (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from handoff.engines.taxonomy import Normaliser, Taxonomy, add_esco, load_onet

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
ONET = DATA / "onet_29_2"
ESCO = DATA / "esco_v1_0_8_csv"

pytestmark = pytest.mark.skipif(not ONET.is_dir(), reason="../shared/data is absent")


@pytest.fixture(scope="module")
def onet() -> Taxonomy:
    return load_onet(ONET)


@pytest.fixture(scope="module")
def normaliser(onet: Taxonomy) -> Normaliser:
    return Normaliser(onet)


def test_counts_match_the_release(onet: Taxonomy) -> None:
    counts = onet.counts()
    assert counts["occupations"] == 1016
    assert counts["alternate_titles"] == 56560
    assert counts["related_occupations"] == 18460
    assert counts["skills"] == 8768
    assert counts["occupation_skills"] == 32627
    assert 1500 < counts["skill_aliases"] < 5000
    assert onet.sources == {"onet": "29.2"}
    assert len(onet.hot_skills) > 100


@pytest.mark.parametrize(
    ("title", "code"),
    [
        ("Software Developer", "15-1252.00"),
        ("Sr. Software Engineer", "15-1252.00"),
        ("RN", "29-1141.00"),
        ("Registered Nurse", "29-1141.00"),
        ("Staff Nurse", "29-1141.00"),
        ("CPA", "13-2011.00"),
        ("Customer Service Rep", "43-4051.00"),
        ("Data Scientist", "15-2051.00"),
        ("Accountnat", "13-2011.00"),
    ],
)
def test_known_titles_map_to_their_occupation(normaliser: Normaliser, title: str, code: str) -> None:
    assert normaliser.title(title)[0].code == code


@pytest.mark.parametrize(
    ("text", "skill_id", "method"),
    [
        ("Python", "onet:python", "exact"),
        ("excel", "onet:microsoft-excel", "alias"),
        ("SQL", "onet:structured-query-language-sql", "alias"),
        ("k8s", "onet:kubernetes", "alias"),
        ("Javascrpt", "onet:javascript", "fuzzy"),
    ],
)
def test_known_skills(normaliser: Normaliser, text: str, skill_id: str, method: str) -> None:
    match = normaliser.skill(text)
    assert match is not None
    assert (match.skill_id, match.method) == (skill_id, method)


def test_related_skills_of_python_are_programming_tools(onet: Taxonomy) -> None:
    related = onet.related_skills("onet:python")
    top = sorted(related, key=lambda sid: -related[sid])[:10]
    assert {"onet:c++", "onet:oracle-java"} <= set(top)


@pytest.mark.skipif(not ESCO.is_dir(), reason="../shared/data/esco_v1_0_8_csv is absent")
def test_esco_adds_skills_and_links_occupations() -> None:
    taxonomy = add_esco(load_onet(ONET), ESCO)
    esco_skills = [s for s in taxonomy.skills.values() if s.source == "esco"]
    assert 300 < len(esco_skills) < 1000  # the three collections of the v1.0.8 export, minus O*NET duplicates
    assert len(taxonomy.occupation_links) > 500
    assert set(taxonomy.occupation_links.values()) <= set(taxonomy.occupations)


def test_a_title_shared_by_several_occupations_lists_the_closest_first(normaliser: Normaliser) -> None:
    matches = normaliser.title("Truck Driver")
    assert {m.code for m in matches[:2]} == {"53-3032.00", "53-3033.00"}
    assert all(m.method == "alias" for m in matches[:2])
    assert [m.confidence for m in matches] == sorted((m.confidence for m in matches), reverse=True)
