"""Field precision and recall of the resume parser against hand labels.

Usage: .venv/bin/python bench/bench_resume_fields.py [--pairs]

Labels: tests/engines/resumes/labels/livecareer_labels.json (21 LiveCareer PDFs,
one per category, labelled by reading the pypdf text; see its "note").
Each labelled file goes through parse_resume and is compared field by field.

Matching rules (per resume, one-to-one greedy, then counts summed = micro average):
- email, phone (E.164), start/end years, languages: case/whitespace-normalised exact.
- name, location, title, employer, institution, degree, skill: token overlap
  (|A∩B| / min(|A|,|B|)) >= 0.5 or rapidfuzz ratio >= 85, on lower-cased tokens.
- a label value of null (absent) is not counted; a predicted value for a field
  whose label is null counts as a false positive (e.g. a headline taken as name).
- work title = JSON Resume ``position``, employer = ``name``; years from
  startDate/endDate, "present" when endDate is missing.
--pairs also parses the six PDF+DOCX pairs in resume_parser_samples/soupboss and
prints the fields that differ between the two files of each pair.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rapidfuzz import fuzz

from handoff.engines.resumes import parse_resume

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
LIVECAREER = DATA / "livecareer_resumes_2484"
SOUPBOSS = DATA / "resume_parser_samples" / "soupboss"
LABELS = ROOT / "tests" / "engines" / "resumes" / "labels" / "livecareer_labels.json"
TODAY = date(2026, 6, 1)
FIELDS = (
    "name",
    "email",
    "phone",
    "location",
    "title",
    "employer",
    "start",
    "end",
    "institution",
    "degree",
    "skill",
    "language",
)
EXACT = {"email", "phone", "start", "end", "language"}
TOKEN = re.compile(r"[a-z0-9+#&]+")
Json = dict[str, Any]


@dataclass
class Count:
    tp: int = 0
    predicted: int = 0
    expected: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.expected if self.expected else 1.0

    def add(self, other: Count) -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.expected += other.expected


def _norm(value: object) -> str:
    return " ".join(str(value).lower().split())


def exact_match(a: str, b: str) -> bool:
    return _norm(a) == _norm(b)


def fuzzy_match(a: str, b: str) -> bool:
    left, right = set(TOKEN.findall(_norm(a))), set(TOKEN.findall(_norm(b)))
    if left and right and len(left & right) / min(len(left), len(right)) >= 0.5:
        return True
    return fuzz.ratio(_norm(a), _norm(b)) >= 85


def count(predicted: Iterable[str], expected: Iterable[str], match: Callable[[str, str], bool]) -> Count:
    remaining = list(expected)
    preds = list(predicted)
    tp = 0
    for value in preds:
        hit = next((i for i, gold in enumerate(remaining) if match(value, gold)), None)
        if hit is not None:
            tp += 1
            remaining.pop(hit)
    return Count(tp, len(preds), tp + len(remaining))


def _year(value: object) -> str | None:
    if not value:
        return None
    match = re.match(r"\d{4}", str(value))
    return match.group(0) if match else None


def predicted_fields(profile: Json) -> dict[str, list[str]]:
    basics = profile.get("basics", {})
    location = basics.get("location") or {}
    city = location.get("city") or location.get("address") or location.get("region") if location else None
    work = profile.get("work", [])
    fields: dict[str, list[str]] = {
        "name": [basics["name"]] if basics.get("name") else [],
        "email": [basics["email"]] if basics.get("email") else [],
        "phone": [basics["phone"]] if basics.get("phone") else [],
        "location": [city] if city else [],
        "title": [w["position"] for w in work if w.get("position")],
        "employer": [w["name"] for w in work if w.get("name")],
        "start": [y for w in work if (y := _year(w.get("startDate")))],
        "end": [_year(w.get("endDate")) or "present" for w in work if w.get("startDate")],
        "institution": [e["institution"] for e in profile.get("education", []) if e.get("institution")],
        "degree": [e["studyType"] for e in profile.get("education", []) if e.get("studyType")],
        "skill": [s["name"] for s in profile.get("skills", []) if s.get("name")],
        "language": [lang["language"] for lang in profile.get("languages", []) if lang.get("language")],
    }
    return fields


def expected_fields(label: Json) -> dict[str, list[str] | None]:
    def one(key: str) -> list[str] | None:
        return [label[key]] if label.get(key) else None

    work = label["work"]
    return {
        "name": one("name"),
        "email": one("email"),
        "phone": one("phone"),
        "location": one("location"),
        "title": [w["title"] for w in work if w["title"]],
        "employer": [w["employer"] for w in work if w["employer"]],
        "start": [str(w["start"]) for w in work if w["start"]],
        "end": [str(w["end"]) for w in work if w["end"]],
        "institution": [e["institution"] for e in label["education"] if e["institution"]],
        "degree": [e["degree"] for e in label["education"] if e["degree"]],
        "skill": label["skills"],
        "language": label["languages"],
    }


def score_file(profile: Json, label: Json) -> dict[str, Count]:
    predicted, expected = predicted_fields(profile), expected_fields(label)
    result: dict[str, Count] = {}
    for field in FIELDS:
        match = exact_match if field in EXACT else fuzzy_match
        gold = expected[field] or []
        result[field] = count(predicted[field], gold, match)
    return result


def load_labels() -> dict[str, Json]:
    labels: dict[str, Json] = json.loads(LABELS.read_text())["files"]
    return labels


def parse_file(path: Path) -> Json:
    result = parse_resume(path.read_bytes(), today=TODAY)
    if not result.ok or result.profile is None:
        raise RuntimeError(f"{path}: {result.reason}")
    profile: Json = result.profile
    return profile


def evaluate() -> dict[str, Count]:
    totals = {field: Count() for field in FIELDS}
    for relative, label in load_labels().items():
        profile = parse_file(LIVECAREER / relative)
        for field, counted in score_file(profile, label).items():
            totals[field].add(counted)
    return totals


def print_table(totals: dict[str, Count]) -> None:
    print(f"{'field':<12} {'expected':>8} {'predicted':>9} {'matched':>7} {'precision':>9} {'recall':>6}")
    overall = Count()
    for field in FIELDS:
        c = totals[field]
        overall.add(c)
        print(f"{field:<12} {c.expected:>8} {c.predicted:>9} {c.tp:>7} {c.precision:>9.2f} {c.recall:>6.2f}")
    print(
        f"{'micro total':<12} {overall.expected:>8} {overall.predicted:>9} {overall.tp:>7} "
        f"{overall.precision:>9.2f} {overall.recall:>6.2f}"
    )


def pair_fields(profile: Json) -> dict[str, list[str]]:
    return {key: sorted(values) for key, values in predicted_fields(profile).items()}


def compare_pairs() -> None:
    stems = sorted({p.stem for p in SOUPBOSS.glob("*.pdf")} & {p.stem for p in SOUPBOSS.glob("*.docx")})
    for stem in stems:
        left = pair_fields(parse_file(SOUPBOSS / f"{stem}.pdf"))
        right = pair_fields(parse_file(SOUPBOSS / f"{stem}.docx"))
        differ = [key for key in FIELDS if left[key] != right[key]]
        print(f"{stem}: {'same fields' if not differ else 'differ in ' + ', '.join(differ)}")
        for key in differ:
            print(f"    {key}: pdf={left[key]} docx={right[key]}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", action="store_true")
    args = parser.parse_args()
    if not LIVECAREER.is_dir():
        print("../shared/data is absent")
        return 1
    print(f"{len(load_labels())} hand-labelled LiveCareer resumes")
    print_table(evaluate())
    if args.pairs:
        compare_pairs()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
