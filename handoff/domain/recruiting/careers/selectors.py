"""Reads of career sites and postings: the staff's (scoped to the actor) and the public's (one client's).

The public reads take the ``CareerSite`` found by :func:`public_site` and filter on its client: the web
view scopes the request's transaction to that same client (row-level security), so a slug of another
client's posting under this site finds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from handoff.domain.recruiting.careers.models import CareerApplication, CareerSite, JobPosting
from handoff.domain.recruiting.models import Requisition, RequisitionStatus
from handoff.domain.tenancy import rls
from handoff.domain.tenancy.access import Actor, scoped
from handoff.domain.tenancy.models import Client

# --- staff ------------------------------------------------------------------------------------------------------


def career_site_of(actor: Actor, client: Client) -> CareerSite | None:
    return scoped(actor, CareerSite).filter(client=client).first()


def posting_of(actor: Actor, requisition: Requisition) -> JobPosting | None:
    return scoped(actor, JobPosting).filter(requisition=requisition).first()


# --- the public -------------------------------------------------------------------------------------------------


def public_site(slug: str) -> CareerSite:
    """The career site at this address (of an active client), or Http404.

    Read past the row-level scope: the visitor's request sees no client until the site tells which one.
    """
    with rls.past_the_scope():
        site = CareerSite.objects.select_related("client").filter(slug=slug, client__is_active=True).first()
    if site is None:
        raise Http404("No such career site")
    return site


@dataclass(frozen=True)
class JobFilters:
    q: str = ""
    location: str = ""  # a location text, or "remote"
    employment_type: str = ""
    department: str = ""


def live_postings(site: CareerSite) -> QuerySet[JobPosting]:
    """The site's postings that are published, not expired, and whose requisition is open."""
    now = timezone.now()
    return (
        JobPosting.objects.filter(
            client_id=site.client_id,
            published_at__isnull=False,
            published_at__lte=now,
            requisition__status=RequisitionStatus.OPEN,
        )
        .filter(Q(valid_through__isnull=True) | Q(valid_through__gt=now))
        .select_related("requisition")
    )


def search_postings(site: CareerSite, filters: JobFilters) -> QuerySet[JobPosting]:
    rows = live_postings(site)
    for word in filters.q.split()[:8]:
        rows = rows.filter(
            Q(requisition__title__icontains=word)
            | Q(public_description__icontains=word)
            | Q(requisition__department__icontains=word)
        )
    if filters.location == "remote":
        rows = rows.filter(requisition__remote=True)
    elif filters.location:
        rows = rows.filter(requisition__location__iexact=filters.location)
    if filters.employment_type:
        rows = rows.filter(requisition__employment_type=filters.employment_type)
    if filters.department:
        rows = rows.filter(requisition__department__iexact=filters.department)
    return rows


def filter_choices(site: CareerSite) -> dict[str, list[str]]:
    """The locations and departments of the site's live postings (the filters' options)."""
    rows = live_postings(site)
    locations = sorted(set(rows.exclude(requisition__location="").values_list("requisition__location", flat=True)))
    departments = sorted(
        set(rows.exclude(requisition__department="").values_list("requisition__department", flat=True))
    )
    return {"locations": locations, "departments": departments}


def public_posting(site: CareerSite, slug: Any) -> JobPosting:
    """A live posting of this site, or Http404 (another client's slug, a draft or cancelled requisition)."""
    found = live_postings(site).filter(slug=str(slug)).first()
    if found is None:
        raise Http404("No such job")
    return found


# --- background work --------------------------------------------------------------------------------------------


def submission_for_task(pk: int) -> CareerApplication | None:
    """A career-site submission for the task worker (which runs unscoped, outside any request)."""
    return CareerApplication.objects.filter(pk=pk).first()
