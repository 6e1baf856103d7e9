"""Scorecard validation, the comparison summary, disagreement flags and blind-until-submitted."""

from handoff.engines.interviews.scorecards import (
    DEFAULT_SCALE,
    Rating,
    RatingScale,
    Recommendation,
    Scorecard,
    summarise,
    validate_scorecard,
    visible_scorecards,
)

KEYS = ["skill:Python", "culture_fit"]


def card(who: str, python: int, culture: int, rec: Recommendation, *, submitted: bool = True) -> Scorecard:
    evidence = "Wrote a correct LRU cache with tests"
    return Scorecard(
        who,
        (Rating("skill:Python", python, evidence), Rating("culture_fit", culture, evidence)),
        rec,
        submitted=submitted,
        notes="Clear reasons",
    )


def test_a_complete_card_is_valid() -> None:
    assert validate_scorecard(card("ana", 3, 2, Recommendation.YES), KEYS) == []


def test_missing_duplicate_unknown_and_out_of_scale_ratings_are_reported() -> None:
    bad = Scorecard(
        "ana",
        (Rating("skill:Python", 3), Rating("skill:Python", 2), Rating("skill:Go", 3), Rating("culture_fit", 9)),
        None,
    )
    problems = {(p.field, p.message) for p in validate_scorecard(bad, KEYS)}
    assert problems == {
        ("ratings.skill:Python", "rated more than once"),
        ("ratings.skill:Go", "not a competency of this round"),
        ("ratings.culture_fit", "score must be 1 to 4"),
        ("recommendation", "give an overall recommendation"),
    }
    missing = Scorecard("ana", (Rating("skill:Python", 3),), Recommendation.YES)
    assert [p.field for p in validate_scorecard(missing, KEYS)] == ["ratings.culture_fit"]


def test_extreme_ratings_and_strong_recommendations_need_evidence() -> None:
    bare = Scorecard("ana", (Rating("skill:Python", 4), Rating("culture_fit", 1, " ")), Recommendation.STRONG_YES)
    messages = [p.message for p in validate_scorecard(bare, KEYS)]
    assert messages == [
        "give evidence for a rating of 4 (Exceeds the bar)",
        "give evidence for a rating of 1 (Strong concerns)",
        "explain a strong recommendation",
    ]
    middle = Scorecard("ana", (Rating("skill:Python", 3), Rating("culture_fit", 2)), Recommendation.NO)
    assert validate_scorecard(middle, KEYS) == []


def test_a_five_point_scale_has_its_own_extremes() -> None:
    five = RatingScale(1, ("1", "2", "3", "4", "5"))
    rated = Scorecard("ana", (Rating("skill:Python", 4), Rating("culture_fit", 5)), Recommendation.YES)
    assert [p.field for p in validate_scorecard(rated, KEYS, five)] == ["ratings.culture_fit"]
    assert DEFAULT_SCALE.high == 4


def test_summary_compares_interviewers_and_flags_a_two_point_spread() -> None:
    summary = summarise([card("ana", 4, 3, Recommendation.YES), card("bob", 2, 3, Recommendation.YES)], KEYS)
    python, culture = summary.competencies
    assert python.scores == {"ana": 4, "bob": 2}
    assert (python.mean, python.spread, python.disagreement) == (3.0, 2, True)
    assert (culture.mean, culture.spread, culture.disagreement) == (3.0, 0, False)
    assert summary.recommendation_split is False
    assert summary.flagged is True


def test_recommendations_on_both_sides_are_a_split() -> None:
    summary = summarise([card("ana", 3, 3, Recommendation.YES), card("bob", 2, 3, Recommendation.NO)], KEYS)
    assert summary.recommendation_split is True
    assert not any(c.disagreement for c in summary.competencies)
    assert summary.flagged is True


def test_agreement_is_not_flagged_and_drafts_are_left_out() -> None:
    cards = [
        card("ana", 3, 3, Recommendation.YES),
        card("bob", 4, 3, Recommendation.STRONG_YES),
        card("cy", 1, 1, Recommendation.STRONG_NO, submitted=False),
    ]
    summary = summarise(cards, KEYS)
    assert summary.flagged is False
    assert set(summary.recommendations) == {"ana", "bob"}
    assert summarise([], KEYS).competencies[0].mean is None


def test_others_cards_stay_hidden_until_the_viewer_submits() -> None:
    ana_draft = card("ana", 3, 3, Recommendation.YES, submitted=False)
    bob = card("bob", 2, 2, Recommendation.NO)
    cy_draft = card("cy", 1, 1, Recommendation.NO, submitted=False)
    assert visible_scorecards("ana", [ana_draft, bob, cy_draft]) == [ana_draft]
    ana = card("ana", 3, 3, Recommendation.YES)
    assert visible_scorecards("ana", [ana, bob, cy_draft]) == [ana, bob]
    assert visible_scorecards("recruiter", [ana, bob, cy_draft]) == []
    assert visible_scorecards("recruiter", [ana, bob, cy_draft], sees_all=True) == [ana, bob]
