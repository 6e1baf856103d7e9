"""Skills found word for word in free text: ambiguous one-word names are left out; exact names for employers."""

from __future__ import annotations

from handoff.engines.matching.vocabulary import RawVocabulary, Vocabulary
from handoff.engines.taxonomy.model import Occupation, Skill, Taxonomy


def taxonomy() -> Taxonomy:
    names = ["Analyze", "C", "Go", "Kubernetes", "Google", "Microsoft Excel", "Python"]
    ids = {name: "onet:" + name.lower().replace(" ", "-") for name in names}
    skills = {ids[name]: Skill(ids[name], name, "onet") for name in names}
    occupations = {
        "13-2011.00": Occupation("13-2011.00", "Accountants", "Analyze financial information and prepare reports."),
    }
    return Taxonomy(occupations=occupations, skills=skills)


def test_ambiguous_one_word_names_are_not_found_in_free_text() -> None:
    vocabulary = Vocabulary(taxonomy())
    assert vocabulary.ambiguous == {"analyze", "c", "go"}  # a word of a description; one or two letters
    text = "Analyze budgets, go to market with Kubernetes and Microsoft Excel.\nC. Smith, Grade C"
    assert sorted(vocabulary.skills_in_text(text)) == ["onet:kubernetes", "onet:microsoft-excel"]


def test_a_stated_skill_list_still_names_an_ambiguous_skill() -> None:
    vocabulary = Vocabulary(taxonomy())
    assert vocabulary.skill_ids(["C", "Go"]) == ["onet:c", "onet:go"]


def test_named_finds_only_an_exact_name() -> None:
    vocabulary = Vocabulary(taxonomy())
    assert vocabulary.named("Google") == "onet:google"
    assert vocabulary.named("Google LLC") is None
    assert RawVocabulary(["google", "sql"]).named(" Google ") == "google"
    assert RawVocabulary(["sql"]).named("Google") is None
