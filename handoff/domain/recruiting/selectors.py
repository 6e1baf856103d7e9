"""Reads of recruiting data.

Requisitions, stages, applications and their notes and transitions are scoped to the actor's visible
clients. The talent pool (candidates, internal notes, events) is read only by provider staff who work it;
everyone else gets nothing, and client users see a candidate only through an application of their client.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from rapidfuzz import fuzz

from handoff.domain.accounts.models import User
from handoff.domain.recruiting.models import (
    Application,
    ApplicationNote,
    Candidate,
    CandidateEvent,
    CandidateNote,
    PipelineStage,
    Requisition,
    RequisitionEvent,
    StageOutcome,
    StageTransition,
)
from handoff.domain.recruiting.normalise import normalise_email, normalise_phone, normalise_profile_url
from handoff.domain.recruiting.rules import works_talent_pool
from handoff.domain.tenancy.access import Actor, access_owned, scoped, visible_clients
from handoff.domain.tenancy.models import Client
from handoff.domain.tenancy.roles import ClientRole

FUZZY_NAME_THRESHOLD = 85  # rapidfuzz token_sort_ratio, 0-100
MAX_SUGGESTIONS = 10

# --- requisitions ---------------------------------------------------------------------------------------------


def requisitions(actor: Actor, client: Client | None = None) -> QuerySet[Requisition]:
    rows = scoped(actor, Requisition).select_related("client", "engagement", "hiring_manager")
    return rows.filter(client=client) if client is not None else rows


def requisitions_with_counts(actor: Actor, client: Client | None = None) -> QuerySet[Requisition]:
    """Requisitions with the number of applications in progress and hired (for lists)."""
    return requisitions(actor, client).annotate(
        active_count=Count("applications", filter=Q(applications__stage__outcome=StageOutcome.ACTIVE)),
        hired_count=Count("applications", filter=Q(applications__stage__outcome=StageOutcome.HIRED)),
    )


def requisition(actor: Actor, pk: Any) -> Requisition:
    return access_owned(actor, requisitions(actor), pk)


def requisition_events(actor: Actor, requisition: Requisition) -> QuerySet[RequisitionEvent]:
    return scoped(actor, RequisitionEvent).filter(requisition=requisition).select_related("actor")


# --- the pipeline ---------------------------------------------------------------------------------------------


def pipeline(actor: Actor, requisition: Requisition) -> list[PipelineStage]:
    """The stages of the requisition's pipeline: its engagement's own, else the client-wide template."""
    stages = scoped(actor, PipelineStage).filter(client_id=requisition.client_id)
    own = list(stages.filter(engagement_id=requisition.engagement_id))
    return own or list(stages.filter(engagement__isnull=True))


def applications(actor: Actor, client: Client | None = None) -> QuerySet[Application]:
    rows = scoped(actor, Application).select_related("candidate", "stage", "requisition", "client")
    return rows.filter(client=client) if client is not None else rows


def application(actor: Actor, pk: Any) -> Application:
    return access_owned(actor, applications(actor), pk)


def requisition_applications(actor: Actor, requisition: Requisition) -> QuerySet[Application]:
    return applications(actor).filter(requisition=requisition)


@dataclass(frozen=True)
class ApplicationFilters:
    stage: str = ""  # a stage key
    tag: str = ""
    search: str = ""  # candidate name, e-mail or city
    stale_only: bool = False
    order: str = "-stage_entered_at"


ORDERINGS = {
    "-stage_entered_at": ("-stage_entered_at", "-pk"),
    "stage_entered_at": ("stage_entered_at", "pk"),
    "name": ("candidate__full_name", "pk"),
    "-name": ("-candidate__full_name", "-pk"),
    "stage": ("stage__position", "candidate__full_name"),
    "-stage": ("-stage__position", "candidate__full_name"),
}


def filter_applications(rows: QuerySet[Application], filters: ApplicationFilters) -> QuerySet[Application]:
    if filters.stage:
        rows = rows.filter(stage__key=filters.stage)
    if filters.tag:
        rows = _with_tag(rows, filters.tag)
    if filters.search:
        text = filters.search
        by_name = Q(candidate__full_name__icontains=text) | Q(candidate__email__icontains=text)
        rows = rows.filter(by_name | Q(candidate__city__icontains=text))
    return rows.order_by(*ORDERINGS.get(filters.order, ORDERINGS["-stage_entered_at"]))


def _with_tag(rows: QuerySet[Application], tag: str) -> QuerySet[Application]:
    """Rows whose tag list holds ``tag``: the quoted tag inside the stored JSON text (SQLite has no JSON
    containment); a tag never holds a quote of its own (the actions refuse them)."""
    return rows.filter(tags__icontains=f'"{tag}"')


def is_stale(application: Application, now: dt.datetime | None = None) -> bool:
    """Whether the application has stayed in its (active) stage longer than the stage allows."""
    days = application.stage.stale_after_days
    if application.stage.is_terminal or not days:
        return False
    return (now or timezone.now()) - application.stage_entered_at > dt.timedelta(days=days)


def application_notes(actor: Actor, application: Application) -> QuerySet[ApplicationNote]:
    return scoped(actor, ApplicationNote).filter(application=application).select_related("author")


def application_transitions(actor: Actor, application: Application) -> QuerySet[StageTransition]:
    return (
        scoped(actor, StageTransition).filter(application=application).select_related("from_stage", "to_stage", "actor")
    )


# --- the talent pool ------------------------------------------------------------------------------------------


def candidates(actor: Actor) -> QuerySet[Candidate]:
    """The provider's talent pool (merged-away duplicates left out), for staff who work it; empty otherwise."""
    rows = Candidate.objects.filter(merged_into__isnull=True)
    return rows if works_talent_pool(actor) else rows.none()


def search_candidates(actor: Actor, text: str) -> QuerySet[Candidate]:
    """The pool candidates whose name, e-mail, city or headline holds ``text``, answered from an index."""
    from handoff.domain.recruiting import search  # (search builds on ``candidates`` above)

    return search.search_candidates(actor, text)


def candidate(actor: Actor, pk: Any) -> Candidate:
    """One candidate of the pool (merged ones too: their page points at the profile they were merged into)."""
    rows = Candidate.objects.all() if works_talent_pool(actor) else Candidate.objects.none()
    try:
        return rows.get(pk=int(pk))
    except (Candidate.DoesNotExist, TypeError, ValueError) as exc:
        raise Http404("Not found") from exc


def candidate_applications(actor: Actor, candidate: Candidate) -> QuerySet[Application]:
    """The candidate's applications to the clients the actor sees (never another client's)."""
    return applications(actor).filter(candidate=candidate)


def candidate_notes(actor: Actor, candidate: Candidate) -> QuerySet[CandidateNote]:
    rows = CandidateNote.objects.filter(candidate=candidate).select_related("author")
    return rows if works_talent_pool(actor) else rows.none()


def candidate_events(actor: Actor, candidate: Candidate) -> QuerySet[CandidateEvent]:
    rows = CandidateEvent.objects.filter(candidate=candidate).select_related("actor")
    return rows if works_talent_pool(actor) else rows.none()


@dataclass(frozen=True)
class TimelineEntry:
    at: dt.datetime
    kind: str
    text: str
    actor: str


def candidate_timeline(actor: Actor, candidate: Candidate) -> list[TimelineEntry]:
    """Pool events, internal notes and the stage moves of applications the actor sees, newest first."""
    entries = [
        TimelineEntry(event.at, "event", event.get_kind_display(), str(event.actor or ""))
        for event in candidate_events(actor, candidate)
    ]
    entries += [
        TimelineEntry(note.created_at, "note", note.body, str(note.author or ""))
        for note in candidate_notes(actor, candidate)
    ]
    moves = (
        scoped(actor, StageTransition)
        .filter(application__candidate=candidate)
        .select_related("to_stage", "actor", "application__requisition")
    )
    entries += [
        TimelineEntry(
            move.at, "move", f"{move.application.requisition.title}: {move.to_stage.name}", str(move.actor or "")
        )
        for move in moves
    ]
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


@dataclass(frozen=True)
class DuplicateMatch:
    candidate: Candidate
    reasons: tuple[str, ...]  # "e-mail", "phone", "profile URL", "similar name and location"
    exact: bool


@dataclass(frozen=True)
class ContactDetails:
    full_name: str = ""
    email: str = ""
    phone: str = ""
    profile_url: str = ""
    city: str = ""
    country: str = ""


def find_duplicates(actor: Actor, details: ContactDetails, *, exclude_pk: int | None = None) -> list[DuplicateMatch]:
    """Candidates of the pool that are probably this person.

    Exact: the same normalised e-mail, E.164 phone or profile URL. Suggested: a similar name (rapidfuzz
    token-sort ratio) in the same country and, when both have one, the same city.
    """
    pool = candidates(actor).exclude(pk=exclude_pk or 0)
    keys = {
        "e-mail": ("email_normalised", normalise_email(details.email)),
        "phone": ("phone_e164", normalise_phone(details.phone, details.country)),
        "profile URL": ("profile_url_normalised", normalise_profile_url(details.profile_url)),
    }
    query = Q()
    for column, value in keys.values():
        if value:
            query |= Q(**{column: value})
    found: dict[int, DuplicateMatch] = {}
    if query:
        for row in pool.filter(query):
            reasons = tuple(label for label, (column, value) in keys.items() if value and getattr(row, column) == value)
            found[row.pk] = DuplicateMatch(row, reasons, exact=True)
    for row in _similar_names(pool, details):
        found.setdefault(row.pk, DuplicateMatch(row, ("similar name and location",), exact=False))
    return sorted(found.values(), key=lambda match: (not match.exact, match.candidate.full_name))[:MAX_SUGGESTIONS]


def _similar_names(pool: QuerySet[Candidate], details: ContactDetails) -> list[Candidate]:
    name = details.full_name.strip()
    if not name or not details.country:
        return []
    nearby = pool.filter(country=details.country)
    if details.city:
        nearby = nearby.filter(Q(city__iexact=details.city.strip()) | Q(city=""))
    rows = list(nearby.only("pk", "full_name", "city", "country", "email")[:2000])
    return [row for row in rows if fuzz.token_sort_ratio(name.lower(), row.full_name.lower()) >= FUZZY_NAME_THRESHOLD]


# --- reads for the board --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BoardColumn:
    stage: PipelineStage
    cards: list[Application]


def board(actor: Actor, requisition: Requisition) -> list[BoardColumn]:
    """The kanban columns of a requisition, in stage order: two queries whatever the number of cards."""
    stages = pipeline(actor, requisition)
    by_id = {stage.pk: stage for stage in stages}
    cards: dict[int, list[Application]] = {stage.pk: [] for stage in stages}
    rows = (
        scoped(actor, Application)
        .filter(requisition=requisition)
        .select_related("candidate")
        .only(*BOARD_CARD_FIELDS)
        .order_by("stage_entered_at", "pk")
    )
    for row in rows:
        if row.stage_id in by_id:
            row.stage = by_id[row.stage_id]  # the stages are loaded once, not once per card
        cards.setdefault(row.stage_id, []).append(row)
    return [BoardColumn(stage, cards[stage.pk]) for stage in stages]


# What a board card shows (name, place, tags, time in stage): only these columns are read for 2,000 cards.
BOARD_CARD_FIELDS = (
    "id",
    "client_id",
    "requisition_id",
    "stage_id",
    "stage_entered_at",
    "tags",
    "candidate__id",
    "candidate__full_name",
    "candidate__city",
    "candidate__country",
)


def hiring_managers(actor: Actor) -> QuerySet[User]:
    """The hiring managers of the clients the actor sees (to name on a requisition)."""
    return User.objects.filter(
        client__in=visible_clients(actor), role=ClientRole.HIRING_MANAGER, is_active=True
    ).order_by("full_name")
