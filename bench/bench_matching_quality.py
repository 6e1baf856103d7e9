"""Matching quality: nDCG@10 ranking LiveCareer resumes for Google job postings, against bm25s and TF-IDF.

Usage: .venv/bin/python bench/bench_matching_quality.py [--per-category 20]

Corpus: the 2,484 LiveCareer resumes (../shared/data/livecareer_resumes_2484/
resumes_text_from_pdf.csv, pdftotext of every PDF; UNCLEAR licence: measure only).
Queries: Google postings (../shared/data/google_job_skills) of the categories that
have an unambiguous LiveCareer counterpart (``CATEGORY``), up to N per category
(seeded sample); query text = title, responsibilities, minimum and preferred
qualifications. A resume is relevant when its category is the mapped one (binary).
Every method ranks the same texts for the same queries; nothing is tuned per query.

Methods: bm25s (its English stop words, k1 1.5, b 0.75 defaults), scikit-learn
TF-IDF (English stop words, sublinear tf, cosine), ours with only the lexical factor,
and ours with every factor: skills found word for word in resume and posting
through the O*NET taxonomy (posting skills on requirement lines required, others
preferred; related skills partly; the employer's own name and ambiguous one-word
names are not skills), the posting title's occupation against the resume titles'
(related occupations partly), years of experience from the parser. Last, weights of
the skill and title factors chosen on half the postings are reported on the other half.
"""

from __future__ import annotations

import argparse
import csv
import functools
import math
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from handoff.engines.matching import MatchIndex, Profile, Query, Requisition, Weights
from handoff.engines.resumes import parse_profile
from handoff.engines.taxonomy import load_onet

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
RESUMES = DATA / "livecareer_resumes_2484" / "resumes_text_from_pdf.csv"
JOBS = DATA / "google_job_skills" / "job_skills.csv"
ONET = DATA / "onet_29_2"
K = 10

# Google category → the LiveCareer category holding the same kind of work (only clear pairs).
CATEGORY = {
    "Finance": "FINANCE",
    "Sales & Account Management": "SALES",
    "Software Engineering": "INFORMATION-TECHNOLOGY",
    "Technical Solutions": "INFORMATION-TECHNOLOGY",
    "IT & Data Management": "INFORMATION-TECHNOLOGY",
    "Network Engineering": "INFORMATION-TECHNOLOGY",
    "People Operations": "HR",
    "User Experience & Design": "DESIGNER",
    "Legal & Government Relations": "ADVOCATE",
    "Hardware Engineering": "ENGINEERING",
    "Business Strategy": "CONSULTANT",
    "Marketing & Communications": "PUBLIC-RELATIONS",
}

Ranker = Callable[[str], Sequence[int]]


def load_resumes() -> tuple[list[str], list[str]]:
    texts, categories = [], []
    with RESUMES.open(newline="") as handle:
        for row in csv.DictReader(handle):
            texts.append(row["Resume_text"])
            categories.append(row["Category"])
    return texts, categories


def load_jobs(per_category: int, seed: int = 5) -> list[tuple[dict[str, str], str]]:
    with JOBS.open(newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["Category"] in CATEGORY]
    rng = np.random.default_rng(seed)
    picked: list[tuple[dict[str, str], str]] = []
    for category in sorted(CATEGORY):
        rows_of = [row for row in rows if row["Category"] == category]
        for i in sorted(rng.choice(len(rows_of), min(per_category, len(rows_of)), replace=False)):
            picked.append((rows_of[int(i)], CATEGORY[category]))
    return picked


def posting_text(job: dict[str, str]) -> str:
    keys = ("Title", "Responsibilities", "Minimum Qualifications", "Preferred Qualifications")
    return "\n".join(job[key] for key in keys)


def ndcg(ranked: Sequence[int], relevant: set[int]) -> float:
    gain = sum(1 / math.log2(i + 2) for i, doc in enumerate(ranked[:K]) if doc in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(K, len(relevant))))
    return gain / ideal if ideal else 0.0


def precision(ranked: Sequence[int], relevant: set[int]) -> float:
    return sum(doc in relevant for doc in ranked[:K]) / K


def bm25s_ranker(texts: list[str]) -> Ranker:
    import bm25s  # type: ignore[import-untyped]

    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize(texts, stopwords="en", show_progress=False), show_progress=False)

    def rank(query: str) -> Sequence[int]:
        found, _ = retriever.retrieve(
            bm25s.tokenize([query], stopwords="en", show_progress=False), k=K, show_progress=False
        )
        return [int(doc) for doc in found[0]]

    return rank


def tfidf_ranker(texts: list[str]) -> Ranker:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    matrix = vectorizer.fit_transform(texts)

    def rank(query: str) -> Sequence[int]:
        scores = (matrix @ vectorizer.transform([query]).T).toarray().ravel()
        return [int(doc) for doc in np.argsort(-scores, kind="stable")[:K]]

    return rank


def ours_lexical(texts: list[str]) -> Callable[[str], Sequence[int]]:
    index = MatchIndex()
    index.add_many(Profile(id=f"{n:05d}", text=text) for n, text in enumerate(texts))
    only_lexical = Weights.from_mapping(dict.fromkeys(Weights().as_dict(), 0) | {"lexical": 1})

    def rank(query: str) -> Sequence[int]:
        return [int(result.id) for result in index.rank(Query(Requisition(text=query), weights=only_lexical, top=K))]

    return rank


def ours_full(texts: list[str]) -> Callable[[dict[str, str], Weights, bool], Sequence[int]]:
    from handoff.interfaces.cli.matching import Vocabulary, build_query

    vocabulary = Vocabulary(load_onet(ONET), label="O*NET 29.2")
    index = MatchIndex()
    for n, text in enumerate(texts):
        resume = parse_profile(text)
        titles = [line.strip() for line in text.splitlines()[:1] if line.strip()]
        titles += [str(entry.get("position", "")) for entry in resume["work"][:2] if entry.get("position")]
        index.add(
            Profile(
                id=f"{n:05d}",
                text=text,
                skills=frozenset(vocabulary.skills_in_text(text)),
                occupations=frozenset(vocabulary.occupations(titles)),
                years=float(resume["meta"]["handoff"]["yearsOfExperience"]) or None,
            )
        )

    def rank(job: dict[str, str], weights: Weights, rarity: bool) -> Sequence[int]:
        as_schema = {
            "title": job["Title"],
            "company": job["Company"],
            "description": job["Responsibilities"],
            "qualifications": job["Minimum Qualifications"].splitlines(),
        }
        query = build_query(as_schema, vocabulary, Weights(), K)
        employer = vocabulary.named(job["Company"])
        also_preferred = vocabulary.skills_in_text(job["Preferred Qualifications"])
        query = Query(
            Requisition(
                text=posting_text(job),
                required_skills=query.requisition.required_skills,
                preferred_skills=tuple(
                    dict.fromkeys(
                        skill
                        for skill in (*query.requisition.preferred_skills, *also_preferred)
                        if skill != employer and skill not in query.requisition.required_skills
                    )
                ),
                occupations=query.requisition.occupations,
                min_years=query.requisition.min_years,
            ),
            weights=weights,
            related_skills=query.related_skills,
            related_occupations=query.related_occupations,
            top=K,
            skill_rarity=rarity,
        )
        return [int(result.id) for result in index.rank(query)]

    return rank


def by_text(rank: Callable[[str], Sequence[int]], job: dict[str, str]) -> Sequence[int]:
    return rank(posting_text(job))


def by_weights(
    rank: Callable[[dict[str, str], Weights, bool], Sequence[int]],
    weights: Weights,
    rarity: bool,
    job: dict[str, str],
) -> Sequence[int]:
    return rank(job, weights, rarity)


def report(
    name: str,
    rank: Callable[[dict[str, str]], Sequence[int]],
    jobs: list[tuple[dict[str, str], str]],
    relevant: dict[str, set[int]],
    built: float,
) -> None:
    scores, precisions = [], []
    started = time.perf_counter()
    for job, category in jobs:
        ranked = rank(job)
        scores.append(ndcg(ranked, relevant[category]))
        precisions.append(precision(ranked, relevant[category]))
    per_query = (time.perf_counter() - started) / len(jobs) * 1000
    mean, share = statistics.mean(scores), statistics.mean(precisions)
    print(f"| {name} | {mean:.3f} | {share:.3f} | {built:.1f} | {per_query:.1f} |", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-category", type=int, default=20)
    args = parser.parse_args()
    if not RESUMES.is_file() or not JOBS.is_file() or not ONET.is_dir():
        print("../shared/data is absent")
        return 1
    texts, categories = load_resumes()
    jobs = load_jobs(args.per_category)
    relevant = {cat: {n for n, c in enumerate(categories) if c == cat} for cat in set(CATEGORY.values())}
    print(f"{len(texts)} resumes, {len(jobs)} postings over {len({c for _, c in jobs})} resume categories")
    plain: dict[str, Callable[[], Callable[[str], Sequence[int]]]] = {
        "bm25s": lambda: bm25s_ranker(texts),
        "TF-IDF (sklearn)": lambda: tfidf_ranker(texts),
        "ours, lexical only": lambda: ours_lexical(texts),
    }
    print(f"| method | nDCG@{K} | P@{K} | build s | ms/query |")
    print("|---|---|---|---|---|")
    for name, make in plain.items():
        started = time.perf_counter()
        rank = make()
        report(name, functools.partial(by_text, rank), jobs, relevant, time.perf_counter() - started)
    started = time.perf_counter()
    structured = ours_full(texts)
    built = time.perf_counter() - started
    off = dict.fromkeys(Weights().as_dict(), 0.0)
    skills_only = Weights.from_mapping(off | {"lexical": 0.25, "required_skills": 0.30, "preferred_skills": 0.10})
    variants = {
        "ours, all factors + O*NET (default weights), skills unweighted": (Weights(), False),
        "ours, all factors + O*NET (default weights), skills by rarity": (Weights(), True),
        "ours, lexical + title only (0.25 / 0.10)": (
            Weights.from_mapping(off | {"lexical": 0.25, "title": 0.10}),
            True,
        ),
        "ours, lexical + skills only (0.25 / 0.30 / 0.10), unweighted": (skills_only, False),
        "ours, lexical + skills only (0.25 / 0.30 / 0.10), by rarity": (skills_only, True),
        "ours, skills only (required 0.30 / preferred 0.10), unweighted": (
            Weights.from_mapping(off | {"required_skills": 0.30, "preferred_skills": 0.10}),
            False,
        ),
        "ours, skills only (required 0.30 / preferred 0.10), by rarity": (
            Weights.from_mapping(off | {"required_skills": 0.30, "preferred_skills": 0.10}),
            True,
        ),
    }
    for name, (weights, rarity) in variants.items():
        report(name, functools.partial(by_weights, structured, weights, rarity), jobs, relevant, built)
    held_out(jobs, relevant, texts, structured)
    return 0


def held_out(
    jobs: list[tuple[dict[str, str], str]],
    relevant: dict[str, set[int]],
    texts: list[str],
    structured: Callable[[dict[str, str], Weights, bool], Sequence[int]],
) -> None:
    """Weights of the kind-of-work factors chosen on half the postings, reported on the other half.

    Halves: alternate postings of each category (``jobs`` is in category order). Only
    required / preferred skills and title are chosen; lexical stays 0.25 and experience,
    location, salary and languages keep their defaults (same-category relevance cannot
    measure them).
    """
    choose, report_on = jobs[0::2], jobs[1::2]

    def mean_ndcg(rank: Callable[[dict[str, str]], Sequence[int]], half: list[tuple[dict[str, str], str]]) -> float:
        return statistics.mean(ndcg(rank(job), relevant[category]) for job, category in half)

    grid = [
        Weights.from_mapping({"required_skills": required, "preferred_skills": preferred, "title": title})
        for required in (0.0, 0.1, 0.3)
        for preferred in (0.0, 0.025, 0.05, 0.1)
        for title in (0.0, 0.05, 0.1)
    ]
    scored = [(mean_ndcg(functools.partial(by_weights, structured, w, True), choose), w) for w in grid]
    best_on_choose, best = max(scored, key=lambda item: item[0])
    chosen = ", ".join(f"{name} {value:g}" for name, value in best.as_dict().items() if value)
    print(f"\nHeld out: weights chosen on {len(choose)} postings, nDCG@{K} on the other {len(report_on)}")
    print(f"chosen ({chosen}): {best_on_choose:.3f} on the choosing half")
    print(f"| method | nDCG@{K} (choosing half) | nDCG@{K} (reporting half) |")
    print("|---|---|---|")
    rows: dict[str, Callable[[dict[str, str]], Sequence[int]]] = {
        "bm25s": functools.partial(by_text, bm25s_ranker(texts)),
        "ours, lexical only": functools.partial(by_text, ours_lexical(texts)),
        "ours, all factors, default weights": functools.partial(by_weights, structured, Weights(), True),
        "ours, all factors, weights chosen on the choosing half": functools.partial(by_weights, structured, best, True),
    }
    for name, rank in rows.items():
        print(f"| {name} | {mean_ndcg(rank, choose):.3f} | {mean_ndcg(rank, report_on):.3f} |", flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
