from __future__ import annotations

from pathlib import Path

import pytest

from handoff.engines.taxonomy import Normaliser, Taxonomy, load_onet
from tests.engines.taxonomy.builders import write_onet


@pytest.fixture
def onet_folder(tmp_path: Path) -> Path:
    return write_onet(tmp_path / "onet")


@pytest.fixture
def small(onet_folder: Path) -> Taxonomy:
    return load_onet(onet_folder)


@pytest.fixture(scope="module")
def shared_small(tmp_path_factory: pytest.TempPathFactory) -> Taxonomy:
    """The miniature taxonomy, built once per module for property tests (which must not mutate it)."""
    return load_onet(write_onet(tmp_path_factory.mktemp("onet")))


@pytest.fixture
def normaliser(small: Taxonomy) -> Normaliser:
    return Normaliser(small)
