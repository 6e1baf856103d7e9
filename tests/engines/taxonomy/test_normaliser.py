from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handoff.engines.taxonomy import Normaliser, Taxonomy, normalise, normalise_title
from handoff.engines.taxonomy.normaliser import ALIAS_CONFIDENCE, EXACT_CONFIDENCE, FUZZY_SCALE
from handoff.engines.taxonomy.text import title_variants


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("C++", "c++"),
        ("C#", "c#"),
        (".NET Framework", ".net framework"),
        ("Node.js", "node.js"),
        ("  Microsoft   EXCEL ", "microsoft excel"),
        ("R&D", "r and d"),
        ("Oracle PL/SQL", "oracle pl sql"),
    ],
)
def test_skill_text_normalisation(text: str, key: str) -> None:
    assert normalise(text) == key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Sr. Software Eng.", "senior software engineer"),
        ("Software Developers", "software developer"),
        ("Customer Service Reps", "customer service representative"),
        ("Jr Accountant II", "junior accountant"),
        ("Registered Nurses", "registered nurse"),
        ("Business Analysts", "business analyst"),
        ("Chief Executives", "chief executive"),
        ("Firemen", "fireman"),
        ("VP, Sales", "vice president sale"),
    ],
)
def test_title_normalisation_expands_abbreviations_and_singularises(text: str, key: str) -> None:
    assert normalise_title(text) == key


def test_title_variants_split_brackets() -> None:
    assert title_variants("Registered Nurse (RN)") == ["Registered Nurse (RN)", "Registered Nurse", "RN"]
    assert title_variants("Nurse") == ["Nurse"]


def test_skill_exact_alias_and_fuzzy(normaliser: Normaliser) -> None:
    exact = normaliser.skill("python")
    assert exact is not None
    assert (exact.skill_id, exact.name, exact.method, exact.confidence) == (
        "onet:python",
        "Python",
        "exact",
        EXACT_CONFIDENCE,
    )
    alias = normaliser.skill("MS Excel")
    assert alias is not None
    assert (alias.skill_id, alias.method, alias.confidence) == ("onet:microsoft-excel", "alias", ALIAS_CONFIDENCE)
    fuzzy = normaliser.skill("Microsfot Excel")
    assert fuzzy is not None
    assert (fuzzy.skill_id, fuzzy.method) == ("onet:microsoft-excel", "fuzzy")
    assert 0.75 < fuzzy.confidence < FUZZY_SCALE < ALIAS_CONFIDENCE


def test_unknown_and_empty_skills_give_none(normaliser: Normaliser) -> None:
    assert normaliser.skill("underwater basket weaving") is None
    assert normaliser.skill("   ") is None
    assert normaliser.skill("R") is None, "a one-letter text never fuzzy-matches a longer name"


def test_skills_deduplicates_and_keeps_the_best_confidence(normaliser: Normaliser) -> None:
    matches = normaliser.skills(["Microsfot Excel", "excel", "Microsoft Excel", "nonsense words here", "C++"])
    assert [(m.skill_id, m.method) for m in matches] == [("onet:microsoft-excel", "exact"), ("onet:c++", "exact")]


def test_title_exact_alias_and_fuzzy(normaliser: Normaliser) -> None:
    exact = normaliser.title("Software Developer")[0]
    assert (exact.code, exact.title, exact.method, exact.confidence) == (
        "15-1252.00",
        "Software Developers",
        "exact",
        EXACT_CONFIDENCE,
    )
    alias = normaliser.title("RN")[0]
    assert (alias.code, alias.method, alias.confidence) == ("29-1141.00", "alias", ALIAS_CONFIDENCE)
    fuzzy = normaliser.title("Sr. Java Developper")[0]
    assert (fuzzy.code, fuzzy.method) == ("15-1251.00", "fuzzy")
    assert fuzzy.confidence < ALIAS_CONFIDENCE


def test_title_results_are_ranked_distinct_and_limited(normaliser: Normaliser) -> None:
    matches = normaliser.title("Senior Software Engineer", limit=3)
    assert len(matches) <= 3
    assert matches[0].code == "15-1252.00"
    assert len({m.code for m in matches}) == len(matches)
    assert [m.confidence for m in matches] == sorted((m.confidence for m in matches), reverse=True)
    assert normaliser.title("Software Engineer", limit=0) == []
    assert normaliser.title("!!!") == []


def test_an_alternate_title_shared_by_occupations_splits_the_confidence(small: Taxonomy) -> None:
    small.alternate_titles["15-1252.00"].append("Team Lead")
    small.alternate_titles["43-4051.00"].append("Team Lead")
    matches = Normaliser(small).title("Team Lead")
    assert {m.code for m in matches[:2]} == {"15-1252.00", "43-4051.00"}
    assert all(m.method == "alias" and m.confidence == pytest.approx(ALIAS_CONFIDENCE / 2) for m in matches[:2])


@given(st.data())
def test_every_alias_normalises_to_its_skill(shared_small: Taxonomy, data: st.DataObject) -> None:
    small = shared_small
    normaliser = Normaliser(small)
    alias = data.draw(st.sampled_from(sorted(small.skill_aliases)))
    decorate = data.draw(st.sampled_from([str.upper, str.title, lambda s: f"  {s} ", lambda s: s.replace(" ", "  ")]))
    match = normaliser.skill(decorate(alias))
    assert match is not None
    assert (match.skill_id, match.method) == (small.skill_aliases[alias], "alias")


@given(st.data())
def test_every_skill_name_is_an_exact_match_whatever_its_case(shared_small: Taxonomy, data: st.DataObject) -> None:
    small = shared_small
    normaliser = Normaliser(small)
    skill = data.draw(st.sampled_from(sorted(small.skills.values(), key=lambda s: s.id)))
    text = data.draw(st.sampled_from([skill.name, skill.name.upper(), skill.name.lower()]))
    match = normaliser.skill(text)
    assert match is not None
    assert (match.skill_id, match.method, match.confidence) == (skill.id, "exact", 1.0)


@given(st.text(max_size=40))
def test_normalisation_is_idempotent_and_lookups_never_fail(shared_small: Taxonomy, text: str) -> None:
    assert normalise(normalise(text)) == normalise(text)
    normaliser = Normaliser(shared_small)
    match = normaliser.skill(text)
    assert match is None or 0 < match.confidence <= 1
    titles = normaliser.title(text)
    assert all(0 < m.confidence <= 1 for m in titles)
    assert [m.confidence for m in titles] == sorted((m.confidence for m in titles), reverse=True)
