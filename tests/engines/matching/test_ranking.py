"""Ranking with hand-built profiles: obvious orders, explanations, filters, weights and blind mode."""

from __future__ import annotations

import dataclasses
import json
import math
from typing import Any

import pytest

from handoff.engines.matching import MatchIndex, Weights, card_from_resume, profile_from_resume
from handoff.engines.matching.text import tokens
from tests.engines.matching.builders import index_of, profile, query, ranked_ids

PYTHON_DEV = profile(
    "py", "Senior Python developer building Django services and PostgreSQL databases", skills={"python", "django"}
)
JAVA_DEV = profile("java", "Java developer building Spring services", skills={"java", "spring"})
COOK = profile("cook", "Line cook preparing meals in a busy restaurant kitchen", skills={"cooking"})


def test_the_candidate_with_the_words_and_skills_ranks_first() -> None:
    index = index_of(COOK, JAVA_DEV, PYTHON_DEV)
    asked = query("Python Django developer", required_skills=("python", "django"))
    assert ranked_ids(index, asked) == ["py", "java", "cook"]


def test_explanation_lists_matched_missing_and_related_skills_and_factor_contributions() -> None:
    index = index_of(PYTHON_DEV, JAVA_DEV)
    asked = query(
        "Python developer",
        required_skills=("python", "flask"),
        preferred_skills=("docker",),
        related_skills={"flask": {"django": 0.8}},
        related_credit=0.5,
    )
    best = index.rank(asked)[0]
    assert best.id == "py"
    explanation = best.explanation
    assert explanation.matched_required == ("python",)
    assert [(m.skill, m.via, round(m.credit, 3)) for m in explanation.related_required] == [("flask", "django", 0.4)]
    assert explanation.missing_required == ()
    assert explanation.missing_preferred == ("docker",)
    assert set(explanation.matched_terms) == {"python", "developer"}
    # Each wanted skill weighs its rarity in the pool: python is held by 1 of 2 rows (idf ln 2), flask by none (ln 6).
    rare = (math.log(2) * 1.0 + math.log(6) * 0.4) / (math.log(2) + math.log(6))
    assert explanation.factors["required_skills"].value == pytest.approx(rare)
    assert sum(factor.contribution for factor in explanation.factors.values()) == pytest.approx(best.score)
    assert set(explanation.factors) == {"lexical", "required_skills", "preferred_skills"}
    unweighted = index.rank(dataclasses.replace(asked, skill_rarity=False))[0].explanation
    assert unweighted.factors["required_skills"].value == pytest.approx(0.7)  # the plain mean of 1 and 0.4


def test_a_rare_skill_counts_more_than_a_common_one() -> None:
    common = [profile(f"c{n}", skills={"excel"}) for n in range(8)]
    rare_holder = profile("rare", skills={"kubernetes"})
    excel_holder = profile("excel_only", skills={"excel"})
    index = index_of(*common, rare_holder, excel_holder)
    asked = query(required_skills=("excel", "kubernetes"))
    assert ranked_ids(index, asked)[0] == "rare"
    flat = ranked_ids(index, dataclasses.replace(asked, skill_rarity=False))
    scores = {result.id: result.score for result in index.rank(dataclasses.replace(asked, skill_rarity=False))}
    assert scores["rare"] == pytest.approx(scores["excel_only"])  # unweighted: one skill of two either way
    assert "rare" in flat


def test_related_skill_counts_partly_and_exact_skill_counts_fully() -> None:
    exact = profile("exact", skills={"flask"})
    related = profile("related", skills={"django"})
    neither = profile("neither", skills={"cobol"})
    asked = query(required_skills=("flask",), related_skills={"flask": {"django": 0.8}})
    results = index_of(neither, related, exact).rank(asked)
    assert [r.id for r in results] == ["exact", "related", "neither"]
    assert [round(r.score, 3) for r in results] == [1.0, 0.4, 0.0]


def test_title_uses_related_occupations() -> None:
    same = profile("same", occupations={"15-1252"})
    near = profile("near", occupations={"15-1251"})
    far = profile("far", occupations={"35-2014"})
    asked = query(occupations=("15-1252",), related_occupations={"15-1252": {"15-1251": 0.9}})
    results = index_of(far, near, same).rank(asked)
    assert [r.id for r in results] == ["same", "near", "far"]
    assert results[1].explanation.title is not None
    assert results[1].explanation.title.via == "15-1251"


@pytest.mark.parametrize(
    ("years", "expected"),
    [(None, 0.5), (0.0, 0.0), (2.0, 0.5), (4.0, 1.0), (8.0, 1.0), (10.0, 0.9), (30.0, 0.5)],
)
def test_experience_fit(years: float | None, expected: float) -> None:
    index = index_of(profile("x", years=years))
    result = index.rank(query(min_years=4, max_years=8))[0]
    assert result.explanation.factors["experience"].value == pytest.approx(expected)


@pytest.mark.parametrize(("salary", "expected"), [(None, 0.5), (80_000.0, 1.0), (100_000.0, 1.0), (125_000.0, 0.5)])
def test_salary_fit(salary: float | None, expected: float) -> None:
    result = index_of(profile("x", salary=salary)).rank(query(salary_max=100_000))[0]
    assert result.explanation.factors["salary"].value == pytest.approx(expected)


def test_onsite_location_prefers_city_then_country_and_filters_other_countries() -> None:
    index = index_of(
        profile("berlin", country="de", city="berlin"),
        profile("munich", country="de", city="munich"),
        profile("unknown"),
        profile("paris", country="fr", city="paris"),
        profile("paris-mover", country="fr", city="paris", relocate=True),
    )
    results = index.rank(query(country="DE", city="Berlin"))
    assert [(r.id, r.explanation.factors["location"].value) for r in results] == [
        ("berlin", 1.0),
        ("munich", pytest.approx(0.7)),
        ("paris-mover", 0.5),
        ("unknown", 0.5),
    ]


def test_remote_time_zone_window_filters_and_scores() -> None:
    index = index_of(
        profile("ny", tz_offset=-5.0),
        profile("warsaw", tz_offset=1.0),
        profile("unknown"),
        profile("la", tz_offset=-8.0),
    )
    results = index.rank(query(remote=True, tz_window=(-8.0, -4.0)))
    assert [r.id for r in results] == ["la", "ny", "unknown"]


def test_knockouts_work_authorisation_and_required_languages_are_hard_filters() -> None:
    index = index_of(
        profile("ok", flags={"night_shifts"}, work_authorisations={"us"}, languages={"en", "es"}),
        profile("lives-there", flags={"night_shifts"}, country="us", languages={"en", "es"}),
        profile("no-nights", work_authorisations={"us"}, languages={"en", "es"}),
        profile("no-visa", flags={"night_shifts"}, country="mx", languages={"en", "es"}),
        profile("no-spanish", flags={"night_shifts"}, work_authorisations={"us"}, languages={"en"}),
    )
    asked = query(knockouts=("night_shifts",), work_authorisation="US", required_languages=("es",), remote=True)
    assert sorted(ranked_ids(index, asked)) == ["lives-there", "ok"]
    assert index.score_of("no-visa", asked) is None


def test_preferred_languages_score_the_share_spoken() -> None:
    index = index_of(profile("both", languages={"es", "pt"}), profile("one", languages={"es"}), profile("none"))
    results = index.rank(query(preferred_languages=("es", "pt")))
    assert [(r.id, r.score) for r in results] == [("both", 1.0), ("one", 0.5), ("none", 0.0)]


def test_weights_are_configurable_per_client() -> None:
    words = profile("words", "python python developer", skills=set())
    skills = profile("skills", "cook", skills={"python"})
    index = index_of(words, skills)
    lexical_first = Weights.from_mapping({"lexical": 1, "required_skills": 0.1})
    skills_first = Weights.from_mapping({"lexical": 0.1, "required_skills": 1})
    assert (
        ranked_ids(index, query("python developer", required_skills=("python",), weights=lexical_first))[0] == "words"
    )
    assert (
        ranked_ids(index, query("python developer", required_skills=("python",), weights=skills_first))[0] == "skills"
    )


@pytest.mark.parametrize(
    ("values", "message"),
    [({"lexcal": 1}, "unknown weight"), ({"lexical": -1}, "≥ 0"), (dict.fromkeys(Weights().as_dict(), 0), "above 0")],
)
def test_bad_weights_are_refused_with_a_reason(values: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Weights.from_mapping(values)


def test_top_limits_results_and_ties_break_by_id() -> None:
    index = index_of(*(profile(f"c{n}", "same words") for n in (5, 3, 9, 1)))
    assert ranked_ids(index, query("same words", top=3)) == ["c1", "c3", "c5"]


def test_empty_index_and_query_without_known_words() -> None:
    assert MatchIndex().rank(query("python")) == []
    results = index_of(PYTHON_DEV).rank(query("zzzz unknownword", required_skills=("python",)))
    assert [r.id for r in results] == ["py"]
    assert "lexical" not in results[0].explanation.factors


SAMPLE_RESUME = {
    "basics": {
        "name": "Jordan Kowalska",
        "label": "Data analyst",
        "email": "jordan.k@example.com",
        "phone": "+48 601 234 567",
        "image": "https://example.com/jordan.jpg",
        "summary": "She is 34 years old, married, date of birth 1991-02-03. Jordan analyses sales data with SQL.",
        "location": {"city": "Warsaw", "countryCode": "PL"},
    },
    "work": [{"position": "Data analyst", "name": "Acme", "summary": "Mrs Kowalska built SQL dashboards in Tableau"}],
    "skills": [{"name": "SQL", "keywords": ["Tableau"]}],
    "languages": [{"language": "Polish"}, {"language": "English"}],
    "meta": {"handoff": {"yearsOfExperience": 6.5}},
}


def _with_personal(name: str, pronoun: str, age: int, title: str) -> dict[str, Any]:
    resume: dict[str, Any] = json.loads(json.dumps(SAMPLE_RESUME))
    resume["basics"]["name"] = name
    resume["basics"]["image"] = f"https://example.com/{name.split()[0].lower()}.jpg"
    first, last = name.split()
    resume["basics"]["summary"] = (
        f"{pronoun.capitalize()} is {age} years old, date of birth {2025 - age}-02-03. "
        f"{first} analyses sales data with SQL."
    )
    resume["work"][0]["summary"] = f"{title} {last} built SQL dashboards in Tableau"
    return resume


def test_blind_mode_personal_signals_do_not_change_scores_and_are_absent_from_output() -> None:
    one = profile_from_resume("a", _with_personal("Jordan Kowalska", "she", 34, "Mrs"), skills={"sql"})
    two = profile_from_resume("a", _with_personal("Piotr Nowak", "he", 58, "Mr"), skills={"sql"})
    others = [profile(f"o{n}", "sales data analyst with sql and excel", skills={"excel"}) for n in range(3)]
    asked = query(
        "Data analyst SQL Tableau she he Mrs Mr Jordan Piotr Kowalska Nowak 34 58 married",
        required_skills=("sql",),
        min_years=3,
    )
    first = index_of(one, *others).rank(asked)
    second = index_of(two, *others).rank(asked)
    assert [(r.id, r.score) for r in first] == [(r.id, r.score) for r in second]
    output = json.dumps([r.as_dict() for r in first]).lower()
    for signal in ("jordan", "kowalska", "she", "mrs", "married", "1991", "jordan.jpg", "example.com"):
        assert signal not in output
    assert tokens(one.text) == tokens(two.text)
    assert "kowalska" not in one.text.lower()
    assert (one.years, one.country, one.languages) == (6.5, "pl", frozenset({"polish", "english"}))


def test_blind_card_hides_name_photo_and_contacts() -> None:
    card = card_from_resume("a", SAMPLE_RESUME)
    blind = json.dumps(card.visible(blind=True))
    for hidden in ("Jordan", "jordan.jpg", "example.com", "601"):
        assert hidden not in blind
    assert card.visible(blind=True) == {"id": "a", "label": "Data analyst", "location": "Warsaw, PL"}
    assert card.visible(blind=False)["name"] == "Jordan Kowalska"
