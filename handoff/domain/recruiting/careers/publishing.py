"""What a posting says to machines: schema.org ``JobPosting`` JSON-LD, and the XML and JSON feeds.

Pure functions of rows already read (no queries). The *client* is the hiring organisation everywhere;
URLs are absolute and come from the interface (it knows the host).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.html import escape, linebreaks

from handoff.domain.recruiting.careers.models import CareerSite, JobPosting
from handoff.domain.recruiting.models import EmploymentType

# Google's employmentType values
SCHEMA_EMPLOYMENT_TYPES: dict[str, str] = {
    EmploymentType.FULL_TIME: "FULL_TIME",
    EmploymentType.PART_TIME: "PART_TIME",
    EmploymentType.CONTRACT: "CONTRACTOR",
    EmploymentType.TEMPORARY: "TEMPORARY",
    EmploymentType.INTERNSHIP: "INTERN",
}
# Characters that would end a <script> block or start markup: escaped inside the JSON text.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class Links:
    """Absolute URLs the interface resolved for one site (and, per posting, the job page)."""

    site: str
    logo: str = ""


def description_html(posting: JobPosting) -> str:
    """The public description as escaped HTML paragraphs (schema.org allows HTML in ``description``)."""
    return linebreaks(escape(posting.public_description))


def organisation(site: CareerSite, links: Links) -> dict[str, Any]:
    org: dict[str, Any] = {"@type": "Organization", "name": site.display_name, "sameAs": site.website_url or links.site}
    if links.logo:
        org["logo"] = links.logo
    return org


def _salary(posting: JobPosting) -> dict[str, Any] | None:
    requisition = posting.requisition
    if not posting.show_salary or (requisition.salary_min is None and requisition.salary_max is None):
        return None
    value: dict[str, Any] = {"@type": "QuantitativeValue", "unitText": "YEAR"}
    if requisition.salary_min is not None:
        value["minValue"] = float(requisition.salary_min)
    if requisition.salary_max is not None:
        value["maxValue"] = float(requisition.salary_max)
    return {"@type": "MonetaryAmount", "currency": requisition.currency, "value": value}


def _place(site: CareerSite, posting: JobPosting) -> dict[str, Any]:
    return {
        "@type": "Place",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": posting.requisition.location,
            "addressCountry": str(site.client.country),
        },
    }


def job_posting_ld(site: CareerSite, posting: JobPosting, links: Links, job_url: str) -> dict[str, Any]:
    """schema.org JobPosting with every field Google requires, and the recommended ones we have."""
    requisition = posting.requisition
    assert posting.published_at is not None
    data: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": requisition.title,
        "description": description_html(posting),
        "datePosted": posting.published_at.date().isoformat(),
        "hiringOrganization": organisation(site, links),
        "identifier": {"@type": "PropertyValue", "name": site.display_name, "value": str(posting.pk)},
        "employmentType": SCHEMA_EMPLOYMENT_TYPES.get(requisition.employment_type, "OTHER"),
        "url": job_url,
        "directApply": True,
    }
    if posting.valid_through is not None:
        data["validThrough"] = posting.valid_through.isoformat()
    if requisition.remote:
        data["jobLocationType"] = "TELECOMMUTE"
        data["applicantLocationRequirements"] = [
            {"@type": "Country", "name": code} for code in requisition.allowed_countries
        ]
    if requisition.location:
        data["jobLocation"] = _place(site, posting)
    salary = _salary(posting)
    if salary is not None:
        data["baseSalary"] = salary
    return data


def script_json(data: dict[str, Any]) -> str:
    """JSON safe inside a ``<script>`` element: no ``</script>`` (nor ``<!--``) can appear in it."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_SCRIPT_ESCAPES)


# --- feeds ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedEntry:
    site: CareerSite
    posting: JobPosting
    links: Links
    job_url: str


def _salary_text(posting: JobPosting) -> str:
    salary = _salary(posting)
    if salary is None:
        return ""
    low, high = salary["value"].get("minValue"), salary["value"].get("maxValue")
    amounts = " - ".join(f"{Decimal(str(value)):,.0f}" for value in (low, high) if value is not None)
    return f"{amounts} {salary['currency']} per year"


def _location_text(posting: JobPosting) -> str:
    requisition = posting.requisition
    if requisition.remote:
        where = ", ".join(requisition.allowed_countries)
        return f"Remote ({where})" + (f" / {requisition.location}" if requisition.location else "")
    return requisition.location


def xml_feed(publisher: str, publisher_url: str, entries: list[FeedEntry]) -> bytes:
    """The job-board XML feed (the common ``<source><job>…`` shape): every job names its own company."""
    root = ET.Element("source")
    ET.SubElement(root, "publisher").text = publisher
    ET.SubElement(root, "publisherurl").text = publisher_url
    for entry in entries:
        posting, requisition = entry.posting, entry.posting.requisition
        assert posting.published_at is not None
        job = ET.SubElement(root, "job")
        fields = {
            "referencenumber": str(posting.pk),
            "title": requisition.title,
            "company": entry.site.display_name,
            "url": entry.job_url,
            "date": posting.published_at.isoformat(),
            "validthrough": posting.valid_through.isoformat() if posting.valid_through else "",
            "location": _location_text(posting),
            "country": str(entry.site.client.country),
            "remote": "yes" if requisition.remote else "no",
            "jobtype": SCHEMA_EMPLOYMENT_TYPES.get(requisition.employment_type, "OTHER"),
            "category": requisition.department,
            "salary": _salary_text(posting),
            "description": description_html(posting),
        }
        for name, text in fields.items():
            ET.SubElement(job, name).text = text
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))


def json_feed(title: str, home_url: str, feed_url: str, entries: list[FeedEntry]) -> dict[str, Any]:
    """A JSON Feed 1.1 (https://jsonfeed.org/version/1.1) of the postings, each with its JobPosting JSON-LD."""
    items = []
    for entry in entries:
        posting = entry.posting
        assert posting.published_at is not None
        items.append(
            {
                "id": entry.job_url,
                "url": entry.job_url,
                "title": posting.requisition.title,
                "content_html": description_html(posting),
                "date_published": posting.published_at.isoformat(),
                "date_modified": posting.updated_at.isoformat(),
                "authors": [{"name": entry.site.display_name, "url": entry.site.website_url or entry.links.site}],
                "_job_posting": job_posting_ld(entry.site, posting, entry.links, entry.job_url),
            }
        )
    return {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "home_page_url": home_url,
        "feed_url": feed_url,
        "items": items,
    }
