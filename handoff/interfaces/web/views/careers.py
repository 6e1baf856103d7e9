"""Career sites: the public pages of each client (jobs, job page with JSON-LD, apply form, feeds), and the
staff pages that set a site up and publish requisitions on it.

Every public view starts with :func:`_site`: it finds the site by the slug in the URL and narrows the
request's database scope to that one client (row-level security), whoever the visitor is.
"""

from __future__ import annotations

import json
import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from handoff.domain.recruiting import selectors as recruiting_selectors
from handoff.domain.recruiting.careers import actions, publishing, selectors
from handoff.domain.recruiting.careers.models import CareerSite, JobPosting
from handoff.domain.recruiting.models import EmploymentType
from handoff.domain.tenancy import rls
from handoff.interfaces.web.forms_careers import ApplyForm, CareerSiteForm, JobSearchForm, PostingForm
from handoff.interfaces.web.views.common import (
    AuthenticatedHttpRequest,
    active_client,
    add_validation_errors,
    render_page,
)

FEED_LIMIT = 500


def _site(request: HttpRequest, site_slug: str) -> CareerSite:
    site = selectors.public_site(site_slug)
    rls.scope_to_public_client(request, site.client_id)
    return site


def _links(request: HttpRequest, site: CareerSite) -> publishing.Links:
    home = request.build_absolute_uri(reverse("web:careers_home", kwargs={"site_slug": site.slug}))
    logo = request.build_absolute_uri(reverse("web:careers_logo", kwargs={"site_slug": site.slug})) if site.logo else ""
    return publishing.Links(site=home, logo=logo)


def _job_url(request: HttpRequest, site: CareerSite, posting: JobPosting) -> str:
    kwargs = {"site_slug": site.slug, "posting_slug": posting.slug}
    return request.build_absolute_uri(reverse("web:careers_job", kwargs=kwargs))


# --- public pages ---------------------------------------------------------------------------------------------


@require_GET
def careers_home(request: HttpRequest, site_slug: str) -> HttpResponse:
    site = _site(request, site_slug)
    form = JobSearchForm(request.GET)
    filters = selectors.JobFilters(**form.cleaned_data) if form.is_valid() else selectors.JobFilters()
    context = {
        "site": site,
        "form": form,
        "postings": list(selectors.search_postings(site, filters)[:200]),
        "choices": selectors.filter_choices(site),
        "employment_types": EmploymentType.choices,
        "filters": filters,
    }
    return render(request, "web/careers/home.html", context)


@require_GET
def careers_job(request: HttpRequest, site_slug: str, posting_slug: str) -> HttpResponse:
    site = _site(request, site_slug)
    posting = selectors.public_posting(site, posting_slug)
    job_ld = publishing.job_posting_ld(site, posting, _links(request, site), _job_url(request, site, posting))
    context = {
        "site": site,
        "posting": posting,
        "requisition": posting.requisition,
        "description": publishing.description_html(posting),
        "job_ld": publishing.script_json(job_ld),
        "salary": job_ld.get("baseSalary"),
    }
    return render(request, "web/careers/job.html", context)


def careers_apply(request: HttpRequest, site_slug: str, posting_slug: str) -> HttpResponse:
    """The apply form. Bad input (type, size, consent, a repeat application) comes back as a message on the
    form with the typed values kept; the file input alone has to be chosen again."""
    site = _site(request, site_slug)
    posting = selectors.public_posting(site, posting_slug)
    posted = request.method == "POST"
    form = ApplyForm(
        request.POST if posted else None, request.FILES if posted else None, questions=posting.knockout_questions
    )
    if posted and form.is_valid():
        upload = form.cleaned_data["resume"]
        applicant = actions.Applicant(
            full_name=form.cleaned_data["full_name"],
            email=form.cleaned_data["email"],
            phone=form.cleaned_data["phone"],
            consent=form.cleaned_data["consent"],
            answers=form.answers(),
            resume_name=upload.name,
            resume=upload.read(),
            ip=request.META.get("REMOTE_ADDR"),
        )
        try:
            actions.apply_to_posting(site, posting, applicant)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            return redirect("web:careers_applied", site_slug=site.slug, posting_slug=posting.slug)
    context = {"site": site, "posting": posting, "requisition": posting.requisition, "form": form}
    return render_page(request, "web/careers/apply.html", context, invalid=form.is_bound)


@require_GET
def careers_applied(request: HttpRequest, site_slug: str, posting_slug: str) -> HttpResponse:
    site = _site(request, site_slug)
    posting = selectors.public_posting(site, posting_slug)
    return render(request, "web/careers/applied.html", {"site": site, "posting": posting})


@require_GET
def careers_logo(request: HttpRequest, site_slug: str) -> FileResponse:
    site = _site(request, site_slug)
    if not site.logo:
        raise Http404("No logo")
    content_type = mimetypes.guess_type(site.logo.name or "")[0] or "application/octet-stream"
    return FileResponse(site.logo.open("rb"), content_type=content_type)


@require_GET
def careers_theme(request: HttpRequest, site_slug: str) -> HttpResponse:
    """The site's colours as CSS (the CSP allows no inline styles); both are validated #rrggbb."""
    site = _site(request, site_slug)
    css = (
        f":root {{ --careers-primary: {site.primary_colour}; --careers-accent: {site.accent_colour}; "
        f"--pico-primary: {site.primary_colour}; --pico-primary-background: {site.primary_colour}; }}\n"
    )
    return HttpResponse(css, content_type="text/css; charset=utf-8")


def _entries(request: HttpRequest, site: CareerSite) -> list[publishing.FeedEntry]:
    links = _links(request, site)
    return [
        publishing.FeedEntry(site, posting, links, _job_url(request, site, posting))
        for posting in selectors.live_postings(site)[:FEED_LIMIT]
    ]


@require_GET
def careers_feed_xml(request: HttpRequest, site_slug: str) -> HttpResponse:
    site = _site(request, site_slug)
    body = publishing.xml_feed(site.display_name, _links(request, site).site, _entries(request, site))
    return HttpResponse(body, content_type="application/xml; charset=utf-8")


@require_GET
def careers_feed_json(request: HttpRequest, site_slug: str) -> JsonResponse:
    site = _site(request, site_slug)
    feed = publishing.json_feed(
        f"Jobs at {site.display_name}",
        _links(request, site).site,
        request.build_absolute_uri(request.path),
        _entries(request, site),
    )
    response = JsonResponse(feed, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/feed+json; charset=utf-8"
    return response


# --- staff pages ----------------------------------------------------------------------------------------------


@login_required
def career_site_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The active client's career site: created on first save (client HR admins and account managers)."""
    client = active_client(request)
    if client is None:
        messages.info(request, "Choose a client first.")
        return redirect("web:home")
    if not actions.edits_career_site(request.user):
        raise PermissionDenied("The career site is set up by the client's HR admins and account managers.")
    site = selectors.career_site_of(request.user, client)
    posted = request.method == "POST"
    form = CareerSiteForm(request.POST if posted else None, request.FILES if posted else None, instance=site)
    if posted and form.is_valid():
        logo = form.cleaned_data.get("logo_upload")
        data = {name: form.cleaned_data[name] for name in CareerSiteForm.Meta.fields}
        try:
            saved = actions.save_career_site(request.user, client.pk, data, logo.read() if logo else None)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Career site saved.")
            return redirect("web:careers_home", site_slug=saved.slug)
    context = {"form": form, "site": site, "client": client}
    return render_page(request, "web/careers/settings.html", context, invalid=form.is_bound)


@login_required
def posting_edit(request: AuthenticatedHttpRequest, requisition_id: int) -> HttpResponse:
    """Publish a requisition on its client's career site (or update its posting)."""
    requisition = recruiting_selectors.requisition(request.user, requisition_id)
    if not actions.publishes(request.user):
        raise PermissionDenied("Postings are published by recruiters on the client's team and client HR admins.")
    posting = selectors.posting_of(request.user, requisition)
    initial = (
        {
            "public_description": posting.public_description,
            "valid_through": posting.valid_through,
            "show_salary": posting.show_salary,
            "knockout_questions": json.dumps(posting.knockout_questions, indent=1)
            if posting.knockout_questions
            else "",
        }
        if posting
        else {"public_description": requisition.description}
    )
    form = PostingForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = actions.publish(request.user, requisition, form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, f"Published as /careers/…/jobs/{saved.slug}/.")
            return redirect("web:requisition_detail", requisition_id=requisition.pk)
    context = {"form": form, "requisition": requisition, "posting": posting}
    return render_page(request, "web/careers/posting_form.html", context, invalid=form.is_bound)


@login_required
@require_POST
def posting_unpublish(request: AuthenticatedHttpRequest, requisition_id: int) -> HttpResponse:
    requisition = recruiting_selectors.requisition(request.user, requisition_id)
    posting = selectors.posting_of(request.user, requisition)
    if posting is None:
        raise Http404("Not published")
    actions.unpublish(request.user, posting)
    messages.success(request, "The job was taken off the career site.")
    return redirect("web:requisition_detail", requisition_id=requisition.pk)
