"""Career sites for the probes: one for each of clients A and B (B's posting slug is the foreign id), and one
of a third client, Gamma, whose public pages are the ones probed: they must never show A's or B's data."""

from __future__ import annotations

from handoff.domain.recruiting.careers.models import CareerSite, JobPosting
from handoff.domain.recruiting.models import Requisition
from handoff.domain.tenancy.roles import ClientRole
from tests import factories
from tests.careers import make_site, publish
from tests.personas import World
from tests.recruiting import open_requisition

GAMMA_SITE = "gamma-careers"
SHARED_POSTING_SLUG = "opening"


def build_careers(base: World) -> None:
    admin = base.users["provider_admin"]
    gamma = factories.ClientFactory(name="Gamma Careers Co", country="PT", time_zone="Europe/Lisbon")
    engagement = factories.RpoEngagementFactory(client=gamma, name="Gamma programme")
    hr_admin = factories.ClientUserFactory(email="hr@gamma.test", role=ClientRole.HR_ADMIN, client=gamma)
    requisition = open_requisition(admin, hr_admin, engagement, title="Gardener", location="Lisbon")
    make_site(admin, gamma, GAMMA_SITE, display_name="Gamma Careers Co")
    publish(admin, requisition)
    for client, slug in ((base.client_a, "alpha-careers"), (base.client_b, "beta-careers")):
        make_site(admin, client, slug)
        posting = publish(admin, Requisition.objects.get(client=client, title__startswith="Welder"))
        # The same slug for A and B: a 404 page echoes the path, and a slug made of B's (marked) title would
        # count as shown; a value both clients have is no evidence of a leak.
        JobPosting.objects.filter(pk=posting.pk).update(slug=SHARED_POSTING_SLUG)


def gamma_site() -> str:
    return GAMMA_SITE


def posting_slugs(base: World) -> tuple[str, str]:
    """(Gamma's posting slug, client B's posting slug)."""
    gamma = CareerSite.objects.get(slug=GAMMA_SITE)
    own = JobPosting.objects.filter(client_id=gamma.client_id).values_list("slug", flat=True).get()
    foreign = JobPosting.objects.filter(client=base.client_b).values_list("slug", flat=True).get()
    return own, foreign
