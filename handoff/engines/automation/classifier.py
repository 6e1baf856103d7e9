"""A text classifier for work items: TF-IDF word and character n-grams, and logistic regression.

One model per client and per target (the queue, the category), trained on that client's past items.
An item becomes one string (:func:`item_text`): its categorical fields as ``field=value`` tokens and its
free text. Word 1–2-grams catch the tokens and phrases, character 2–5-grams (within words) catch
spelling variants. Logistic regression (the saga solver: about a second where lbfgs took minutes on
sixty classes) gives probabilities directly; :meth:`TextClassifier.predict` returns the best label and
its probability, which the domain compares with the client's confidence threshold.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

MIN_SAMPLES = 10
MIN_CLASSES = 2
TOKEN_JUNK = re.compile(r"[^0-9a-z]+")


class NotEnoughData(ValueError):
    """Too few items (or only one label) to learn from."""


def _token(name: str, value: object) -> str:
    return f"{TOKEN_JUNK.sub('_', name.casefold())}_{TOKEN_JUNK.sub('_', str(value).casefold()).strip('_')}"


def item_text(fields: Mapping[str, object], text: str = "") -> str:
    """One string per item: each categorical field as a single token, then the free text."""
    tokens = [_token(name, value) for name, value in sorted(fields.items()) if value not in (None, "")]
    return " ".join([*tokens, text.strip()]).strip()


@dataclass(frozen=True)
class Prediction:
    label: str
    confidence: float
    ranked: tuple[tuple[str, float], ...]  # the best labels with their probabilities, best first


@dataclass
class TextClassifier:
    pipeline: Pipeline
    labels: tuple[str, ...]

    def predict(self, text: str, top: int = 3) -> Prediction:
        return self.predict_many([text], top)[0]

    def predict_many(self, texts: Sequence[str], top: int = 3) -> list[Prediction]:
        probabilities = self.pipeline.predict_proba(list(texts))
        classes = [str(label) for label in self.pipeline.classes_]
        predictions = []
        for row in probabilities:
            order = np.argsort(row)[::-1][:top]
            ranked = tuple((classes[i], float(row[i])) for i in order)
            predictions.append(Prediction(ranked[0][0], ranked[0][1], ranked))
        return predictions

    def accuracy(self, texts: Sequence[str], labels: Sequence[str]) -> float:
        if not texts:
            return 0.0
        predicted = self.pipeline.predict(list(texts))
        return float(np.mean([str(p) == str(t) for p, t in zip(predicted, labels, strict=True)]))


def _pipeline(max_iter: int, char_ngrams: bool) -> Pipeline:
    parts: list[tuple[str, TfidfVectorizer]] = [
        ("words", TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True, token_pattern=r"[^\s]+")),  # noqa: S106 (a regex, not a password)
    ]
    if char_ngrams:
        parts.append(("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True)))
    return Pipeline(
        [
            ("features", FeatureUnion(parts)),
            ("model", LogisticRegression(C=4.0, solver="saga", tol=1e-3, max_iter=max_iter)),
        ],
    )


def train(
    texts: Sequence[str], labels: Sequence[str], *, max_iter: int = 200, char_ngrams: bool = True
) -> TextClassifier:
    """Fit a classifier; NotEnoughData with fewer than 10 items or fewer than two labels."""
    if len(texts) != len(labels):
        raise ValueError("one label per text")
    if len(texts) < MIN_SAMPLES:
        raise NotEnoughData(f"at least {MIN_SAMPLES} past items are needed, there are {len(texts)}")
    names = [str(label) for label in labels]
    if len(set(names)) < MIN_CLASSES:
        raise NotEnoughData("the past items all have the same label: there is nothing to choose between")
    pipeline = _pipeline(max_iter, char_ngrams)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # saga stops at max_iter; accuracy is what is measured
        pipeline.fit(list(texts), names)
    return TextClassifier(pipeline, tuple(str(label) for label in pipeline.classes_))


def majority_label(labels: Sequence[str]) -> str:
    return Counter(labels).most_common(1)[0][0]


def majority_accuracy(train_labels: Sequence[str], test_labels: Sequence[str]) -> float:
    """The baseline: always answer the most common label of the training data."""
    if not test_labels:
        return 0.0
    label = majority_label(train_labels)
    return sum(1 for value in test_labels if value == label) / len(test_labels)
