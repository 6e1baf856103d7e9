"""DATABASE_URL parsing; SQLite made safe for a web server and a worker at once (WAL, busy_timeout, IMMEDIATE)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.utils import ConnectionHandler

from handoff.conf.database import database_config


@pytest.fixture
def sqlite_config(tmp_path: Path) -> dict[str, Any]:
    return database_config(None, tmp_path / "nested" / "handoff.sqlite3")


@pytest.fixture
def probe(sqlite_config: dict[str, Any], django_db_blocker: Any) -> Iterator[BaseDatabaseWrapper]:
    """A real Django connection opened with the configuration, apart from the test database."""
    connection = ConnectionHandler({"default": sqlite_config})["default"]
    with django_db_blocker.unblock():
        yield connection
        connection.close()


def pragma(connection: BaseDatabaseWrapper, name: str) -> object:
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA {name}")
        return cursor.fetchone()[0]


def test_sqlite_is_the_default_and_its_folder_is_created(sqlite_config: dict[str, Any], tmp_path: Path) -> None:
    assert sqlite_config["ENGINE"] == "django.db.backends.sqlite3"
    assert sqlite_config["NAME"] == str(tmp_path / "nested" / "handoff.sqlite3")
    assert (tmp_path / "nested").is_dir()
    assert sqlite_config["CONN_MAX_AGE"] == 0
    assert sqlite_config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_sqlite_connection_uses_wal_busy_timeout_and_foreign_keys(probe: BaseDatabaseWrapper) -> None:
    assert pragma(probe, "journal_mode") == "wal"
    assert pragma(probe, "busy_timeout") == 5000
    assert pragma(probe, "foreign_keys") == 1
    assert pragma(probe, "synchronous") == 1  # NORMAL


def test_sqlite_transactions_take_the_write_lock_at_begin(probe: BaseDatabaseWrapper, sqlite_config: dict) -> None:
    """IMMEDIATE: a transaction that only read so far already holds the write lock, so it cannot fail later."""
    with probe.cursor() as cursor:
        cursor.execute("CREATE TABLE counter (n integer)")
    other = sqlite3.connect(sqlite_config["NAME"], timeout=0)
    try:
        probe.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)  # as atomic() begins
        with probe.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM counter")
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        probe.commit()
        probe.set_autocommit(True)
        other.execute("BEGIN IMMEDIATE")  # free again after the commit
        other.rollback()
    finally:
        other.close()


def test_postgresql_url_is_parsed(tmp_path: Path) -> None:
    config = database_config("postgres://handoff:s3cret@db.example.com:6432/handoff_prod", tmp_path / "unused" / "x")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["USER"], config["PASSWORD"]) == ("handoff_prod", "handoff", "s3cret")
    assert (config["HOST"], config["PORT"]) == ("db.example.com", 6432)
    assert config["CONN_MAX_AGE"] == 60
    assert config["CONN_HEALTH_CHECKS"] is True
    assert "transaction_mode" not in config.get("OPTIONS", {})
    assert not (tmp_path / "unused").exists(), "no SQLite folder for a PostgreSQL deployment"


def test_sqlite_url_is_honoured(tmp_path: Path) -> None:
    path = tmp_path / "custom" / "db.sqlite3"
    config = database_config(f"sqlite:///{path}", tmp_path / "default.sqlite3")
    assert config["NAME"] == str(path)
    assert path.parent.is_dir()
    assert config["OPTIONS"]["init_command"].count("PRAGMA") == 4
