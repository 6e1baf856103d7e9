"""The browser tests' live server answers one request at a time when its threads share the test's connection."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable

from django.test import testcases

from tests.browser.conftest import OneRequestAtATimeServer


def _counting_app(peak: list[int], busy: list[int]) -> Callable[..., Iterable[bytes]]:
    guard = threading.Lock()

    def app(_environ: dict[str, object], _start_response: Callable[..., object]) -> Iterable[bytes]:
        with guard:
            busy[0] += 1
            peak[0] = max(peak[0], busy[0])
        time.sleep(0.02)
        with guard:
            busy[0] -= 1
        return [b"ok"]

    return app


def _serve_at_once(app: Callable[..., Iterable[bytes]], requests: int) -> None:
    threads = [threading.Thread(target=app, args=({}, lambda *_: None)) for _ in range(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def test_requests_sharing_a_connection_are_served_one_after_another() -> None:
    peak, busy = [0], [0]
    _serve_at_once(OneRequestAtATimeServer._one_at_a_time(_counting_app(peak, busy)), 6)
    assert peak[0] == 1


def test_without_the_lock_the_same_requests_overlap() -> None:
    """The control: the counting app does see overlap, so the test above can fail."""
    peak, busy = [0], [0]
    _serve_at_once(_counting_app(peak, busy), 6)
    assert peak[0] > 1


def test_the_live_server_uses_it() -> None:
    assert testcases.LiveServerThread.server_class is OneRequestAtATimeServer
