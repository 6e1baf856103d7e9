from __future__ import annotations

import pytest
from django.core.cache import cache

from tests.personas import World, build_world


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
