"""Production settings pass Django's deployment checklist (`manage.py check --deploy`) with no warning."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent


def check_deploy(var_dir: Path, **overrides: str) -> subprocess.CompletedProcess[str]:
    """`manage.py check --deploy` in a clean environment: only what a production deployment sets."""
    env = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    env.update(
        HANDOFF_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="handoff.example.com",
        HANDOFF_VAR_DIR=str(var_dir),
    )
    env.update(overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_have_no_deploy_issues(tmp_path: Path) -> None:
    result = check_deploy(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("overrides", "issue"),
    [
        ({"DEBUG": "true"}, "security.W018"),
        ({"SECRET_KEY": "short"}, "security.W009"),
        ({"SECURE_SSL_REDIRECT": "false"}, "security.W008"),
    ],
)
def test_the_check_catches_a_weakened_production(tmp_path: Path, overrides: dict[str, str], issue: str) -> None:
    result = check_deploy(tmp_path, **overrides)
    assert result.returncode != 0
    assert issue in result.stdout + result.stderr
