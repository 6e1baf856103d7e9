"""`handoff lint_scoping`: fail on any unscoped query of a client-owned model."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from handoff.interfaces.cli.scoping_lint import lint_tree


class Command(BaseCommand):
    help = "Check that client-owned models are only queried through tenancy.access, selectors and actions."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--package",
            type=Path,
            default=Path(settings.BASE_DIR) / "handoff",
            help="The package to check (default: the project's handoff/).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        package: Path = options["package"].resolve()
        if not (package / "domain").is_dir():
            raise CommandError(f"{package} is not the handoff package (no domain/ folder)")
        result = lint_tree(package)
        for violation in result.violations:
            self.stderr.write(violation.render())
        if not result.ok:
            raise CommandError(result.summary(), returncode=1)
        self.stdout.write(result.summary())
