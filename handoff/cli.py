"""The `handoff` command: every operator task, as Django management commands.

`handoff <command>` is `manage.py <command>` with the settings module preset,
so `handoff migrate`, `handoff seed_demo`, `handoff lint_scoping`, `handoff db_worker`
work from anywhere inside the project's environment.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "handoff.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv if argv is not None else sys.argv)
