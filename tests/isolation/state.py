"""A cheap fingerprint of everything that is client B's, to prove that a probe wrote nothing into it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from handoff.domain.accounts.models import ApiToken, User
from handoff.domain.tenancy.models import Client
from tests.isolation.world import client_owned_models

type State = dict[str, tuple[int, str]]  # table → (row count, digest of every field of every row)


def _tables(client_id: int) -> dict[str, QuerySet[Any]]:
    tables: dict[str, QuerySet[Any]] = {"tenancy.client": Client.objects.filter(pk=client_id)}
    for model in client_owned_models():
        tables[model._meta.label_lower] = model._default_manager.filter(client_id=client_id)
    tables["accounts.user"] = User.objects.filter(client_id=client_id)
    tables["accounts.apitoken"] = ApiToken.objects.filter(user__client_id=client_id)
    return tables


@dataclass(frozen=True)
class Fingerprint:
    """The state of client B's rows, read with SQL compiled once (the ORM's compiling would dominate the run)."""

    queries: tuple[tuple[str, str, tuple[Any, ...]], ...]  # (table, sql, params)

    @classmethod
    def of_client(cls, client_id: int) -> Fingerprint:
        queries = []
        for table, rows in _tables(client_id).items():
            sql, params = rows.order_by("pk").values_list().query.sql_with_params()
            queries.append((table, sql, tuple(params)))
        return cls(tuple(queries))

    def read(self) -> State:
        state: State = {}
        with connection.cursor() as cursor:
            for table, sql, params in self.queries:
                cursor.execute(sql, params)
                values = cursor.fetchall()
                state[table] = (len(values), hashlib.sha256(repr(values).encode()).hexdigest())
        return state


def changed_tables(before: State, after: State) -> list[str]:
    """The tables whose rows differ, e.g. ["engagements.bpoengagement: 1 → 2 rows"]."""
    changes = []
    for table in sorted(before.keys() | after.keys()):
        old, new = before.get(table, (0, "")), after.get(table, (0, ""))
        if old != new:
            changes.append(f"{table}: {old[0]} → {new[0]} rows" if old[0] != new[0] else f"{table}: rows changed")
    return changes
