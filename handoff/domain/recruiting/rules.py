"""Who may do what in recruiting, decided from the role and the engagement's division of work.

These answer "may this role do this kind of thing"; the actions also check that the actor sees the client.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import TextChoices

from handoff.domain.engagements.models import HiringStage, RpoEngagement, RpoModel
from handoff.domain.recruiting.models import PipelineStage, Requisition, StageOutcome, StageOwner
from handoff.domain.tenancy.access import Actor, real_user
from handoff.domain.tenancy.roles import TALENT_POOL_ROLES, ClientRole, StaffRole

if TYPE_CHECKING:
    from handoff.domain.accounts.models import User

# Who raises and edits requisitions: client HR, or a recruiter (or the account's managers) for the client.
REQUISITION_RAISERS = frozenset({StaffRole.ADMIN, StaffRole.ACCOUNT_MANAGER, StaffRole.RECRUITER, ClientRole.HR_ADMIN})
# Who works a pipeline (moves, rejects, notes): provider recruiting staff and the client's HR and hiring managers.
PIPELINE_ROLES = frozenset({*TALENT_POOL_ROLES, ClientRole.HR_ADMIN, ClientRole.HIRING_MANAGER})
CLIENT_APPROVERS = frozenset({ClientRole.HR_ADMIN})
PROVIDER_APPROVERS = frozenset({StaffRole.ADMIN, StaffRole.ACCOUNT_MANAGER})


def _person(actor: Actor) -> User | None:
    return real_user(actor)


def works_talent_pool(actor: Actor) -> bool:
    """Provider staff who see the whole talent pool and add, edit and merge candidates."""
    person = _person(actor)
    return person is not None and person.is_provider and person.role in TALENT_POOL_ROLES


def raises_requisitions(actor: Actor) -> bool:
    person = _person(actor)
    return person is not None and person.role in REQUISITION_RAISERS


def works_pipelines(actor: Actor) -> bool:
    person = _person(actor)
    return person is not None and person.role in PIPELINE_ROLES


def side_of(actor: Actor) -> str | None:
    """ "provider" or "client": the side of the engagement the actor works on."""
    person = _person(actor)
    if person is None:
        return None
    return StageOwner.PROVIDER if person.is_provider else StageOwner.CLIENT


def approving_side(engagement: RpoEngagement) -> str:
    """The client approves requisitions, except in a hybrid engagement that gave the requisition stage away."""
    if engagement.model == RpoModel.HYBRID and HiringStage.REQUISITION in (engagement.provider_stages or []):
        return StageOwner.PROVIDER
    return StageOwner.CLIENT


def approves(actor: Actor, requisition: Requisition) -> bool:
    """Client HR admins (or the requisition's hiring manager); provider admins and account managers instead
    when a hybrid engagement gave the provider the requisition stage."""
    person = _person(actor)
    if person is None:
        return False
    if approving_side(requisition.engagement) == StageOwner.PROVIDER:
        return person.is_provider and person.role in PROVIDER_APPROVERS
    if person.is_provider:
        return False
    return person.role in CLIENT_APPROVERS or (
        person.role == ClientRole.HIRING_MANAGER and requisition.hiring_manager_id == person.pk
    )


def stage_owner(engagement: RpoEngagement, hiring_stage: str, *, client_review: bool = False) -> str:
    """Who runs a pipeline stage: the client always reviews submissions; the rest follows the engagement."""
    if client_review:
        return StageOwner.CLIENT
    if not hiring_stage or hiring_stage in (engagement.provider_stages or []):
        return StageOwner.PROVIDER
    return StageOwner.CLIENT


def moves_between(actor: Actor, from_stage: PipelineStage | None, to_stage: PipelineStage) -> bool:
    """The side that runs the stage an application is in decides where it goes next (handing it over to the
    other side's stage included). Rejecting or withdrawing is open to either side; provider admins move anything.
    """
    person = _person(actor)
    if person is None or person.role not in PIPELINE_ROLES:
        return False
    if person.is_provider_admin or to_stage.outcome in (StageOutcome.REJECTED, StageOutcome.WITHDRAWN):
        return True
    return from_stage is None or from_stage.owner == side_of(person)


class DefaultStage(TextChoices):
    SOURCED = "sourced", "Sourced"
    APPLIED = "applied", "Applied"
    SCREENED = "screened", "Screened"
    SUBMITTED = "submitted", "Submitted"
    CLIENT_REVIEW = "client_review", "Client review"
    INTERVIEW = "interview", "Interview"
    OFFER = "offer", "Offer"
    HIRED = "hired", "Hired"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


# key -> (outcome, the engagement's hiring stage it belongs to, days before it is stale)
DEFAULT_PIPELINE: dict[str, tuple[str, str, int | None]] = {
    DefaultStage.SOURCED: (StageOutcome.ACTIVE, HiringStage.SOURCING, 7),
    DefaultStage.APPLIED: (StageOutcome.ACTIVE, HiringStage.SOURCING, 3),
    DefaultStage.SCREENED: (StageOutcome.ACTIVE, HiringStage.SCREENING, 5),
    DefaultStage.SUBMITTED: (StageOutcome.ACTIVE, HiringStage.SCREENING, 3),
    DefaultStage.CLIENT_REVIEW: (StageOutcome.ACTIVE, HiringStage.SCREENING, 5),
    DefaultStage.INTERVIEW: (StageOutcome.ACTIVE, HiringStage.INTERVIEWING, 10),
    DefaultStage.OFFER: (StageOutcome.ACTIVE, HiringStage.OFFER, 7),
    DefaultStage.HIRED: (StageOutcome.HIRED, HiringStage.ONBOARDING, None),
    DefaultStage.REJECTED: (StageOutcome.REJECTED, "", None),
    DefaultStage.WITHDRAWN: (StageOutcome.WITHDRAWN, "", None),
}
