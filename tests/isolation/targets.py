"""Object type (from the policy) → the ids a probe puts in a URL: the persona's own one, and client B's one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from handoff.domain.tenancy.models import Client
from tests.isolation import assurance_world, careers_world, interviews_world, io_world, offers_world, portal_world
from tests.isolation.routes import Route, regex_alternatives
from tests.isolation.world import IsolationWorld

MISSING_ID = "987654321"  # no row has this id: a foreign id must be answered exactly like it
ADMIN_MISSING_PATH = "no-such-admin-page/"

# Provider-owned models: their ids are nobody's client data, so there is no foreign id to try.
PROVIDER_MODELS = {
    "DeliveryCenter": "engagements.DeliveryCenter",
    "Group": "auth.Group",
    "TaskResult": "django_tasks_database.DBTaskResult",
    "Candidate": "recruiting.Candidate",  # the provider's talent pool
    "AgentProfile": "operations.AgentProfile",
    "CenterHoliday": "operations.CenterHoliday",
    "RejectedEmail": "operations.RejectedEmail",  # refused inbound email: no client known yet
    "RateCard": "advisor.RateCard",
    "AssumptionSet": "advisor.AssumptionSet",
    "AdvisorReport": "advisor.AdvisorReport",
    "Lead": "advisor.Lead",
    "Occupation": "taxonomy.Occupation",
    "Skill": "taxonomy.Skill",
    "ImportRun": "taxonomy.ImportRun",
    "ImportJob": "imports.ImportJob",  # candidate imports: provider data, like the pool
}


@dataclass(frozen=True)
class Ids:
    own: str  # client A's object (the persona's own where that means something: its user, its token)
    foreign: str | None  # client B's object; None when the type is not client data


def _pk(row: object) -> str:
    return str(getattr(row, "pk", row))


def _provider_row(label: str) -> str:
    row = apps.get_model(label)._default_manager.order_by("pk").first()
    return _pk(row) if row is not None else MISSING_ID


@dataclass(frozen=True)
class Targets:
    world: IsolationWorld

    def ids(self, target: str, persona: str, route: Route, kwarg: str) -> Ids:
        if target in PROVIDER_MODELS:
            return Ids(_provider_row(PROVIDER_MODELS[target]), None)
        if target in CLIENT_DATA:
            return CLIENT_DATA[target](self.world, persona)
        return self._plumbing(target, route, kwarg)

    def _plumbing(self, target: str, route: Route, kwarg: str) -> Ids:
        if target == "AppLabel":
            labels = regex_alternatives(route, kwarg)
            return Ids("engagements" if "engagements" in labels or not labels else labels[0], None)
        if target == "AdminPath":
            return Ids(ADMIN_MISSING_PATH, None)
        if target == "ContentType":
            return Ids(str(ContentType.objects.get_for_model(Client).pk), None)
        raise KeyError(target)


def _operations_ids(world: IsolationWorld, label: str) -> Ids:
    """Client A's and client B's first row of an operations model (made by tests/isolation/operations_world.py)."""
    rows = apps.get_model(label)._default_manager.order_by("pk")
    own, foreign = rows.filter(client=world.client_a).first(), rows.filter(client=world.client_b).first()
    return Ids(_pk(own) if own else MISSING_ID, _pk(foreign) if foreign else MISSING_ID)


def _user(world: IsolationWorld, persona: str) -> Ids:
    own = world.base.users.get(persona, world.base.users["hr_admin_a"])
    return Ids(_pk(own), _pk(world.base.users["hr_admin_b"]))


def _token(world: IsolationWorld, persona: str) -> Ids:
    own = world.tokens.get(persona, world.tokens["hr_admin_a"])
    return Ids(_pk(own.token), _pk(world.tokens["hr_admin_b"].token))


def _pair(rows: tuple[object | None, object | None]) -> Ids:
    own, foreign = rows
    return Ids(_pk(own) if own else MISSING_ID, _pk(foreign) if foreign else MISSING_ID)


CLIENT_DATA: dict[str, Callable[[IsolationWorld, str], Ids]] = {
    "Submittal": lambda world, _: _pair(portal_world.submittal_ids(world.base)),
    "Notification": lambda world, persona: _pair(portal_world.notification_ids(world.base, persona)),
    "Client": lambda world, _: Ids(_pk(world.client_a), _pk(world.client_b)),
    "BpoEngagement": lambda world, _: Ids(_pk(world.base.bpo_a), _pk(world.base.bpo_b)),
    "RpoEngagement": lambda world, _: Ids(_pk(world.base.rpo_a), _pk(world.base.rpo_b)),
    "AccountAssignment": lambda world, _: Ids(_pk(world.assignment_a), _pk(world.assignment_b)),
    "User": _user,
    "ApiToken": _token,
    "Requisition": lambda world, _: Ids(
        _pk(world.base.recruiting.requisition_a), _pk(world.base.recruiting.requisition_b)
    ),
    "Application": lambda world, _: Ids(
        _pk(world.base.recruiting.application_a), _pk(world.base.recruiting.application_b)
    ),
    "PipelineStage": lambda world, _: Ids(
        str(world.base.recruiting.application_a.stage_id), str(world.base.recruiting.application_b.stage_id)
    ),
    "Service": lambda world, _: _operations_ids(world, "operations.Service"),
    "Queue": lambda world, _: _operations_ids(world, "operations.Queue"),
    "WorkItem": lambda world, _: _operations_ids(world, "operations.WorkItem"),
    "Rule": lambda world, _: _operations_ids(world, "automation.Rule"),
    "Macro": lambda world, _: _operations_ids(world, "operations.Macro"),
    "AgentCertification": lambda world, _: _operations_ids(world, "operations.AgentCertification"),
    "Attachment": lambda world, _: _operations_ids(world, "operations.Attachment"),
    # public pages: the probed site is a third client's; B's posting slug under it must be a 404 like a missing one
    "CareerSite": lambda world, _: Ids(careers_world.gamma_site(), None),
    "JobPosting": lambda world, _: Ids(*careers_world.posting_slugs(world.base)),
    "WebhookEndpoint": lambda world, _: Ids(
        *(_pk(row) if row else MISSING_ID for row in io_world.endpoint_ids(world.base))
    ),
    "Offer": lambda world, _: _operations_ids(world, "offers.Offer"),
    "Onboarding": lambda world, _: _operations_ids(world, "offers.Onboarding"),
    "OnboardingTask": lambda world, _: _operations_ids(world, "offers.OnboardingTask"),
    "HireSurvey": lambda world, _: _operations_ids(world, "offers.HireSurvey"),
    # signed links (no login): the probed ones are a third client's (Gamma's); a link is not an id to swap
    "OfferToken": lambda world, _: Ids(offers_world.offer_token(), None),
    "OnboardingToken": lambda world, _: Ids(offers_world.onboarding_token(), None),
    # assurance: B's pending change and sampled item; the CSAT link probed is A's own (a link is not an id to swap)
    "ChangeRequest": lambda world, _: Ids(*assurance_world.pending_change_ids(world.client_a, world.client_b)),
    "QaSample": lambda world, _: Ids(*assurance_world.sample_ids(world.client_a, world.client_b)),
    "CsatSurvey": lambda world, _: Ids(assurance_world.survey_link_a(world.client_a), None),
    # interviews: A's and B's booked interview; the slot link probed is a third client's (Delta's)
    "Interview": lambda world, _: Ids(*interviews_world.interview_ids(world.client_a.pk, world.client_b.pk)),
    "SlotOfferToken": lambda world, _: Ids(interviews_world.delta_token(), None),
}
KNOWN_TARGETS = frozenset({*CLIENT_DATA, *PROVIDER_MODELS, "AppLabel", "AdminPath", "ContentType"})
