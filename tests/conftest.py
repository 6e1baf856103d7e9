from __future__ import annotations

import os

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from hypothesis import settings as hypothesis_settings

from tests.personas import World, build_world

# The test command runs hypothesis derandomized ("ci"): the same examples on every run, so a
# green suite stays green; `HYPOTHESIS_PROFILE=explore pytest` searches with fresh randomness.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
hypothesis_settings.register_profile("explore", max_examples=500)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    cache.clear()


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:
    """Tests hash with MD5 for speed; tests of password storage switch Argon2 back on."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def _database_app_role(request: pytest.FixtureRequest) -> None:
    """With DATABASE_APP_ROLE set (PostgreSQL), every request of the suite runs as that role, under
    row-level security: give it the test database (the role is created once for the cluster)."""
    if not django_settings.DATABASE_APP_ROLE or connection.vendor != "postgresql":
        return
    from handoff.domain.tenancy.rls import setup_role

    request.getfixturevalue("django_db_setup")
    with request.getfixturevalue("django_db_blocker").unblock():
        try:
            setup_role(django_settings.DATABASE_APP_ROLE)
        except DatabaseError:  # another test process created the role at the same moment
            setup_role(django_settings.DATABASE_APP_ROLE)
