"""PostgreSQL row-level security: the second wall behind the access helpers.

Every client-owned table (and the client table itself) has ``FORCE ROW LEVEL
SECURITY`` and one policy, ``tenant_scope``, that lets a row through only when

- ``handoff.rls_bypass`` is ``'on'`` (commands, the worker, migrations, tests,
  provider admins), or
- its client is in ``handoff.client_ids``, a comma-separated list of ids.

Every new connection sets the bypass at session level (see :func:`on_connection_created`);
each web or API request turns it off for its own transaction only and sets the
requesting user's client ids with ``set_config(..., true)`` (``SET LOCAL``), so that
nothing outlives the request on a pooled connection. ``DATABASE_APP_ROLE`` names the
role the request switches to (``SET LOCAL ROLE``): superusers and ``BYPASSRLS`` roles
skip every policy, so the wall stands only when that role is neither.

The bypass is a setting any role may change: the wall stops a query that forgot its
scope, not SQL that an attacker writes. New client-owned tables are added to
:data:`TENANT_TABLES` and get their policy from a migration built with
:func:`enable_operation`; a test fails on a ``ClientOwned`` model missing here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations import RunPython

if TYPE_CHECKING:
    from django.apps.registry import Apps
    from django.db.backends.base.schema import BaseDatabaseSchemaEditor
    from django.http import HttpRequest

    from handoff.domain.tenancy.access import Actor

POLICY = "tenant_scope"
BYPASS = "handoff.rls_bypass"
CLIENT_IDS = "handoff.client_ids"
REQUEST_FLAG = "rls_scoped"  # set on a request the middleware scoped
NO_IDS = "''"  # SQL of an empty client list

type Scope = tuple[str, str, str]  # (role, bypass, client ids) of a transaction

ROLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")

# table -> the column that names its client
TENANT_TABLES: Mapping[str, str] = {
    "tenancy_client": "id",
    "tenancy_accountassignment": "client_id",
    "engagements_bpoengagement": "client_id",
    "engagements_rpoengagement": "client_id",
    "recruiting_requisition": "client_id",
    "recruiting_requisitionevent": "client_id",
    "recruiting_pipelinestage": "client_id",
    "recruiting_application": "client_id",
    "recruiting_stagetransition": "client_id",
    "recruiting_applicationnote": "client_id",
    "recruiting_careersite": "client_id",
    "recruiting_jobposting": "client_id",
    "recruiting_careerapplication": "client_id",
    "recruiting_submittal": "client_id",
    "recruiting_submittaldecision": "client_id",
    "recruiting_submittalsla": "client_id",
    "notifications_emailtemplate": "client_id",
    "notifications_stageautomation": "client_id",
    "notifications_outboundemail": "client_id",
    "notifications_notification": "client_id",
    "interviews_interviewplan": "client_id",
    "interviews_planround": "client_id",
    "interviews_roundinterviewer": "client_id",
    "interviews_interview": "client_id",
    "interviews_interviewseat": "client_id",
    "interviews_remindersent": "client_id",
    "interviews_slotoffer": "client_id",
    "interviews_scorecard": "client_id",
    "interviews_scorecardnotice": "client_id",
    "operations_service": "client_id",
    "operations_queue": "client_id",
    "operations_agentcertification": "client_id",
    "operations_workitem": "client_id",
    "operations_statuschange": "client_id",
    "operations_message": "client_id",
    "operations_itemextra": "client_id",
    "operations_attachment": "client_id",
    "operations_intakeaddress": "client_id",
    "operations_emaillink": "client_id",
    "operations_itemevent": "client_id",
    "operations_macro": "client_id",
    "workforce_staffingscenario": "client_id",
    "automation_rule": "client_id",
    "automation_rulerun": "client_id",
    "automation_classifiermodel": "client_id",
    "automation_suggestion": "client_id",
    "webhooks_webhookendpoint": "client_id",
    "webhooks_webhookdelivery": "client_id",
    "webhooks_webhookattempt": "client_id",
    "matching_matchweights": "client_id",
    "assurance_changerequest": "client_id",
    "assurance_auditentry": "client_id",
    "assurance_qaplan": "client_id",
    "assurance_scorecardcriterion": "client_id",
    "assurance_qasample": "client_id",
    "assurance_qareview": "client_id",
    "assurance_csatsurvey": "client_id",
    "offers_offersettings": "client_id",
    "offers_offer": "client_id",
    "offers_offerversion": "client_id",
    "offers_offerapproval": "client_id",
    "offers_checklistitem": "client_id",
    "offers_onboarding": "client_id",
    "offers_onboardingtask": "client_id",
    "offers_hiresurvey": "client_id",
}


# --- the policies (migrations) ---------------------------------------------------------------------------------


def scope_check(column: str) -> str:
    """The policy's condition for a table whose client is named by ``column``."""
    return (
        f"current_setting('{BYPASS}', true) = 'on' OR {column} = ANY "
        f"(string_to_array(NULLIF(current_setting('{CLIENT_IDS}', true), ''), ',')::bigint[])"
    )


def enable_sql(table: str, column: str) -> list[str]:
    check = scope_check(column)
    return [
        f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY',
        f'ALTER TABLE "{table}" FORCE ROW LEVEL SECURITY',
        f'CREATE POLICY {POLICY} ON "{table}" USING ({check}) WITH CHECK ({check})',
    ]


def disable_sql(table: str) -> list[str]:
    return [
        f'DROP POLICY IF EXISTS {POLICY} ON "{table}"',
        f'ALTER TABLE "{table}" NO FORCE ROW LEVEL SECURITY',
        f'ALTER TABLE "{table}" DISABLE ROW LEVEL SECURITY',
    ]


def _run_on_postgresql(schema_editor: BaseDatabaseSchemaEditor, statements: Iterable[str]) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in statements:
        schema_editor.execute(statement)


def enable_operation(tables: Mapping[str, str]) -> RunPython:
    """A migration operation that puts (and, backwards, takes off) the policy on these tables; PostgreSQL only."""
    frozen = dict(tables)

    def forwards(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        _run_on_postgresql(
            schema_editor, [sql for table, column in frozen.items() for sql in enable_sql(table, column)]
        )

    def backwards(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        _run_on_postgresql(schema_editor, [sql for table in frozen for sql in disable_sql(table)])

    return RunPython(forwards, backwards, elidable=False)


# --- the runtime role ----------------------------------------------------------------------------------------


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def role_setup_sql(role: str, schema: str, *, create: bool) -> list[str]:
    """Statements that make ``role`` a runtime role: no login, no bypass, data rights on the schema's tables.

    The connecting role is made a member so that it may ``SET ROLE`` to it; default privileges
    extend the grants to tables that later migrations (run by the same role) create.
    """
    name, where = quote_ident(role), quote_ident(schema)
    grants = "SELECT, INSERT, UPDATE, DELETE"
    return [
        *([f"CREATE ROLE {name} NOLOGIN NOSUPERUSER NOBYPASSRLS"] if create else []),
        f"GRANT {name} TO CURRENT_USER",
        f"GRANT USAGE ON SCHEMA {where} TO {name}",
        f"GRANT {grants} ON ALL TABLES IN SCHEMA {where} TO {name}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {where} TO {name}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {where} GRANT {grants} ON TABLES TO {name}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {where} GRANT USAGE, SELECT ON SEQUENCES TO {name}",
    ]


class RoleError(ValueError):
    """The runtime role cannot be set up: wrong database, bad name, or a role that skips the policies."""


def setup_role(role: str) -> bool:
    """Create (if missing) and grant the runtime role; True when it was created."""
    if not enforced():
        raise RoleError(f"Row-level security needs PostgreSQL; this database is {connection.vendor}.")
    if not ROLE_NAME.fullmatch(role):
        raise RoleError(f"{role!r} is not a plain role name (letters, digits, underscores).")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = %s", [role])
        existing = cursor.fetchone()
        if existing is not None and existing[0]:
            raise RoleError(f"Role {role} is a superuser or has BYPASSRLS: row-level security would not apply.")
        cursor.execute("SELECT current_schema()")
        schema = cursor.fetchone()
        for statement in role_setup_sql(role, str(schema[0]) if schema else "public", create=existing is None):
            cursor.execute(statement)
    return existing is None


# --- the scope of a connection ---------------------------------------------------------------------------------


def enforced(conn: BaseDatabaseWrapper | None = None) -> bool:
    """Whether the database has the policies (PostgreSQL)."""
    return (conn or connection).vendor == "postgresql"


def on_connection_created(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """Every new PostgreSQL connection starts with the bypass on: commands, the worker, migrations, tests."""
    if not enforced(connection):
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT set_config('{BYPASS}', 'on', false)")


def app_role() -> str:
    """The role requests run as (``DATABASE_APP_ROLE``), or '' to stay the connecting role."""
    return str(getattr(settings, "DATABASE_APP_ROLE", "") or "")


def client_ids_sql(user: Actor) -> tuple[str, str, list[Any]]:
    """(bypass, SQL of the user's client ids as one comma-separated value, its params).

    Provider admins bypass; everyone else gets the ids of :func:`access.visible_clients`,
    read in the same query that sets the scope (so it costs no extra round trip).
    """
    from handoff.domain.tenancy.access import real_user, visible_clients

    person = real_user(user)
    if person is not None and person.is_provider_admin:
        return "on", NO_IDS, []
    try:
        subquery, params = visible_clients(user).order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:
        return "off", NO_IDS, []
    ids = f"(SELECT string_agg(v.id::text, ',') FROM ({subquery}) AS v(id))"  # noqa: S608 - Django's SQL, bound params
    return "off", ids, list(params)


def set_local_scope(user: Actor, *, reading_past_the_scope: bool = False) -> Scope:
    """Scope the current transaction to ``user`` (bypass, client ids, role: all ``SET LOCAL``); the scope before.

    One query: a materialised CTE reads the previous settings and the user's client ids before
    the outer SELECT changes anything. ``reading_past_the_scope``: a scope is already set (and
    would hide the user's clients), so the bypass goes on first, in one more query.
    """
    bypass, ids_sql, params = client_ids_sql(user)
    if reading_past_the_scope and ids_sql != NO_IDS:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT set_config('{BYPASS}', 'on', true)")
    role = app_role()
    set_role = ", set_config('role', %s, true)" if role else ""
    # constants and Django's own SQL; every value is a bound parameter
    sql = (
        "WITH scope AS MATERIALIZED (SELECT current_setting('role') AS role, "  # noqa: S608
        f"current_setting('{BYPASS}', true) AS bypass, current_setting('{CLIENT_IDS}', true) AS ids, "
        f"{ids_sql} AS next_ids) "
        f"SELECT scope.role, scope.bypass, scope.ids, set_config('{BYPASS}', %s, true), "
        f"set_config('{CLIENT_IDS}', coalesce(scope.next_ids, ''), true){set_role} FROM scope"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, bypass, *([role] if role else [])])
        row = cursor.fetchone()
    assert row is not None
    return str(row[0]), str(row[1] or ""), str(row[2] or "")


def rescope(request: HttpRequest, user: Actor) -> None:
    """Re-scope a request whose user became known late (API token, login) to that user.

    Only inside a request the middleware scoped; the bypass is switched on (locally) first,
    so that the user's clients can be read whatever the old scope hid.
    """
    if getattr(request, REQUEST_FLAG, False):
        set_local_scope(user, reading_past_the_scope=True)


@contextmanager
def past_the_scope() -> Iterator[None]:
    """Run the statements inside with the bypass on (this transaction only), then put the bypass back.

    For the one lookup a public page needs before it knows its client: the career site named by the
    slug in the URL. Keep the block to that lookup; the page itself runs under
    :func:`scope_to_public_client`.
    """
    if not enforced():
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT current_setting('{BYPASS}', true), set_config('{BYPASS}', 'on', true)")
        row = cursor.fetchone()
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT set_config('{BYPASS}', %s, true)", [str(row[0] or "off") if row else "off"])


def scope_to_public_client(request: HttpRequest, client_id: int) -> None:
    """Narrow a public page's request (a career site) to exactly one client: the one its URL names.

    Whoever the visitor is (anonymous, or signed in with other clients), the rest of the request's
    transaction sees that client's rows only: the bypass goes off and the client ids become this one
    id (both ``SET LOCAL``). Only inside a request the middleware scoped; never widens to more clients.
    """
    if not (enforced() and getattr(request, REQUEST_FLAG, False)):
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT set_config('{BYPASS}', 'off', true), set_config('{CLIENT_IDS}', %s, true)", [str(int(client_id))]
        )


def on_user_logged_in(sender: Any, request: HttpRequest | None, user: Actor, **kwargs: Any) -> None:
    if request is not None:
        rescope(request, user)


def restore_scope(scope: Scope) -> None:
    """Put back a scope returned by :func:`set_local_scope` (a request inside an outer transaction)."""
    role, bypass, client_ids = scope
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT set_config('{BYPASS}', %s, true), set_config('{CLIENT_IDS}', %s, true), "
            "set_config('role', %s, true)",
            [bypass, client_ids, role],
        )
