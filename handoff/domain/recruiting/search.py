"""Candidate search behind one selector: an indexed substring search, or the plain ``icontains`` one.

The talent-pool list searched with ``icontains`` on four columns: a full scan of the pool on every search.
``search_candidates`` keeps the same meaning (the text anywhere in the name, e-mail, city or headline, any
case) but answers from an index:

- PostgreSQL: a GIN trigram index (``pg_trgm``) on ``lower(full_name || ' ' || email || ' ' || city || ' ' ||
  headline)``, queried with ``LIKE '%text%'`` on that same expression;
- SQLite: an FTS5 table with the trigram tokenizer (``recruiting_candidatesearch``, rowid = candidate id), kept
  in step with ``recruiting_candidate`` by triggers, queried with ``MATCH``.

Texts shorter than three characters (no trigram) use ``icontains``. The index is built (idempotently) after
every ``migrate`` (``ensure_index``, a ``post_migrate`` receiver), so that it survives SQLite's table rebuilds
when the recruiting app alters its candidate table. ``settings.CANDIDATE_SEARCH = "icontains"`` switches it off.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from handoff.domain.recruiting.models import Candidate
from handoff.domain.recruiting.selectors import candidates
from handoff.domain.tenancy.access import Actor

MIN_INDEXED = 3
DOCUMENT = "lower(full_name || ' ' || email || ' ' || city || ' ' || headline)"
SQLITE_SETUP = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS recruiting_candidatesearch USING fts5(doc, tokenize='trigram')",
    """CREATE TRIGGER IF NOT EXISTS recruiting_candidatesearch_ai AFTER INSERT ON recruiting_candidate BEGIN
        INSERT INTO recruiting_candidatesearch(rowid, doc)
        VALUES (NEW.id, NEW.full_name || ' ' || NEW.email || ' ' || NEW.city || ' ' || NEW.headline); END""",
    """CREATE TRIGGER IF NOT EXISTS recruiting_candidatesearch_au AFTER UPDATE OF full_name, email, city, headline
        ON recruiting_candidate BEGIN
        DELETE FROM recruiting_candidatesearch WHERE rowid = OLD.id;
        INSERT INTO recruiting_candidatesearch(rowid, doc)
        VALUES (NEW.id, NEW.full_name || ' ' || NEW.email || ' ' || NEW.city || ' ' || NEW.headline); END""",
    """CREATE TRIGGER IF NOT EXISTS recruiting_candidatesearch_ad AFTER DELETE ON recruiting_candidate BEGIN
        DELETE FROM recruiting_candidatesearch WHERE rowid = OLD.id; END""",
]
SQLITE_REBUILD = [
    "DELETE FROM recruiting_candidatesearch",
    """INSERT INTO recruiting_candidatesearch(rowid, doc)
        SELECT id, full_name || ' ' || email || ' ' || city || ' ' || headline FROM recruiting_candidate""",
]
SQLITE_MATCH = "SELECT rowid FROM recruiting_candidatesearch WHERE recruiting_candidatesearch MATCH %s"
POSTGRES_SETUP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS recruiting_candidate_search_trgm ON recruiting_candidate USING gin "
    "((lower(full_name || ' ' || email || ' ' || city || ' ' || headline)) gin_trgm_ops)",
]


def method() -> str:
    return str(getattr(settings, "CANDIDATE_SEARCH", "indexed"))


def icontains_filter(text: str) -> Q:
    return (
        Q(full_name__icontains=text) | Q(email__icontains=text) | Q(city__icontains=text) | Q(headline__icontains=text)
    )


def search_candidates(actor: Actor, text: str, *, using: str | None = None) -> QuerySet[Candidate]:
    """The pool candidates the actor sees whose name, e-mail, city or headline holds ``text`` (any case)."""
    rows = candidates(actor)
    text = text.strip()
    if not text:
        return rows
    chosen = using or method()
    if chosen == "icontains" or len(text) < MIN_INDEXED or connection.vendor not in ("postgresql", "sqlite"):
        return rows.filter(icontains_filter(text))
    if connection.vendor == "postgresql":
        document = RawSQL(DOCUMENT, ())  # noqa: S611 - a constant expression, no input in it
        return rows.alias(search_document=document).filter(search_document__contains=text.lower())
    phrase = '"' + text.replace('"', '""') + '"'  # one FTS5 string: the text as a substring, quotes doubled
    return rows.filter(pk__in=RawSQL(SQLITE_MATCH, (phrase,)))  # noqa: S611 - the text is a parameter


def ensure_index(using: str = "default", **kwargs: Any) -> None:
    """Create the search index if it is missing (and fill it, on SQLite); safe to run again."""
    from django.db import connections

    database = connections[using]
    if "recruiting_candidate" not in database.introspection.table_names():
        return
    with database.cursor() as cursor:
        if database.vendor == "postgresql":
            cursor.execute("SELECT count(*) FROM pg_indexes WHERE indexname = %s", ["recruiting_candidate_search_trgm"])
            if cursor.fetchone()[0] == 0:  # (CREATE … IF NOT EXISTS still fails inside a busy transaction)
                for statement in POSTGRES_SETUP:
                    cursor.execute(statement)
        elif database.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = %s", ["recruiting_candidatesearch_ai"])
            had_triggers = cursor.fetchone()[0] == 1
            for statement in SQLITE_SETUP:
                cursor.execute(statement)
            if not had_triggers:
                rebuild_sqlite_index(cursor)


def rebuild_sqlite_index(cursor: Any) -> None:
    for statement in SQLITE_REBUILD:
        cursor.execute(statement)
