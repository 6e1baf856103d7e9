from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from tests.personas import World

type LoginAs = Callable[[str], Client]


@pytest.fixture
def login_as(world: World) -> LoginAs:
    """A test client signed in as one of the world's personas (by name)."""

    def login(name: str) -> Client:
        browser = Client()
        browser.force_login(world.users[name])
        return browser

    return login
