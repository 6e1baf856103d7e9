"""The data credits page: public, and naming the O*NET release and ESCO as the licences ask."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from handoff.domain.taxonomy.actions import import_taxonomy
from tests.engines.taxonomy.builders import write_esco, write_onet

pytestmark = pytest.mark.django_db
CREDITS = reverse("web:data_credits")


def test_anyone_can_read_the_credits_before_any_import() -> None:
    response = Client().get(CREDITS)
    assert response.status_code == 200
    text = response.content.decode()
    assert "O*NET® 29.2 Database by the U.S. Department of Labor" in text
    assert "CC BY 4.0" in text
    assert 'data-credit="esco"' not in text


def test_the_credits_follow_the_imported_sources(tmp_path: Path) -> None:
    import_taxonomy(write_onet(tmp_path / "onet", version="29.3"), esco=write_esco(tmp_path / "esco_v1_0_8_csv"))
    text = Client().get(CREDITS).content.decode()
    assert "O*NET® 29.3 Database" in text
    assert 'data-credit="esco"' in text
    assert "European Union" in text


def test_every_page_links_to_the_credits() -> None:
    text = Client().get(reverse("web:login")).content.decode()
    assert f'href="{CREDITS}"' in text
