"""Benchmark: job-title normalisation (O*NET reported titles → occupation), MRR@10 and speed.

Queries: every row of O*NET 29.2's "Sample of Reported Titles" (7,796 titles people reported
for their job, each with the occupation it was filed under). Relevance: that occupation only.
Score: mean reciprocal rank of it among the first 10 occupations returned (0 when absent).

Systems, side by side in one run:
- ``normaliser``: ``handoff.engines.taxonomy.Normaliser`` (exact → alias → rapidfuzz);
- ``tfidf``: the baseline — sklearn ``TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4))``
  fitted on one document per occupation (title + description), cosine similarity;
- ``tfidf+alt``: the same with each occupation's alternate titles appended to its document
  (a stronger peer that sees the same vocabulary as the normaliser).

Two settings:
- ``all``: the taxonomy as released. Every reported title is also one of its occupation's
  alternate titles, so this mostly measures the exact/alias lookup.
- ``held-out``: every alternate or short title equal — after title normalisation, whole or
  by its bracketed parts — to a form of any reported title is removed before the normaliser
  (and ``tfidf+alt``) are built. The reported titles are then unseen strings; only the
  occupation titles, descriptions and the remaining alternate titles can answer.

Run: .venv/bin/python bench/bench_title_normalisation.py [--sample N] [--repeat R]
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]

from handoff.engines.taxonomy import Normaliser, Taxonomy, load_onet
from handoff.engines.taxonomy.text import normalise_title, title_variants

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "onet_29_2"
TOP = 10
Query = tuple[str, str]  # (reported title, occupation code)
Ranker = Callable[[str], list[str]]


def reported_titles(folder: Path) -> list[Query]:
    with (folder / "Sample of Reported Titles.txt").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
    return [(row[1], row[0]) for row in rows if len(row) >= 2]


def _forms(title: str) -> set[str]:
    return {normalise_title(variant) for variant in title_variants(title)} - {""}


def held_out(taxonomy: Taxonomy, queries: Sequence[Query]) -> Taxonomy:
    """The taxonomy without any alternate/short title that shares a normalised form with a reported title."""
    banned = set().union(*(_forms(title) for title, _ in queries))
    keep = {code: [t for t in titles if not (_forms(t) & banned)] for code, titles in taxonomy.alternate_titles.items()}
    shorts = {code: [t for t in titles if not (_forms(t) & banned)] for code, titles in taxonomy.short_titles.items()}
    return replace(taxonomy, alternate_titles=keep, short_titles=shorts, _skill_occupations=None, _group_members=None)


def ambiguity_ceiling(queries: Sequence[Query]) -> float:
    """The best MRR any system can reach: a title reported for k occupations ranks them 1..k at best."""
    codes: dict[str, set[str]] = {}
    for title, code in queries:
        codes.setdefault(title, set()).add(code)
    best = [sum(1 / rank for rank in range(1, len(shared) + 1)) / len(shared) for shared in codes.values()]
    weights = [len(shared) for shared in codes.values()]
    return sum(b * w for b, w in zip(best, weights, strict=True)) / sum(weights)


def normaliser_ranker(taxonomy: Taxonomy) -> Ranker:
    normaliser = Normaliser(taxonomy)
    return lambda title: [match.code for match in normaliser.title(title, limit=TOP)]


def tfidf_ranker(taxonomy: Taxonomy, *, with_alternates: bool) -> Ranker:
    codes = list(taxonomy.occupations)
    documents = []
    for code in codes:
        occupation = taxonomy.occupations[code]
        extra = " ".join(taxonomy.alternate_titles.get(code, [])) if with_alternates else ""
        documents.append(f"{occupation.title} {occupation.description} {extra}")
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=False)
    matrix = vectorizer.fit_transform(documents)

    def rank(title: str) -> list[str]:
        scores = (matrix @ vectorizer.transform([title]).T).toarray().ravel()  # rows are L2-normalised: cosine
        best = np.argsort(-scores, kind="stable")[:TOP]
        return [codes[i] for i in best]

    return rank


def build_ranker(name: str, taxonomy: Taxonomy) -> Ranker:
    if name == "normaliser":
        return normaliser_ranker(taxonomy)
    return tfidf_ranker(taxonomy, with_alternates=name == "tfidf+alt")


def evaluate(rank: Ranker, queries: Sequence[Query]) -> tuple[float, float, float]:
    """(MRR@10, hit@1, seconds) over the queries."""
    started = time.perf_counter()
    reciprocal: list[float] = []
    first: list[float] = []
    for title, code in queries:
        ranked = rank(title)
        position = ranked.index(code) + 1 if code in ranked else 0
        reciprocal.append(1 / position if position else 0.0)
        first.append(1.0 if position == 1 else 0.0)
    return statistics.fmean(reciprocal), statistics.fmean(first), time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sample", type=int, default=0, help="evaluate on N random reported titles (0 = all)")
    parser.add_argument("--repeat", type=int, default=1, help="timing runs per system (median reported)")
    args = parser.parse_args()
    if not DATA.is_dir():
        raise SystemExit(f"{DATA} is absent: this benchmark needs ../shared/data/onet_29_2")
    full = load_onet(DATA)
    queries = reported_titles(DATA)
    hidden = held_out(full, queries)
    if args.sample:
        queries = random.Random(29).sample(queries, args.sample)
    removed = sum(map(len, full.alternate_titles.values())) - sum(map(len, hidden.alternate_titles.values()))
    print(f"{len(queries)} reported titles; held-out setting removes {removed:,} alternate titles")
    print(f"ceiling (titles reported for several occupations): MRR {ambiguity_ceiling(queries):.3f}\n")
    print(f"{'setting':<10} {'system':<12} {'MRR@10':>7} {'hit@1':>7} {'titles/s':>10}   build s")
    for setting, taxonomy in (("all", full), ("held-out", hidden)):
        for name in ("normaliser", "tfidf", "tfidf+alt"):
            started = time.perf_counter()
            rank = build_ranker(name, taxonomy)
            build_seconds = time.perf_counter() - started
            runs = [evaluate(rank, queries) for _ in range(args.repeat)]
            mrr, hit, _ = runs[0]
            seconds = statistics.median(run[2] for run in runs)
            speed = len(queries) / seconds
            print(f"{setting:<10} {name:<12} {mrr:>7.3f} {hit:>7.3f} {speed:>10.0f}   {build_seconds:.1f}")


if __name__ == "__main__":
    main()
