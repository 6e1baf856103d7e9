"""Tenant isolation: every route, as every persona of client A (or of no client), with client B's ids.

The world is built once for the module (``isolation_world``) inside a transaction that is rolled
back after the module; each test adds its own savepoint (pytest-django's ``db``) and each probe
one more, so nothing a probe does survives it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.test import override_settings
from django.urls import path, re_path

from handoff.interfaces.api.api import api
from tests.isolation.coverage import Coverage, admin_model_prefixes, check_coverage, unique_entries
from tests.isolation.harness import Report, run_harness
from tests.isolation.policy import POLICY, PROBED_PERSONAS, Access, Policy
from tests.isolation.routes import Route, Segment, api_methods, project_routes, walk
from tests.isolation.targets import KNOWN_TARGETS
from tests.isolation.world import IsolationWorld, build_isolation_world
from tests.personas import MARKER_B, PERSONA_SCOPE

MIN_PROBES = 3000  # an enumeration that lost its routes cannot pass
REPORT_PATH = settings.VAR_DIR / "isolation-report.json"
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def isolation_world(django_db_setup: None, django_db_blocker: Any) -> Iterator[IsolationWorld]:
    """Built once per module, in a transaction the module's end rolls back (on SQLite and PostgreSQL alike)."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
                world = build_isolation_world()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield world
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


def coverage_of(routes: list[Route], policy: Policy = POLICY) -> Coverage:
    return check_coverage(routes, policy, admin_model_prefixes(), KNOWN_TARGETS)


def openapi_schema() -> dict[str, Any]:
    return dict(api.get_openapi_schema())


def fake_view(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return HttpResponse("fake")


# --- enumeration and coverage -------------------------------------------------------------------


def test_routes_are_enumerated_from_the_web_the_api_and_the_admin() -> None:
    kinds = {route.kind for route in project_routes()}
    names = {route.name for route in project_routes()}
    assert kinds == {"web", "api", "admin"}
    assert {"web:login", "api:openapi-json", "admin:index", "admin:engagements_bpoengagement_change"} <= names


def test_every_route_is_covered_by_the_policy() -> None:
    coverage = coverage_of(project_routes())
    assert coverage.problems == (), "routes the isolation policy does not cover:\n" + "\n".join(coverage.problems)


def test_every_openapi_path_is_an_enumerated_route() -> None:
    api_paths = {route.openapi_path for route in project_routes() if route.kind == "api"}
    assert set(api_methods(openapi_schema())) <= api_paths


def test_a_new_route_with_an_unknown_kwarg_or_name_makes_the_coverage_fail() -> None:
    extra = list(
        walk(
            [
                path("widgets/<int:widget_id>/", fake_view, name="widget_detail"),
                path("clients/<int:client_id>/report/", fake_view, name="client_report"),
            ],
            namespaces=("web",),
        )
    )
    problems = "\n".join(coverage_of([*project_routes(), *extra]).problems)
    assert "kwarg 'widget_id'" in problems
    assert "'web:widget_detail'" in problems
    assert "'web:client_report'" in problems
    assert "add it to ROUTES" in problems
    known = Policy(routes={**POLICY.routes, "web:client_report": Access.SIGNED_IN})
    assert coverage_of(extra[1:], known).problems == ()


def test_an_admin_model_missing_from_the_policy_makes_the_coverage_fail() -> None:
    under_model = (Segment("admin/", is_regex=False), Segment("recruiting/pilot/", is_regex=False))
    routes = list(
        walk([path("<path:object_id>/change/", fake_view, name="x")], namespaces=("admin",), segments=under_model)
    )
    coverage = check_coverage(routes, POLICY, {"recruiting/pilot/": "recruiting.pilot"}, KNOWN_TARGETS)
    assert coverage.routes == ()
    assert any("'recruiting.pilot'" in problem and "ADMIN_MODELS" in problem for problem in coverage.problems)


def test_urls_are_built_for_route_and_regex_patterns() -> None:
    routes = {
        route.name: route
        for route in walk(
            [
                re_path(r"^(?P<app_label>engagements|tenancy)/$", fake_view, name="app_list"),
                path("bpo/<int:bpo_id>/team/<slug:user_id>/", fake_view, name="member"),
            ],
        )
    }
    assert routes["app_list"].fill({"app_label": "tenancy"}) == "/tenancy/"
    assert routes["member"].fill({"bpo_id": "7", "user_id": "9"}) == "/bpo/7/team/9/"
    assert routes["member"].openapi_path == "/bpo/{bpo_id}/team/{user_id}/"


# --- the probes ---------------------------------------------------------------------------------


def probe_project(world: IsolationWorld) -> Report:
    coverage = coverage_of(project_routes())
    assert coverage.problems == (), "\n".join(coverage.problems)
    return run_harness(world, unique_entries(coverage.routes), openapi_schema(), PROBED_PERSONAS)


@pytest.mark.django_db
def test_no_route_shows_or_changes_client_b(
    isolation_world: IsolationWorld, capsys: pytest.CaptureFixture[str]
) -> None:
    assert all(PERSONA_SCOPE[persona] in ("A", None) for persona in PROBED_PERSONAS)
    report = probe_project(isolation_world)
    report.write(REPORT_PATH)
    with capsys.disabled():
        print(f"\n{report.summary()} (report: {REPORT_PATH})")
    assert report.probes >= MIN_PROBES, report.summary()
    pairs = [(route, persona) for route in report.routes for persona in PROBED_PERSONAS]
    never_probed = [pair for pair in pairs if not report.probed[pair]]
    assert never_probed == []
    assert report.leaks == 0, f"{report.summary()}:\n{report.readable()}"


LEAKY_ROUTES = ("shows", "tells", "writes", "anyone", "scoped")
LEAKY_POLICY = Policy(routes={**POLICY.routes, **dict.fromkeys(LEAKY_ROUTES, Access.SIGNED_IN)})


@pytest.mark.django_db
def test_the_harness_catches_each_kind_of_leak(isolation_world: IsolationWorld, settings: Any) -> None:
    settings.ROOT_URLCONF = "tests.isolation.leaky_urls"
    # This tests the harness, not the database's wall: under an app role, row-level security would
    # hide the planted leaks from the leaky views (the harness would then have nothing to catch).
    settings.DATABASE_APP_ROLE = ""
    coverage = coverage_of(project_routes(), LEAKY_POLICY)
    assert coverage.problems == ()
    leaky = [entry for entry in coverage.routes if entry.route.key in LEAKY_ROUTES]
    report = run_harness(isolation_world, leaky, {}, ["hr_admin_a", "anonymous"])
    failures = {probe: "; ".join(problems) for probe, problems in report.failures}

    def problems_of(route: str) -> str:
        return "\n".join(problems for probe, problems in failures.items() if f"route {route})" in probe)

    assert MARKER_B in problems_of("shows")
    assert "server error 500" in problems_of("shows")
    assert "a foreign id answers 403 but a missing id 404" in problems_of("tells")
    assert "wrote into client B: engagements.bpoengagement: rows changed" in problems_of("writes")
    assert "an anonymous caller got 200 from a signed-in route" in problems_of("anyone")
    assert problems_of("scoped") == ""
