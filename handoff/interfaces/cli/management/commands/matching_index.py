"""`handoff matching_index`: the persisted index of the talent pool.

handoff matching_index status    # rows, live profiles, dead rows, segments, folder
handoff matching_index compact   # drop dead rows from the index blocks (schedule it, e.g. nightly cron)
handoff matching_index compact --queue   # the same, as a background task for the worker
handoff matching_index rebuild   # index the whole pool from scratch (after a taxonomy import)
handoff matching_index warm      # compile the ranking kernels now (the start script runs it before the web server)
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from handoff.domain.matching import actions, store
from handoff.domain.matching.warm import warm_up


class Command(BaseCommand):
    help = "The matching index of the talent pool. Subcommands: status, compact, rebuild, warm."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True, parser_class=type(parser))
        commands.add_parser("status", help="Show the index's size and folder.")
        compact = commands.add_parser("compact", help="Drop the rows of removed and replaced profiles.")
        compact.add_argument("--queue", action="store_true", help="Queue the compaction for the task worker.")
        commands.add_parser("rebuild", help="Index every live candidate from scratch.")
        commands.add_parser("warm", help="Compile the ranking kernels (cached on disk) and build the vocabulary.")

    def handle(self, *args: Any, **options: Any) -> None:
        subcommand = options["subcommand"]
        if subcommand == "warm":
            seconds = warm_up()
            self.stdout.write(f"Ranking kernels and vocabulary ready in {seconds:.1f} s.")
            return
        if subcommand == "compact" and options["queue"]:
            from handoff.domain.matching.tasks import compact_index

            compact_index.enqueue()
            self.stdout.write("Compaction queued.")
        elif subcommand == "compact":
            dropped = actions.compact_index()
            self.stdout.write(f"Compacted: {dropped} dead rows dropped.")
        elif subcommand == "rebuild":
            change = actions.rebuild_index()
            self.stdout.write(f"Rebuilt: {change.indexed} candidates indexed.")
        self._status()

    def _status(self) -> None:
        index = store.current()
        self.stdout.write(
            f"{len(index)} profiles, {index.rows} rows ({index.dead_rows()} dead), "
            f"{len(index.segments)} segments, version {store.current_version() or '—'} in {store.folder()}"
        )
