"""`handoff match`: rank a folder of resumes against a job description, with explanations."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from handoff.engines.matching import Weights
from handoff.engines.taxonomy import TaxonomyFormatError, load_onet
from handoff.interfaces.cli import matching


class Command(BaseCommand):
    help = (
        "Parse every resume (PDF, DOCX, TXT, HTML) in --resumes and print them ranked against --job "
        "(a text file, or JSON in the JSON Resume job schema), each with its score and explanation."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--job", type=Path, required=True, help="job description: .json (JSON Resume job) or text")
        parser.add_argument("--resumes", type=Path, required=True, help="folder of resume files")
        parser.add_argument("--top", type=int, default=20, help="how many to show (default 20)")
        parser.add_argument("--json", action="store_true", help="print JSON instead of text")
        parser.add_argument(
            "--taxonomy", type=Path, help="folder of O*NET files (default: the taxonomy imported into the database)"
        )
        parser.add_argument("--blind", action="store_true", help="hide names, contacts and photos (and file names)")
        parser.add_argument("--weights", default="", help="e.g. lexical=0.4,required_skills=0.4 (others default)")
        parser.add_argument("--jobs", type=int, default=2, help="resumes parsed at once (default 2)")

    def handle(self, *args: Any, **options: Any) -> None:
        folder: Path = options["resumes"]
        if not folder.is_dir():
            raise CommandError(f"--resumes {folder} is not a folder")
        if options["top"] < 1:
            raise CommandError("--top must be at least 1")
        try:
            job = matching.read_job(options["job"])
            weights = matching.parse_weights(options["weights"]) if options["weights"] else Weights()
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        parsed = matching.parse_folder(folder, options["jobs"])
        if not parsed.resumes and not parsed.failures:
            raise CommandError(f"no resumes ({', '.join(matching.RESUME_SUFFIXES)}) in {folder}")
        vocabulary = self._vocabulary(options["taxonomy"], job, parsed)
        ranking = matching.rank_folder(
            job, parsed, vocabulary, weights=weights, top=options["top"], blind=options["blind"]
        )
        if options["json"]:
            self.stdout.write(json.dumps(ranking.as_json(), indent=2, ensure_ascii=False))
        else:
            self.stdout.write(ranking.as_text())

    def _vocabulary(self, folder: Path | None, job: dict[str, Any], parsed: matching.Parsed) -> matching.AnyVocabulary:
        """O*NET files when given; else the imported taxonomy; else raw skill phrases (said on stderr)."""
        if folder is not None:
            try:
                return matching.Vocabulary(load_onet(folder), label=f"O*NET files in {folder}")
            except (OSError, TaxonomyFormatError) as exc:
                raise CommandError(f"--taxonomy {folder}: {exc}") from exc
        imported = _imported_taxonomy()
        if imported is not None:
            return imported
        self.stderr.write("No taxonomy imported and no --taxonomy given: matching raw skill phrases.")
        return matching.raw_vocabulary(job, parsed)


def _imported_taxonomy() -> matching.Vocabulary | None:
    """The taxonomy imported into the database, when there is one (and the database is reachable)."""
    try:
        from handoff.domain.taxonomy import selectors

        taxonomy = selectors.load_taxonomy()
        if not taxonomy.skills:
            return None
        return matching.Vocabulary(taxonomy, selectors.normaliser(), label="imported taxonomy (database)")
    except (DatabaseError, RuntimeError):
        return None
