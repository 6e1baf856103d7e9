"""Reads of import jobs: provider data, seen by the staff who work the talent pool (nobody else)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from handoff.domain.imports.models import ImportJob, ImportRowIssue
from handoff.domain.recruiting.rules import works_talent_pool
from handoff.domain.tenancy.access import Actor


def jobs(actor: Actor) -> QuerySet[ImportJob]:
    rows = ImportJob.objects.defer("content").select_related("created_by")
    return rows if works_talent_pool(actor) else rows.none()


def job(actor: Actor, pk: Any) -> ImportJob:
    try:
        return jobs(actor).get(pk=int(pk))
    except (ImportJob.DoesNotExist, TypeError, ValueError) as exc:
        raise Http404("Not found") from exc


def issues(actor: Actor, job: ImportJob) -> QuerySet[ImportRowIssue]:
    rows = ImportRowIssue.objects.filter(job=job)
    return rows if works_talent_pool(actor) else rows.none()


def job_for_task(pk: int) -> ImportJob | None:
    """The job a background task runs (no actor: the worker runs what an allowed person confirmed)."""
    return ImportJob.objects.filter(pk=pk).first()
