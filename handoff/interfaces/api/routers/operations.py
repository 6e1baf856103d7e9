"""Work items of the clients the caller may see: raise (one or a batch), list, read, claim, assign, status, messages."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status

from handoff.domain.operations import selectors
from handoff.domain.operations.actions.claims import AlreadyTaken, Claim, assign, assign_to_me, claim_next
from handoff.domain.operations.actions.items import (
    add_message,
    change_status,
    create_item,
    create_items,
    fill_custom_fields,
)
from handoff.domain.operations.actions.missing_fields import with_open_marks
from handoff.domain.operations.models import ItemStatus, Message, WorkItem
from handoff.domain.tenancy.access import access_client
from handoff.interfaces.api.auth import actor
from handoff.interfaces.api.errors import FieldRenames
from handoff.interfaces.api.pagination import PageNumberPagination
from handoff.interfaces.api.schemas.base import ObjectId, model_data
from handoff.interfaces.api.schemas.errors import error_responses
from handoff.interfaces.api.schemas.operations import (
    AssignIn,
    ClaimOut,
    CustomFieldsIn,
    MessageIn,
    MessageOut,
    StatusIn,
    WorkItemBatchIn,
    WorkItemIn,
    WorkItemOut,
)

router = Router(tags=["Work items"])

RENAMES = {"queue": "queue_id", "parent": "parent_id", "service": "service_id"}


@router.get("", response={200: list[WorkItemOut], **error_responses(404, 422)})
@paginate(PageNumberPagination)
def list_work_items(
    request: HttpRequest,
    client_id: ObjectId | None = None,
    status: ItemStatus | None = None,
    mine: bool = False,
) -> QuerySet[WorkItem]:
    user = actor(request)
    client = access_client(user, client_id) if client_id is not None else None
    rows = selectors.my_items(user) if mine else selectors.work_items(user, client)
    if client is not None:
        rows = rows.filter(client=client)
    return with_open_marks(rows.filter(status=status) if status is not None else rows)


@router.post("", response={201: WorkItemOut, **error_responses(400, 403, 404, 422)})
def post_work_item(request: HttpRequest, payload: WorkItemIn) -> Status[WorkItem]:
    with FieldRenames(RENAMES):
        item = create_item(actor(request), payload.service_id, model_data(payload, exclude={"service_id"}))
    return Status(201, item)


@router.post("/batch", response={201: list[WorkItemOut], **error_responses(400, 403, 404, 422)})
def post_work_items(request: HttpRequest, payload: WorkItemBatchIn) -> Status[list[WorkItem]]:
    """All or nothing: one bad item refuses the batch, with errors named ``items.<n>.<field>``."""
    rows = [model_data(item) for item in payload.items]
    return Status(201, create_items(actor(request), rows))


@router.post("/claim-next", response={200: ClaimOut, **error_responses(403)})
def post_claim_next(request: HttpRequest) -> Claim:
    """Take the next item for the calling agent (each item is claimed by exactly one agent)."""
    return claim_next(actor(request))


@router.get("/{item_id}", response={200: WorkItemOut, **error_responses(404, 422)})
def get_work_item(request: HttpRequest, item_id: ObjectId) -> WorkItem:
    return selectors.work_item(actor(request), item_id)


@router.post("/{item_id}/assign-to-me", response={200: WorkItemOut, **error_responses(403, 404, 409, 422)})
def post_assign_to_me(request: HttpRequest, item_id: ObjectId) -> WorkItem:
    user = actor(request)
    try:
        return assign_to_me(user, selectors.work_item(user, item_id))
    except AlreadyTaken as error:
        raise HttpError(409, str(error)) from error


@router.post("/{item_id}/assign", response={200: WorkItemOut, **error_responses(400, 403, 404, 422)})
def post_assign_item(request: HttpRequest, item_id: ObjectId, payload: AssignIn) -> WorkItem:
    """Manual assignment by a team lead or provider admin (or unassignment with a null assignee)."""
    user = actor(request)
    with FieldRenames({"assignee": "assignee_id"}):
        return assign(user, selectors.work_item(user, item_id), payload.assignee_id)


@router.post("/{item_id}/status", response={200: WorkItemOut, **error_responses(400, 403, 404, 422)})
def post_item_status(request: HttpRequest, item_id: ObjectId, payload: StatusIn) -> WorkItem:
    user = actor(request)
    return change_status(user, selectors.work_item(user, item_id), payload.status)


@router.post("/{item_id}/custom-fields", response={200: WorkItemOut, **error_responses(400, 403, 404, 422)})
def post_item_custom_fields(request: HttpRequest, item_id: ObjectId, payload: CustomFieldsIn) -> WorkItem:
    """Set custom field values (provider staff): how an item raised by email gets its required fields."""
    user = actor(request)
    return fill_custom_fields(user, selectors.work_item(user, item_id), payload.custom_fields)


@router.get("/{item_id}/messages", response={200: list[MessageOut], **error_responses(404, 422)})
@paginate(PageNumberPagination)
def list_item_messages(request: HttpRequest, item_id: ObjectId) -> QuerySet[Message]:
    user = actor(request)
    return selectors.messages(user, selectors.work_item(user, item_id))


@router.post("/{item_id}/messages", response={201: MessageOut, **error_responses(400, 403, 404, 422)})
def post_item_message(request: HttpRequest, item_id: ObjectId, payload: MessageIn) -> Status[Message]:
    user = actor(request)
    message = add_message(user, selectors.work_item(user, item_id), payload.kind, payload.body)
    return Status(201, message)
