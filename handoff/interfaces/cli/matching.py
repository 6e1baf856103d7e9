"""Glue for `handoff match`: read a job and a folder of resumes, normalise, rank, render.

The matching engine takes opaque skill ids and plain relation mappings; this
module supplies them from a taxonomy (O*NET files, or the one imported into the
database) through ``Vocabulary``. Without a taxonomy, ``RawVocabulary`` uses
lowercase skill phrases as ids, finds them in texts word for word and has no
relations and no occupations (the title factor is then not applicable).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handoff.engines.matching import (
    Card,
    MatchIndex,
    Profile,
    Query,
    Result,
    Weights,
    card_from_resume,
    profile_from_resume,
    requisition_from_job,
)
from handoff.engines.matching.profile import resume_skill_texts, resume_text, resume_titles
from handoff.engines.matching.query import job_skill_texts, job_text
from handoff.engines.matching.vocabulary import AnyVocabulary, RawVocabulary, Vocabulary
from handoff.engines.resumes import parse_resume
from handoff.engines.resumes.text_worker import WORKER_MODULE

__all__ = ["AnyVocabulary", "RawVocabulary", "Vocabulary"]  # re-exported: the command and the benches use them here

RESUME_SUFFIXES = (".pdf", ".docx", ".txt", ".html", ".htm")
# A requirement line: its skills are required, the others found in the job are preferred.
_REQUIRED_LINE = re.compile(r"\b(required|requirements?|must|minimum|qualifications?|essential|mandatory)\b", re.I)


class JobError(ValueError):
    """The job file cannot be used (the message says why)."""


def read_job(path: Path) -> dict[str, Any]:
    """A JSON Resume job dict from a ``.json`` file, or one built from a text file (first line = title)."""
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise JobError(f"cannot read the job file {path}: {exc}") from exc
    if path.suffix.lower() == ".json":
        try:
            job = json.loads(raw)
        except ValueError as exc:
            raise JobError(f"{path} is not valid JSON: {exc}") from exc
        if not isinstance(job, dict):
            raise JobError(f"{path} must hold a JSON object (the JSON Resume job schema)")
        if not job_text(job).strip():
            raise JobError(f"{path} has no title, description, responsibilities, qualifications or skills")
        return job
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    if not lines:
        raise JobError(f"{path} is empty")
    return {"title": lines[0], "description": "\n".join(lines[1:])}


@dataclass
class Parsed:
    """The resumes of a folder: parsed ones by file name, refused ones with their reason."""

    resumes: dict[str, dict[str, Any]] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)


def parse_folder(folder: Path, jobs: int = 2) -> Parsed:
    """Every resume file in ``folder`` (not recursive), parsed in the sandboxed worker."""
    files = sorted(path for path in folder.iterdir() if path.is_file() and path.suffix.lower() in RESUME_SUFFIXES)
    parsed = Parsed()
    with ThreadPoolExecutor(max(1, jobs)) as pool:
        results = pool.map(lambda path: parse_resume(path.read_bytes(), worker_module=WORKER_MODULE), files)
        for path, result in zip(files, results, strict=True):
            if result.ok and result.profile is not None:
                parsed.resumes[path.name] = result.profile
            else:
                parsed.failures[path.name] = result.reason or "could not parse the file"
    return parsed


def build_query(job: Mapping[str, Any], vocabulary: AnyVocabulary, weights: Weights, top: int) -> Query:
    """The job as a query: stated skills and those on requirement lines are required, others it names preferred.

    The employer's own name ("Google" in a Google posting) found in the text is not a skill asked for.
    """
    stated = vocabulary.skill_ids(job_skill_texts(job))
    text = job_text(job)
    employer = vocabulary.named(str(job.get("company") or ""))
    on_requirement_lines = [
        skill for line in text.splitlines() if _REQUIRED_LINE.search(line) for skill in vocabulary.skills_in_text(line)
    ]
    required = list(dict.fromkeys([*stated, *(skill for skill in on_requirement_lines if skill != employer)]))
    preferred = [skill for skill in vocabulary.skills_in_text(text) if skill not in required and skill != employer]
    occupations = vocabulary.occupations([str(job.get("title", ""))]) if job.get("title") else []
    requisition = requisition_from_job(
        job, required_skills=required, preferred_skills=preferred, occupations=occupations
    )
    return Query(
        requisition,
        weights=weights,
        related_skills=vocabulary.related_skills([*required, *preferred]),
        related_occupations=vocabulary.related_occupations(occupations),
        top=top,
    )


def build_profile(name: str, resume: Mapping[str, Any], vocabulary: AnyVocabulary) -> Profile:
    skills = [*vocabulary.skill_ids(resume_skill_texts(resume)), *vocabulary.skills_in_text(resume_text(resume))]
    occupations = vocabulary.occupations(resume_titles(resume)[:3])
    return profile_from_resume(name, resume, skills=dict.fromkeys(skills), occupations=occupations)


@dataclass
class Ranking:
    query: Query
    results: list[Result]
    cards: dict[str, Card]
    vocabulary: AnyVocabulary
    failures: dict[str, str]
    blind: bool

    def reference(self, file_name: str) -> str:
        """What identifies a result: its file name, or in blind mode an opaque reference (names hide in file names)."""
        if not self.blind:
            return file_name
        return "ref-" + hashlib.sha256(file_name.encode()).hexdigest()[:10]

    def as_json(self) -> dict[str, Any]:
        requisition = self.query.requisition
        names = self.vocabulary.skill_name
        return {
            "taxonomy": self.vocabulary.label,
            "blind": self.blind,
            "job": {
                "required_skills": [names(s) for s in requisition.required_skills],
                "preferred_skills": [names(s) for s in requisition.preferred_skills],
                "occupations": [self.vocabulary.occupation_name(c) for c in requisition.occupations],
                "min_years": requisition.min_years,
            },
            "results": [
                {
                    "rank": rank,
                    "resume": self.reference(result.id),
                    "score": round(result.score, 4),
                    "candidate": self.cards[result.id].visible(self.blind) | {"id": self.reference(result.id)},
                    "explanation": self._named(result),
                }
                for rank, result in enumerate(self.results, start=1)
            ],
            "failures": {self.reference(name): reason for name, reason in self.failures.items()},
        }

    def _named(self, result: Result) -> dict[str, Any]:
        explanation: dict[str, Any] = result.as_dict()["explanation"]
        names = self.vocabulary.skill_name
        for key in ("matched_required", "missing_required", "matched_preferred", "missing_preferred"):
            explanation[key] = [names(skill) for skill in explanation[key]]
        for key in ("related_required", "related_preferred"):
            explanation[key] = [
                item | {"skill": names(item["skill"]), "via": names(item["via"])} for item in explanation[key]
            ]
        if explanation["title"]:
            explanation["title"]["via"] = self.vocabulary.occupation_name(explanation["title"]["via"])
        return explanation

    def as_text(self) -> str:
        data = self.as_json()
        job = data["job"]
        lines = [
            f"Taxonomy: {data['taxonomy']}" + ("; blind mode" if self.blind else ""),
            f"Required skills: {', '.join(job['required_skills']) or '—'}",
            f"Preferred skills: {', '.join(job['preferred_skills']) or '—'}",
        ]
        if job["occupations"]:
            lines.append(f"Occupation: {', '.join(job['occupations'])}")
        lines.append("")
        for item in data["results"]:
            lines.extend(_render(item))
        if not data["results"]:
            lines.append("No resume passed the job's filters.")
        for name, reason in data["failures"].items():
            lines.append(f"Not ranked: {name}: {reason}")
        return "\n".join(lines)


def _render(item: dict[str, Any]) -> list[str]:
    candidate = item["candidate"]
    who = " — ".join(part for part in (candidate.get("name", ""), candidate.get("label", "")) if part)
    explanation = item["explanation"]
    related = [f"{m['skill']} via {m['via']} ({m['credit']:.2f})" for m in explanation["related_required"]]
    lines = [f"{item['rank']:>3}. {item['score']:.3f}  {item['resume']}" + (f"  {who}" if who else "")]
    lines.append(
        "      required: "
        + "; ".join(
            part
            for part in (
                "held " + ", ".join(explanation["matched_required"]) if explanation["matched_required"] else "",
                "related " + ", ".join(related) if related else "",
                "missing " + ", ".join(explanation["missing_required"]) if explanation["missing_required"] else "",
            )
            if part
        )
        if explanation["matched_required"] or related or explanation["missing_required"]
        else "      required: —"
    )
    if explanation["matched_preferred"] or explanation["missing_preferred"]:
        lines.append(
            f"      preferred: held {', '.join(explanation['matched_preferred']) or '—'}; "
            f"missing {', '.join(explanation['missing_preferred']) or '—'}"
        )
    if explanation["title"]:
        lines.append(f"      title: {explanation['title']['via']} ({explanation['title']['credit']:.2f})")
    factors = ", ".join(
        f"{name} {factor['value']:.2f}×{factor['weight']:g}→{factor['contribution']:.3f}"
        for name, factor in explanation["factors"].items()
    )
    lines.append(f"      factors: {factors}")
    if explanation["matched_terms"]:
        lines.append(f"      words: {', '.join(explanation['matched_terms'])}")
    return lines


def rank_folder(
    job: Mapping[str, Any],
    parsed: Parsed,
    vocabulary: AnyVocabulary,
    *,
    weights: Weights,
    top: int,
    blind: bool,
) -> Ranking:
    index = MatchIndex()
    cards: dict[str, Card] = {}
    for name, resume in parsed.resumes.items():
        index.add(build_profile(name, resume, vocabulary))
        cards[name] = card_from_resume(name, resume)
    query = build_query(job, vocabulary, weights, top)
    return Ranking(query, index.rank(query), cards, vocabulary, parsed.failures, blind)


def raw_vocabulary(job: Mapping[str, Any], parsed: Parsed) -> RawVocabulary:
    """Known phrases: the skills the job and the resumes state in their skills sections."""
    stated = [*job_skill_texts(job)]
    for resume in parsed.resumes.values():
        stated += resume_skill_texts(resume)
    return RawVocabulary(text for text in stated if len(text) <= 60)


def parse_weights(text: str) -> Weights:
    """``lexical=0.5,required_skills=0.3`` (or a JSON object) over the default weights."""
    text = text.strip()
    if text.startswith("{"):
        values = json.loads(text)
        if not isinstance(values, dict):
            raise ValueError("weights must be a JSON object")
        return Weights.from_mapping(values)
    values = {}
    for part in filter(None, (piece.strip() for piece in text.split(","))):
        name, _, value = part.partition("=")
        try:
            values[name.strip()] = float(value)
        except ValueError as exc:
            raise ValueError(f"weight {part!r} is not name=number") from exc
    return Weights.from_mapping(values)
