"""Row-level security, the second wall: PostgreSQL policies, the runtime role, the per-request scope.

The policies only bind a role that is neither superuser nor BYPASSRLS, and CI connects as the
``postgres`` superuser: so each test creates its own runtime role (``handoff rls_setup_role``) and
switches to it. Tests of the policies themselves run on PostgreSQL only; the table registry and the
command's refusal run on SQLite too.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO
from typing import Any

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.db.backends.utils import CursorWrapper
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.test import Client as Browser
from django.urls import path

from handoff.domain.accounts.tokens import issue_token
from handoff.domain.tenancy import rls
from handoff.domain.tenancy.models import Client, ClientOwned
from handoff.urls import urlpatterns as project_urlpatterns
from tests import factories
from tests.personas import MARKER_A, MARKER_B, World, build_world

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row-level security is PostgreSQL's: run with DATABASE_URL=postgres://… to test the policies",
)

TABLES = ("engagements_bpoengagement", "engagements_rpoengagement", "tenancy_accountassignment", "tenancy_client")
ROLE = f"handoff_rls_test_{os.getpid()}"  # roles are cluster-wide: one per test process


# --- the registry ----------------------------------------------------------------------------------------------


def test_every_client_owned_table_has_a_policy_entry() -> None:
    owned = {
        model._meta.db_table
        for model in apps.get_models()
        if issubclass(model, ClientOwned) and model._meta.managed and not model._meta.proxy
    }
    missing = owned - set(rls.TENANT_TABLES)
    assert not missing, (
        f"add these tables to rls.TENANT_TABLES and to a migration using rls.enable_operation: {missing}"
    )
    assert all(rls.TENANT_TABLES[table] == "client_id" for table in owned)
    assert rls.TENANT_TABLES[Client._meta.db_table] == "id"


def test_scope_check_reads_both_settings_and_tolerates_an_empty_list() -> None:
    check = rls.scope_check("client_id")
    assert "current_setting('handoff.rls_bypass', true) = 'on'" in check
    assert "NULLIF(current_setting('handoff.client_ids', true), '')" in check
    assert check.endswith("::bigint[])")


def test_setup_role_refuses_sqlite_and_odd_names(db: None) -> None:
    if connection.vendor != "postgresql":
        with pytest.raises(CommandError, match="needs PostgreSQL"):
            call_command("rls_setup_role", "handoff_app")
    with pytest.raises(CommandError):
        call_command("rls_setup_role", 'x"; DROP TABLE tenancy_client; --')


# --- the policies ----------------------------------------------------------------------------------------------


@pytest.fixture
def app_role(db: None) -> str:
    """A runtime role made by the command, inside the test's transaction (rolled back with it)."""
    call_command("rls_setup_role", ROLE, stdout=StringIO())
    return ROLE


@contextmanager
def as_role(role: str, *, client_ids: str = "", bypass: str = "off") -> Iterator[CursorWrapper]:
    """A savepoint running as ``role`` with the given scope; rolled back (with the SET LOCALs) at the end."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL ROLE {rls.quote_ident(role)}")
        cursor.execute(
            "SELECT set_config(%s, %s, true), set_config(%s, %s, true)",
            [rls.BYPASS, bypass, rls.CLIENT_IDS, client_ids],
        )
        yield cursor
        transaction.set_rollback(True)


def client_ids_in(cursor: CursorWrapper, table: str) -> set[int]:
    column = rls.TENANT_TABLES[table]
    cursor.execute(f'SELECT DISTINCT {column} FROM "{table}"')  # noqa: S608 - no WHERE: the policy alone filters
    return {row[0] for row in cursor.fetchall()}


@needs_postgresql
def test_every_tenant_table_forces_the_policy(db: None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_policies p ON p.tablename = c.relname AND p.policyname = %s "
            "WHERE c.relrowsecurity AND c.relforcerowsecurity AND c.relname = ANY(%s)",
            [rls.POLICY, list(rls.TENANT_TABLES)],
        )
        protected = {row[0] for row in cursor.fetchall()}
    assert protected == set(rls.TENANT_TABLES)


@needs_postgresql
def test_new_connections_start_with_the_bypass_on(db: None) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('handoff.rls_bypass', true)")
        assert cursor.fetchone() == ("on",)


@needs_postgresql
def test_the_role_is_neither_superuser_nor_bypassing(app_role: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = %s", [app_role])
        assert cursor.fetchone() == (False, False, False)


@needs_postgresql
def test_scoped_role_sees_only_its_clients_rows_without_a_where(world: World, app_role: str) -> None:
    factories.AssignmentFactory(client=world.client_b, user=factories.StaffFactory(email="b-team@provider.test"))
    with as_role(app_role, client_ids=str(world.client_a.pk)) as cursor:
        for table in TABLES:
            assert client_ids_in(cursor, table) == {world.client_a.pk}, table


@needs_postgresql
def test_scoped_role_may_not_write_rows_of_another_client(world: World, app_role: str) -> None:
    with as_role(app_role, client_ids=str(world.client_a.pk)) as cursor:
        factories.BpoEngagementFactory(client=world.client_a)  # its own client: allowed
        with pytest.raises(DatabaseError, match="row-level security"), transaction.atomic():
            factories.BpoEngagementFactory(client=world.client_b)
        with pytest.raises(DatabaseError, match="row-level security"), transaction.atomic():
            cursor.execute(
                "UPDATE engagements_rpoengagement SET client_id = %s WHERE id = %s", [world.client_b.pk, world.rpo_a.pk]
            )
        cursor.execute("UPDATE engagements_rpoengagement SET name = 'x' WHERE id = %s", [world.rpo_b.pk])
        assert cursor.rowcount == 0  # B's row is invisible, so untouched


@needs_postgresql
def test_an_empty_client_list_shows_nothing(world: World, app_role: str) -> None:
    with as_role(app_role, client_ids="") as cursor:
        for table in TABLES:
            assert client_ids_in(cursor, table) == set(), table


@needs_postgresql
def test_bypass_shows_everything(world: World, app_role: str) -> None:
    with as_role(app_role, bypass="on") as cursor:
        for table in ("engagements_bpoengagement", "engagements_rpoengagement", "tenancy_client"):
            assert client_ids_in(cursor, table) == {world.client_a.pk, world.client_b.pk}, table


@needs_postgresql
def test_setup_role_twice_updates_and_refuses_a_superuser(app_role: str) -> None:
    assert rls.setup_role(app_role) is False
    with pytest.raises(CommandError, match="superuser"):
        call_command("rls_setup_role", "postgres")


# --- the request scope (through settings.MIDDLEWARE) -------------------------------------------------------------


def probe(request: HttpRequest) -> JsonResponse:
    """A deliberately unscoped view: raw counts with no WHERE, and the scope the request runs under."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT count(*) FROM engagements_bpoengagement), (SELECT count(*) FROM tenancy_client), "
            "current_user, current_setting('handoff.client_ids', true)"
        )
        row = cursor.fetchone()
    assert row is not None
    bpo, clients, user, client_ids = row
    return JsonResponse({"bpo": bpo, "clients": clients, "user": user, "client_ids": client_ids})


def failing_write(request: HttpRequest) -> HttpResponse:
    factories.ClientFactory(name="Written before a crash")
    return HttpResponse(status=500)


urlpatterns = [path("rls-probe/", probe), path("rls-fail/", failing_write), *project_urlpatterns]


@pytest.fixture
def probing(settings: Any, app_role: str) -> str:
    settings.ROOT_URLCONF = __name__
    settings.DATABASE_APP_ROLE = app_role
    return app_role


def probe_as(world: World, persona: str | None) -> dict[str, Any]:
    browser = Browser()
    if persona:
        browser.force_login(world.users[persona])
    response = browser.get("/rls-probe/")
    assert response.status_code == 200
    return dict(json.loads(response.content))


def current(setting: str) -> Any:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting(%s, true)", [setting])
        row = cursor.fetchone()
    return row[0] if row else None


@needs_postgresql
def test_an_unscoped_query_in_a_view_sees_only_the_users_client(world: World, probing: str) -> None:
    seen = probe_as(world, "hr_admin_a")
    assert seen == {"bpo": 1, "clients": 1, "user": probing, "client_ids": str(world.client_a.pk)}


@needs_postgresql
def test_staff_see_their_account_team_clients_and_admins_everything(world: World, probing: str) -> None:
    assert probe_as(world, "account_manager_a")["bpo"] == 1
    assert probe_as(world, "provider_admin")["bpo"] == 2
    assert probe_as(world, "outsider")["bpo"] == 0
    assert probe_as(world, None)["clients"] == 0


@needs_postgresql
def test_the_scope_is_put_back_after_a_request_in_an_outer_transaction(world: World, probing: str) -> None:
    probe_as(world, "hr_admin_a")
    assert (current("role"), current(rls.BYPASS), current(rls.CLIENT_IDS)) == ("none", "on", "")


@needs_postgresql
def test_pages_and_api_work_under_the_runtime_role(world: World, probing: str) -> None:
    browser = Browser()
    browser.force_login(world.users["hr_admin_a"])
    page = browser.get("/engagements/").content.decode()
    assert MARKER_A in page
    assert MARKER_B not in page
    token = issue_token(world.users["account_manager_a"], "rls").secret
    listing = Browser().get("/api/v1/engagements/bpo", headers={"Authorization": f"Bearer {token}"})
    assert listing.status_code == 200
    assert [row["id"] for row in listing.json()["items"]] == [world.bpo_a.pk]


@needs_postgresql
def test_a_server_error_rolls_the_request_back(world: World, probing: str) -> None:
    browser = Browser(raise_request_exception=False)
    browser.force_login(world.users["provider_admin"])
    assert browser.get("/rls-fail/").status_code == 500
    assert not Client.objects.filter(name="Written before a crash").exists()
    assert current("role") == "none"  # the savepoint's rollback took the SET LOCAL ROLE with it


@needs_postgresql
def test_login_rescopes_the_request(world: World, app_role: str) -> None:
    request = HttpRequest()
    setattr(request, rls.REQUEST_FLAG, True)
    with transaction.atomic():
        rls.set_local_scope(world.persona("anonymous"))
        rls.on_user_logged_in(None, request, world.users["hr_admin_a"])
        assert current(rls.CLIENT_IDS) == str(world.client_a.pk)
        assert current(rls.BYPASS) == "off"
        transaction.set_rollback(True)


@pytest.fixture
def committed_role(transactional_db: None) -> Iterator[str]:
    """The runtime role, committed (for a test without an outer transaction); dropped afterwards."""
    rls.setup_role(ROLE)
    yield ROLE
    with connection.cursor() as cursor:
        cursor.execute(f"DROP OWNED BY {rls.quote_ident(ROLE)}")
        cursor.execute(f"REVOKE {rls.quote_ident(ROLE)} FROM CURRENT_USER")
        cursor.execute(f"DROP ROLE {rls.quote_ident(ROLE)}")


@needs_postgresql
def test_nothing_is_left_on_the_connection_after_a_request(settings: Any, committed_role: str) -> None:
    """No outer transaction here: the request's own transaction ends, and SET LOCAL with it."""
    world = build_world()
    settings.ROOT_URLCONF = __name__
    settings.DATABASE_APP_ROLE = committed_role
    assert not connection.in_atomic_block
    assert probe_as(world, "hr_admin_a")["bpo"] == 1
    assert (current("role"), current(rls.BYPASS), current(rls.CLIENT_IDS)) == ("none", "on", "")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM engagements_bpoengagement")
        assert cursor.fetchone() == (2,)
