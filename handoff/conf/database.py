"""DATABASE_URL parsing, with SQLite made safe for a web server and a worker at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url

SQLITE_INIT = "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA busy_timeout=5000;PRAGMA foreign_keys=ON;"


def database_config(url: str | None, default_sqlite: Path) -> dict[str, Any]:
    """Django's DATABASES['default'] for a URL; SQLite under var/ when none is given."""
    if not url:
        url = f"sqlite:///{default_sqlite}"
    config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 5,
            "init_command": SQLITE_INIT,
        }
        config["TEST"] = {"NAME": None}
    return config
