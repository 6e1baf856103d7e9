"""The career-site demo: the demo clients with open requisitions get a site with those jobs published."""

from __future__ import annotations

import pytest

from handoff.domain.demo.seed import seed_demo
from handoff.domain.recruiting.careers import selectors
from handoff.domain.recruiting.careers.models import CareerSite, JobPosting
from handoff.domain.recruiting.models import Requisition, RequisitionStatus

pytestmark = pytest.mark.django_db


def test_demo_clients_get_career_sites_with_their_open_jobs_and_a_rerun_adds_nothing() -> None:
    report = seed_demo()
    sites = list(CareerSite.objects.all())
    assert report.created["career sites"] == len(sites) > 0
    for site in sites:
        live = selectors.live_postings(site)
        open_jobs = Requisition.objects.filter(client_id=site.client_id, status=RequisitionStatus.OPEN, remote=False)
        assert {posting.requisition_id for posting in live} == set(open_jobs.values_list("pk", flat=True))
    assert report.created["job postings"] == JobPosting.objects.count()
    again = seed_demo()
    assert again.created["career sites"] == 0
    assert again.created["job postings"] == 0
