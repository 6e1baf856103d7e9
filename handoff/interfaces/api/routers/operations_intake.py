"""Intake and item extras: CSV upload per service, the inbound address, attachments, merging, SLA and risk."""

from django.http import HttpRequest, HttpResponse
from ninja import File, Router, UploadedFile
from ninja.responses import Status

from handoff.domain.operations import selectors
from handoff.domain.operations.actions.attachments import add_attachment
from handoff.domain.operations.actions.csv_intake import import_csv
from handoff.domain.operations.actions.email_intake import address_of
from handoff.domain.operations.actions.merge import merge_items
from handoff.domain.operations.models import Attachment
from handoff.domain.operations.permissions import follows_items, is_worker, require
from handoff.interfaces.api.auth import actor
from handoff.interfaces.api.schemas.base import ObjectId
from handoff.interfaces.api.schemas.errors import error_responses
from handoff.interfaces.api.schemas.operations_intake import (
    AttachmentOut,
    CsvAcceptedRow,
    CsvRejectedRow,
    CsvReportOut,
    CsvRowError,
    IntakeAddressOut,
    ItemSlaOut,
    MergeIn,
    MergeOut,
    QueueBoardOut,
    RiskOut,
    TargetOut,
)
from handoff.interfaces.web.download import attachment_response

router = Router(tags=["Intake"])


@router.post("/services/{service_id}/csv", response={200: CsvReportOut, **error_responses(400, 403, 404, 422)})
def post_service_csv(request: HttpRequest, service_id: ObjectId, file: File[UploadedFile]) -> CsvReportOut:
    """Raise one item per row; good rows are kept, each bad row is reported with its line and field messages."""
    user = actor(request)
    service = selectors.service(user, service_id)
    report = import_csv(user, service, file.read())
    return CsvReportOut(
        total=report.total,
        accepted=[CsvAcceptedRow(line=line, item_id=item.pk) for line, item in report.accepted],
        rejected=[
            CsvRejectedRow(
                line=row.line,
                errors=[CsvRowError(field=f, message=m) for f, messages in row.errors.items() for m in messages],
            )
            for row in report.rejected
        ],
    )


@router.get("/services/{service_id}/intake-address", response={200: IntakeAddressOut, **error_responses(403, 404, 422)})
def get_intake_address(request: HttpRequest, service_id: ObjectId) -> IntakeAddressOut:
    """The service's inbound email address (made on first use)."""
    user = actor(request)
    service = selectors.service(user, service_id)
    require(follows_items(user), "Your role does not raise work items.")
    return IntakeAddressOut(service_id=service.pk, address=address_of(service))


@router.get("/items/{item_id}/attachments", response={200: list[AttachmentOut], **error_responses(404, 422)})
def list_item_attachments(request: HttpRequest, item_id: ObjectId) -> list[Attachment]:
    user = actor(request)
    return list(selectors.attachments(user, selectors.work_item(user, item_id)))


@router.post("/items/{item_id}/attachments", response={201: AttachmentOut, **error_responses(400, 403, 404, 422)})
def post_item_attachment(request: HttpRequest, item_id: ObjectId, file: File[UploadedFile]) -> Status[Attachment]:
    user = actor(request)
    item = selectors.work_item(user, item_id)
    return Status(201, add_attachment(user, item, file.name or "file", file.read()))


@router.get("/items/{item_id}/attachments/{attachment_id}", response={200: None, **error_responses(404, 422)})
def get_item_attachment(request: HttpRequest, item_id: ObjectId, attachment_id: ObjectId) -> HttpResponse:
    """The file itself (as a download)."""
    user = actor(request)
    return attachment_response(selectors.attachment(user, selectors.work_item(user, item_id), attachment_id))


@router.post("/items/{item_id}/merge", response={200: MergeOut, **error_responses(400, 403, 404, 422)})
def post_item_merge(request: HttpRequest, item_id: ObjectId, payload: MergeIn) -> MergeOut:
    """Merge this item (a duplicate) into ``into_id``: its conversation and files move; it is closed as merged."""
    user = actor(request)
    duplicate = selectors.work_item(user, item_id)
    target = selectors.work_item(user, payload.into_id)
    result = merge_items(user, target, duplicate)
    return MergeOut(
        into_id=result.target.pk,
        merged_id=result.duplicate.pk,
        messages_moved=result.messages_moved,
        attachments_moved=result.attachments_moved,
    )


@router.get("/items/{item_id}/sla", response={200: ItemSlaOut, **error_responses(404, 422)})
def get_item_sla(request: HttpRequest, item_id: ObjectId) -> ItemSlaOut:
    """Every SLA target's state and deadline (UTC), and the breach-risk estimate of the resolution target."""
    user = actor(request)
    item = selectors.work_item(user, item_id)
    status = selectors.item_sla(user, item)
    risk = selectors.breach_risks(user, [item]).get(item.pk)
    return ItemSlaOut(
        item_id=item.pk,
        targets=[
            TargetOut(
                kind=str(t.kind),
                state=str(t.state),
                deadline=t.deadline,
                warn_at=t.warn_at,
                paused=t.paused,
                met_at=t.met_at,
            )
            for t in status.targets
        ],
        risk=RiskOut(
            probability=round(risk.probability, 4),
            level=str(risk.level),
            expected_finish_minutes=risk.expected_finish_minutes if risk.expected_finish_minutes < 1e18 else None,
        )
        if risk
        else None,
    )


@router.get("/queues/{queue_id}/board", response={200: QueueBoardOut, **error_responses(403, 404, 422)})
def get_queue_board(request: HttpRequest, queue_id: ObjectId) -> QueueBoardOut:
    """The team lead's view of a queue: backlog, items at risk (most likely to breach first), breached items."""
    user = actor(request)
    queue = selectors.queue(user, queue_id)
    require(is_worker(user), "The queue board is for provider staff.")
    board = selectors.team_lead_board(user, queue)
    return QueueBoardOut(
        queue_id=queue.pk,
        backlog=board.backlog,
        in_hand=board.in_hand,
        waiting_on_client=board.waiting_on_client,
        agents_serving=board.load.agents,
        mean_handling_minutes=round(board.load.mean_handling_minutes, 1),
        at_risk=[item.pk for item, _risk in board.at_risk],
        breached=[item.pk for item in board.breached],
    )
