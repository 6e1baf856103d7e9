"""`handoff taxonomy import`: load the O*NET release (and optionally ESCO) into the database.

    handoff taxonomy import --onet ../shared/data/onet_29_2 [--esco ../shared/data/esco_v1_0_8_csv]
    handoff taxonomy import --onet-url https://www.onetcenter.org/dl_files/database/db_29_2_text.zip

Prints the counts, the time taken and the data credits the licences ask for.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from handoff.domain.taxonomy.actions import ImportResult, import_taxonomy
from handoff.domain.taxonomy.download import DownloadError
from handoff.engines.taxonomy import esco, onet

DEFAULT_ONET_URL = "https://www.onetcenter.org/dl_files/database/db_29_2_text.zip"


class Command(BaseCommand):
    help = "Skills and occupation taxonomy (O*NET, ESCO). Subcommand: import."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True, parser_class=type(parser))
        load = commands.add_parser("import", help="Import an O*NET release (folder or zip URL) and optionally ESCO.")
        source = load.add_mutually_exclusive_group(required=True)
        source.add_argument("--onet", type=Path, help="Folder of the O*NET text release (Occupation Data.txt, ...).")
        source.add_argument(
            "--onet-url", help=f"URL of the O*NET text release zip (e.g. {DEFAULT_ONET_URL}); downloaded and unpacked."
        )
        load.add_argument("--esco", type=Path, help="Folder of the ESCO CSV export (occupations_en.csv, skills...).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "import":
            self._import(options)

    def _import(self, options: dict[str, Any]) -> None:
        source: Path | str = options["onet"] if options["onet"] is not None else options["onet_url"]
        if isinstance(source, Path) and not source.is_dir():
            raise CommandError(f"--onet {source}: no such folder.")
        if options["esco"] is not None and not options["esco"].is_dir():
            raise CommandError(f"--esco {options['esco']}: no such folder.")
        try:
            result = import_taxonomy(source, esco=options["esco"])
        except (DownloadError, FileNotFoundError, ValueError) as error:
            raise CommandError(f"Import failed: {error}") from error
        self.stdout.write(_report(result))


def _report(result: ImportResult) -> str:
    versions = ", ".join(f"{name} {version}" for name, version in result.sources.items())
    width = max(len(name) for name in result.counts)
    lines = [f"Imported {versions} in {result.seconds:.1f} s (import run #{result.run.pk}):"]
    lines += [f"  {name.replace('_', ' ').ljust(width)}  {count:>7,}" for name, count in result.counts.items()]
    lines += ["", "Data credits:", f"  {onet.credit(result.sources.get('onet', onet.DEFAULT_VERSION))}"]
    if "esco" in result.sources:
        lines.append(f"  {esco.CREDIT}")
    return "\n".join(lines) + "\n"
