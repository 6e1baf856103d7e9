"""The start script's gunicorn configuration warms the matching engine in each worker before it serves."""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.db import connections

from handoff.conf import gunicorn as config
from handoff.domain.matching import documents
from handoff.domain.taxonomy.actions import import_taxonomy
from handoff.engines.matching.vocabulary import Vocabulary
from tests.engines.taxonomy.builders import write_onet

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Records the hook's closing of connections (closing for real would end the test's transaction)."""
    calls: list[bool] = []
    monkeypatch.setattr(connections, "close_all", lambda: calls.append(True))
    return calls


def test_a_worker_builds_the_vocabulary_before_its_first_request(
    tmp_path: Path, closed: list[bool], django_assert_max_num_queries, caplog: pytest.LogCaptureFixture
) -> None:
    import_taxonomy(write_onet(tmp_path / "onet"))  # the import also empties the per-process caches
    with caplog.at_level(logging.INFO, logger="handoff.gunicorn"):
        config.post_worker_init(SimpleNamespace(pid=4242))
    assert "worker 4242: matching engine warm in" in caplog.text
    with django_assert_max_num_queries(1):  # built already: only the query asking for the latest import
        assert isinstance(documents.vocabulary(), Vocabulary)
    assert closed == [True]


def test_a_worker_that_cannot_warm_still_serves(
    monkeypatch: pytest.MonkeyPatch, closed: list[bool], caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> float:
        raise RuntimeError("no such table: taxonomy_importrun")

    monkeypatch.setattr("handoff.domain.matching.warm.warm_up", broken)
    config.post_worker_init(SimpleNamespace(pid=7))
    assert "could not warm the matching engine in worker 7" in caplog.text
    assert "no such table" in caplog.text
    assert closed == [True]
