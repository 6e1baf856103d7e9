"""Importing the taxonomy: read the publisher's files with the engine, then write every table.

``import_taxonomy`` is an operator action (the ``handoff taxonomy import`` command): the data
is the provider's reference data, not any client's, so there is no actor to check. It is
idempotent: occupations and skills are upserted by their public ids (a re-import updates them;
ones the release dropped stay, marked not current, so rows pointing at them survive) and the
link tables are replaced whole, all in one transaction. Every run leaves an ``ImportRun`` row,
failed runs included (with the error), written outside that transaction.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from handoff.domain.taxonomy import download as fetch
from handoff.domain.taxonomy.models import (
    AlternateTitle,
    ImportRun,
    Occupation,
    OccupationLink,
    OccupationSkill,
    RelatedOccupation,
    Skill,
    SkillAlias,
    SkillGroup,
)
from handoff.domain.taxonomy.selectors import clear_cache
from handoff.engines.taxonomy import esco as esco_reader
from handoff.engines.taxonomy import onet as onet_reader
from handoff.engines.taxonomy.model import Taxonomy

BATCH_SIZE = 2000
OCCUPATION_MARKER = onet_reader.OCCUPATION_DATA


@dataclass(frozen=True)
class ImportResult:
    run: ImportRun
    counts: dict[str, int]
    sources: dict[str, str]
    seconds: float


def import_taxonomy(onet: Path | str, esco: Path | str | None = None) -> ImportResult:
    """Import an O*NET release (a folder, or the URL of the publisher's zip) and optionally ESCO CSVs.

    Raises ``TaxonomyFormatError`` / ``DownloadError`` / ``FileNotFoundError`` with a message an
    operator can act on; the database is then unchanged and the run is recorded as failed.
    """
    started = time.perf_counter()
    source = str(onet) if esco is None else f"{onet} + {esco}"
    run = ImportRun.objects.create(source=source[:500])
    try:
        with tempfile.TemporaryDirectory(prefix="handoff-taxonomy-") as scratch:
            taxonomy = read_release(onet, esco, Path(scratch))
        write_taxonomy(taxonomy)
    except Exception as error:
        ImportRun.objects.filter(pk=run.pk).update(
            status=ImportRun.Status.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        raise
    counts = taxonomy.counts()
    run.sources = dict(taxonomy.sources)
    run.version = ", ".join(f"{name} {version}" for name, version in taxonomy.sources.items())
    run.counts = counts
    run.status = ImportRun.Status.SUCCEEDED
    run.finished_at = timezone.now()
    run.save(update_fields=["sources", "version", "counts", "status", "finished_at"])
    clear_cache()
    return ImportResult(run, counts, dict(taxonomy.sources), time.perf_counter() - started)


def read_release(onet: Path | str, esco: Path | str | None, scratch: Path) -> Taxonomy:
    """The engine's taxonomy of the given sources (a URL is downloaded and unpacked into ``scratch``)."""
    folder = _local_folder(onet, scratch)
    taxonomy = onet_reader.load_onet(folder)
    if esco is not None:
        esco_reader.add_esco(taxonomy, Path(esco))
    return taxonomy


def _local_folder(onet: Path | str, scratch: Path) -> Path:
    text = str(onet)
    if isinstance(onet, Path) or "://" not in text:
        return Path(onet)
    archive = fetch.download(text, scratch / "release.zip")
    unpacked = fetch.safe_extract(archive, scratch / "release")
    return fetch.find_release_folder(unpacked, OCCUPATION_MARKER)


@transaction.atomic
def write_taxonomy(taxonomy: Taxonomy) -> None:
    """Replace the database's taxonomy with this one (upserts for ids, rewrites for links)."""
    _upsert_occupations(taxonomy)
    _upsert_skills(taxonomy)
    _replace_links(taxonomy)


def _upsert_occupations(taxonomy: Taxonomy) -> None:
    rows = [Occupation(code=o.code, title=o.title, description=o.description) for o in taxonomy.occupations.values()]
    Occupation.objects.bulk_create(
        rows,
        batch_size=BATCH_SIZE,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["title", "description", "is_current"],
    )
    Occupation.objects.exclude(code__in=list(taxonomy.occupations)).update(is_current=False)


def _upsert_skills(taxonomy: Taxonomy) -> None:
    groups = [SkillGroup(code=code, name=name[:255]) for code, name in taxonomy.group_names.items()]
    SkillGroup.objects.bulk_create(
        groups, batch_size=BATCH_SIZE, update_conflicts=True, unique_fields=["code"], update_fields=["name"]
    )
    rows = [
        Skill(skill_id=s.id, name=s.name[:255], source=s.source, is_hot=s.id in taxonomy.hot_skills)
        for s in taxonomy.skills.values()
    ]
    Skill.objects.bulk_create(
        rows,
        batch_size=BATCH_SIZE,
        update_conflicts=True,
        unique_fields=["skill_id"],
        update_fields=["name", "source", "is_hot", "is_current"],
    )
    Skill.objects.exclude(skill_id__in=list(taxonomy.skills)).update(is_current=False)


def _replace_links(taxonomy: Taxonomy) -> None:
    membership = Skill.groups.through
    for table in (AlternateTitle, RelatedOccupation, SkillAlias, OccupationSkill, OccupationLink, membership):
        table._default_manager.all().delete()
    _bulk(
        [
            AlternateTitle(occupation_id=code, title=title[:255], kind=kind)
            for kind, source in (
                (AlternateTitle.Kind.ALTERNATE, taxonomy.alternate_titles),
                (AlternateTitle.Kind.SHORT, taxonomy.short_titles),
            )
            for code, titles in source.items()
            for title in dict.fromkeys(titles)
        ]
    )
    _bulk(
        [
            RelatedOccupation(occupation_id=code, related_id=other, rank=rank)
            for code, others in taxonomy.related_occupations.items()
            for rank, other in enumerate(dict.fromkeys(others), start=1)
        ]
    )
    _bulk([SkillAlias(alias=alias[:255], skill_id=sid) for alias, sid in taxonomy.skill_aliases.items()])
    _bulk(
        [
            OccupationSkill(occupation_id=code, skill_id=sid)
            for code, skill_ids in taxonomy.occupation_skills.items()
            for sid in sorted(skill_ids)
        ]
    )
    _bulk(
        [OccupationLink(external_id=uri[:255], occupation_id=code) for uri, code in taxonomy.occupation_links.items()]
    )
    _bulk(
        [
            membership(skill_id=sid, skillgroup_id=group)
            for sid, groups in taxonomy.skill_groups.items()
            for group in sorted(groups)
        ]
    )


def _bulk(rows: list[Model]) -> None:
    if rows:
        type(rows[0])._default_manager.bulk_create(rows, batch_size=BATCH_SIZE)
