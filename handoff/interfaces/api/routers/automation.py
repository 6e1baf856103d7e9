"""Automation API: rules (list, create, read, change, dry run), rule runs, the automation rate, the classifier.

Provider admins, account managers and team leads of the client (403 for other roles); a foreign rule, item or
client id answers like a missing one (404).
"""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate
from ninja.responses import Status

from handoff.domain.automation import actions, selectors
from handoff.domain.automation.actions import classifier as classify
from handoff.domain.automation.models import ClassifierModel, Rule, RuleRun, Suggestion
from handoff.domain.automation.permissions import require_automator
from handoff.domain.operations.selectors import work_item
from handoff.domain.tenancy.access import access_client
from handoff.interfaces.api.auth import actor
from handoff.interfaces.api.errors import FieldRenames
from handoff.interfaces.api.pagination import PageNumberPagination
from handoff.interfaces.api.schemas.automation import (
    ChangeOut,
    ClassifierOut,
    PreviewIn,
    PreviewOut,
    PreviewRowOut,
    QueuedOut,
    RateOut,
    RuleIn,
    RuleOut,
    RulePatch,
    RuleRunOut,
    SuggestionOut,
    TrainIn,
)
from handoff.interfaces.api.schemas.base import ObjectId, model_data
from handoff.interfaces.api.schemas.errors import error_responses

router = Router(tags=["Automation"])
RENAMES = {"service": "service_id"}


@router.get("/rules", response={200: list[RuleOut], **error_responses(403, 404, 422)})
@paginate(PageNumberPagination)
def list_automation_rules(request: HttpRequest, client_id: ObjectId | None = None) -> QuerySet[Rule]:
    user = actor(request)
    require_automator(user)
    return selectors.rules(user, access_client(user, client_id) if client_id is not None else None)


@router.post("/rules", response={201: RuleOut, **error_responses(400, 403, 404, 422)})
def post_automation_rule(request: HttpRequest, payload: RuleIn) -> Status[Rule]:
    with FieldRenames(RENAMES):
        rule = actions.create_rule(actor(request), payload.client_id, model_data(payload, exclude={"client_id"}))
    return Status(201, rule)


@router.post("/rules/preview", response={200: PreviewOut, **error_responses(400, 403, 404, 422)})
def post_rule_preview(request: HttpRequest, payload: PreviewIn) -> PreviewOut:
    """Dry run over the client's latest items: which would match and what would change; nothing is written."""
    data = model_data(payload, exclude={"client_id", "limit"})
    preview = actions.dry_run(actor(request), payload.client_id, data, limit=payload.limit)
    rows = [
        PreviewRowOut(
            item_id=row.item.pk, title=row.item.title, changes=[ChangeOut(**c.as_dict()) for c in row.changes]
        )
        for row in preview.rows
    ]
    return PreviewOut(scanned=preview.scanned, matched=preview.matched, rows=rows)


@router.get("/rules/{rule_id}", response={200: RuleOut, **error_responses(403, 404, 422)})
def get_automation_rule(request: HttpRequest, rule_id: ObjectId) -> Rule:
    return selectors.rule(actor(request), rule_id)


@router.patch("/rules/{rule_id}", response={200: RuleOut, **error_responses(400, 403, 404, 422)})
def patch_automation_rule(request: HttpRequest, rule_id: ObjectId, payload: RulePatch) -> Rule:
    user = actor(request)
    with FieldRenames(RENAMES):
        return actions.update_rule(user, selectors.rule(user, rule_id), model_data(payload))


@router.get("/runs", response={200: list[RuleRunOut], **error_responses(403, 404, 422)})
@paginate(PageNumberPagination)
def list_rule_runs(request: HttpRequest, client_id: ObjectId | None = None) -> QuerySet[RuleRun]:
    user = actor(request)
    require_automator(user)
    return selectors.rule_runs(user, access_client(user, client_id) if client_id is not None else None)


@router.get("/rate", response={200: RateOut, **error_responses(403, 404, 422)})
def get_automation_rate(request: HttpRequest, client_id: ObjectId | None = None) -> RateOut:
    """Items handled with no human touch (resolved by a rule, no agent action) among all items raised."""
    user = actor(request)
    require_automator(user)
    rate = selectors.automation_rate(user, access_client(user, client_id) if client_id is not None else None)
    return RateOut(
        items=rate.items, done=rate.done, resolved_by_rule=rate.by_rule, automated=rate.untouched, rate=rate.rate
    )


@router.get("/classifiers", response={200: list[ClassifierOut], **error_responses(403, 404, 422)})
@paginate(PageNumberPagination)
def list_classifiers(request: HttpRequest, client_id: ObjectId | None = None) -> QuerySet[ClassifierModel]:
    user = actor(request)
    require_automator(user)
    return selectors.classifier_models(user, access_client(user, client_id) if client_id is not None else None)


@router.post("/classifiers/train", response={202: QueuedOut, **error_responses(400, 403, 404, 422)})
def post_classifier_train(request: HttpRequest, payload: TrainIn) -> Status[QueuedOut]:
    """Queue training of a new version on the client's history (a background task)."""
    classify.request_training(actor(request), payload.client_id, payload.target, payload.threshold)
    return Status(202, QueuedOut(detail="Training queued."))


@router.get("/items/{item_id}/suggestions", response={200: list[SuggestionOut], **error_responses(403, 404, 422)})
@paginate(PageNumberPagination)
def list_item_suggestions(request: HttpRequest, item_id: ObjectId) -> QuerySet[Suggestion]:
    user = actor(request)
    require_automator(user)
    return selectors.item_suggestions(user, work_item(user, item_id))
