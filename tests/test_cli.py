"""The installed `handoff` command is manage.py with the settings preset, usable from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HANDOFF = Path(sys.executable).parent / "handoff"


def test_handoff_help_lists_the_project_commands(tmp_path: Path) -> None:
    env = {**os.environ, "HANDOFF_VAR_DIR": str(tmp_path)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(  # noqa: S603 - the console script installed in our own environment
        [str(HANDOFF), "help"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    listed = {line.strip() for line in result.stdout.splitlines()}
    assert {"seed_demo", "lint_scoping", "db_worker", "migrate"} <= listed
    assert "[cli]" in listed, "the project's own commands come from handoff.interfaces.cli"
