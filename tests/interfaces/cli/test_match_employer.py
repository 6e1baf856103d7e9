"""A job posting's skills leave out the employer's own name ("Google" in a Google posting)."""

from __future__ import annotations

from handoff.engines.matching import Weights
from handoff.engines.matching.vocabulary import Vocabulary
from handoff.engines.taxonomy.model import Skill, Taxonomy
from handoff.interfaces.cli.matching import build_query


def vocabulary() -> Vocabulary:
    names = {"onet:google": "Google", "onet:kubernetes": "Kubernetes", "onet:python": "Python"}
    return Vocabulary(Taxonomy(skills={key: Skill(key, name, "onet") for key, name in names.items()}))


def test_the_employers_own_name_is_not_a_skill_of_its_posting() -> None:
    words = vocabulary()
    job = {
        "title": "Software Engineer",
        "company": "Google",
        "description": "Build Google's cloud with Kubernetes.",
        "qualifications": ["Experience with Python required."],
    }
    query = build_query(job, words, Weights(), 10)
    assert query.requisition.required_skills == ("onet:python",)
    assert query.requisition.preferred_skills == ("onet:kubernetes",)
    other = build_query({**job, "company": "Acme"}, words, Weights(), 10)
    assert "onet:google" in other.requisition.preferred_skills
