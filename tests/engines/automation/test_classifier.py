"""The classifier on synthetic data, and on the ServiceNow incident log when ../shared/data is present."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from handoff.engines.automation.classifier import NotEnoughData, item_text, majority_accuracy, train
from handoff.engines.automation.incident_log import read_incidents, split_by_time

ROOT = Path(__file__).resolve().parents[3]
LOG = ROOT.parent / "shared" / "data" / "servicenow_incident_event_log" / "ServiceNow-Kaggle.csv.zip"

TOPICS = {
    "refunds": ["refund", "money back", "charged twice", "reimburse"],
    "shipping": ["parcel", "delivery late", "tracking number", "courier"],
    "accounts": ["password reset", "login fails", "locked out", "two factor"],
}


def synthetic(n: int, seed: int) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    texts, labels = [], []
    for _ in range(n):
        label = rng.choice(sorted(TOPICS))
        words = " ".join(rng.sample(TOPICS[label], 2))
        texts.append(item_text({"channel": rng.choice(["email", "phone"])}, f"Customer says {words} please help"))
        labels.append(label)
    return texts, labels


def test_learns_topics_and_reports_calibrated_confidences() -> None:
    texts, labels = synthetic(150, seed=1)
    model = train(texts, labels)
    test_texts, test_labels = synthetic(60, seed=2)
    assert model.accuracy(test_texts, test_labels) >= 0.95
    prediction = model.predict(item_text({"channel": "email"}, "I was charged twice, refund please"))
    assert prediction.label == "refunds"
    assert 0.5 < prediction.confidence <= 1.0
    assert abs(sum(p for _, p in prediction.ranked) - 1.0) < 1e-6  # three classes, all ranked


def test_item_text_turns_fields_into_single_tokens() -> None:
    assert item_text({"Category": "Category 55", "empty": ""}, " lost card ") == "category_category_55 lost card"


def test_refuses_too_little_or_single_label_history() -> None:
    with pytest.raises(NotEnoughData):
        train(["a"] * 5, ["x"] * 5)
    with pytest.raises(NotEnoughData):
        train(["a b"] * 20, ["x"] * 20)


@pytest.mark.skipif(not LOG.is_file(), reason="../shared/data (ServiceNow incident log) is absent")
def test_beats_the_majority_baseline_on_servicenow_assignment_groups() -> None:
    incidents = read_incidents(LOG)[:5000]
    train_rows, test_rows = split_by_time(incidents)
    labels = [i.group for i in train_rows]
    model = train([item_text(i.fields) for i in train_rows], labels, char_ngrams=False)
    test_labels = [i.group for i in test_rows]
    accuracy = model.accuracy([item_text(i.fields) for i in test_rows], test_labels)
    baseline = majority_accuracy(labels, test_labels)
    assert train_rows[-1].opened_at < test_rows[0].opened_at
    assert accuracy > baseline * 1.2, (accuracy, baseline)
