"""The public advisor's writing pages are limited per client address, like its API."""

from __future__ import annotations

import pytest
from django.test import Client

from handoff.domain.advisor.models import AdvisorReport
from handoff.interfaces.web.views import advisor as advisor_views
from tests.advisor import scenarios

pytestmark = pytest.mark.django_db


def test_answers_beyond_the_rate_are_refused_before_anything_is_saved(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(advisor_views, "PUBLIC_WRITE_RATE", "2/m")
    scenarios.people()
    browser = Client(REMOTE_ADDR="198.51.100.7")
    data = scenarios.form_data(scenarios.STARTUP.answers)
    assert [browser.post("/advisor/", data).status_code for _ in range(2)] == [302, 302]
    refused = browser.post("/advisor/", data)
    assert refused.status_code == 429
    assert "wait a minute" in refused.content.decode()
    assert AdvisorReport.objects.count() == 2
    assert Client(REMOTE_ADDR="198.51.100.8").post("/advisor/", data).status_code == 302  # another address
    assert browser.get("/advisor/").status_code == 200  # reading is never limited
